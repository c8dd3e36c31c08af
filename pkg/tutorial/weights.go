package tutorial

// The weights a net keeps in a GoMLX model store: counting them, listing
// them for messages, and reading and writing each dense layer in PyTorch's
// layout (the layout rule is in linear.go).

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

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
		if v.Trainable && !isInternalVariable(v) {
			total += v.Shape().Size()
		}
	}
	return total
}

// DescribeVariables lists the variables of store for a message, each as its
// path and dimensions ("/Linear_0/dense/weights [2 128]"), separated by ", ",
// GoMLX's internal variables left out. A store without variables, or a nil
// one, gives none, the caller's word for "no variables" in the message's
// language.
func DescribeVariables(store *model.Store, none string) string {
	var parts []string
	if store != nil {
		for v := range store.IterVariables() {
			if !isInternalVariable(v) {
				parts = append(parts, fmt.Sprintf("%s %v", v.Path(), v.Shape().Dimensions))
			}
		}
	}
	if len(parts) == 0 {
		return none
	}
	return strings.Join(parts, ", ")
}

// isInternalVariable reports whether v is one of GoMLX's own variables
// (their names start with "#", like the random generator state) rather than
// one of the model's.
func isInternalVariable(v *model.Variable) bool { return strings.HasPrefix(v.Name(), "#") }

// LinearParams holds the values of one dense layer, in PyTorch's layout.
type LinearParams struct {
	Name                    string    // scope name: "Linear_0", ..., "Output_Linear"
	InFeatures, OutFeatures int       // the layer's sizes
	Weight                  []float32 // row-major [OutFeatures, InFeatures], like nn.Linear.weight
	Bias                    []float32 // [OutFeatures]
}

// At returns the weight from input j to output i, Weight[i, j].
func (p LinearParams) At(i, j int) float32 { return p.Weight[i*p.InFeatures+j] }

// linearVariables returns the weights and biases variables of the dense layer
// in scope scopePath, or an error naming the variables the store holds.
func linearVariables(store *model.Store, scopePath string) (weights, biases *model.Variable, err error) {
	layer := strings.TrimPrefix(scopePath, "/")
	if store == nil {
		return nil, nil, errors.New("mlp: the store is nil")
	}
	prefix := model.JoinPath(scopePath, "dense")
	weights = store.GetVariable(model.JoinPath(prefix, "weights"))
	biases = store.GetVariable(model.JoinPath(prefix, "biases"))
	if weights == nil || biases == nil || !weights.HasValue() || !biases.HasValue() {
		return nil, nil, fmt.Errorf("mlp: layer %s: no variables %s/{weights,biases} with values in the store (has the net run? was the layer created with Linear in scope %q?); the store holds: %s",
			layer, prefix, scopePath, DescribeVariables(store, "no variables"))
	}
	return weights, biases, nil
}

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
	weightsVar, biasesVar, err := linearVariables(store, scopePath)
	if err != nil {
		return p, err
	}
	if got := biasesVar.Shape().Dimensions; !slices.Equal(got, []int{outFeatures}) {
		return p, fmt.Errorf("mlp: layer %s: biases have shape %v, want [%d]", p.Name, got, outFeatures)
	}
	inputOutputs, err := weightsInInputOutputsLayout(p.Name, weightsVar.Shape().Dimensions, inFeatures, outFeatures)
	if err != nil {
		return p, err
	}
	weights, err := variableFloat32(weightsVar)
	if err != nil {
		return p, err
	}
	if p.Bias, err = variableFloat32(biasesVar); err != nil {
		return p, err
	}
	p.Weight = weights
	if inputOutputs {
		p.Weight = transposeWeights(weights, inFeatures, outFeatures)
	}
	return p, nil
}

// WriteLinear sets the weights and biases of the dense layer p.Name in store
// to p's values, the inverse of [ReadLinear]: p.Weight is in PyTorch's [out,
// in] layout and is stored in the layout the layer's weight variable has.
// The layer must exist (the net has run once with this store).
//
// It returns an error if the layer's variables are missing, p's slices do
// not match its sizes, or the variables' shapes don't match them.
func WriteLinear(store *model.Store, p LinearParams) error {
	in, out := p.InFeatures, p.OutFeatures
	if len(p.Weight) != in*out || len(p.Bias) != out {
		return fmt.Errorf("mlp: layer %s: %d weights and %d biases given, want %d x %d and %d", p.Name, len(p.Weight), len(p.Bias), out, in, out)
	}
	weightsVar, biasesVar, err := linearVariables(store, "/"+p.Name)
	if err != nil {
		return err
	}
	if got := biasesVar.Shape().Dimensions; !slices.Equal(got, []int{out}) {
		return fmt.Errorf("mlp: layer %s: biases have shape %v, want [%d]", p.Name, got, out)
	}
	dims := weightsVar.Shape().Dimensions
	inputOutputs, err := weightsInInputOutputsLayout(p.Name, dims, in, out)
	if err != nil {
		return err
	}
	weights := slices.Clone(p.Weight)
	if inputOutputs {
		weights = transposeWeights(p.Weight, out, in)
	}
	if err := weightsVar.SetValue(tensors.FromFlatDataAndDimensions(weights, dims...)); err != nil {
		return fmt.Errorf("mlp: layer %s: setting the weights: %w", p.Name, err)
	}
	if err := biasesVar.SetValue(tensors.FromFlatDataAndDimensions(slices.Clone(p.Bias), out)); err != nil {
		return fmt.Errorf("mlp: layer %s: setting the biases: %w", p.Name, err)
	}
	return nil
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
