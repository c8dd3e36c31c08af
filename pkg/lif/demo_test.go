package lif

import (
	"io"
	"math"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/i18n"
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
			for _, l := range i18n.Langs {
				text := got.Explain(l)
				assert.NotEmpty(t, text)
				assert.NotEqual(t, got.String(), text, "%s: the reason has a message", l)
				assert.Empty(t, l.Foreign(text), "%s: %q is in one language", l, text)
			}
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

// captureStdout returns what f prints to standard output.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	saved := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	defer func() { os.Stdout = saved }()
	f()
	require.NoError(t, w.Close())
	return <-done
}

// Outside a notebook ShowDemo prints its reason in the language that
// NMA_MLP_LANG chooses (the English notebooks set it to en).
func TestShowDemoSpeaksTheDefaultLanguage(t *testing.T) {
	tests := []struct{ env, want string }{
		{"", "GoNB のノートブックの外で実行されているので、スライダーの代わりに静的な図を描きます。\n"},
		{"ja", "GoNB のノートブックの外で実行されているので、スライダーの代わりに静的な図を描きます。\n"},
		{"en", "This runs outside a GoNB notebook, so a static figure is drawn instead of the sliders.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.env, func(t *testing.T) {
			t.Setenv(i18n.EnvVar, tc.env)
			out := captureStdout(t, func() { require.NoError(t, ShowDemo(DemoOptions{Simulate: restingNeuron})) })
			assert.Equal(t, tc.want, out)
		})
	}
}

func TestExplain(t *testing.T) {
	tests := []struct {
		reason DemoReason
		lang   i18n.Lang
		want   string
	}{
		{ReasonInteractive, i18n.Japanese, "ブラウザのノートブックから実行されているので、スライダーを表示します。"},
		{ReasonDisabled, i18n.Japanese, "環境変数 GONB_NO_WIDGETS が設定されているので、スライダーの代わりに静的な図を描きます。"},
		{ReasonNoServer, i18n.Japanese, "ブラウザのないヘッドレス実行 (nbconvert や CI) なので、スライダーの代わりに静的な図を描きます。スライダーは Jupyter をブラウザで開いて実行すると動きます。"},
		{ReasonNoFrontEnd, i18n.Japanese, "ブラウザのページから応答がなかったので、スライダーの代わりに静的な図を描きます。ノートブックをブラウザで開いてからセルを実行し直してください。"},
		{ReasonInteractive, i18n.English, "The notebook runs in a browser, so here are the sliders."},
		{ReasonDisabled, i18n.English, "The environment variable GONB_NO_WIDGETS is set, so a static figure is drawn instead of the sliders."},
		{ReasonNoServer, i18n.English, "This is a headless run without a browser (nbconvert or CI), so a static figure is drawn instead of the sliders. The sliders work when you open the notebook in Jupyter in a browser and run it."},
		{ReasonNoFrontEnd, i18n.English, "No browser page answered, so a static figure is drawn instead of the sliders. Open the notebook in a browser, then run the cell again."},
		{DemoReason(42), i18n.English, "DemoReason(42)"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, tc.reason.Explain(tc.lang), "%v in %s", tc.reason, tc.lang)
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		lang i18n.Lang
		want string
	}{
		{10 * time.Minute, i18n.Japanese, "10 分間"},
		{30 * time.Second, i18n.Japanese, "30 秒間"},
		{90 * time.Second, i18n.Japanese, "90 秒間"},
		{time.Minute, i18n.Japanese, "1 分間"},
		{10 * time.Minute, i18n.English, "10 minutes"},
		{30 * time.Second, i18n.English, "30 seconds"},
		{90 * time.Second, i18n.English, "90 seconds"},
		{time.Minute, i18n.English, "1 minute"},
		{time.Second, i18n.English, "1 second"},
		{1400 * time.Millisecond, i18n.English, "1 second"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, duration(tc.lang, tc.d), "%v in %s", tc.d, tc.lang)
	}
}

// The status line and the end summary are in the language of
// i18n.Default(), as showInteractive reads it; the Japanese ones are the
// texts the demo always printed.
func TestStatusAndEndTexts(t *testing.T) {
	tests := []struct {
		env              string
		status, done     string
		idle, interrupts string
	}{
		{
			env:    "",
			status: "スライダーを動かすと曲線が描き直されます。終わったら Done を押してください (10 分間操作がないと自動で終了します)。",
			done: `<p id="lif-status">Done が押されたので、デモを終了しました。最後の設定: R<sub>m</sub> = 50.0 kΩ, ` +
				`τ<sub>ref</sub> = 20.0 ms。もう一度試すには、セルを実行し直してください。</p>`,
			idle:       "10 分間操作がなかったので、デモを終了しました。",
			interrupts: "中断されたので、デモを終了しました。",
		},
		{
			env:    "en",
			status: "Move a slider and the curve is redrawn. Press Done when you are finished (the demo ends by itself after 10 minutes without input).",
			done: `<p id="lif-status">You pressed Done, so the demo has ended. Last setting: R<sub>m</sub> = 50.0 kΩ, ` +
				`τ<sub>ref</sub> = 20.0 ms. To try again, run the cell again.</p>`,
			idle:       "Nothing moved for 10 minutes, so the demo has ended.",
			interrupts: "The cell was interrupted, so the demo has ended.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.env, func(t *testing.T) {
			t.Setenv(i18n.EnvVar, tc.env)
			l := i18n.Default()
			assert.Equal(t, tc.status, statusText(l, 10*time.Minute))
			assert.Equal(t, tc.done, endHTML(l, l.Sprintf("lif.end.done"), 50, 20))
			assert.Contains(t, endHTML(l, l.Sprintf("lif.end.idle", duration(l, 10*time.Minute)), 1, 1), tc.idle)
			assert.Contains(t, endHTML(l, l.Sprintf("lif.end.interrupted"), 1, 1), tc.interrupts)
			assert.Empty(t, l.Foreign(statusText(l, 10*time.Minute)))
		})
	}
}

func TestControlsHTMLHasIDs(t *testing.T) {
	h := controlsHTML(1, 1)
	for _, id := range []string{RmValueID, TauValueID, StatusID, "lifdemo-rm-slot", "lifdemo-tau-slot", "lifdemo-done-slot"} {
		assert.Contains(t, h, `id="`+id+`"`)
	}
	assert.Contains(t, h, `<span id="lif-rm-value">1.0</span>`)
}
