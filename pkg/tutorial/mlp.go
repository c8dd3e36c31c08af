package tutorial

// Section 2: a general multilayer perceptron, the counterpart of the
// original's Net(actv, input_feature_num, hidden_unit_nums,
// output_feature_num).
//
// The original splits the model into __init__ (build the layers) and forward
// (run them). In GoMLX a layer's variables are created the first time the
// layer is applied, so the layer loop and the forward pass are one function:
// Exercise 2, of type [MLPForwardFn]. This file describes the net; linear.go
// holds its layer, runnet.go runs it (flattening the input, protecting the
// call and checking the output), weights.go reads and writes the weights it
// keeps in a model store, and outputshape.go prints what the original prints.

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/model"
)

// OutputLayerName is the scope of the output layer, "Output_Linear" as in
// the original; hidden layer i lives in scope [HiddenLayerName](i).
const OutputLayerName = "Output_Linear"

// MaxNetParameters bounds the size of a [Net], so that a typo in a layer size
// gives an error instead of exhausting memory.
const MaxNetParameters = 1 << 28

// HiddenLayerName returns the scope name of hidden layer i, "Linear_<i>" as in
// the original.
func HiddenLayerName(i int) string { return fmt.Sprintf("Linear_%d", i) }

// Net describes a multilayer perceptron: InputFeatureNum inputs, one dense
// layer plus activation per entry of HiddenUnitNums, and a dense output layer
// of OutputFeatureNum units without activation. Build it with [NewNet]; it
// holds no weights: those live in a GoMLX model store (see [NewStore]).
type Net struct {
	ActivationSpec   string     // the specification NewNet was given, e.g. "LeakyReLU(0.1)"
	Activation       Activation // the parsed activation, applied after every hidden layer
	InputFeatureNum  int        // input size; any input is flattened to [batch, InputFeatureNum]
	HiddenUnitNums   []int      // units per hidden layer; empty means a linear model
	OutputFeatureNum int        // output size
}

// NewNet validates its arguments and returns the description of an MLP, the
// counterpart of the original's Net(actv, input_feature_num,
// hidden_unit_nums, output_feature_num).
//
// actv is an activation specification such as "ReLU()" or "LeakyReLU(0.1)"
// (see [ParseActivation]); the sizes must be > 0, hiddenUnitNums may be empty
// (a linear model), and the net may have at most [MaxNetParameters]
// parameters. hiddenUnitNums is copied.
func NewNet(actv string, inputFeatureNum int, hiddenUnitNums []int, outputFeatureNum int) (*Net, error) {
	act, err := ParseActivation(actv)
	if err != nil {
		return nil, fmt.Errorf("mlp: %w", err)
	}
	net := &Net{
		ActivationSpec:   actv,
		Activation:       act,
		InputFeatureNum:  inputFeatureNum,
		HiddenUnitNums:   slices.Clone(hiddenUnitNums),
		OutputFeatureNum: outputFeatureNum,
	}
	if err := net.Validate(); err != nil {
		return nil, err
	}
	return net, nil
}

// MustNewNet is like [NewNet] but panics on error, for notebook cells and
// examples with constant arguments.
func MustNewNet(actv string, inputFeatureNum int, hiddenUnitNums []int, outputFeatureNum int) *Net {
	net, err := NewNet(actv, inputFeatureNum, hiddenUnitNums, outputFeatureNum)
	if err != nil {
		panic(err)
	}
	return net
}

// Validate reports the first problem with the net's fields: a size <= 0, an
// invalid activation, or more than [MaxNetParameters] parameters. [NewNet]
// calls it; the functions that run a net call it again, in case the fields
// were changed afterwards.
func (net *Net) Validate() error {
	if net == nil {
		return errors.New("mlp: the net is nil")
	}
	if net.Activation.Name == "" {
		return fmt.Errorf("mlp: the net has no activation; build it with NewNet (%s)", acceptedList())
	}
	if net.InputFeatureNum <= 0 {
		return fmt.Errorf("mlp: input_feature_num must be > 0, got %d", net.InputFeatureNum)
	}
	for i, n := range net.HiddenUnitNums {
		if n <= 0 {
			return fmt.Errorf("mlp: hidden_unit_nums[%d] must be > 0, got %d (in %s)", i, n, sliceForError(net.HiddenUnitNums))
		}
	}
	if net.OutputFeatureNum <= 0 {
		return fmt.Errorf("mlp: output_feature_num must be > 0, got %d", net.OutputFeatureNum)
	}
	total := 0.0
	for _, l := range net.layerSizes() {
		total += float64(l.in+1) * float64(l.out)
	}
	if total > MaxNetParameters {
		return fmt.Errorf("mlp: the net would have %.0f parameters, more than the limit %d; check the layer sizes %d, %s, %d",
			total, MaxNetParameters, net.InputFeatureNum, sliceForError(net.HiddenUnitNums), net.OutputFeatureNum)
	}
	return nil
}

// layerSize is the name and shape of one dense layer.
type layerSize struct {
	name    string
	in, out int
}

// layerSizes lists the dense layers in order, the output layer last.
func (net *Net) layerSizes() []layerSize {
	sizes := make([]layerSize, 0, len(net.HiddenUnitNums)+1)
	in := net.InputFeatureNum
	for i, out := range net.HiddenUnitNums {
		sizes = append(sizes, layerSize{HiddenLayerName(i), in, out})
		in = out
	}
	return append(sizes, layerSize{OutputLayerName, in, net.OutputFeatureNum})
}

// NumParameters returns the number of trainable parameters of the net: for
// each dense layer in*out weights plus out biases. For Net("LeakyReLU(0.1)",
// 2, [100, 10, 5], 1) that is 1371.
func (net *Net) NumParameters() int {
	total := 0
	for _, l := range net.layerSizes() {
		total += (l.in + 1) * l.out
	}
	return total
}

// String prints the net the way PyTorch prints the original's model:
//
//	Net(
//	  (mlp): Sequential(
//	    (Linear_0): Linear(in_features=2, out_features=100, bias=True)
//	    (Activation_0): LeakyReLU(negative_slope=0.1)
//	    ...
//	    (Output_Linear): Linear(in_features=5, out_features=1, bias=True)
//	  )
//	)
func (net *Net) String() string {
	var b strings.Builder
	b.WriteString("Net(\n  (mlp): Sequential(\n")
	for i, l := range net.layerSizes() {
		fmt.Fprintf(&b, "    (%s): Linear(in_features=%d, out_features=%d, bias=True)\n", l.name, l.in, l.out)
		if i < len(net.HiddenUnitNums) {
			fmt.Fprintf(&b, "    (Activation_%d): %s\n", i, net.Activation)
		}
	}
	b.WriteString("  )\n)")
	return b.String()
}

// MLPForwardFn is the signature of Exercise 2: the layer loop and forward
// pass of the MLP described by net.
//
// x is the input already flattened to [batch, net.InputFeatureNum] float32.
// The function applies, for each i, a dense layer ([Linear]) in
// scope.In(HiddenLayerName(i)) followed by net.Activation, then the output
// layer in scope.In(OutputLayerName), and returns the logits of shape [batch,
// net.OutputFeatureNum].
type MLPForwardFn func(net *Net, scope *model.Scope, x *Node) *Node
