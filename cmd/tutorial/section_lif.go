package main

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/lifdemo"
	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

func init() {
	register(section{order: 70, name: "bonus", title: "Bonus: the LIF neuron and its transfer function", run: runBonusLIF})
}

// runBonusLIF simulates run_LIF(1.5), prints the trace's facts and the
// transfer curve of the sliders' start (R_m = 1, tau_ref = 1), and writes the
// trace and the static panel of transfer curves the notebook shows headless.
func runBonusLIF(outDir string) error {
	p := tutorial.DefaultLIFParams()
	timeMs, vm, err := tutorial.RunLIF(1.5, p)
	if err != nil {
		return err
	}
	var spikeTimes []float32
	maxV := vm[0]
	for i, v := range vm {
		if v > float32(p.Vth) {
			spikeTimes = append(spikeTimes, timeMs[i])
		}
		maxV = max(maxV, v)
	}
	fmt.Printf("run_LIF(1.5): %d time points, V > Vth at t = %v ms, max V = %.5f V\n", len(timeMs), spikeTimes, maxV)
	fig, err := plots.LIFTrace(timeMs, vm)
	if err != nil {
		return err
	}
	if err := saveBoth(plots.Single(fig), outDir, "06_lif_trace"); err != nil {
		return err
	}

	currents, counts, err := tutorial.IFCurve(1, 1)
	if err != nil {
		return err
	}
	fmt.Printf("transfer curve, R_m = 1 kOhm, tau_ref = 1 ms: I = %.3f mA\n", currents)
	fmt.Printf("  spike counts: %v\n", counts)
	for _, g := range lifdemo.StaticPanels {
		fmt.Printf("panel %q:\n", g.Title)
		for _, s := range g.Settings {
			_, c, err := tutorial.IFCurve(s.Rm, s.TauRef)
			if err != nil {
				return err
			}
			fmt.Printf("  %-32s %v\n", s.Label(), c)
		}
	}
	panel, err := lifdemo.StaticFigure()
	if err != nil {
		return err
	}
	return saveBoth(panel, outDir, "06_if_curves")
}
