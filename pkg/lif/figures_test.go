package lif_test

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"

	"github.com/nma-go/mlp/internal/plottest"
	"github.com/nma-go/mlp/pkg/lif"
)

// The transfer curve for R_m = 1, tau_ref = 1 from docs/REFERENCE.md, on the
// float32 currents of torch.linspace(0, 2, 10).
var (
	refCurrents = []float32{0, 0.222222224, 0.444444448, 0.666666687, 0.888888896,
		1.11111116, 1.33333337, 1.55555558, 1.77777779, 2}
	refCounts = []int{0, 0, 0, 0, 0, 43, 66, 91, 111, 125}
)

func TestTracePlot(t *testing.T) {
	timeMs := []float32{0, 0.1, 0.2, 0.3}
	vm := []float32{0, 0.015, 1.5, 0}
	p, err := lif.TracePlot(timeMs, vm)
	require.NoError(t, err)
	assert.Equal(t, "LIF Neuron Output", p.Title.Text)
	assert.Equal(t, "Time (msec)", p.X.Label.Text)
	assert.Equal(t, "Membrane Potential (V)", p.Y.Label.Text)
	assert.LessOrEqual(t, p.X.Min, 0.0)
	assert.GreaterOrEqual(t, p.X.Max, float64(float32(0.3)))
	assert.GreaterOrEqual(t, p.Y.Max, 1.5, "the spike must be visible")
	assert.True(t, bytes.HasPrefix(plottest.RenderPNG(t, p), plottest.PNGMagic), "PNG signature")
}

func TestTracePlotBadInput(t *testing.T) {
	tests := []struct {
		name      string
		timeMs    []float32
		vm        []float32
		wantError string
	}{
		{"length mismatch", []float32{0, 1}, []float32{0}, "lif: trace plot: timeMs and vm must have the same length, got 2 and 1"},
		{"empty", nil, nil, "lif: trace plot: the trace is empty"},
		{"NaN voltage", []float32{0, 1}, []float32{0, float32(math.NaN())}, "NaN"},
		{"infinite time", []float32{0, float32(math.Inf(1))}, []float32{0, 1}, "infinite"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := lif.TracePlot(tc.timeMs, tc.vm)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.Contains(t, err.Error(), tc.wantError)
		})
	}
}

func TestIFCurvesPlot(t *testing.T) {
	high := make([]int, len(refCounts))
	for i, c := range refCounts {
		high[i] = c + c/10 + 18 // largest 155
	}
	tests := []struct {
		name        string
		curves      []lif.IFCurveSeries
		yMax        float64
		wantYMax    float64
		wantLegend  bool
		wantMaxData int
	}{
		{"reference curve, auto limit 1.1 x 125", []lif.IFCurveSeries{{Label: "Rm=1", Currents: refCurrents, Counts: refCounts}}, 0, 137.5, false, 125},
		{"the original's explicit limit", []lif.IFCurveSeries{{Currents: refCurrents, Counts: refCounts}}, 80, 80, false, 125},
		{"small counts: auto limit is 80", []lif.IFCurveSeries{{Currents: refCurrents[:3], Counts: []int{0, 3, 9}}}, -1, 80, false, 9},
		{"two curves, auto limit above both", []lif.IFCurveSeries{
			{Label: "Rm=1, tau_ref=1", Currents: refCurrents, Counts: refCounts},
			{Label: "Rm=5, tau_ref=1", Currents: refCurrents, Counts: high},
		}, 0, 1.1 * 155, true, 155},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := lif.IFCurvesPlot(tc.curves, tc.yMax)
			require.NoError(t, err)
			assert.Equal(t, "LIF Neuron: Transfer Function", p.Title.Text)
			assert.Equal(t, "I (mA)", p.X.Label.Text)
			assert.Equal(t, "Spike count", p.Y.Label.Text)
			assert.Equal(t, 0.0, p.X.Min)
			assert.Equal(t, 2.0, p.X.Max)
			assert.Equal(t, 0.0, p.Y.Min)
			assert.InDelta(t, tc.wantYMax, p.Y.Max, 1e-9, "got y max %g; want %g", p.Y.Max, tc.wantYMax)
			if tc.yMax <= 0 {
				assert.GreaterOrEqual(t, p.Y.Max, float64(tc.wantMaxData), "the automatic limit must not hide data")
			}
			assert.Equal(t, tc.wantLegend, plottest.HasLegend(p), "a legend only for more than one curve")
			assert.True(t, bytes.HasPrefix(plottest.RenderPNG(t, p), plottest.PNGMagic), "PNG signature")
		})
	}
}

// lineStyleRE matches the style of a stroked SVG path.
var lineStyleRE = regexp.MustCompile(`<path d="[^"]*" style="(fill:none;stroke:[^"]*)"`)

// TestIFCurvesPlotDistinctStyles renders ten curves to SVG and checks that they
// are drawn in ten different line styles (colour and dash pattern), also past
// the end of the colour palette.
func TestIFCurvesPlotDistinctStyles(t *testing.T) {
	const numCurves = 10
	var curves []lif.IFCurveSeries
	for i := range numCurves {
		counts := make([]int, len(refCounts))
		for j, c := range refCounts {
			counts[j] = c + 3*i
		}
		curves = append(curves, lif.IFCurveSeries{Label: fmt.Sprintf("curve %d", i), Currents: refCurrents, Counts: counts})
	}
	p, err := lif.IFCurvesPlot(curves, 0)
	require.NoError(t, err)
	w, err := p.WriterTo(4*vg.Inch, 3*vg.Inch, "svg")
	require.NoError(t, err)
	var buf bytes.Buffer
	_, err = w.WriteTo(&buf)
	require.NoError(t, err)

	styles := map[string]bool{}
	for _, m := range lineStyleRE.FindAllStringSubmatch(buf.String(), -1) {
		if !strings.HasPrefix(m[1], "fill:none;stroke:#000000") { // axes and ticks are black
			styles[m[1]] = true
		}
	}
	assert.Len(t, styles, numCurves, "distinct curve styles: %v", styles)
}

func TestIFCurvesPlotBadInput(t *testing.T) {
	tests := []struct {
		name      string
		curves    []lif.IFCurveSeries
		yMax      float64
		wantError string
	}{
		{"no series", nil, 0, "lif: IF curves plot: no series to plot"},
		{"length mismatch", []lif.IFCurveSeries{{Label: "x", Currents: refCurrents, Counts: refCounts[:3]}}, 0,
			`lif: IF curves plot: series 0 ("x") has 10 currents and 3 counts`},
		{"empty series", []lif.IFCurveSeries{{Label: "e"}}, 0, `lif: IF curves plot: series 0 ("e") is empty`},
		{"NaN current", []lif.IFCurveSeries{{Currents: []float32{float32(math.NaN())}, Counts: []int{1}}}, 0, "NaN"},
		{"NaN yMax", []lif.IFCurveSeries{{Currents: refCurrents, Counts: refCounts}}, math.NaN(), "lif: IF curves plot: yMax must be finite, got NaN"},
		{"Inf yMax", []lif.IFCurveSeries{{Currents: refCurrents, Counts: refCounts}}, math.Inf(1), "lif: IF curves plot: yMax must be finite, got +Inf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := lif.IFCurvesPlot(tc.curves, tc.yMax)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.Contains(t, err.Error(), tc.wantError)
		})
	}
}
