package main

import (
	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/solutions"
)

func init() {
	register(section{order: 50, name: "2.3", title: "Shuffle and split, training and evaluation, decision map (Exercise 2.3)", notebook: "05_training",
		cells: []cell{
			{"PlotTestSplit", func() { lesson.PlotTestSplit(solutions.ShuffleAndSplitData) }},
			{"TrainAndPlotLoss", func() { lesson.TrainAndPlotLoss(solutions.ShuffleAndSplitData, solutions.MLPForward) }},
			{"PlotDecisionMap", func() { lesson.PlotDecisionMap(solutions.ShuffleAndSplitData, solutions.MLPForward) }},
		}})
}
