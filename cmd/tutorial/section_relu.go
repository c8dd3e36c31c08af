package main

import (
	"fmt"
	"math"
	"path/filepath"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

func init() {
	register(section{order: 10, name: "1", title: "ReLU function approximation (Exercise 1)", run: runReluApproximation})
}

// saveBoth writes a figure as PNG and SVG under outDir and reports the paths.
func saveBoth(fig *plots.Figure, outDir, name string) error {
	for _, ext := range []string{".png", ".svg"} {
		path := filepath.Join(outDir, name+ext)
		if err := plots.Save(fig, path); err != nil {
			return err
		}
		fmt.Println("wrote", path)
	}
	return nil
}

func runReluApproximation(outDir string) error {
	xTrain, yTrain := tutorial.SineTrainingPoints(10)
	approx, err := tutorial.RunApproximation(solutions.ApproximateFunction, xTrain, yTrain)
	if err != nil {
		return err
	}
	maxErr, at := 0.0, 0.0
	for i, x := range approx.X {
		if e := math.Abs(float64(approx.YHat[i]) - math.Sin(float64(x))); e > maxErr {
			maxErr, at = e, float64(x)
		}
	}
	fmt.Printf("ReLU: %d, max |yHat - sin(x)| = %.4f at x = %.2f\n", len(approx.ReluActs), maxErr, at)
	fig, err := plots.FunctionApproximation(approx.X, approx.ReluActs, approx.YHat)
	if err != nil {
		return err
	}
	return saveBoth(fig, outDir, "01_relu_approximation")
}
