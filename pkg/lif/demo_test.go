package lif

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"math"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/plottest"
	"github.com/nma-go/mlp/pkg/plots"
)

// refCounts11 is docs/REFERENCE.md's transfer curve for R_m = 1, tau_ref = 1.
var refCounts11 = []int{0, 0, 0, 0, 0, 43, 66, 91, 111, 125}

func TestSliderScaling(t *testing.T) {
	assert.Equal(t, 10, SliderMin)
	assert.Equal(t, 1000, SliderMax)
	assert.Equal(t, 10, SliderStart, "both sliders start at 1")
	tests := []struct {
		name string
		pos  int
		want float64
	}{
		{"start", 10, 1},
		{"one step", 11, 1.1},
		{"middle", 505, 50.5},
		{"end", 1000, 100},
		{"below the range is clamped", 0, 1},
		{"above the range is clamped", 5000, 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, SliderValue(tc.pos), 1e-12, "SliderValue(%d)", tc.pos)
		})
	}
}

func TestSliderPosition(t *testing.T) {
	tests := []struct {
		value   float64
		want    int
		wantErr bool
	}{
		{1, 10, false},
		{12.3, 123, false},
		{100, 1000, false},
		{0.5, 0, true},
		{100.5, 0, true},
		{math.NaN(), 0, true},
	}
	for _, tc := range tests {
		got, err := SliderPosition(tc.value)
		if tc.wantErr {
			assert.Error(t, err, "SliderPosition(%g)", tc.value)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "SliderPosition(%g)", tc.value)
		assert.InDelta(t, tc.value, SliderValue(got), 1e-12, "round trip of %g", tc.value)
	}
}

func TestFormatValue(t *testing.T) {
	for v, want := range map[float64]string{1: "1.0", 12.3: "12.3", 100: "100.0", SliderValue(123): "12.3"} {
		assert.Equal(t, want, FormatValue(v))
	}
}

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
			html, err := SliderCurveHTML(tc.rm, tc.tauRef)
			require.NoError(t, err)
			m := imgRE.FindStringSubmatch(html)
			require.NotNil(t, m, "got %.120q; want an <img id=%q ... src=\"data:image/png;base64,...\">", html, CurveID)
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
			html, err := SliderCurveHTML(tc.rm, tc.tauRef)
			require.Error(t, err)
			assert.Empty(t, html)
			assert.Regexp(t, `^lif: (Rm|tau_ref) must`, err.Error())
		})
	}
}

func TestSliderCurvePlot(t *testing.T) {
	p, err := SliderCurvePlot(Setting{Rm: 1, TauRef: 1})
	require.NoError(t, err)
	assert.Equal(t, "LIF Neuron: Transfer Function (R_m = 1.0 kOhm, tau_ref = 1.0 ms)", p.Title.Text)
	assert.Equal(t, 0.0, p.Y.Min)
	assert.Equal(t, float64(DemoYMax), p.Y.Max, "the demo's axis stays fixed")
	assert.Equal(t, float64(IFCurveMaxCurrent), p.X.Max)
}

// TestDemoYMaxHidesNothing checks the reasoning behind DemoYMax on a grid of
// the slider range: no count reaches the fixed limit.
func TestDemoYMaxHidesNothing(t *testing.T) {
	maxCount := 0
	for _, rm := range []float64{1, 2, 5, 10, 50, 100} {
		for _, tauRef := range []float64{1, 1.1, 1.5, 2, 10, 100} {
			_, counts, err := IFCurve(rm, tauRef)
			require.NoError(t, err)
			for _, c := range counts {
				maxCount = max(maxCount, c)
			}
		}
	}
	assert.Equal(t, 143, maxCount, "largest count on the slider grid")
	assert.Less(t, 1.1*float64(maxCount), float64(DemoYMax))
}

func TestStaticFigure(t *testing.T) {
	fig, err := StaticFigure()
	require.NoError(t, err)
	require.Len(t, fig.Rows, 1)
	require.Len(t, fig.Rows[0], len(StaticPanels))
	for i, p := range fig.Rows[0] {
		assert.Equal(t, StaticPanels[i].Title, p.Title.Text)
		assert.Equal(t, float64(DemoYMax), p.Y.Max, "panels share the y limit")
	}
	data, err := plots.PNG(fig)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(data, plottest.PNGMagic))

	found := false
	for _, g := range StaticPanels {
		for _, s := range g.Settings {
			found = found || s == Setting{Rm: 1, TauRef: 1}
		}
	}
	assert.True(t, found, "the static panels include the sliders' start (1, 1)")
	_, counts, err := IFCurve(1, 1)
	require.NoError(t, err)
	assert.Equal(t, refCounts11, counts)
}

func TestPanelFigureErrors(t *testing.T) {
	tests := []struct {
		name   string
		groups []PanelGroup
		want   string
	}{
		{"no groups", nil, "no groups"},
		{"empty group", []PanelGroup{{Title: "empty"}}, `group 0 \("empty"\) has no settings`},
		{"bad setting", []PanelGroup{{Title: "bad", Settings: []Setting{{Rm: 0, TauRef: 1}}}}, `group 0 \("bad"\): lif: Rm must be > 0`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fig, err := PanelFigure(tc.groups)
			require.Error(t, err)
			assert.Nil(t, fig)
			assert.Regexp(t, tc.want, err.Error())
		})
	}
}

func TestDetectFrontEnd(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	server := map[string]string{"GONB_JUPYTER_KERNEL_ID": "0c4a7b4e-1d2f-4a5b-9c8d-123456789abc"}
	tests := []struct {
		name       string
		isNotebook bool
		vars       map[string]string
		probeOK    bool
		want       DemoReason
		wantProbe  bool
	}{
		{"go test or go run", false, server, true, ReasonNotNotebook, false},
		{"nbconvert: no kernel id", true, nil, true, ReasonNoServer, false},
		{"forced off", true, map[string]string{"GONB_JUPYTER_KERNEL_ID": "x", NoWidgetsEnv: "1"}, true, ReasonDisabled, false},
		{"forced off, word", true, map[string]string{"GONB_JUPYTER_KERNEL_ID": "x", NoWidgetsEnv: "yes"}, true, ReasonDisabled, false},
		{"override 0 keeps widgets", true, map[string]string{"GONB_JUPYTER_KERNEL_ID": "x", NoWidgetsEnv: "0"}, true, ReasonInteractive, true},
		{"override false keeps widgets", true, map[string]string{"GONB_JUPYTER_KERNEL_ID": "x", NoWidgetsEnv: "false"}, true, ReasonInteractive, true},
		{"server without a page", true, server, false, ReasonNoFrontEnd, true},
		{"server with a page", true, server, true, ReasonInteractive, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			probed := false
			got := detectFrontEnd(tc.isNotebook, env(tc.vars), func() bool { probed = true; return tc.probeOK })
			assert.Equal(t, tc.want, got, "got %v; want %v", got, tc.want)
			assert.Equal(t, tc.wantProbe, probed, "probe called")
			assert.NotEmpty(t, got.Japanese())
		})
	}
}

func TestShowDemoOutsideNotebook(t *testing.T) {
	// Under go test gonbui.IsNotebook is false: ShowDemo must not touch widgets or
	// wait, only print why it draws nothing.
	start := time.Now()
	require.NoError(t, ShowDemo(DemoOptions{}))
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Equal(t, ReasonNotNotebook, DetectFrontEnd(time.Second))
}

func TestJapaneseDuration(t *testing.T) {
	assert.Equal(t, "10 分間", japaneseDuration(10*time.Minute))
	assert.Equal(t, "30 秒間", japaneseDuration(30*time.Second))
	assert.Equal(t, "90 秒間", japaneseDuration(90*time.Second))
}

func TestControlsHTMLHasIDs(t *testing.T) {
	h := controlsHTML(1, 1)
	for _, id := range []string{RmValueID, TauValueID, StatusID, "lifdemo-rm-slot", "lifdemo-tau-slot", "lifdemo-done-slot"} {
		assert.Contains(t, h, `id="`+id+`"`)
	}
	assert.Contains(t, h, `<span id="lif-rm-value">1.0</span>`)
}
