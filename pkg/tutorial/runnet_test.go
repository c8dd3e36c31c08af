package tutorial_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// forwardFloat64 is the float64 oracle of the MLP: layers as read from the
// store, activation f.
func forwardFloat64(layers []tutorial.LinearParams, f func(float64) float64, x []float64) []float64 {
	h := x
	for l, p := range layers {
		next := make([]float64, p.OutFeatures)
		for i := range next {
			sum := float64(p.Bias[i])
			for j := range h {
				sum += float64(p.At(i, j)) * h[j]
			}
			if l < len(layers)-1 {
				sum = f(sum)
			}
			next[i] = sum
		}
		h = next
	}
	return h
}

func TestRunNetShapesCountsAndValues(t *testing.T) {
	tanh := math.Tanh
	tests := []struct {
		name       string
		actv       string
		f          func(float64) float64
		in, out    int
		hidden     []int
		inputDims  []int
		wantDims   []int
		wantParams int
	}{
		{"linear model", "ReLU()", nil, 3, 2, nil, []int{5, 3}, []int{5, 2}, 8},
		{"rank-3 input", "Tanh()", tanh, 4, 3, []int{6}, []int{2, 5, 4}, []int{10, 3}, (4+1)*6 + (6+1)*3},
		{"rank-1 input", "Tanh()", tanh, 4, 1, []int{2, 2}, []int{8}, []int{2, 1}, 5*2 + 3*2 + 3},
		{"square layers", "LeakyReLU(0.3)", func(x float64) float64 { return math.Max(x, 0.3*x) }, 4, 4, []int{4, 4}, []int{3, 4}, []int{3, 4}, 3 * 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tutorial.SetSeed(7)
			net := tutorial.MustNewNet(tc.actv, tc.in, tc.hidden, tc.out)
			size := 1
			for _, d := range tc.inputDims {
				size *= d
			}
			data := make([]float32, size)
			for i := range data {
				data[i] = float32(math.Sin(float64(i)*1.3)) * 2
			}
			store := newTestStore(t, "test-mlp/"+tc.name)
			out, err := tutorial.RunNet(net, testForward, store, tensors.FromFlatDataAndDimensions(data, tc.inputDims...))
			require.NoError(t, err)
			require.Equal(t, tc.wantDims, out.Shape().Dimensions)
			assert.Equal(t, tc.wantParams, net.NumParameters())
			assert.Equal(t, tc.wantParams, tutorial.TrainableParameters(store))
			layers, err := net.ReadLayers(store)
			require.NoError(t, err)
			got := tensors.MustCopyFlatData[float32](out)
			for b := range tc.wantDims[0] {
				x := make([]float64, tc.in)
				for j := range x {
					x[j] = float64(data[b*tc.in+j])
				}
				want := forwardFloat64(layers, tc.f, x)
				for i, w := range want {
					assert.InDelta(t, w, float64(got[b*tc.out+i]), mlpTol*(1+math.Abs(w)), "sample %d output %d", b, i)
				}
			}
		})
	}
}

func TestRunNetIsReproducible(t *testing.T) {
	run := func(seed int64) []float32 {
		tutorial.SetSeed(seed)
		net := tutorial.MustNewNet("ReLU()", 2, []int{8}, 3)
		store := newTestStore(t, "test-repro")
		out, err := tutorial.RunNet(net, testForward, store, [][]float32{{0.5, -1}, {2, 0.25}})
		require.NoError(t, err)
		return tensors.MustCopyFlatData[float32](out)
	}
	assert.Equal(t, run(2021), run(2021))
	assert.NotEqual(t, run(2021), run(2022))
}

func TestRunNetErrors(t *testing.T) {
	net := tutorial.MustNewNet("ReLU()", 2, []int{3}, 1)
	notImplemented := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		return tutorial.TODO("Exercise 2", "the layers", x)
	}
	panicsString := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node { panic("boom") }
	returnsNil := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node { return nil }
	wrongShape := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node { return x }
	sameScope := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		x = tutorial.Linear(scope.In("Linear_0"), x, 2, 3)
		return tutorial.Linear(scope.In("Linear_0"), x, 3, 1)
	}
	tests := []struct {
		name           string
		forward        tutorial.MLPForwardFn
		input          any
		errorSubstring string
	}{
		{"not implemented", notImplemented, tutorial.ZerosTensor(4, 2), "not implemented: Exercise 2: the layers"},
		{"panic with a string", panicsString, tutorial.ZerosTensor(4, 2), "boom"},
		{"nil logits", returnsNil, tutorial.ZerosTensor(4, 2), "returned nil logits"},
		{"wrong output shape", wrongShape, tutorial.ZerosTensor(4, 2), "want (Float32)[4, 1]"},
		{"scope reused", sameScope, tutorial.ZerosTensor(4, 2), "Linear_0"},
		{"nil forward", nil, tutorial.ZerosTensor(4, 2), "forward function is nil"},
		{"sizes don't divide", testForward, tutorial.ZerosTensor(3, 3), "cannot flatten an input of shape [3 3] (9 values) to (-1, 2)"},
		{"empty input", testForward, tutorial.ZerosTensor(0, 2), "is empty"},
		{"float64 input", testForward, [][]float64{{1, 2}}, "must be float32"},
		{"ragged input", testForward, [][]float32{{1, 2}, {3}}, "cannot convert"},
		{"nil input", testForward, nil, "input is nil"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tutorial.RunNet(net, tc.forward, nil, tc.input)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.errorSubstring)
			assert.True(t, strings.HasPrefix(err.Error(), "mlp: "), err.Error())
			if tc.name == "not implemented" {
				assert.True(t, errors.Is(err, tutorial.ErrNotImplemented))
			}
		})
	}
	_, err := tutorial.RunNet(nil, testForward, nil, tutorial.ZerosTensor(1, 2))
	assert.ErrorContains(t, err, "net is nil")
}

func TestFlattenedDims(t *testing.T) {
	dims, err := tutorial.FlattenedDims([]int{4, 5, 6}, 10)
	require.NoError(t, err)
	assert.Equal(t, []int{12, 10}, dims)
	_, err = tutorial.FlattenedDims([]int{4, 5}, 3)
	assert.ErrorContains(t, err, "not a multiple of input_feature_num=3")
}

func ExampleRunNet() {
	tutorial.SetSeed(tutorial.DefaultSeed)
	net := tutorial.MustNewNet("LeakyReLU(0.1)", 2, []int{100, 10, 5}, 1)
	store, err := tutorial.NewStore("mlp")
	if err != nil {
		panic(err)
	}
	input := tutorial.ZerosTensor(100, 2)
	y, err := tutorial.RunNet(net, testForward, store, input)
	if err != nil {
		panic(err)
	}
	fmt.Println(tutorial.OutputShapeMessage(input.Shape().Dimensions, y.Shape().Dimensions))
	fmt.Println("parameters in the store:", tutorial.TrainableParameters(store))
	// Output:
	// The output shape is (100, 1) for an input of shape (100, 2)
	// parameters in the store: 1371
}
