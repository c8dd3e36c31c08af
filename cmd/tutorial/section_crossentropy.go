package main

import (
	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/solutions"
)

func init() {
	register(section{order: 30, name: "2.1", title: "Batch cross-entropy (Exercise 2.1)", notebook: "03_cross_entropy",
		cells: []cell{
			{"CompareCrossEntropy", func() { lesson.CompareCrossEntropy(solutions.CrossEntropyLoss) }},
		}})
}
