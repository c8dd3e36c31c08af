package exercises

import (
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/layers/activation"
	"github.com/nma-go/mlp/pkg/tutorial"
	"gonum.org/v1/gonum/floats"
)

// BEGIN EXERCISE 1

// ApproximateFunction approximates the function sampled at (xTrain, yTrain)
// with a weighted sum of ReLUs (Exercise 1).
//
// xTrain and yTrain have shape [n], xTrain sorted ascending. It returns yHat
// [1000], the weighted sum of the ReLUs on the grid x; reluActs [n-1, 1000],
// the ReLU activations; and x [1000], the grid.
func ApproximateFunction(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
	_ = floats.Sum([]float64{1, 2})
	// Number of ReLUs: one per interval between training points.
	numRelus := xTrain.Shape().Dim(0) - 1

	// x axis points (more than xTrain).
	x = tutorial.Linspace(ReduceAllMin(xTrain), ReduceAllMax(xTrain), tutorial.ApproximationGridSize)

	// COMPUTE RELU ACTIVATIONS
	// ReLU i has its kink at training point i: relu(x - xTrain[i]).
	b := Neg(Slice(xTrain, AxisRange(0, numRelus)))

	// Compute the ReLU activations for each point along the x axis.
	rows := make([]*Node, numRelus)
	for i := range numRelus {
		rows[i] = activation.Relu(Add(x, Squeeze(Slice(b, AxisElem(i)))))
	}
	reluActs = Stack(rows, 0) // [numRelus, len(x)]

	// COMBINE RELU ACTIVATIONS
	// Each ReLU adds the change of slope at its kink.
	weights := make([]*Node, numRelus)
	prevSlope := ScalarZero(xTrain.Graph(), xTrain.DType())
	for i := range numRelus {
		deltaX := Sub(Squeeze(Slice(xTrain, AxisElem(i+1))), Squeeze(Slice(xTrain, AxisElem(i))))
		slope := Div(Sub(Squeeze(Slice(yTrain, AxisElem(i+1))), Squeeze(Slice(yTrain, AxisElem(i)))), deltaX)
		weights[i] = Sub(slope, prevSlope)
		prevSlope = slope
	}
	combinationWeights := Stack(weights, 0) // [numRelus]

	// Output of the weighted sum of ReLU activations for every point along x.
	yHat = Dot(combinationWeights, reluActs).Product()
	return yHat, reluActs, x
}

// END EXERCISE 1
