package lesson

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// PlotSpiral creates the original's spiral dataset, prints its shapes and
// plots it (04_spiral).
func PlotSpiral() {
	// BEGIN CELL PlotSpiral
	tutorial.SetSeed(tutorial.DefaultSeed)
	data, err := tutorial.CreateSpiralDataset(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass)
	if err != nil {
		panic(err)
	}
	fmt.Printf("X: (%d, %d), y: (%d,), classes: %d\n", data.Len(), data.NumFeatures, data.Len(), data.NumClasses)
	plots.ShowPlot(plots.Spiral(data.X, data.Y, "Spiral dataset"))
	// END CELL PlotSpiral
}

// RejectBadSpiralArguments prints the errors of three invalid calls of
// CreateSpiralDataset (04_spiral).
func RejectBadSpiralArguments() {
	// BEGIN CELL RejectBadSpiralArguments
	for _, bad := range []struct {
		k     int
		sigma float64
		n     int
	}{{0, 0.16, 1000}, {4, -1, 1000}, {4, 0.16, 0}} {
		_, err := tutorial.CreateSpiralDataset(bad.k, bad.sigma, bad.n)
		fmt.Println(err)
	}
	// END CELL RejectBadSpiralArguments
}
