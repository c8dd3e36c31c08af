// Package lif is the bonus section of the tutorial around the leaky
// integrate-and-fire (LIF) neuron of the original's run_LIF: its parameters
// and time grid, its transfer (f-I) curve, their figures, and the slider demo
// that redraws the curve live in a GoNB notebook.
//
// run_LIF itself, the Euler loop, is the lesson's RunLIF (pkg/lesson), the
// code the notebook shows and runs. The functions here that simulate take it
// as a [Simulator], so that the curve, the demo and the static figure run the
// notebook's own code; this package's tests check RunLIF against traces
// recorded from PyTorch itself.
//
// The files follow the section:
//
//   - params.go: [Params], the original's defaults and the size of a trace.
//   - simulate.go: [Simulator] (with the original's quirks that RunLIF
//     reproduces), [TimeGrid], torch's time grid (arange.go: torch.arange as
//     PyTorch's CPU kernel computes it), and [CountAbove].
//   - ifcurve.go: [IFCurve], plot_IF_curve's spike counts.
//   - figures.go: [TracePlot] and [IFCurvesPlot], the two figures.
//   - demo.go and widgets.go: [ShowDemo], the sliders, and the static figure
//     drawn where no browser can move them (nbconvert, CI).
//
// The simulation is plain Go, not GoMLX: the Euler steps are a sequential
// loop over scalars, each depending on the one before, so a graph framework
// would only add compilation and dispatch overhead per step without any
// parallelism to exploit.
//
// Layering: this package sits above the core ([tutorial.LinspaceFloat32]
// gives the transfer curve's currents) and the figure toolkit (pkg/plots
// encodes and displays figures); neither imports it. The lesson package,
// above it, imports it, and so do this package's external tests.
//
// # HTML ids
//
// The demo's page uses stable element ids, so that a browser test can find
// the widgets, move them and read the result: [RmSliderID], [TauSliderID] (the
// <input type="range"> elements), [RmValueID], [TauValueID] (the real values
// next to them, as plain numbers such as "12.3"), [CurveID] (the <img> of the
// curve, whose src is a data: URI and whose data-rm and data-tau-ref attributes
// repeat the values drawn), [DoneButtonID] (the button that ends the loop) and
// [StatusID] (a line of Japanese status text).
//
// Errors are prefixed "lif: " and name the original's parameter ("lif: dt
// must be > 0, got 0").
package lif
