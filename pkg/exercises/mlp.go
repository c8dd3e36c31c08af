package exercises

import (
	"fmt"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN EXERCISE 2

// MLPForward builds and runs the layers of the MLP described by net
// (Exercise 2): for each hidden layer a dense layer followed by the
// activation, then a dense output layer.
//
// x has shape [batch, net.InputFeatureNum] (the core has flattened it); the
// result, the logits, has shape [batch, net.OutputFeatureNum].
func MLPForward(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
	const exercise = "Exercise 2"

	// The input size of the first layer.
	inNum := net.InputFeatureNum
	// Loop over the hidden layers.
	for i, outNum := range net.HiddenUnitNums {
		// Apply a dense layer inNum -> outNum to x, with its variables in its own
		// scope "Linear_<i>", named as in the original: scope.In("Linear_%d", i).
		// (Hint: tutorial.Linear(scope, x, inFeatures, outFeatures) is the
		// counterpart of nn.Linear.)
		x = tutorial.TODO(exercise, fmt.Sprintf("Linear_%d (a dense layer %d -> %d)", i, inNum, outNum), x)
		// The next layer's input is this layer's output.
		inNum = outNum
		// Apply the activation function, the same for every hidden layer.
		// (Hint: net.Activation has an Apply method.)
		x = tutorial.TODO(exercise, fmt.Sprintf("Activation_%d (%s)", i, net.Activation), x)
	}
	// The output layer: a dense layer inNum -> net.OutputFeatureNum in scope
	// "Output_Linear", without activation.
	logits := tutorial.TODO(exercise, fmt.Sprintf("Output_Linear (a dense layer %d -> %d)", inNum, net.OutputFeatureNum), x)
	return logits
}

// END EXERCISE 2
