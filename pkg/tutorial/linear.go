package tutorial

// The dense layer of the MLP, nn.Linear's counterpart, and the layout in
// which it stores its weights: the one rule that ReadLinear and WriteLinear
// (weights.go) follow to convert between that layout and PyTorch's.

import (
	"fmt"
	"math"
	"slices"

	"github.com/gomlx/compute"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/layers"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/model/initializer"
)

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

// weightsInInputOutputsLayout reports whether a weight variable of shape
// dims holds a layer's weights as [in, out] (compute.DenseLayoutInputOutputs,
// the transpose of PyTorch's [out, in]). When in == out both readings fit the
// shape, and LinearWeightLayout, the layout Linear used, decides. It returns
// an error naming both accepted shapes when dims is neither.
func weightsInInputOutputsLayout(layer string, dims []int, inFeatures, outFeatures int) (bool, error) {
	outIn, inOut := []int{outFeatures, inFeatures}, []int{inFeatures, outFeatures}
	switch {
	case slices.Equal(dims, outIn) && slices.Equal(dims, inOut):
		return LinearWeightLayout(inFeatures, outFeatures) == compute.DenseLayoutInputOutputs, nil
	case slices.Equal(dims, inOut):
		return true, nil
	case slices.Equal(dims, outIn):
		return false, nil
	}
	return false, fmt.Errorf("mlp: layer %s: weights have shape %v, want %v or %v", layer, dims, outIn, inOut)
}

// transposeWeights returns the rows x cols row-major matrix w transposed
// (cols x rows, row-major).
func transposeWeights(w []float32, rows, cols int) []float32 {
	t := make([]float32, len(w))
	for i := range rows {
		for j := range cols {
			t[j*rows+i] = w[i*cols+j]
		}
	}
	return t
}
