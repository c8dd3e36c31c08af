package main

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

func init() {
	register(section{order: 20, name: "2", title: "A general MLP (Exercise 2)", run: runMLP})
	register(section{order: 30, name: "2.1", title: "Batch cross-entropy (Exercise 2.1)", run: runCrossEntropy})
	register(section{order: 40, name: "2.2", title: "The spiral dataset", run: runSpiral})
}

func runMLP(string) error {
	net, err := tutorial.NewNet("LeakyReLU(0.1)", 2, []int{100, 10, 5}, 1)
	if err != nil {
		return err
	}
	fmt.Println(net)
	store, err := tutorial.NewStore("section2")
	if err != nil {
		return err
	}
	input := tutorial.ZerosTensor(100, 2)
	y, err := tutorial.RunNet(net, solutions.MLPForward, store, input)
	if err != nil {
		return err
	}
	fmt.Println(tutorial.OutputShapeMessage(input.Shape().Dimensions, y.Shape().Dimensions))
	fmt.Println("parameters:", tutorial.TrainableParameters(store))
	return nil
}

func runCrossEntropy(string) error {
	x, labels := tutorial.CrossEntropyExample()
	ours, err := tutorial.RunCrossEntropy(solutions.CrossEntropyLoss, x, labels)
	if err != nil {
		return err
	}
	framework, err := tutorial.FrameworkCrossEntropy(x, labels)
	if err != nil {
		return err
	}
	fmt.Println(tutorial.FormatCrossEntropyComparison(ours, framework))
	return nil
}

func runSpiral(outDir string) error {
	tutorial.SetSeed(tutorial.DefaultSeed)
	data, err := tutorial.CreateSpiralDataset(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass)
	if err != nil {
		return err
	}
	fmt.Printf("X: (%d, %d), y: (%d,), classes: %d\n", data.Len(), data.NumFeatures, data.Len(), data.NumClasses)
	p, err := plots.Spiral(data.X, data.Y, "Spiral dataset")
	if err != nil {
		return err
	}
	return saveBoth(plots.Single(p), outDir, "04_spiral")
}
