package main

import (
	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/solutions"
)

func init() {
	register(section{order: 10, name: "1", title: "ReLU function approximation (Exercise 1)", notebook: "01_relu_approximation",
		cells: []cell{
			{"PlotReLUApproximation", func() { lesson.PlotReLUApproximation(solutions.ApproximateFunction) }},
		}})
}
