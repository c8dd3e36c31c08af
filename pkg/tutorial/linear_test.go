package tutorial_test

import (
	"math"
	"testing"

	"github.com/gomlx/compute"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/tutorial"
)

func TestLinearInitialisation(t *testing.T) {
	tutorial.SetSeed(tutorial.DefaultSeed)
	net := tutorial.MustNewNet("ReLU()", 2, []int{128}, 4)
	store := newTestStore(t, "test-init")
	_, err := tutorial.RunNet(net, testForward, store, tutorial.ZerosTensor(1, 2))
	require.NoError(t, err)
	layers, err := net.ReadLayers(store)
	require.NoError(t, err)
	for _, p := range layers {
		bound := 1 / math.Sqrt(float64(p.InFeatures))
		var maxAbs float64
		for _, v := range append(append([]float32(nil), p.Weight...), p.Bias...) {
			maxAbs = math.Max(maxAbs, math.Abs(float64(v)))
			require.LessOrEqual(t, math.Abs(float64(v)), bound, "%s: U(±1/√in) init", p.Name)
		}
		assert.Greater(t, maxAbs, 0.8*bound, "%s: values should fill the range ±%g", p.Name, bound)
	}
	// The layouts of the tutorial's 2 -> 128 -> 4 network (docs/PERFORMANCE.md).
	assert.Equal(t, compute.DenseLayoutInputOutputs, tutorial.LinearWeightLayout(2, 128))
	assert.Equal(t, compute.DenseLayoutOutputsInput, tutorial.LinearWeightLayout(128, 4))
	assert.Equal(t, []int{2, 128}, store.GetVariable("/Linear_0/dense/weights").Shape().Dimensions)
	assert.Equal(t, []int{4, 128}, store.GetVariable("/Output_Linear/dense/weights").Shape().Dimensions)
}
