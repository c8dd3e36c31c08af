package lesson_test

import (
	"github.com/gomlx/gomlx/core/graph"

	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// The original's two-sample batch: torch's nn.CrossEntropyLoss gives
// 0.34672749 (docs/REFERENCE.md, Exercise 2.1).
func ExampleCompareCrossEntropy() {
	lesson.CompareCrossEntropy(solutions.CrossEntropyLoss)
	// Output:
	// Our CE loss: 0.34672749, GoMLX CE loss: 0.34672749
	// Difference: 0.00000000
}

// The original's run_LIF(1.5): 501 time points, spikes at 11 and 32 ms and a
// highest potential of 1.50345 V (docs/REFERENCE.md). Outside a notebook the
// figure is not shown.
func ExamplePlotLIFTrace() {
	lesson.PlotLIFTrace()
	// Output:
	// time points: 501 (from 0 to 50 ms)
	// V > Vth at t = [11 32] ms
	// max V = 1.50345 V
}

// unfinishedApproximation is an Exercise 1 stub with one blank left.
func unfinishedApproximation(xTrain, yTrain *graph.Node) (yHat, reluActs, x *graph.Node) {
	return tutorial.TODO("Exercise 1", "test stub"), nil, nil
}

// An unfinished exercise ends the cell with a message, as in the notebook.
func ExamplePlotReLUApproximation_unfinished() {
	lesson.PlotReLUApproximation(unfinishedApproximation)
	// Output:
	// ⏳ まず 演習 1 を完成させてください (test stub)。
}

func ExampleRejectBadSpiralArguments() {
	lesson.RejectBadSpiralArguments()
	// Output:
	// spiral: K must be > 0, got 0
	// spiral: sigma must be >= 0, got -1
	// spiral: N must be > 0, got 0
}
