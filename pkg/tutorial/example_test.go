package tutorial_test

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

func ExampleRunApproximation() {
	xTrain, yTrain := tutorial.SineTrainingPoints(10)
	approx, err := tutorial.RunApproximation(solutions.ApproximateFunction, xTrain, yTrain)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d ReLUs on %d grid points, x from %.4f to %.4f\n",
		len(approx.ReluActs), len(approx.X), approx.X[0], approx.X[len(approx.X)-1])
	// Output:
	// 9 ReLUs on 1000 grid points, x from 0.0000 to 6.2832
}
