package main

import "github.com/nma-go/mlp/pkg/lesson"

func init() {
	register(section{order: 40, name: "2.2", title: "The spiral dataset", notebook: "04_spiral",
		cells: []cell{
			{"CreateSpiralDataset", nil},
			{"PlotSpiral", func() { lesson.PlotSpiral() }},
			{"RejectBadSpiralArguments", func() { lesson.RejectBadSpiralArguments() }},
		}})
}
