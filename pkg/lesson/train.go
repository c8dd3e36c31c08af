package lesson

import (
	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// TrainAndPlotLoss trains the original's network on the spiral with
// ShuffleAndSplitData (Exercise 2.3) and MLPForward (Exercise 2), showing the
// progress and the accuracies, and plots the loss of every batch
// (05_training).
func TrainAndPlotLoss(ShuffleAndSplitData tutorial.ShuffleAndSplitFn, MLPForward tutorial.MLPForwardFn) {
	// BEGIN CELL TrainAndPlotLoss
	run, err := tutorial.TrainSpiralClassifier(ShuffleAndSplitData, MLPForward, tutorial.DefaultTrainConfig())
	if tutorial.FinishFirst(err) {
		return
	}
	plots.ShowPlot(plots.TrainingLoss(run.Result.Losses))
	// END CELL TrainAndPlotLoss
}
