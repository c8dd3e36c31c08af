package lesson

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/lif"
	"github.com/nma-go/mlp/pkg/plots"
)

// PlotLIFTrace simulates the original's run_LIF(1.5), prints the time grid,
// the times above threshold and the highest potential, and plots the trace
// (06_bonus_lif).
func PlotLIFTrace() {
	// BEGIN CELL PlotLIFTrace
	p := lif.DefaultParams()
	timeMs, vm, err := lif.Simulate(1.5, p)
	if err != nil {
		panic(err)
	}
	var spikeTimes []float32
	maxV := vm[0]
	for i, v := range vm {
		if v > float32(p.Vth) {
			spikeTimes = append(spikeTimes, timeMs[i])
		}
		maxV = max(maxV, v)
	}
	fmt.Printf("time points: %d (from %g to %g ms)\n", len(timeMs), timeMs[0], timeMs[len(timeMs)-1])
	fmt.Printf("V > Vth at t = %v ms\n", spikeTimes)
	fmt.Printf("max V = %.5f V\n", maxV)
	plots.ShowPlot(lif.TracePlot(timeMs, vm))
	// END CELL PlotLIFTrace
}

// RejectBadLIFParams prints the errors of a zero time step and of a grid too
// large to simulate (06_bonus_lif).
func RejectBadLIFParams() {
	// BEGIN CELL RejectBadLIFParams
	p := lif.DefaultParams()
	p.Dt = 0
	_, _, err := lif.Simulate(1.5, p)
	fmt.Println(err)

	p = lif.DefaultParams()
	p.T, p.Dt = 1e9, 1e-3
	_, _, err = lif.Simulate(1.5, p)
	fmt.Println(err)
	// END CELL RejectBadLIFParams
}

// PrintIFCurve prints the spike counts of the transfer curve at the sliders'
// start, R_m = 1 kΩ and τ_ref = 1 ms (06_bonus_lif).
func PrintIFCurve() {
	// BEGIN CELL PrintIFCurve
	currents, counts, err := lif.IFCurve(1, 1)
	if err != nil {
		panic(err)
	}
	for i := range currents {
		fmt.Printf("I = %.3f mA: %3d spikes\n", currents[i], counts[i])
	}
	// END CELL PrintIFCurve
}
