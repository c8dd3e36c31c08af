package tutorial

import (
	"fmt"
	"html"
	"io"
	"os"
	"strings"
	"time"

	"github.com/janpfeifer/gonb/gonbui"
)

// Progress reports training progress, epoch by epoch: the counterpart of the
// original's tqdm bar.
type Progress interface {
	Start(totalEpochs int)
	Update(epoch int, lastLoss float32) // epoch counts from 1
	Finish()
}

// ProgressElementID prefixes the HTML id of the notebook progress bar, so
// that a browser test can find it.
const ProgressElementID = "train-progress"

// NewProgress picks the progress bar for where the program runs: an HTML bar
// updated in place in a GoNB notebook, a one-line bar redrawn with "\r" on a
// terminal, and a line every 10% when standard error is a file or pipe.
func NewProgress() Progress {
	if gonbui.IsNotebook {
		return &notebookProgress{}
	}
	if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		return &terminalProgress{w: os.Stderr, redraw: true}
	}
	return &terminalProgress{w: os.Stderr}
}

// NewTextProgress writes a line to w every 10% of the epochs.
func NewTextProgress(w io.Writer) Progress { return &terminalProgress{w: w} }

// NoProgress reports nothing.
type NoProgress struct{}

// Start implements Progress.
func (NoProgress) Start(int) {}

// Update implements Progress.
func (NoProgress) Update(int, float32) {}

// Finish implements Progress.
func (NoProgress) Finish() {}

// notebookProgress is an HTML <progress> bar that GoNB updates in place.
type notebookProgress struct {
	displayID, elementID string
	total                int
	start                time.Time
}

func (p *notebookProgress) Start(total int) {
	p.total, p.start = total, time.Now()
	p.displayID = "train_progress_" + gonbui.UniqueID()
	p.elementID = ProgressElementID + "-" + gonbui.UniqueID()
	p.render(0, 0)
}

func (p *notebookProgress) Update(epoch int, loss float32) { p.render(epoch, loss) }

func (p *notebookProgress) Finish() { gonbui.Sync() }

func (p *notebookProgress) render(epoch int, loss float32) {
	percent := 100 * epoch / max(p.total, 1)
	text := fmt.Sprintf("epoch %d/%d (%d%%), loss %.4f, %s", epoch, p.total, percent, loss,
		time.Since(p.start).Round(10*time.Millisecond))
	gonbui.UpdateHTML(p.displayID, fmt.Sprintf(
		`<div id=%q class="train-progress" data-percent="%d"><progress value="%d" max="%d" style="width: 24em"></progress> <span>%s</span></div>`,
		p.elementID, percent, epoch, p.total, html.EscapeString(text)))
}

// terminalProgress draws a text bar on a terminal, or prints a line every
// 10% elsewhere.
type terminalProgress struct {
	w         io.Writer
	redraw    bool
	total     int
	lastTenth int
	start     time.Time
}

func (p *terminalProgress) Start(total int) {
	p.total, p.start, p.lastTenth = total, time.Now(), -1
}

func (p *terminalProgress) Update(epoch int, loss float32) {
	percent := 100 * epoch / max(p.total, 1)
	if p.redraw {
		const width = 30
		filled := width * epoch / max(p.total, 1)
		fmt.Fprintf(p.w, "\r[%s%s] %3d%% epoch %d/%d loss %.4f", strings.Repeat("#", filled),
			strings.Repeat(".", width-filled), percent, epoch, p.total, loss)
		return
	}
	if tenth := percent / 10; tenth != p.lastTenth {
		p.lastTenth = tenth
		fmt.Fprintf(p.w, "training: %3d%% (epoch %d/%d, loss %.4f)\n", percent, epoch, p.total, loss)
	}
}

func (p *terminalProgress) Finish() {
	if p.redraw {
		fmt.Fprintf(p.w, " %s\n", time.Since(p.start).Round(10*time.Millisecond))
	}
}
