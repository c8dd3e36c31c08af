// Package lifdemo is the bonus section's interactive demo: two sliders, R_m
// and tau_ref, that redraw the LIF neuron's transfer (f-I) curve live in a
// GoNB notebook, and the static panel of curves shown where no browser is
// there to move them (nbconvert, CI).
//
// The figures come from [plots.IFCurves] on the counts of [tutorial.IFCurve];
// this package adds the slider scaling, the HTML the notebook shows, the
// detection of a live front end and the widget loop ([Run]).
//
// # HTML ids
//
// The interactive page uses stable element ids, so that a browser test can find
// the widgets, move them and read the result: [RmSliderID], [TauSliderID] (the
// <input type="range"> elements), [RmValueID], [TauValueID] (the real values
// next to them, as plain numbers such as "12.3"), [CurveID] (the <img> of the
// curve, whose src is a data: URI and whose data-rm and data-tau-ref attributes
// repeat the values drawn), [DoneButtonID] (the button that ends the loop) and
// [StatusID] (a line of Japanese status text).
package lifdemo

import (
	"encoding/base64"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
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

// The seed's sliders span 1..100 in steps of 0.1, both starting at 1. GoNB's
// slider is integer-only, so its positions are the values times SliderScale:
// 10..1000, starting at 10. Position 0 never occurs, which matters because
// the front end drops SetValue(0) (0 is falsy in JavaScript).
const (
	SliderScale = 10
	MinValue    = 1.0   // smallest R_m (kOhm) and tau_ref (ms) on a slider
	MaxValue    = 100.0 // largest R_m (kOhm) and tau_ref (ms) on a slider
	StartValue  = 1.0   // where both sliders start

	SliderMin   = int(MinValue * SliderScale)
	SliderMax   = int(MaxValue * SliderScale)
	SliderStart = int(StartValue * SliderScale)
)

// SliderValue converts a slider position to the real value it stands for:
// pos / SliderScale, with pos clamped to [SliderMin, SliderMax] first, since
// the front end sends whatever the page's input holds.
func SliderValue(pos int) float64 {
	return float64(min(max(pos, SliderMin), SliderMax)) / SliderScale
}

// SliderPosition converts a real value to the nearest slider position. It
// returns an error for NaN or a value outside [MinValue, MaxValue].
func SliderPosition(v float64) (int, error) {
	if math.IsNaN(v) || v < MinValue || v > MaxValue {
		return 0, fmt.Errorf("lifdemo: slider value must be in [%g, %g], got %g", MinValue, MaxValue, v)
	}
	return int(math.Round(v * SliderScale)), nil
}

// FormatValue formats a slider value as the demo displays it: one decimal,
// the slider's resolution ("1.0", "12.3", "100.0").
func FormatValue(v float64) string {
	return fmt.Sprintf("%.1f", v)
}

// DemoYMax is the demo's fixed y limit (spike counts). A fixed axis keeps the
// curve's movement visible while a slider is dragged; the seed's 80 would cut
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

// IFCurvePlot returns the transfer curve of one setting, titled with its
// values, with the y axis from 0 to DemoYMax (or higher if a count needs it).
// It returns an error if tutorial.IFCurve rejects the parameters (for example
// Rm <= 0, tauRef < 0, or NaN).
func IFCurvePlot(s Setting) (*plot.Plot, error) {
	currents, counts, err := tutorial.IFCurve(s.Rm, s.TauRef)
	if err != nil {
		return nil, fmt.Errorf("lifdemo: %w", err)
	}
	yMax := float64(DemoYMax)
	for _, c := range counts {
		if 1.1*float64(c) > yMax {
			yMax = 0 // let IFCurves fit the data
		}
	}
	p, err := plots.IFCurves([]plots.IFCurveSeries{{Label: s.Label(), Currents: currents, Counts: counts}}, yMax)
	if err != nil {
		return nil, fmt.Errorf("lifdemo: %w", err)
	}
	p.Title.Text = fmt.Sprintf("LIF Neuron: Transfer Function (R_m = %s kOhm, tau_ref = %s ms)",
		FormatValue(s.Rm), FormatValue(s.TauRef))
	return p, nil
}

// IFCurvePNG renders IFCurvePlot(s) as a PNG of the default figure size.
func IFCurvePNG(s Setting) ([]byte, error) {
	p, err := IFCurvePlot(s)
	if err != nil {
		return nil, err
	}
	return plots.PNG(plots.Single(p))
}

// IFCurveHTML returns the transfer curve for membrane resistance rm (kOhm)
// and refractory period tauRef (ms) as one HTML <img> element with id CurveID,
// the PNG embedded as a data: URI, and the values drawn repeated in its
// data-rm and data-tau-ref attributes (formatted as FormatValue does):
//
//	<img id="lif-curve" data-rm="1.0" data-tau-ref="1.0" alt="..." src="data:image/png;base64,...">
//
// It returns an error, and no HTML, for parameters tutorial.IFCurve rejects.
func IFCurveHTML(rm, tauRef float64) (string, error) {
	png, err := IFCurvePNG(Setting{Rm: rm, TauRef: tauRef})
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

// Panel returns a figure with one transfer-curve panel per group, side by
// side, all sharing the y limit DemoYMax (or more, if a count needs it) so
// that their heights compare. Legends name each line's setting. It returns an
// error if there are no groups, a group is empty, or a setting is invalid.
func Panel(groups []PanelGroup) (*plots.Figure, error) {
	if len(groups) == 0 {
		return nil, fmt.Errorf("lifdemo: panel: no groups to draw")
	}
	series := make([][]plots.IFCurveSeries, len(groups))
	maxCount := 0
	for i, g := range groups {
		if len(g.Settings) == 0 {
			return nil, fmt.Errorf("lifdemo: panel: group %d (%q) has no settings", i, g.Title)
		}
		for _, s := range g.Settings {
			currents, counts, err := tutorial.IFCurve(s.Rm, s.TauRef)
			if err != nil {
				return nil, fmt.Errorf("lifdemo: panel: group %d (%q): %w", i, g.Title, err)
			}
			for _, c := range counts {
				maxCount = max(maxCount, c)
			}
			series[i] = append(series[i], plots.IFCurveSeries{Label: s.Label(), Currents: currents, Counts: counts})
		}
	}
	yMax := max(float64(DemoYMax), 1.1*float64(maxCount))
	row := make([]*plot.Plot, len(groups))
	for i, g := range groups {
		p, err := plots.IFCurves(series[i], yMax)
		if err != nil {
			return nil, fmt.Errorf("lifdemo: panel: %w", err)
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

// StaticFigure is Panel(StaticPanels).
func StaticFigure() (*plots.Figure, error) {
	return Panel(StaticPanels)
}
