package grader

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress follows a class run. Its methods may be called from several
// goroutines at once.
type Progress interface {
	// Start is called once, with the number of submissions to report.
	Start(total int)
	// Done reports one finished submission and how long it took.
	Done(r *StudentResult, elapsed time.Duration)
	// Logf prints a message (English), without breaking the display.
	Logf(format string, args ...any)
	// Finish is called once, after the last Done.
	Finish()
}

// DescribeResult is the one-line account of a finished submission that
// [Grader.GradeAll] logs: "alice: 30/40 [compile-error] (2.1s)".
func DescribeResult(r *StudentResult, elapsed time.Duration) string {
	switch {
	case r.Cached:
		return fmt.Sprintf("%s: unchanged since the last run (%d/%d)", r.Student, r.Total, r.MaxTotal)
	case r.Error != "":
		return fmt.Sprintf("%s: ERROR %s", r.Student, r.Error)
	default:
		return fmt.Sprintf("%s: %d/%d %v (%.1fs)", r.Student, r.Total, r.MaxTotal, r.Flags, elapsed.Seconds())
	}
}

// lineProgress prints one line per submission, for logs and pipes.
type lineProgress struct {
	logf func(format string, args ...any)
}

// NewLineProgress reports each submission as one line through logf (as
// [Grader.GradeAll] does), for output that is not a terminal.
func NewLineProgress(logf func(format string, args ...any)) Progress {
	return &lineProgress{logf: logf}
}

func (p *lineProgress) Start(int) {}
func (p *lineProgress) Done(r *StudentResult, elapsed time.Duration) {
	p.logf("%s", DescribeResult(r, elapsed))
}
func (p *lineProgress) Logf(format string, args ...any) { p.logf(format, args...) }
func (p *lineProgress) Finish()                         {}

// barProgress draws a progress bar with a count and an estimated time left
// (schollz/progressbar), and prints only grading errors above it.
type barProgress struct {
	w     io.Writer
	mu    sync.Mutex
	bar   *progressbar.ProgressBar
	total int
	done  int
}

// NewBarProgress draws a progress bar on w, a terminal:
//
//	grading [37/300]  12% |███                 | [41s:5m12s]
//
// with the count, the time so far and the estimated time left. A
// submission that could not be graded is printed above the bar; the flags
// are left to the summary.
func NewBarProgress(w io.Writer) Progress { return &barProgress{w: w} }

func (p *barProgress) Start(total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total = total
	if total == 0 {
		return
	}
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(p.describe()),
		progressbar.OptionSetWidth(30),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionUseANSICodes(true),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(p.w) }),
	)
}

// describe is the bar's description: the count, "[37/300]".
func (p *barProgress) describe() string {
	return fmt.Sprintf("grading [%d/%d]", p.done, p.total)
}

func (p *barProgress) Done(r *StudentResult, elapsed time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r.Error != "" {
		p.printLocked(DescribeResult(r, elapsed))
	}
	p.done++
	if p.bar != nil {
		p.bar.Describe(p.describe())
		_ = p.bar.Add(1)
	}
}

func (p *barProgress) Logf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.printLocked(fmt.Sprintf(format, args...))
}

// printLocked prints a line above the bar.
func (p *barProgress) printLocked(line string) {
	if p.bar == nil || p.bar.IsFinished() {
		fmt.Fprintln(p.w, line)
		return
	}
	_ = p.bar.Clear()
	fmt.Fprintln(p.w, strings.TrimRight(line, "\n"))
	_ = p.bar.RenderBlank()
}

// Finish completes the bar, or, when the run stopped early (interrupted),
// leaves it where it was and ends its line.
func (p *barProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.bar == nil || p.bar.IsFinished():
	case p.done < p.total:
		_ = p.bar.Exit()
	default:
		_ = p.bar.Finish()
	}
}

// GradeAllWithProgress is [Grader.GradeAll], reporting each submission to p
// as it finishes instead of logging it. It calls neither p.Start nor
// p.Finish, so that a caller can report submissions it did not grade.
func (g *Grader) GradeAllWithProgress(ctx context.Context, subs []Submission, previous map[string]*StudentResult, force bool, p Progress) []*StudentResult {
	results := make([]*StudentResult, len(subs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(g.opts.Workers, max(len(subs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				start := time.Now()
				results[i] = g.gradeOrReuse(ctx, subs[i], previous[subs[i].Student], force)
				p.Done(results[i], time.Since(start))
			}
		}()
	}
	for i := range subs {
		select {
		case jobs <- i:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	for i, r := range results {
		if r == nil {
			results[i] = &StudentResult{Student: subs[i].Student, Path: subs[i].Path, Error: "grading was interrupted"}
		}
	}
	return results
}
