package main

import (
	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/solutions"
)

func init() {
	register(section{order: 50, name: "2.3", title: "Shuffle and split, loaders, training and evaluation, decision map (Exercise 2.3)", notebook: "05_training",
		cells: []cell{
			{"CreateSpiralDataset", nil},
			{"PlotTestSplit", func() { lesson.PlotTestSplit(solutions.ShuffleAndSplitData) }},
			{"NewLoaders", nil},
			{"ShowLoaderBatches", func() { lesson.ShowLoaderBatches(solutions.ShuffleAndSplitData) }},
			{"TrainTestClassification", nil},
			{"TrainSpiral", nil},
			{"TrainAndPlotLoss", func() { lesson.TrainAndPlotLoss(solutions.ShuffleAndSplitData, solutions.MLPForward) }},
			{"DecisionMapFunctions", nil},
			{"ShowDecisionMap", func() { lesson.ShowDecisionMap(solutions.ShuffleAndSplitData, solutions.MLPForward) }},
		}})
}
