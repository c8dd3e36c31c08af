package plots_test

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/nma-go/mlp/pkg/plots"
)

// pngMagic is the 8-byte signature every PNG file starts with.
var pngMagic = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}

// The transfer curve for R_m = 1, tau_ref = 1 from docs/REFERENCE.md, on the
// float32 currents of torch.linspace(0, 2, 10).
var (
	refCurrents = []float32{0, 0.222222224, 0.444444448, 0.666666687, 0.888888896,
		1.11111116, 1.33333337, 1.55555558, 1.77777779, 2}
	refCounts = []int{0, 0, 0, 0, 0, 43, 66, 91, 111, 125}
)

func renderPNG(t *testing.T, p *plot.Plot) []byte {
	t.Helper()
	w, err := p.WriterTo(4*vg.Inch, 3*vg.Inch, "png")
	require.NoError(t, err)
	var buf bytes.Buffer
	_, err = w.WriteTo(&buf)
	require.NoError(t, err)
	return buf.Bytes()
}

// hasLegend reports whether the plot's legend has entries: Legend keeps them
// unexported, but its extent has zero height when there are none.
func hasLegend(p *plot.Plot) bool {
	return p.Legend.Rectangle(draw.Canvas{}).Size().Y > 0
}

func TestLIFTrace(t *testing.T) {
	timeMs := []float32{0, 0.1, 0.2, 0.3}
	vm := []float32{0, 0.015, 1.5, 0}
	p, err := plots.LIFTrace(timeMs, vm)
	require.NoError(t, err)
	assert.Equal(t, "LIF Neuron Output", p.Title.Text)
	assert.Equal(t, "Time (msec)", p.X.Label.Text)
	assert.Equal(t, "Membrane Potential (V)", p.Y.Label.Text)
	assert.LessOrEqual(t, p.X.Min, 0.0)
	assert.GreaterOrEqual(t, p.X.Max, float64(float32(0.3)))
	assert.GreaterOrEqual(t, p.Y.Max, 1.5, "the spike must be visible")
	assert.True(t, bytes.HasPrefix(renderPNG(t, p), pngMagic), "PNG signature")
}

func TestLIFTraceBadInput(t *testing.T) {
	tests := []struct {
		name      string
		timeMs    []float32
		vm        []float32
		wantError string
	}{
		{"length mismatch", []float32{0, 1}, []float32{0}, "plots: LIF trace: timeMs and vm must have the same length, got 2 and 1"},
		{"empty", nil, nil, "plots: LIF trace: the trace is empty"},
		{"NaN voltage", []float32{0, 1}, []float32{0, float32(math.NaN())}, "NaN"},
		{"infinite time", []float32{0, float32(math.Inf(1))}, []float32{0, 1}, "infinite"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := plots.LIFTrace(tc.timeMs, tc.vm)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.Contains(t, err.Error(), tc.wantError)
		})
	}
}

func TestIFCurves(t *testing.T) {
	high := make([]int, len(refCounts))
	for i, c := range refCounts {
		high[i] = c + c/10 + 18 // largest 155
	}
	tests := []struct {
		name        string
		curves      []plots.IFCurveSeries
		yMax        float64
		wantYMax    float64
		wantLegend  bool
		wantMaxData int
	}{
		{"reference curve, auto limit 1.1 x 125", []plots.IFCurveSeries{{Label: "Rm=1", Currents: refCurrents, Counts: refCounts}}, 0, 137.5, false, 125},
		{"explicit seed limit", []plots.IFCurveSeries{{Currents: refCurrents, Counts: refCounts}}, 80, 80, false, 125},
		{"small counts: auto limit is 80", []plots.IFCurveSeries{{Currents: refCurrents[:3], Counts: []int{0, 3, 9}}}, -1, 80, false, 9},
		{"two curves, auto limit above both", []plots.IFCurveSeries{
			{Label: "Rm=1, tau_ref=1", Currents: refCurrents, Counts: refCounts},
			{Label: "Rm=5, tau_ref=1", Currents: refCurrents, Counts: high},
		}, 0, 1.1 * 155, true, 155},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := plots.IFCurves(tc.curves, tc.yMax)
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
			assert.Equal(t, tc.wantLegend, hasLegend(p), "a legend only for more than one curve")
			assert.True(t, bytes.HasPrefix(renderPNG(t, p), pngMagic), "PNG signature")
		})
	}
}

// lineStyleRE matches the style of a stroked SVG path.
var lineStyleRE = regexp.MustCompile(`<path d="[^"]*" style="(fill:none;stroke:[^"]*)"`)

// TestIFCurvesDistinctStyles renders ten curves to SVG and checks that they
// are drawn in ten different line styles (colour and dash pattern), also past
// the end of the colour palette.
func TestIFCurvesDistinctStyles(t *testing.T) {
	const numCurves = 10
	var curves []plots.IFCurveSeries
	for i := range numCurves {
		counts := make([]int, len(refCounts))
		for j, c := range refCounts {
			counts[j] = c + 3*i
		}
		curves = append(curves, plots.IFCurveSeries{Label: fmt.Sprintf("curve %d", i), Currents: refCurrents, Counts: counts})
	}
	p, err := plots.IFCurves(curves, 0)
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

func TestIFCurvesBadInput(t *testing.T) {
	tests := []struct {
		name      string
		curves    []plots.IFCurveSeries
		yMax      float64
		wantError string
	}{
		{"no series", nil, 0, "plots: IF curves: no series to plot"},
		{"length mismatch", []plots.IFCurveSeries{{Label: "x", Currents: refCurrents, Counts: refCounts[:3]}}, 0,
			`plots: IF curves: series 0 ("x") has 10 currents and 3 counts`},
		{"empty series", []plots.IFCurveSeries{{Label: "e"}}, 0, `plots: IF curves: series 0 ("e") is empty`},
		{"NaN current", []plots.IFCurveSeries{{Currents: []float32{float32(math.NaN())}, Counts: []int{1}}}, 0, "NaN"},
		{"NaN yMax", []plots.IFCurveSeries{{Currents: refCurrents, Counts: refCounts}}, math.NaN(), "plots: IF curves: yMax must be finite, got NaN"},
		{"Inf yMax", []plots.IFCurveSeries{{Currents: refCurrents, Counts: refCounts}}, math.Inf(1), "plots: IF curves: yMax must be finite, got +Inf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := plots.IFCurves(tc.curves, tc.yMax)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.Contains(t, err.Error(), tc.wantError)
		})
	}
}
