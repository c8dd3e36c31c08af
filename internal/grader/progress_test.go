package grader

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/term"
)

func TestLineProgress(t *testing.T) {
	var lines []string
	p := NewLineProgress(func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) })
	p.Start(3)
	p.Done(&StudentResult{Student: "alice", Total: 40, MaxTotal: 40}, 1500*time.Millisecond)
	p.Done(&StudentResult{Student: "bob", Total: 10, MaxTotal: 40, Flags: []Flag{FlagTimeout, FlagLate}}, 12*time.Second)
	p.Done(&StudentResult{Student: "carol", Total: 30, MaxTotal: 40, Cached: true}, 0)
	p.Done(&StudentResult{Student: "eve", Error: "the submission cannot be graded: x"}, 0)
	p.Logf("confinement: %s", "bubblewrap")
	p.Finish()
	assert.Equal(t, []string{
		"alice: 40/40 [] (1.5s)",
		"bob: 10/40 [timeout late] (12.0s)",
		"carol: unchanged since the last run (30/40)",
		"eve: ERROR the submission cannot be graded: x",
		"confinement: bubblewrap",
	}, lines)
}

// On a pseudo-terminal the bar shows the count and the time left, and a
// line printed meanwhile (a log, a grading error) appears above it.
func TestBarProgressOnATerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	require.NoError(t, err)
	defer ptmx.Close()
	require.True(t, term.IsTerminal(int(tty.Fd())), "what cmd/grade checks")
	var out bytes.Buffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		_, _ = io.Copy(&out, ptmx) // ends with EIO once tty is closed
	}()

	p := NewBarProgress(tty)
	p.Logf("before the bar")
	p.Start(3)
	p.Done(&StudentResult{Student: "alice", Total: 40, MaxTotal: 40}, time.Second)
	time.Sleep(600 * time.Millisecond) // the bar's rate needs half a second to predict
	p.Logf("confinement: %s", "bubblewrap")
	p.Done(&StudentResult{Student: "eve", Error: "the submission cannot be graded: x"}, 0)
	p.Done(&StudentResult{Student: "bob", Total: 10, MaxTotal: 40, Flags: []Flag{FlagTimeout}}, time.Second)
	p.Finish()
	p.Logf("after the bar")
	require.NoError(t, tty.Close())
	<-read

	text := out.String()
	for _, want := range []string{"before the bar", "grading [0/3]", "grading [1/3]", "grading [2/3]", "grading [3/3]", "100%",
		"confinement: bubblewrap", "eve: ERROR the submission cannot be graded: x", "after the bar"} {
		assert.Contains(t, text, want)
	}
	assert.Regexp(t, regexp.MustCompile(`grading \[1/3\] +33% \|[^|]*\| +\[\d+s:\d+s\]`), text, "the elapsed and the estimated time left")
	assert.NotContains(t, text, "alice", "a graded student is a step of the bar, not a line")
	assert.NotContains(t, text, "bob")
}

// A run that stops early leaves the bar where it was, its line ended.
func TestBarProgressInterrupted(t *testing.T) {
	ptmx, tty, err := pty.Open()
	require.NoError(t, err)
	defer ptmx.Close()
	var out bytes.Buffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		_, _ = io.Copy(&out, ptmx)
	}()
	p := NewBarProgress(tty)
	p.Start(4)
	p.Done(&StudentResult{Student: "alice"}, time.Second)
	p.Finish()
	fmt.Fprintln(tty, "grade: interrupted")
	require.NoError(t, tty.Close())
	<-read
	text := out.String()
	assert.Contains(t, text, "grading [1/4]  25%")
	assert.NotContains(t, text, "100%")
	assert.Regexp(t, `25% \|[^|]*\|[^\n]*\r?\n(\r)?grade: interrupted`, text, "the message starts a line of its own")
}
