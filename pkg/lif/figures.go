package lif

// The section's two figures: the membrane trace and the transfer (f-I)
// curves. Labels stay in English, as in the original: gonum/plot's bundled fonts
// have no Japanese glyphs.

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/nma-go/mlp/pkg/plots"
)

// TracePlot returns the original's "LIF Neuron Output" figure: the membrane
// potential vm (V) against timeMs (ms), as a Simulator (RunLIF) returns them. The
// axes fit the data. It returns an error if the slices are empty, differ in
// length, or hold NaN or infinite values.
func TracePlot(timeMs, vm []float32) (*plot.Plot, error) {
	if len(timeMs) != len(vm) {
		return nil, fmt.Errorf("lif: trace plot: timeMs and vm must have the same length, got %d and %d", len(timeMs), len(vm))
	}
	if len(vm) == 0 {
		return nil, fmt.Errorf("lif: trace plot: the trace is empty")
	}
	line, err := plotter.NewLine(plots.XYs(timeMs, vm))
	if err != nil {
		return nil, fmt.Errorf("lif: trace plot: %w", err)
	}
	line.Color = plots.SeriesColor(0)
	line.Width = vg.Points(1.5)
	p := plots.New()
	p.Title.Text = "LIF Neuron Output"
	p.X.Label.Text = "Time (msec)"
	p.Y.Label.Text = "Membrane Potential (V)"
	p.Add(line)
	return p, nil
}

// IFCurveSeries is one transfer curve: spike counts (one per current) for
// currents in mA, as returned by IFCurve, and the legend label.
type IFCurveSeries struct {
	Label    string
	Currents []float32
	Counts   []int
}

// IFCurveMinYMax is the original's fixed y limit, plt.ylim(0, 80), which IFCurvesPlot
// keeps as the smallest automatic limit so that curves stay comparable
// across slider settings.
const IFCurveMinYMax = 80

// IFCurvesPlot returns the original's "LIF Neuron: Transfer Function" figure with one
// line per series, x from 0 to IFCurveMaxCurrent (2 mA) and y from 0 to yMax spike counts. Series
// get distinct colours (and dash patterns once the colours run out:
// plots.SeriesColor, plots.SeriesDashes), and a legend when there is more
// than one.
//
// If yMax <= 0 the limit is max(80, 1.1 * the largest count). The original fixes
// ylim(0, 80), which cuts the top off the curve whenever counts pass 80, and
// they do over much of the slider range: with T = 1000 ms and dt = 1 ms a run
// has 1001 samples, and a spike needs the refractory samples plus at least
// five Euler steps (each adds at most I*dt/Cm = 0.2 V at I = 2 mA), so counts
// reach 143 for Rm >= 5 and tau_ref = 1 (125 already at Rm = 1); other T,
// dt or Cm give other counts, and the automatic limit follows them. A positive
// yMax is used as given, cutting off larger counts as the original does.
//
// It returns an error if there are no series, a series is empty or its
// Currents and Counts differ in length, a current is NaN or infinite, or yMax
// is NaN or infinite.
func IFCurvesPlot(curves []IFCurveSeries, yMax float64) (*plot.Plot, error) {
	if len(curves) == 0 {
		return nil, fmt.Errorf("lif: IF curves plot: no series to plot")
	}
	if math.IsNaN(yMax) || math.IsInf(yMax, 0) {
		return nil, fmt.Errorf("lif: IF curves plot: yMax must be finite, got %g", yMax)
	}
	p := plots.New()
	p.Title.Text = "LIF Neuron: Transfer Function"
	p.X.Label.Text = "I (mA)"
	p.Y.Label.Text = "Spike count"
	p.Legend.Top = true
	p.Legend.Left = true

	maxCount := 0
	for i, c := range curves {
		if len(c.Currents) != len(c.Counts) {
			return nil, fmt.Errorf("lif: IF curves plot: series %d (%q) has %d currents and %d counts", i, c.Label, len(c.Currents), len(c.Counts))
		}
		if len(c.Counts) == 0 {
			return nil, fmt.Errorf("lif: IF curves plot: series %d (%q) is empty", i, c.Label)
		}
		counts := make([]float32, len(c.Counts))
		for j, n := range c.Counts {
			counts[j] = float32(n)
			maxCount = max(maxCount, n)
		}
		line, err := plotter.NewLine(plots.XYs(c.Currents, counts))
		if err != nil {
			return nil, fmt.Errorf("lif: IF curves plot: series %d (%q): %w", i, c.Label, err)
		}
		line.Color = plots.SeriesColor(i)
		line.Dashes = plots.SeriesDashes(i)
		line.Width = vg.Points(1.5)
		p.Add(line)
		if len(curves) > 1 {
			p.Legend.Add(c.Label, line)
		}
	}

	if yMax <= 0 {
		yMax = max(IFCurveMinYMax, 1.1*float64(maxCount))
	}
	// Set the ranges after Add, which widens them to the data.
	p.X.Min, p.X.Max = 0, IFCurveMaxCurrent
	p.Y.Min, p.Y.Max = 0, yMax
	return p, nil
}
