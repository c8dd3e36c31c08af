package lif_test

// The demo's curves and figures, simulated with the lesson's RunLIF: the
// notebook's run_LIF, which the demo runs.

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"math"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/plottest"
	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/lif"
	"github.com/nma-go/mlp/pkg/plots"
)

// refCounts11 is docs/REFERENCE.md's transfer curve for R_m = 1, tau_ref = 1.
var refCounts11 = []int{0, 0, 0, 0, 0, 43, 66, 91, 111, 125}

// imgRE matches SliderCurveHTML's element and captures data-rm, data-tau-ref and
// the base64 payload.
var imgRE = regexp.MustCompile(`^<img id="lif-curve" data-rm="([0-9.]+)" data-tau-ref="([0-9.]+)" alt="[^"]*" src="data:image/png;base64,([A-Za-z0-9+/=]+)">$`)

func TestSliderCurveHTML(t *testing.T) {
	tests := []struct {
		name           string
		rm, tauRef     float64
		wantRm, wantTa string
	}{
		{"slider start", 1, 1, "1.0", "1.0"},
		{"weak leak", 100, 1, "100.0", "1.0"},
		{"long refractory period", 12.3, 45.6, "12.3", "45.6"},
	}
	payloads := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			html, err := lif.SliderCurveHTML(lesson.RunLIF, tc.rm, tc.tauRef)
			require.NoError(t, err)
			m := imgRE.FindStringSubmatch(html)
			require.NotNil(t, m, "got %.120q; want an <img id=%q ... src=\"data:image/png;base64,...\">", html, lif.CurveID)
			assert.Equal(t, tc.wantRm, m[1], "data-rm")
			assert.Equal(t, tc.wantTa, m[2], "data-tau-ref")
			data, err := base64.StdEncoding.DecodeString(m[3])
			require.NoError(t, err)
			require.True(t, bytes.HasPrefix(data, plottest.PNGMagic), "PNG signature")
			img, err := png.Decode(bytes.NewReader(data))
			require.NoError(t, err)
			assert.Greater(t, img.Bounds().Dx(), 400, "image width")
			payloads[m[3]] = true
		})
	}
	assert.Len(t, payloads, len(tests), "each setting draws a different image")
}

func TestSliderCurveHTMLBadParams(t *testing.T) {
	tests := []struct {
		name       string
		rm, tauRef float64
	}{
		{"zero resistance", 0, 1},
		{"negative resistance", -1, 1},
		{"NaN resistance", math.NaN(), 1},
		{"negative refractory period", 1, -1},
		{"infinite refractory period", 1, math.Inf(1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			html, err := lif.SliderCurveHTML(lesson.RunLIF, tc.rm, tc.tauRef)
			require.Error(t, err)
			assert.Empty(t, html)
			assert.Regexp(t, `^lif: (Rm|tau_ref) must`, err.Error())
		})
	}
}

func TestSliderCurvePlot(t *testing.T) {
	p, err := lif.SliderCurvePlot(lesson.RunLIF, lif.Setting{Rm: 1, TauRef: 1})
	require.NoError(t, err)
	assert.Equal(t, "LIF Neuron: Transfer Function (R_m = 1.0 kOhm, tau_ref = 1.0 ms)", p.Title.Text)
	assert.Equal(t, 0.0, p.Y.Min)
	assert.Equal(t, float64(lif.DemoYMax), p.Y.Max, "the demo's axis stays fixed")
	assert.Equal(t, float64(lif.IFCurveMaxCurrent), p.X.Max)
}

// TestDemoYMaxHidesNothing checks the reasoning behind DemoYMax on a grid of
// the slider range: no count reaches the fixed limit.
func TestDemoYMaxHidesNothing(t *testing.T) {
	maxCount := 0
	for _, rm := range []float64{1, 2, 5, 10, 50, 100} {
		for _, tauRef := range []float64{1, 1.1, 1.5, 2, 10, 100} {
			_, counts, err := lif.IFCurve(lesson.RunLIF, rm, tauRef)
			require.NoError(t, err)
			for _, c := range counts {
				maxCount = max(maxCount, c)
			}
		}
	}
	assert.Equal(t, 143, maxCount, "largest count on the slider grid")
	assert.Less(t, 1.1*float64(maxCount), float64(lif.DemoYMax))
}

func TestStaticFigure(t *testing.T) {
	fig, err := lif.StaticFigure(lesson.RunLIF)
	require.NoError(t, err)
	require.Len(t, fig.Rows, 1)
	require.Len(t, fig.Rows[0], len(lif.StaticPanels))
	for i, p := range fig.Rows[0] {
		assert.Equal(t, lif.StaticPanels[i].Title, p.Title.Text)
		assert.Equal(t, float64(lif.DemoYMax), p.Y.Max, "panels share the y limit")
	}
	data, err := plots.PNG(fig)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(data, plottest.PNGMagic))

	found := false
	for _, g := range lif.StaticPanels {
		for _, s := range g.Settings {
			found = found || s == lif.Setting{Rm: 1, TauRef: 1}
		}
	}
	assert.True(t, found, "the static panels include the sliders' start (1, 1)")
	_, counts, err := lif.IFCurve(lesson.RunLIF, 1, 1)
	require.NoError(t, err)
	assert.Equal(t, refCounts11, counts)
}

func TestPanelFigureErrors(t *testing.T) {
	tests := []struct {
		name   string
		groups []lif.PanelGroup
		want   string
	}{
		{"no groups", nil, "no groups"},
		{"empty group", []lif.PanelGroup{{Title: "empty"}}, `group 0 \("empty"\) has no settings`},
		{"bad setting", []lif.PanelGroup{{Title: "bad", Settings: []lif.Setting{{Rm: 0, TauRef: 1}}}}, `group 0 \("bad"\): lif: Rm must be > 0`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fig, err := lif.PanelFigure(lesson.RunLIF, tc.groups)
			require.Error(t, err)
			assert.Nil(t, fig)
			assert.Regexp(t, tc.want, err.Error())
		})
	}
}
