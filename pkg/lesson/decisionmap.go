package lesson

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// PlotDecisionMap retrains the network of [TrainAndPlotLoss] quietly (a
// GoNB cell keeps no model from the cell before), predicts the class of every
// point of the 500 × 500 grid on [-2, 2]², prints how many points each class
// got and plots the map under the test set (05_training).
func PlotDecisionMap(ShuffleAndSplitData tutorial.ShuffleAndSplitFn, MLPForward tutorial.MLPForwardFn) {
	// BEGIN CELL PlotDecisionMap
	cfg := tutorial.DefaultTrainConfig()
	cfg.Progress, cfg.Verbose = tutorial.NoProgress{}, false
	run, err := tutorial.TrainSpiralClassifier(ShuffleAndSplitData, MLPForward, cfg)
	if tutorial.FinishFirst(err) {
		return
	}
	grid, err := tutorial.SampleGrid(tutorial.DecisionMapSize, tutorial.DecisionMapXMax)
	if err != nil {
		panic(err)
	}
	classes, err := run.Result.Predict(grid)
	if err != nil {
		panic(err)
	}
	counts := make([]int, tutorial.SpiralClasses)
	for _, k := range classes {
		counts[k]++
	}
	fmt.Println("predicted class counts on the grid:", counts)
	plots.ShowPlot(plots.DecisionMap(classes, tutorial.DecisionMapSize, tutorial.DecisionMapXMax, run.Test.X, run.Test.Y))
	// END CELL PlotDecisionMap
}
