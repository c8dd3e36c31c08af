package lif

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
	require.NoError(t, ShowDemo(DemoOptions{Simulate: restingNeuron}))
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Equal(t, ReasonNotNotebook, DetectFrontEnd(time.Second))
}

// restingNeuron is a Simulator whose potential never moves: these tests
// need a simulator, not the simulation (that is the lesson's RunLIF, tested
// by the external tests of this package).
func restingNeuron(current float64, p Params) (timeMs, vm []float32, err error) {
	timeMs, err = TimeGrid(p)
	if err != nil {
		return nil, nil, err
	}
	return timeMs, make([]float32, len(timeMs)), nil
}

func TestShowDemoNeedsASimulator(t *testing.T) {
	err := ShowDemo(DemoOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "DemoOptions.Simulate is nil")
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
