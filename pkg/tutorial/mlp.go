package tutorial

// Section 2: a general multilayer perceptron, the counterpart of the
// original's Net(actv, input_feature_num, hidden_unit_nums,
// output_feature_num).
//
// The original splits the model into __init__ (build the layers) and forward
// (run them). In GoMLX a layer's variables are created the first time the
// layer is applied, so the layer loop and the forward pass are one function:
// Exercise 2, of type [MLPForwardFn]. The core ([Net.ModelFn], [RunNet])
// flattens the input, protects the call and checks the output.

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/gomlx/compute"
	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/layers"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/model/initializer"
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

// LinearWeightLayout is the layout in which [Linear] stores a layer's weight
// matrix: [in, out] (compute.DenseLayoutInputOutputs), or [out, in]
// (compute.DenseLayoutOutputsInput, PyTorch's layout) when the layer narrows
// (out < in). On GoMLX's Go backend these are the layouts whose backward pass
// hits the fast matrix-multiplication kernels for the tutorial's 2 → 128 → 4
// network (about a quarter faster per training step). Read weights with
// [ReadLinear], which always returns PyTorch's [out, in] layout.
func LinearWeightLayout(inFeatures, outFeatures int) compute.DenseLayout {
	if outFeatures < inFeatures {
		return compute.DenseLayoutOutputsInput
	}
	return compute.DenseLayoutInputOutputs
}

// Linear applies a dense layer with bias to x, the counterpart of
// nn.Linear(inFeatures, outFeatures): x of shape [batch, inFeatures] (any
// leading axes) becomes [batch, outFeatures], x·Wᵀ + b.
//
// The variables are created in the "dense" sub-scope of scope (so each layer
// needs its own scope, e.g. scope.In("Linear_0")) on first use and
// initialised as PyTorch does: weights and biases uniform in ±1/√inFeatures,
// drawn from the store's random generator (seeded by [NewStore]). The weights
// are stored in [LinearWeightLayout].
//
// It panics with an error (as graph functions do) if the sizes are not > 0
// or the last axis of x is not inFeatures.
func Linear(scope *model.Scope, x *Node, inFeatures, outFeatures int) *Node {
	if inFeatures <= 0 || outFeatures <= 0 {
		panic(fmt.Errorf("linear %s: the sizes must be > 0, got inFeatures=%d, outFeatures=%d", scope.Scope(), inFeatures, outFeatures))
	}
	if x.Rank() < 1 || x.Shape().Dim(-1) != inFeatures {
		panic(fmt.Errorf("linear %s: x has shape %s, want [batch, %d] (inFeatures=%d)", scope.Scope(), x.Shape(), inFeatures, inFeatures))
	}
	bound := 1 / math.Sqrt(float64(inFeatures))
	scope = scope.WithInitializer(initializer.RandomUniformFn(scope, -bound, bound))
	return layers.DenseWithLayout(scope, x, LinearWeightLayout(inFeatures, outFeatures), true, outFeatures)
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

// FlattenedDims returns the shape [batch, inputFeatureNum] to which an input
// of shape dims is flattened, as the original's x.view(-1,
// input_feature_num) does. It returns an error if the input is empty or its
// size is not a multiple of inputFeatureNum.
func FlattenedDims(dims []int, inputFeatureNum int) ([]int, error) {
	if inputFeatureNum <= 0 {
		return nil, fmt.Errorf("mlp: input_feature_num must be > 0, got %d", inputFeatureNum)
	}
	size := 1
	for _, d := range dims {
		if d < 0 {
			return nil, fmt.Errorf("mlp: input shape %v has a negative dimension", dims)
		}
		size *= d
	}
	if size == 0 {
		return nil, fmt.Errorf("mlp: the input of shape %v is empty", dims)
	}
	if size%inputFeatureNum != 0 {
		return nil, fmt.Errorf("mlp: cannot flatten an input of shape %v (%d values) to (-1, %d): %d is not a multiple of input_feature_num=%d",
			dims, size, inputFeatureNum, size, inputFeatureNum)
	}
	return []int{size / inputFeatureNum, inputFeatureNum}, nil
}

// ModelFn turns forward into a GoMLX model function for this net, the form
// model.NewExec and train.NewTrainer take. The returned function
//
//   - flattens x (float32, any rank) to [batch, InputFeatureNum];
//   - calls forward, converting any panic into an error panic, which GoMLX's
//     Exec reports cleanly;
//   - checks that the logits have shape [batch, OutputFeatureNum].
//
// Every problem (invalid net, non-float32 or non-divisible input, nil forward
// or logits, wrong output shape) panics with an error, the way graph
// functions report errors; [RunNet] returns them as errors.
func (net *Net) ModelFn(forward MLPForwardFn) func(scope *model.Scope, x *Node) *Node {
	return func(scope *model.Scope, x *Node) *Node {
		defer rethrowAsError()
		if err := net.Validate(); err != nil {
			panic(err)
		}
		if forward == nil {
			panic(errors.New("mlp: the forward function is nil"))
		}
		if x.DType() != dtypes.Float32 {
			panic(fmt.Errorf("mlp: the input must be float32, got %s", x.Shape()))
		}
		dims, err := FlattenedDims(x.Shape().Dimensions, net.InputFeatureNum)
		if err != nil {
			panic(err)
		}
		logits := forward(net, scope, Reshape(x, dims...))
		if logits == nil {
			panic(errors.New("mlp: the forward function returned nil logits"))
		}
		want := shapes.Make(dtypes.Float32, dims[0], net.OutputFeatureNum)
		if !logits.Shape().Equal(want) {
			panic(fmt.Errorf("mlp: the forward function returned logits of shape %s, want %s ([batch, output_feature_num])", logits.Shape(), want))
		}
		return logits
	}
}

// RunNet runs the forward pass once and returns the logits, a float32 tensor
// of shape [batch, net.OutputFeatureNum].
//
// x is a *tensors.Tensor or a Go slice of float32 of any rank ([]float32,
// [][]float32, ...); it is flattened to [batch, net.InputFeatureNum]. The
// variables live in store: on the first run they are created and
// initialised; later runs with the same store reuse them. A nil store means
// a fresh one from NewStore("mlp").
//
// It never panics: a bad input (wrong dtype, sizes that don't divide), an
// unfinished exercise (errors.Is(err, ErrNotImplemented)), a panic in forward
// or a wrong output shape give an error.
func RunNet(net *Net, forward MLPForwardFn, store *model.Store, x any) (*tensors.Tensor, error) {
	if err := net.Validate(); err != nil {
		return nil, err
	}
	if forward == nil {
		return nil, errors.New("mlp: the forward function is nil")
	}
	input, err := toFloat32Tensor(x)
	if err != nil {
		return nil, err
	}
	if _, err := FlattenedDims(input.Shape().Dimensions, net.InputFeatureNum); err != nil {
		return nil, err
	}
	if store == nil {
		if store, err = NewStore("mlp"); err != nil {
			return nil, err
		}
	}
	backend, err := Backend()
	if err != nil {
		return nil, err
	}
	var output *tensors.Tensor
	err = callSafely("mlp", func() error {
		exec, err := model.NewExec(backend, store, net.ModelFn(forward))
		if err != nil {
			return err
		}
		defer exec.Finalize()
		output, err = exec.Call1(input)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("mlp: running the net: %w", err)
	}
	return output, nil
}

// toFloat32Tensor converts a tensor or a Go slice to a float32 tensor.
func toFloat32Tensor(x any) (t *tensors.Tensor, err error) {
	if x == nil {
		return nil, errors.New("mlp: the input is nil")
	}
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, fmt.Errorf("mlp: cannot convert the input (%T) to a tensor: %v", x, r)
		}
	}()
	t, err = tensors.FromAnyValue(x)
	if err != nil {
		return nil, fmt.Errorf("mlp: cannot convert the input (%T) to a tensor: %w", x, err)
	}
	if t.DType() != dtypes.Float32 {
		return nil, fmt.Errorf("mlp: the input must be float32, got %s", t.Shape())
	}
	return t, nil
}

// ZerosTensor returns a float32 tensor of zeros with the given dimensions, the
// counterpart of torch.zeros. It panics if a dimension is negative.
func ZerosTensor(dims ...int) *tensors.Tensor {
	return tensors.FromShape(shapes.Make(dtypes.Float32, dims...))
}

// FormatDims formats dimensions as a Python tuple, e.g. "(100, 1)".
func FormatDims(dims []int) string {
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = fmt.Sprint(d)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// OutputShapeMessage is the line the original prints after its forward pass,
// e.g. "The output shape is (100, 1) for an input of shape (100, 2)".
func OutputShapeMessage(inputDims, outputDims []int) string {
	return fmt.Sprintf("The output shape is %s for an input of shape %s", FormatDims(outputDims), FormatDims(inputDims))
}

// TrainableParameters counts the trainable values in store, the counterpart
// of sum(p.numel() for p in net.parameters()). GoMLX's internal variables
// (the random generator state) are not counted. Variables exist only after
// the model has run once; a nil store has none.
func TrainableParameters(store *model.Store) int {
	if store == nil {
		return 0
	}
	total := 0
	for v := range store.IterVariables() {
		if v.Trainable && !strings.HasPrefix(v.Name(), "#") {
			total += v.Shape().Size()
		}
	}
	return total
}

// LinearParams holds the values of one dense layer, in PyTorch's layout.
type LinearParams struct {
	Name                    string    // scope name: "Linear_0", ..., "Output_Linear"
	InFeatures, OutFeatures int       // the layer's sizes
	Weight                  []float32 // row-major [OutFeatures, InFeatures], like nn.Linear.weight
	Bias                    []float32 // [OutFeatures]
}

// At returns the weight from input j to output i, Weight[i, j].
func (p LinearParams) At(i, j int) float32 { return p.Weight[i*p.InFeatures+j] }

// ReadLinear reads the weights and biases of the dense layer that [Linear]
// created in scope scopePath (e.g. "/Linear_0") of store, converting the
// weights to PyTorch's [out, in] layout. A weight matrix stored the other way
// round ([in, out] where [LinearWeightLayout] says [out, in], as
// layers.Dense does) is accepted too.
//
// It returns an error naming the variables the store holds if the layer's
// variables are missing (the net has not run yet, or the layer was created
// in another scope), or if their shapes don't match the sizes.
func ReadLinear(store *model.Store, scopePath string, inFeatures, outFeatures int) (LinearParams, error) {
	p := LinearParams{Name: strings.TrimPrefix(scopePath, "/"), InFeatures: inFeatures, OutFeatures: outFeatures}
	if store == nil {
		return p, errors.New("mlp: the store is nil")
	}
	prefix := model.JoinPath(scopePath, "dense")
	weightsVar := store.GetVariable(model.JoinPath(prefix, "weights"))
	biasesVar := store.GetVariable(model.JoinPath(prefix, "biases"))
	if weightsVar == nil || biasesVar == nil || !weightsVar.HasValue() || !biasesVar.HasValue() {
		return p, fmt.Errorf("mlp: layer %s: no variables %s/{weights,biases} with values in the store (has the net run? was the layer created with Linear in scope %q?); the store holds: %s",
			p.Name, prefix, scopePath, describeVariables(store))
	}
	weights, err := variableFloat32(weightsVar)
	if err != nil {
		return p, err
	}
	if p.Bias, err = variableFloat32(biasesVar); err != nil {
		return p, err
	}
	if got := biasesVar.Shape().Dimensions; !slices.Equal(got, []int{outFeatures}) {
		return p, fmt.Errorf("mlp: layer %s: biases have shape %v, want [%d]", p.Name, got, outFeatures)
	}
	outIn, inOut := []int{outFeatures, inFeatures}, []int{inFeatures, outFeatures}
	got := weightsVar.Shape().Dimensions
	transposed := slices.Equal(got, inOut)
	if slices.Equal(got, outIn) && slices.Equal(got, inOut) {
		transposed = LinearWeightLayout(inFeatures, outFeatures) == compute.DenseLayoutInputOutputs
	}
	switch {
	case transposed:
		p.Weight = make([]float32, len(weights))
		for i := range outFeatures {
			for j := range inFeatures {
				p.Weight[i*inFeatures+j] = weights[j*outFeatures+i]
			}
		}
	case slices.Equal(got, outIn):
		p.Weight = weights
	default:
		return p, fmt.Errorf("mlp: layer %s: weights have shape %v, want %v or %v", p.Name, got, outIn, inOut)
	}
	return p, nil
}

// ReadLayers reads every dense layer of the net from store, in order, the
// output layer last. See [ReadLinear].
func (net *Net) ReadLayers(store *model.Store) ([]LinearParams, error) {
	if err := net.Validate(); err != nil {
		return nil, err
	}
	sizes := net.layerSizes()
	out := make([]LinearParams, len(sizes))
	for i, l := range sizes {
		p, err := ReadLinear(store, "/"+l.name, l.in, l.out)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// variableFloat32 copies a float32 variable's value.
func variableFloat32(v *model.Variable) ([]float32, error) {
	if v.DType() != dtypes.Float32 {
		return nil, fmt.Errorf("mlp: variable %s is %s, want float32", v.Path(), v.DType())
	}
	t, err := v.Value()
	if err != nil {
		return nil, fmt.Errorf("mlp: reading variable %s: %w", v.Path(), err)
	}
	data, err := tensors.CopyFlatData[float32](t)
	if err != nil {
		return nil, fmt.Errorf("mlp: reading variable %s: %w", v.Path(), err)
	}
	return data, nil
}

// describeVariables lists the store's trainable variables with their shapes.
func describeVariables(store *model.Store) string {
	var parts []string
	for v := range store.IterVariables() {
		if !strings.HasPrefix(v.Name(), "#") {
			parts = append(parts, fmt.Sprintf("%s %v", v.Path(), v.Shape().Dimensions))
		}
	}
	if len(parts) == 0 {
		return "no variables"
	}
	return strings.Join(parts, ", ")
}
