package main

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

func init() {
	register(section{order: 50, name: "2.3", title: "Shuffle and split, training and evaluation, decision map (Exercise 2.3)", run: runTraining})
}

func runTraining(outDir string) error {
	run, err := tutorial.TrainTutorialModel(solutions.ShuffleAndSplitData, solutions.MLPForward, tutorial.DefaultTrainConfig())
	if err != nil {
		return err
	}
	result, test := run.Result, run.Test
	fmt.Printf("split: %d test / %d training samples\n", test.Len(), run.Train.Len())
	fmt.Println(result.Net)
	lossPlot, err := plots.TrainingLoss(result.Losses)
	if err != nil {
		return err
	}
	if err := saveBoth(plots.Single(lossPlot), outDir, "05_training_loss"); err != nil {
		return err
	}
	grid, err := tutorial.SampleGrid(tutorial.DecisionMapSize, tutorial.DecisionMapXMax)
	if err != nil {
		return err
	}
	classes, err := result.Predict(grid)
	if err != nil {
		return err
	}
	counts := make([]int, result.Net.OutputFeatureNum)
	for _, k := range classes {
		counts[k]++
	}
	fmt.Print("decision map class shares:")
	for _, c := range counts {
		fmt.Printf(" %.2f", float64(c)/float64(len(classes)))
	}
	fmt.Println()
	mapPlot, err := plots.DecisionMap(classes, tutorial.DecisionMapSize, tutorial.DecisionMapXMax, test.X, test.Y)
	if err != nil {
		return err
	}
	fig := plots.Single(mapPlot)
	fig.Width, fig.Height = plots.DefaultHeight*1.1, plots.DefaultHeight
	return saveBoth(fig, outDir, "05_decision_map")
}
