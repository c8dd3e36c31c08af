package lif

// The widget loop and the detection of a live front end.
//
// GoNB's widgets talk to the browser through a WebSocket that the page opens
// to the Jupyter server. A widget's Done() blocks until the page sends the
// widget's first value, so without a page (nbconvert, CI) it blocks forever.
// ShowDemo therefore decides first whether a page can answer, and draws a static
// figure when it cannot.

import (
	"fmt"
	"html"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/comms"
	"github.com/janpfeifer/gonb/gonbui/dom"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"github.com/janpfeifer/gonb/gonbui/widgets"

	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/pkg/plots"
)

// NoWidgetsEnv names the variable that forces the static figure: any value
// other than "", "0" or a false boolean ("false", "f", ...) disables the
// sliders, e.g. GONB_NO_WIDGETS=1 in the environment that starts Jupyter.
const NoWidgetsEnv = "GONB_NO_WIDGETS"

// Defaults of DemoOptions.
const (
	DefaultIdleTimeout  = 10 * time.Minute
	DefaultProbeTimeout = 10 * time.Second
)

// DemoOptions configure ShowDemo. Simulate is required; the zero value of
// every other field means its default.
type DemoOptions struct {
	// Simulate simulates the neuron for every curve the demo draws: the
	// lesson's RunLIF, the original's run_LIF, declared in the notebook.
	Simulate Simulator
	// IdleTimeout ends the widget loop when no slider moved and no button was
	// pressed for this long, so a forgotten cell does not keep the kernel busy.
	IdleTimeout time.Duration
	// ProbeTimeout bounds the wait for the page's answer to the probe (see
	// DetectFrontEnd). Without a page, GoNB itself waits about 3 s for the WebSocket,
	// so this must be well above that.
	ProbeTimeout time.Duration
	// Static are the panels drawn instead of the sliders; nil means StaticPanels.
	Static []PanelGroup
}

func (o DemoOptions) withDefaults() DemoOptions {
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.ProbeTimeout <= 0 {
		o.ProbeTimeout = DefaultProbeTimeout
	}
	if o.Static == nil {
		o.Static = StaticPanels
	}
	return o
}

// DemoReason says why DetectFrontEnd chose the static figure, or ReasonInteractive.
type DemoReason int

// The outcomes of DetectFrontEnd, checked in this order.
const (
	ReasonInteractive DemoReason = iota // a page answered: the sliders can run
	ReasonNotNotebook                   // not running under GoNB at all
	ReasonDisabled                      // NoWidgetsEnv is set
	ReasonNoServer                      // no notebook server started the kernel (nbconvert, CI)
	ReasonNoFrontEnd                    // a server, but no page answered the probe
)

// String describes the reason in English, for logs.
func (r DemoReason) String() string {
	switch r {
	case ReasonInteractive:
		return "interactive: a notebook page answered"
	case ReasonNotNotebook:
		return "static: not running in a GoNB notebook"
	case ReasonDisabled:
		return "static: " + NoWidgetsEnv + " is set"
	case ReasonNoServer:
		return "static: the kernel was not started by a notebook server (" + protocol.GONB_JUPYTER_KERNEL_ID_ENV + " is unset), e.g. nbconvert"
	case ReasonNoFrontEnd:
		return "static: no notebook page answered the probe"
	}
	return fmt.Sprintf("DemoReason(%d)", int(r))
}

// Explain explains the reason to the student in language l, as the
// notebook shows it (in [i18n.Default]).
func (r DemoReason) Explain(l i18n.Lang) string {
	switch r {
	case ReasonInteractive:
		return l.Sprintf("lif.reason.interactive")
	case ReasonNotNotebook:
		return l.Sprintf("lif.reason.not_notebook")
	case ReasonDisabled:
		return l.Sprintf("lif.reason.disabled", NoWidgetsEnv)
	case ReasonNoServer:
		return l.Sprintf("lif.reason.no_server")
	case ReasonNoFrontEnd:
		return l.Sprintf("lif.reason.no_front_end")
	}
	return r.String()
}

// DetectFrontEnd decides whether the sliders can run, in this order:
//
//  1. Outside GoNB (gonbui.IsNotebook is false) there are no widgets.
//  2. NoWidgetsEnv set to a true value forces the static figure.
//  3. GONB_JUPYTER_KERNEL_ID is set by GoNB only when it finds a kernel id in
//     its connection file's name (kernel-<id>.json), which a notebook server
//     gives it and nbconvert does not; the widgets' WebSocket needs that id.
//     gonbui.IsNotebook cannot tell these apart: it is true under nbconvert.
//  4. A server does not mean a page is open, so a probe asks the page to send
//     a value back through GoNB's comms and waits up to probeTimeout.
//
// Only step 4 costs time (a round trip with a page, probeTimeout without one).
func DetectFrontEnd(probeTimeout time.Duration) DemoReason {
	return detectFrontEnd(gonbui.IsNotebook, os.Getenv, func() bool { return probeFrontEnd(probeTimeout) })
}

// detectFrontEnd is DetectFrontEnd with its inputs injected, for tests.
func detectFrontEnd(isNotebook bool, getenv func(string) string, probe func() bool) DemoReason {
	switch {
	case !isNotebook:
		return ReasonNotNotebook
	case envTrue(getenv(NoWidgetsEnv)):
		return ReasonDisabled
	case getenv(protocol.GONB_JUPYTER_KERNEL_ID_ENV) == "":
		return ReasonNoServer
	case !probe():
		return ReasonNoFrontEnd
	}
	return ReasonInteractive
}

// envTrue reports whether an on/off variable is on: set, and not "0" or a
// false boolean.
func envTrue(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return false
	}
	on, err := strconv.ParseBool(v)
	return err != nil || on
}

// probeJS asks the page to send 1 to an address. The page installs
// globalThis.gonb_comm when the program first subscribes; the script retries
// until it appears or the deadline passes.
const probeJS = `(() => {
  const address = %q;
  const deadline = Date.now() + %d;
  const attempt = () => {
    const comm = globalThis?.gonb_comm;
    if (comm) { comm.send(address, 1); return; }
    if (Date.now() < deadline) { setTimeout(attempt, 100); }
  };
  attempt();
})();`

// probeFrontEnd reports whether a notebook page answers within timeout.
func probeFrontEnd(timeout time.Duration) bool {
	address := "/lifdemo/probe/" + gonbui.UniqueId()
	answers := comms.Listen[int](address)
	defer answers.Close()
	dom.TransientJavascript(fmt.Sprintf(probeJS, address, timeout.Milliseconds()))
	select {
	case <-answers.C:
		return true
	case <-time.After(timeout):
		return false
	}
}

// ShowDemo shows the interactive transfer curve in a GoNB notebook: sliders for
// R_m and tau_ref (1..100 in steps of 0.1, both at 1), their values, the
// curve (redrawn whenever a slider moves) and a Done button. It returns when
// Done is pressed, after opts.IdleTimeout without input, or on an interrupt
// (the notebook's stop button), leaving the last curve in the output.
//
// Where DetectFrontEnd says the sliders cannot run, ShowDemo instead explains why (in
// the language of i18n.Default) and shows the static figure of opts.Static, and
// returns at once.
// Outside a notebook it prints the explanation and draws nothing.
//
// It returns an error if a figure cannot be drawn.
func ShowDemo(opts DemoOptions) error {
	if opts.Simulate == nil {
		return fmt.Errorf("lif: DemoOptions.Simulate is nil; pass the notebook's RunLIF")
	}
	opts = opts.withDefaults()
	reason := DetectFrontEnd(opts.ProbeTimeout)
	if reason != ReasonInteractive {
		return showStatic(opts.Simulate, reason, opts.Static)
	}
	return showInteractive(opts)
}

// showStatic explains why there are no sliders and draws the panels.
func showStatic(simulate Simulator, reason DemoReason, groups []PanelGroup) error {
	fig, err := PanelFigure(simulate, groups)
	if err != nil {
		return err
	}
	text := reason.Explain(i18n.Default())
	if !gonbui.IsNotebook {
		fmt.Println(text)
		return nil
	}
	gonbui.DisplayHTML(`<p>` + html.EscapeString(text) + `</p>`)
	return plots.Display(fig)
}

// Display ids (Jupyter's, not DOM ids) of the demo's updatable outputs.
const (
	controlsDisplayID = "lifdemo-controls"
	curveDisplayID    = "lifdemo-curve"
)

// controlsHTML lays out the sliders' slots, their values, the button's slot
// and the status line. The widgets are appended into the slots once the block
// is on the page.
func controlsHTML(rm, tauRef float64) string {
	return fmt.Sprintf(`<style>
#%[1]s, #%[2]s { display: inline-block; width: 420px; vertical-align: middle; margin: 4px 8px; }
#lifdemo .lifdemo-label { display: inline-block; width: 7em; }
</style>
<div id="lifdemo">
<div><span class="lifdemo-label">R<sub>m</sub> (kΩ)</span><span id="lifdemo-rm-slot"></span><b><span id=%[3]q>%[5]s</span></b> kΩ</div>
<div><span class="lifdemo-label">τ<sub>ref</sub> (ms)</span><span id="lifdemo-tau-slot"></span><b><span id=%[4]q>%[6]s</span></b> ms</div>
<div id="lifdemo-done-slot"></div>
<div id=%[7]q></div>
</div>`, RmSliderID, TauSliderID, RmValueID, TauValueID, FormatValue(rm), FormatValue(tauRef), StatusID)
}

// demoWidgets are the interactive demo's widgets, once the page has them.
type demoWidgets struct {
	rm, tauRef *widgets.SliderBuilder
	clicks     *comms.AddressChan[int] // the Done button's click counter
}

// buildWidgets appends the sliders and the button to the controls block. Each
// Done() waits for the page's first message from its widget. The button's
// clicks are listened to before the button exists, so that this channel
// keeps the address subscribed when Done() drops its own listener (a fresh
// Listen() after Done() could race with that unsubscription); its first
// value, the counter's 0, is not a click.
func buildWidgets() demoWidgets {
	var w demoWidgets
	w.rm = widgets.Slider(SliderMin, SliderMax, SliderStart).WithHtmlId(RmSliderID).AppendTo("lifdemo-rm-slot").Done()
	w.tauRef = widgets.Slider(SliderMin, SliderMax, SliderStart).WithHtmlId(TauSliderID).AppendTo("lifdemo-tau-slot").Done()
	doneAddress := "/lifdemo/done/" + gonbui.UniqueId()
	w.clicks = comms.Listen[int](doneAddress)
	widgets.Button("Done").WithHtmlId(DoneButtonID).WithAddress(doneAddress).AppendTo("lifdemo-done-slot").Done()
	return w
}

// showInteractive builds the widgets and redraws the curve until Done, the
// idle timeout or an interrupt.
func showInteractive(opts DemoOptions) error {
	lang := i18n.Default()
	rm, tauRef := SliderStartValue, SliderStartValue
	gonbui.UpdateHTML(controlsDisplayID, controlsHTML(rm, tauRef))
	if err := drawCurve(opts.Simulate, rm, tauRef); err != nil {
		return err
	}
	gonbui.Sync()

	// The probe saw a page, but should it go away before the widgets are up,
	// Done() would wait forever: give up after a while and draw the static
	// figure instead (the goroutine ends with the program).
	ready := make(chan demoWidgets, 1)
	go func() { ready <- buildWidgets() }()
	var w demoWidgets
	select {
	case w = <-ready:
	case <-time.After(3 * opts.ProbeTimeout):
		gonbui.UpdateHTML(controlsDisplayID, "")
		gonbui.UpdateHTML(curveDisplayID, "")
		return showStatic(opts.Simulate, ReasonNoFrontEnd, opts.Static)
	}
	defer w.clicks.Close()

	// LatestOnly: while a redraw runs, only the slider's newest position waits.
	rmMoves := w.rm.Listen().LatestOnly()
	defer rmMoves.Close()
	tauMoves := w.tauRef.Listen().LatestOnly()
	defer tauMoves.Close()
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	defer signal.Stop(interrupts)

	// The page may hold other positions than the start (e.g. restored input).
	rm, tauRef = SliderValue(w.rm.Value()), SliderValue(w.tauRef.Value())
	if err := redraw(opts.Simulate, rm, tauRef); err != nil {
		return err
	}
	dom.SetInnerText(StatusID, statusText(lang, opts.IdleTimeout))
	gonbui.Sync()

	idle := time.NewTimer(opts.IdleTimeout)
	defer idle.Stop()
	var why string
	for why == "" {
		moved := false
		select {
		case pos := <-rmMoves.C:
			rm, moved = SliderValue(pos), true
		case pos := <-tauMoves.C:
			tauRef, moved = SliderValue(pos), true
		case n := <-w.clicks.C:
			if n > 0 {
				why = lang.Sprintf("lif.end.done")
			}
		case <-idle.C:
			why = lang.Sprintf("lif.end.idle", duration(lang, opts.IdleTimeout))
		case <-interrupts:
			why = lang.Sprintf("lif.end.interrupted")
		}
		if moved {
			if err := redraw(opts.Simulate, rm, tauRef); err != nil {
				return err
			}
			idle.Reset(opts.IdleTimeout)
		}
	}
	// Replace the controls by a summary; the last curve stays in the output.
	gonbui.UpdateHTML(controlsDisplayID, endHTML(lang, why, rm, tauRef))
	gonbui.Sync()
	return nil
}

// redraw shows the values next to the sliders and the curve they select.
func redraw(simulate Simulator, rm, tauRef float64) error {
	dom.SetInnerText(RmValueID, FormatValue(rm))
	dom.SetInnerText(TauValueID, FormatValue(tauRef))
	err := drawCurve(simulate, rm, tauRef)
	gonbui.Sync()
	return err
}

// drawCurve replaces the curve output with the curve of (rm, tauRef).
func drawCurve(simulate Simulator, rm, tauRef float64) error {
	img, err := SliderCurveHTML(simulate, rm, tauRef)
	if err != nil {
		return err
	}
	gonbui.UpdateHTML(curveDisplayID, img)
	return nil
}

// statusText is the status line under the sliders while the demo runs, in
// language l: how to use them, and when the demo ends by itself.
func statusText(l i18n.Lang, idleTimeout time.Duration) string {
	return l.Sprintf("lif.status", duration(l, idleTimeout))
}

// endHTML is the summary that replaces the controls when the demo ends, in
// language l: why it ended (why, one of the lif.end.* messages) and the last
// setting of the sliders. lif.end is HTML (R<sub>m</sub>); why is text.
func endHTML(l i18n.Lang, why string, rm, tauRef float64) string {
	return fmt.Sprintf(`<p id=%q>%s</p>`, StatusID, l.Sprintf("lif.end", html.EscapeString(why), FormatValue(rm), FormatValue(tauRef)))
}

// duration writes d in whole minutes or seconds in language l: "10 分間",
// "30 秒間" in Japanese, "10 minutes", "30 seconds" in English.
func duration(l i18n.Lang, d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		if n := int(d / time.Minute); n != 1 {
			return l.Sprintf("lif.duration.minutes", n)
		}
		return l.Sprintf("lif.duration.minute")
	}
	if n := int(d.Round(time.Second) / time.Second); n != 1 {
		return l.Sprintf("lif.duration.seconds", n)
	}
	return l.Sprintf("lif.duration.second")
}
