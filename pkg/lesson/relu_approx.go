package lesson

import (
	"fmt"
	"math"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// PlotReLUApproximation runs ApproximateFunction (Exercise 1) on the
// original's 10 points of sin, prints the number of ReLUs and the largest
// error against sin, and plots the ReLUs and the approximation
// (01_relu_approximation).
func PlotReLUApproximation(ApproximateFunction tutorial.ApproximateFunctionFn) {
	// BEGIN CELL PlotReLUApproximation
	xTrain, yTrain := tutorial.SineTrainingPoints(10)
	approx, err := tutorial.RunApproximation(ApproximateFunction, xTrain, yTrain)
	if tutorial.FinishFirst(err) {
		return
	}
	maxErr := 0.0
	for i, x := range approx.X {
		maxErr = max(maxErr, math.Abs(float64(approx.YHat[i])-math.Sin(float64(x))))
	}
	fmt.Printf("ReLU: %d, max |yHat - sin(x)| = %.4f\n", len(approx.ReluActs), maxErr)
	plots.Show(plots.FunctionApproximation(approx.X, approx.ReluActs, approx.YHat))
	// END CELL PlotReLUApproximation
}
