package lesson_test

import (
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/model"

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

// unfinishedForward is an Exercise 2 stub with one blank left.
func unfinishedForward(net *tutorial.Net, scope *model.Scope, x *graph.Node) *graph.Node {
	return tutorial.TODO("Exercise 2", "test stub", x)
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

// The loaders cut the 3200 training samples into 25 batches of 128 and keep
// the test set's last partial batch of 32.
func ExampleShowLoaderBatches() {
	lesson.ShowLoaderBatches(solutions.ShuffleAndSplitData)
	// Output:
	// train: first batch: inputs (Float32)[128, 2], labels (Int32)[128, 1]
	// train: 3200 samples, 25 batches, the last of 128
	// test: first batch: inputs (Float32)[128, 2], labels (Int32)[128, 1]
	// test: 800 samples, 7 batches, the last of 32
}

// Training with Exercise 2 unfinished ends the cell with a message, as in
// the notebook.
func ExampleTrainAndPlotLoss_unfinished() {
	lesson.TrainAndPlotLoss(solutions.ShuffleAndSplitData, unfinishedForward)
	// Output:
	// ⏳ まず 演習 2 を完成させてください (test stub)。
}
