package tutorial_test

import (
	"fmt"
	"strings"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"

	"github.com/gomlx/gomlx/ml/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// Golden numbers of Exercise 2 from docs/REFERENCE.md.
const (
	refNetActivation = "LeakyReLU(0.1)"
	refNetParameters = 1371 // Net('LeakyReLU(0.1)', 2, [100, 10, 5], 1)
	mlpTol           = 1e-5
)

var refNetHidden = []int{100, 10, 5}

// testForward is this test's own forward pass, written from the doc of
// MLPForwardFn (the core does not depend on package solutions).
func testForward(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
	in := net.InputFeatureNum
	for i, out := range net.HiddenUnitNums {
		x = net.Activation.Apply(tutorial.Linear(scope.In("%s", tutorial.HiddenLayerName(i)), x, in, out))
		in = out
	}
	return tutorial.Linear(scope.In("%s", tutorial.OutputLayerName), x, in, net.OutputFeatureNum)
}

func newTestStore(t *testing.T, stream string) *model.Store {
	t.Helper()
	store, err := tutorial.NewStore(stream)
	require.NoError(t, err)
	return store
}

func TestNewNetReference(t *testing.T) {
	net, err := tutorial.NewNet(refNetActivation, 2, refNetHidden, 1)
	require.NoError(t, err)
	assert.Equal(t, refNetParameters, net.NumParameters())
	store := newTestStore(t, "test-mlp")
	out, err := tutorial.RunNet(net, testForward, store, tutorial.ZerosTensor(100, 2))
	require.NoError(t, err)
	assert.Equal(t, []int{100, 1}, out.Shape().Dimensions)
	assert.Equal(t, refNetParameters, tutorial.TrainableParameters(store))
	assert.Equal(t, "The output shape is (100, 1) for an input of shape (100, 2)",
		tutorial.OutputShapeMessage([]int{100, 2}, out.Shape().Dimensions))
}

func TestNewNetCopiesHiddenUnits(t *testing.T) {
	hidden := []int{3, 4}
	net := tutorial.MustNewNet("ReLU()", 2, hidden, 1)
	hidden[0] = -1
	assert.Equal(t, []int{3, 4}, net.HiddenUnitNums)
}

func TestNewNetRejects(t *testing.T) {
	tests := []struct {
		name           string
		actv           string
		in, out        int
		hidden         []int
		errorSubstring string
	}{
		{"bad activation", "relu()", 2, 1, nil, "did you mean ReLU?"},
		{"missing parentheses", "ReLU", 2, 1, nil, "missing parentheses"},
		{"zero inputs", "ReLU()", 0, 1, nil, "input_feature_num must be > 0, got 0"},
		{"negative hidden", "ReLU()", 2, 1, []int{4, -3}, "hidden_unit_nums[1] must be > 0, got -3"},
		{"zero outputs", "ReLU()", 2, 0, nil, "output_feature_num must be > 0, got 0"},
		{"too large", "ReLU()", 1 << 20, 1, []int{1 << 20}, "more than the limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tutorial.NewNet(tc.actv, tc.in, tc.hidden, tc.out)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.errorSubstring)
			assert.True(t, strings.HasPrefix(err.Error(), "mlp: "), err.Error())
		})
	}
}

func TestNetString(t *testing.T) {
	net := tutorial.MustNewNet(refNetActivation, 2, refNetHidden, 1)
	want := `Net(
  (mlp): Sequential(
    (Linear_0): Linear(in_features=2, out_features=100, bias=True)
    (Activation_0): LeakyReLU(negative_slope=0.1)
    (Linear_1): Linear(in_features=100, out_features=10, bias=True)
    (Activation_1): LeakyReLU(negative_slope=0.1)
    (Linear_2): Linear(in_features=10, out_features=5, bias=True)
    (Activation_2): LeakyReLU(negative_slope=0.1)
    (Output_Linear): Linear(in_features=5, out_features=1, bias=True)
  )
)`
	assert.Equal(t, want, net.String())
	linear := tutorial.MustNewNet("Tanh()", 3, nil, 2)
	assert.Equal(t, "Net(\n  (mlp): Sequential(\n    (Output_Linear): Linear(in_features=3, out_features=2, bias=True)\n  )\n)", linear.String())
}

func ExampleNewNet() {
	net, err := tutorial.NewNet("LeakyReLU(0.1)", 2, []int{100, 10, 5}, 1)
	if err != nil {
		panic(err)
	}
	fmt.Println(net)
	fmt.Println("parameters:", net.NumParameters())
	// Output:
	// Net(
	//   (mlp): Sequential(
	//     (Linear_0): Linear(in_features=2, out_features=100, bias=True)
	//     (Activation_0): LeakyReLU(negative_slope=0.1)
	//     (Linear_1): Linear(in_features=100, out_features=10, bias=True)
	//     (Activation_1): LeakyReLU(negative_slope=0.1)
	//     (Linear_2): Linear(in_features=10, out_features=5, bias=True)
	//     (Activation_2): LeakyReLU(negative_slope=0.1)
	//     (Output_Linear): Linear(in_features=5, out_features=1, bias=True)
	//   )
	// )
	// parameters: 1371
}
