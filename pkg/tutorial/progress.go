package tutorial

import (
	"fmt"
	"html"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/janpfeifer/gonb/gonbui"
)

// Progress reports training progress, epoch by epoch: the counterpart of the
// original's tqdm bar.
type Progress interface {
	Start(totalEpochs int)
	Update(epoch int, lastLoss float32) // epoch counts from 1
	Finish()
}

// ProgressHookName names the hooks that [AttachProgress] adds to a
// train.Loop, in the loop's error messages.
const ProgressHookName = "tutorial progress"

// AttachProgressBar shows the progress of loop's training epoch by epoch, as
// the original's tqdm bar does, with the bar [NewProgress] picks for where
// the program runs. numEpochs is what loop.RunEpochs will be asked to run: a
// train.Loop only learns how many steps an epoch has when its first epoch
// ends. It is GoMLX's commandline.AttachProgressBar for this tutorial, whose
// bar also updates in place in a notebook.
func AttachProgressBar(loop *train.Loop, numEpochs int) {
	AttachProgress(loop, numEpochs, NewProgress())
}

// AttachProgress is [AttachProgressBar] with the given Progress. An epoch is
// reported when the loop starts the next one, and the last at the loop's end,
// each with the loss of the epoch's last batch. A loop that fails (a NaN loss
// stops it) is not finished: the bar stays where the failure left it.
func AttachProgress(loop *train.Loop, numEpochs int, p Progress) {
	done := 0 // epochs reported
	var lastLoss float32
	loop.OnStart(ProgressHookName, 0, func(*train.Loop, train.Dataset) error {
		done = 0
		p.Start(numEpochs)
		return nil
	})
	loop.OnStep(ProgressHookName, 0, func(loop *train.Loop, metrics []*tensors.Tensor) error {
		// loop.Epoch counts the epoch in progress from 0: once it moves on, the ones before it are done.
		if loop.Epoch > done {
			done = loop.Epoch
			p.Update(done, lastLoss)
		}
		lastLoss = tensors.ToScalar[float32](metrics[0])
		return nil
	})
	loop.OnEnd(ProgressHookName, 0, func(*train.Loop, []*tensors.Tensor) error {
		p.Update(numEpochs, lastLoss)
		p.Finish()
		return nil
	})
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
