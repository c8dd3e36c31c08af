package lif

// The slider demo's pieces that need no browser: the slider scaling, the
// curve of one setting as a plot, a PNG and the <img> the page shows, and the
// static figure drawn where the sliders cannot run. widgets.go runs them.

import (
	"encoding/base64"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/nma-go/mlp/pkg/plots"
)

// HTML ids of the interactive demo's elements (see the package doc).
const (
	RmSliderID   = "lif-rm-slider"
	TauSliderID  = "lif-tau-slider"
	RmValueID    = "lif-rm-value"
	TauValueID   = "lif-tau-value"
	CurveID      = "lif-curve"
	DoneButtonID = "lif-done"
	StatusID     = "lif-status"
)

// The original's sliders span 1..100 in steps of 0.1, both starting at 1. GoNB's
// slider is integer-only, so its positions are the values times SliderScale:
// 10..1000, starting at 10. Position 0 never occurs, which matters because
// the front end drops SetValue(0) (0 is falsy in JavaScript).
const (
	SliderScale      = 10
	SliderMinValue   = 1.0   // smallest R_m (kOhm) and tau_ref (ms) on a slider
	SliderMaxValue   = 100.0 // largest R_m (kOhm) and tau_ref (ms) on a slider
	SliderStartValue = 1.0   // where both sliders start

	SliderMin   = int(SliderMinValue * SliderScale)
	SliderMax   = int(SliderMaxValue * SliderScale)
	SliderStart = int(SliderStartValue * SliderScale)
)

// SliderValue converts a slider position to the real value it stands for:
// pos / SliderScale, with pos clamped to [SliderMin, SliderMax] first, since
// the front end sends whatever the page's input holds.
func SliderValue(pos int) float64 {
	return float64(min(max(pos, SliderMin), SliderMax)) / SliderScale
}

// SliderPosition converts a real value to the nearest slider position. It
// returns an error for NaN or a value outside [SliderMinValue, SliderMaxValue].
func SliderPosition(v float64) (int, error) {
	if math.IsNaN(v) || v < SliderMinValue || v > SliderMaxValue {
		return 0, fmt.Errorf("lif: slider value must be in [%g, %g], got %g", SliderMinValue, SliderMaxValue, v)
	}
	return int(math.Round(v * SliderScale)), nil
}

// FormatValue formats a slider value as the demo displays it: one decimal,
// the slider's resolution ("1.0", "12.3", "100.0").
func FormatValue(v float64) string {
	return fmt.Sprintf("%.1f", v)
}

// DemoYMax is the demo's fixed y limit (spike counts). A fixed axis keeps the
// curve's movement visible while a slider is dragged; the original's 80 would cut
// off counts that reach 143 on the slider range (tau_ref = 1 ms, R_m >= 5
// kOhm, I = 2 mA: a spike every 7 samples of the 1001). Should a count ever
// need more room, the axis grows to fit it instead of hiding data.
const DemoYMax = 160

// Setting is one (R_m, tau_ref) pair of the transfer curve.
type Setting struct {
	Rm     float64 // membrane resistance (kOhm)
	TauRef float64 // refractory period (ms)
}

// Label is the setting as a legend entry, e.g. "R_m = 1 kOhm, tau_ref = 1 ms".
func (s Setting) Label() string {
	return fmt.Sprintf("R_m = %g kOhm, tau_ref = %g ms", s.Rm, s.TauRef)
}

// SliderCurvePlot returns the transfer curve of one setting, titled with its
// values, with the y axis from 0 to DemoYMax (or higher if a count needs it).
// The curve is simulated with simulate (the lesson's RunLIF). It returns an
// error if IFCurve rejects the parameters (for example Rm <= 0, tauRef < 0,
// or NaN).
func SliderCurvePlot(simulate Simulator, s Setting) (*plot.Plot, error) {
	currents, counts, err := IFCurve(simulate, s.Rm, s.TauRef)
	if err != nil {
		return nil, err
	}
	yMax := float64(DemoYMax)
	for _, c := range counts {
		if 1.1*float64(c) > yMax {
			yMax = 0 // let IFCurvesPlot fit the data
		}
	}
	p, err := IFCurvesPlot([]IFCurveSeries{{Label: s.Label(), Currents: currents, Counts: counts}}, yMax)
	if err != nil {
		return nil, err
	}
	p.Title.Text = fmt.Sprintf("LIF Neuron: Transfer Function (R_m = %s kOhm, tau_ref = %s ms)",
		FormatValue(s.Rm), FormatValue(s.TauRef))
	return p, nil
}

// SliderCurvePNG renders SliderCurvePlot(simulate, s) as a PNG of the default figure size.
func SliderCurvePNG(simulate Simulator, s Setting) ([]byte, error) {
	p, err := SliderCurvePlot(simulate, s)
	if err != nil {
		return nil, err
	}
	return plots.PNG(plots.Single(p))
}

// SliderCurveHTML returns the transfer curve for membrane resistance rm (kOhm)
// and refractory period tauRef (ms), simulated with simulate, as one HTML <img> element with id CurveID,
// the PNG embedded as a data: URI, and the values drawn repeated in its
// data-rm and data-tau-ref attributes (formatted as FormatValue does):
//
//	<img id="lif-curve" data-rm="1.0" data-tau-ref="1.0" alt="..." src="data:image/png;base64,...">
//
// It returns an error, and no HTML, for parameters IFCurve rejects.
func SliderCurveHTML(simulate Simulator, rm, tauRef float64) (string, error) {
	png, err := SliderCurvePNG(simulate, Setting{Rm: rm, TauRef: tauRef})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<img id=%q data-rm=%q data-tau-ref=%q alt="LIF transfer function, R_m = %s kOhm, tau_ref = %s ms" src="data:image/png;base64,`,
		CurveID, FormatValue(rm), FormatValue(tauRef), FormatValue(rm), FormatValue(tauRef))
	b.WriteString(base64.StdEncoding.EncodeToString(png))
	b.WriteString(`">`)
	return b.String(), nil
}

// PanelGroup is one panel of the static figure: a title and the settings
// drawn in it, one line each.
type PanelGroup struct {
	Title    string
	Settings []Setting
}

// StaticPanels are the panels shown where the sliders cannot run. The left
// one fixes tau_ref = 1 ms and raises R_m from the sliders' start (1, 1):
// the threshold current R_m must overcome, Vth / R_m, moves towards 0 and the
// curve approaches a ReLU. The right one fixes a weak leak (R_m = 100 kOhm)
// and lengthens tau_ref: the count saturates near T / tau_ref.
var StaticPanels = []PanelGroup{
	{Title: "tau_ref = 1 ms, varying R_m", Settings: []Setting{{1, 1}, {2, 1}, {5, 1}, {100, 1}}},
	{Title: "R_m = 100 kOhm, varying tau_ref", Settings: []Setting{{100, 1}, {100, 5}, {100, 20}, {100, 100}}},
}

// PanelFigure returns a figure with one transfer-curve panel per group, side by
// side, all sharing the y limit DemoYMax (or more, if a count needs it) so
// that their heights compare. Legends name each line's setting. The curves are
// simulated with simulate (the lesson's RunLIF). It returns an error if there
// are no groups, a group is empty, or a setting is invalid.
func PanelFigure(simulate Simulator, groups []PanelGroup) (*plots.Figure, error) {
	if len(groups) == 0 {
		return nil, fmt.Errorf("lif: panel figure: no groups to draw")
	}
	series := make([][]IFCurveSeries, len(groups))
	maxCount := 0
	for i, g := range groups {
		if len(g.Settings) == 0 {
			return nil, fmt.Errorf("lif: panel figure: group %d (%q) has no settings", i, g.Title)
		}
		for _, s := range g.Settings {
			currents, counts, err := IFCurve(simulate, s.Rm, s.TauRef)
			if err != nil {
				return nil, fmt.Errorf("lif: panel figure: group %d (%q): %w", i, g.Title, err)
			}
			for _, c := range counts {
				maxCount = max(maxCount, c)
			}
			series[i] = append(series[i], IFCurveSeries{Label: s.Label(), Currents: currents, Counts: counts})
		}
	}
	yMax := max(float64(DemoYMax), 1.1*float64(maxCount))
	row := make([]*plot.Plot, len(groups))
	for i, g := range groups {
		p, err := IFCurvesPlot(series[i], yMax)
		if err != nil {
			return nil, fmt.Errorf("lif: panel figure: %w", err)
		}
		p.Title.Text = g.Title
		row[i] = p
	}
	return &plots.Figure{
		Rows:   [][]*plot.Plot{row},
		Width:  vg.Length(len(groups)) * 5.5 * vg.Inch,
		Height: 4.5 * vg.Inch,
	}, nil
}

// StaticFigure is PanelFigure(simulate, StaticPanels).
func StaticFigure(simulate Simulator) (*plots.Figure, error) {
	return PanelFigure(simulate, StaticPanels)
}
