package main

import "github.com/nma-go/mlp/pkg/lesson"

func init() {
	register(section{order: 0, name: "0", title: "Setup and the GoMLX primer", notebook: "00_setup",
		cells: []cell{
			{"SetSeedAndReportBackend", func() { lesson.SetSeedAndReportBackend() }},
			{"SumOfSquares", nil},
			{"RunSumOfSquares", func() { lesson.RunSumOfSquares() }},
			{"ShowTensor", func() { lesson.ShowTensor() }},
			{"ShowDenseVariables", func() { lesson.ShowDenseVariables() }},
		}})
}
