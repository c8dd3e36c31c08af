package lesson

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// PlotTestSplit splits the original's spiral with ShuffleAndSplitData
// (Exercise 2.3), prints the sizes of the two sets and plots the test set
// (05_training).
func PlotTestSplit(ShuffleAndSplitData tutorial.ShuffleAndSplitFn) {
	// BEGIN CELL PlotTestSplit
	tutorial.SetSeed(tutorial.DefaultSeed)
	data, err := CreateSpiralDataset(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass)
	if err != nil {
		panic(err)
	}
	test, train, err := tutorial.RunShuffleAndSplit(ShuffleAndSplitData, data, tutorial.DefaultSeed)
	if tutorial.FinishFirst(err) {
		return
	}
	fmt.Printf("test: %d samples, train: %d samples\n", test.Len(), train.Len())
	plots.ShowPlot(plots.Spiral(test.X, test.Y, "Test data"))
	// END CELL PlotTestSplit
}
