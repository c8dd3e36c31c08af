package main

import (
	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/solutions"
)

func init() {
	register(section{order: 20, name: "2", title: "A general MLP (Exercise 2)", notebook: "02_mlp",
		cells: []cell{
			{"ParseActivationSpecs", func() { lesson.ParseActivationSpecs() }},
			{"RunOriginalNet", func() { lesson.RunOriginalNet(solutions.MLPForward) }},
		}})
}
