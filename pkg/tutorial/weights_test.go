package tutorial_test

import (
	"math"
	"strings"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/layers"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// A layer built with GoMLX's own layers.Dense (weights [in, out] even for the
// output layer) is read back correctly.
func TestReadLinearAcceptsLayersDense(t *testing.T) {
	net := tutorial.MustNewNet("ReLU()", 3, nil, 2)
	denseForward := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		return layers.Dense(scope.In("%s", tutorial.OutputLayerName), x, true, net.OutputFeatureNum)
	}
	store := newTestStore(t, "test-dense")
	input := [][]float32{{1, 2, 3}}
	out, err := tutorial.RunNet(net, denseForward, store, input)
	require.NoError(t, err)
	ls, err := net.ReadLayers(store)
	require.NoError(t, err)
	got := tensors.MustCopyFlatData[float32](out)
	want := forwardFloat64(ls, nil, []float64{1, 2, 3})
	for i := range want {
		assert.InDelta(t, want[i], float64(got[i]), mlpTol*(1+math.Abs(want[i])))
	}
}

func TestReadLayersReportsMissingVariables(t *testing.T) {
	net := tutorial.MustNewNet("ReLU()", 2, []int{3}, 1)
	wrongNames := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		x = net.Activation.Apply(tutorial.Linear(scope.In("hidden"), x, 2, 3))
		return tutorial.Linear(scope.In("out"), x, 3, 1)
	}
	store := newTestStore(t, "test-names")
	_, err := tutorial.RunNet(net, wrongNames, store, tutorial.ZerosTensor(1, 2))
	require.NoError(t, err)
	_, err = net.ReadLayers(store)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Linear_0")
	assert.Contains(t, err.Error(), "/hidden/dense/weights [2 3]")
}

// TestWriteLinearRoundTrip writes chosen values into every layer of nets
// whose layers use both weight layouts, square ones included, and reads
// them back; the forward pass then computes with them.
func TestWriteLinearRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		in, out int
		hidden  []int
	}{
		{"widening then narrowing (both layouts)", 2, 4, []int{128}},
		{"square layers", 3, 3, []int{3, 3}},
		{"linear model", 5, 2, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			net := tutorial.MustNewNet("ReLU()", tc.in, tc.hidden, tc.out)
			store := newTestStore(t, "test-write/"+tc.name)
			input := tutorial.ZerosTensor(1, tc.in)
			_, err := tutorial.RunNet(net, testForward, store, input)
			require.NoError(t, err)
			layers, err := net.ReadLayers(store)
			require.NoError(t, err)
			for l := range layers {
				for i := range layers[l].Weight {
					layers[l].Weight[i] = float32(100*l + i)
				}
				for i := range layers[l].Bias {
					layers[l].Bias[i] = float32(-i)
				}
				require.NoError(t, tutorial.WriteLinear(store, layers[l]))
			}
			got, err := net.ReadLayers(store)
			require.NoError(t, err)
			assert.Equal(t, layers, got, "read back what was written, in PyTorch's layout")
			out, err := tutorial.RunNet(net, testForward, store, input)
			require.NoError(t, err)
			want := forwardFloat64(got, func(v float64) float64 { return math.Max(0, v) }, make([]float64, tc.in))
			assert.InDeltaSlice(t, want, tensors.MustCopyFlatData[float32](out), mlpTol, "the forward pass uses the written values")
		})
	}
}

func TestWriteLinearRejects(t *testing.T) {
	net := tutorial.MustNewNet("ReLU()", 2, []int{3}, 1)
	store := newTestStore(t, "test-write-rejects")
	_, err := tutorial.RunNet(net, testForward, store, tutorial.ZerosTensor(1, 2))
	require.NoError(t, err)
	tests := []struct {
		name string
		p    tutorial.LinearParams
		want string
	}{
		{"too few weights", tutorial.LinearParams{Name: "Linear_0", InFeatures: 2, OutFeatures: 3, Weight: make([]float32, 5), Bias: make([]float32, 3)},
			"mlp: layer Linear_0: 5 weights and 3 biases given, want 3 x 2 and 3"},
		{"sizes of another layer", tutorial.LinearParams{Name: "Linear_0", InFeatures: 3, OutFeatures: 1, Weight: make([]float32, 3), Bias: make([]float32, 1)},
			"mlp: layer Linear_0: biases have shape [3], want [1]"},
		{"no such layer", tutorial.LinearParams{Name: "Linear_7", InFeatures: 2, OutFeatures: 3, Weight: make([]float32, 6), Bias: make([]float32, 3)},
			"no variables /Linear_7/dense/{weights,biases}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.ErrorContains(t, tutorial.WriteLinear(store, tc.p), tc.want)
		})
	}
	assert.ErrorContains(t, tutorial.WriteLinear(nil, tests[0].p), "mlp: ", "a nil store")
}

func TestDescribeVariables(t *testing.T) {
	assert.Equal(t, "none", tutorial.DescribeVariables(nil, "none"))
	store := newTestStore(t, "test-describe")
	assert.Equal(t, "なし", tutorial.DescribeVariables(store, "なし"), "a store that has not run holds no model variables")
	net := tutorial.MustNewNet("ReLU()", 2, nil, 1)
	_, err := tutorial.RunNet(net, testForward, store, tutorial.ZerosTensor(1, 2))
	require.NoError(t, err)
	got := tutorial.DescribeVariables(store, "none")
	assert.ElementsMatch(t, []string{"/Output_Linear/dense/weights [1 2]", "/Output_Linear/dense/biases [1]"}, strings.Split(got, ", "),
		"GoMLX's internal variables (the random generator state) are left out")
}
