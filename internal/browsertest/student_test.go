package browsertest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/nbgen"
	"github.com/nma-go/mlp/internal/nbrun"
	"github.com/nma-go/mlp/internal/pristine"
	"github.com/nma-go/mlp/pkg/lif"
)

// TestStudentNotebooksInBrowser runs every student notebook, as shipped, in
// the classic web UI: each runs to the end, every check says "not
// implemented", a figure cell shows its figure or asks to finish an
// exercise first, and each exercise's graded hints show collapsed (and open
// on a click). Screenshots of the hint cells go to the artifacts folder,
// under student/. Running the notebooks writes nothing into the repository,
// pkg/exercises included.
func TestStudentNotebooksInBrowser(t *testing.T) {
	chromium := requirePrerequisites(t, true)
	jaStudent := nbgen.Target{Edition: nbgen.Student, Lang: i18n.Japanese}
	if pristine.Edited("pkg/exercises", jaStudent.Dir()) {
		t.Skip("pkg/exercises or notebooks/student holds local edits; the shipped versions run in CI")
	}
	root, err := pristine.Root()
	require.NoError(t, err)
	notebooks, err := nbgen.Notebooks(root, jaStudent)
	require.NoError(t, err)
	sort.Strings(notebooks)
	require.NotEmpty(t, notebooks, "no student notebooks")
	artifacts := filepath.Join(artifactsDir(t), "student")
	timeout := cellTimeout(t)
	ctx, cancel := testContext(t)
	defer cancel()

	for _, dir := range []string{filepath.Join(root, "notebooks"), filepath.Join(root, "pkg", "exercises")} {
		before := snapshot(t, dir)
		defer func() {
			assert.Equal(t, before, snapshot(t, dir), "running the student notebooks in the browser must not write into %s", dir)
		}()
	}

	scratch := t.TempDir()
	srv, err := StartServer(ctx, ServerOptions{Root: root, Scratch: scratch, StartTimeout: serverStartTimeout})
	require.NoError(t, err)
	defer func() { require.NoError(t, srv.Stop()) }()
	br, err := StartBrowser(chromium, scratch)
	require.NoError(t, err)
	defer br.Close()

	for _, path := range notebooks {
		rel, err := filepath.Rel(root, path)
		require.NoError(t, err)
		t.Run(filepath.Base(path), func(t *testing.T) {
			runStudentNotebook(t, ctx, srv, br, rel, artifacts, timeout)
		})
	}
}

// hintBlock is one <details> block of a rendered hint cell.
type hintBlock struct {
	Open        bool   `json:"open"`
	Summary     string `json:"summary"`
	TextVisible bool   `json:"textVisible"`
}

// hintBlocksJS reads the <details> blocks of cell i's rendered Markdown.
const hintBlocksJS = `(i) => Array.from(Jupyter.notebook.get_cell(i).element[0].querySelectorAll('.text_cell_render details')).map(d => {
	const p = d.querySelector('p');
	return {open: d.open, summary: (d.querySelector('summary') || {}).textContent || '',
		textVisible: !!p && (p.checkVisibility ? p.checkVisibility() : p.getBoundingClientRect().height > 0)};
})`

func runStudentNotebook(t *testing.T, ctx context.Context, srv *Server, br *Browser, rel, artifacts string, timeout time.Duration) {
	name := strings.TrimSuffix(filepath.Base(rel), ".ipynb")
	page, err := br.NewPage()
	require.NoError(t, err)
	defer page.Close()
	defer func() {
		if err := srv.ShutdownSessions(ctx); err != nil {
			t.Logf("shutting the kernel down: %v", err)
		}
	}()
	nb, err := Open(ctx, page, srv.NotebookURL(rel), filepath.Base(rel), kernelTimeout)
	if err != nil {
		t.Fatalf("%v\n--- server log ---\n%s", err, srv.LogTail(30))
	}
	defer func() {
		if t.Failed() {
			path := filepath.Join(artifacts, name+"-failure.png")
			if png, err := page.Screenshot(true, nil); err == nil && os.MkdirAll(artifacts, 0o755) == nil && os.WriteFile(path, png, 0o644) == nil {
				t.Logf("failure screenshot: %s", path)
			}
		}
	}()
	require.NoError(t, nb.ExecuteAll(ctx))
	slidersSeen := false
	for {
		idle, err := nb.WaitIdle(ctx, timeout, func() (bool, error) {
			if slidersSeen {
				return false, nil
			}
			_, ok, err := nb.ElementText(ctx, lif.RmSliderID)
			return ok, err
		})
		var hang *HangError
		if errors.As(err, &hang) {
			_ = nb.Interrupt(ctx)
		}
		require.NoError(t, err)
		if idle {
			break
		}
		slidersSeen = true
		lang, prefix := notebookLanguage(rel)
		exerciseLIFDemo(t, ctx, nb, lang, prefix+"student-"+name, artifacts)
	}

	cells, err := nb.Cells(ctx)
	require.NoError(t, err)
	executed := Executed(cells)
	for _, p := range nbrun.Problems(executed) {
		t.Errorf("%s: %v", name, p)
	}
	checksSeen, hintsSeen := 0, 0
	for i, c := range cells {
		switch {
		case c.Type == "code" && strings.Contains(c.Source, "checks.") && strings.Contains(c.Source, ".Print()"):
			checksSeen++
			assert.Contains(t, c.OutputText, "まだ実装されていません", "%s: cell %d: a stub's check", name, c.Index)
		case c.Type == "code" && strings.HasPrefix(c.Source, "%%script go run ") && strings.Contains(strings.SplitN(c.Source, "\n", 2)[0], "/cmd/answer "):
			// The shipped cell equals the shipped file: nothing is saved.
			assert.Contains(t, c.OutputText, "このセルと同じ内容です", "%s: exercise cell %d", name, c.Index)
			shot := filepath.Join(artifacts, name+"-exercise-cell-output.png")
			if assert.NoError(t, nb.ScreenshotOutput(ctx, c.Index, shot)) {
				t.Logf("%s: exercise cell %d's output: %s", name, c.Index, shot)
			}
		case c.Type == "code" && executed[i].DisplaysFigure():
			assert.True(t, c.Images > 0 || strings.Contains(c.OutputText, "まず"),
				"%s: cell %d shows neither its figure nor which exercise to finish first:\n%s", name, c.Index, c.OutputText)
		case c.Type == "markdown" && strings.Contains(c.Source, ">"+nbgen.HintSummary(checks.GentleHint, i18n.Japanese)+"</summary>"):
			hintsSeen++
			checkHintCell(t, ctx, nb, name, c.Index, artifacts)
		}
		assert.NotContains(t, c.OutputText, "✅", "%s: cell %d: a stub must not pass", name, c.Index)
	}
	assert.Equal(t, checksSeen, hintsSeen, "%s: every check has its hint cell", name)
	t.Logf("%s: ran to the end in the browser; %d checks say not implemented, %d hint cells collapsed", name, checksSeen, hintsSeen)
}

// checkHintCell asserts that cell index shows its three hints collapsed,
// screenshots it, opens the first hint with a click, checks that its text
// shows, and closes it again.
func checkHintCell(t *testing.T, ctx context.Context, nb *Notebook, name string, index int, artifacts string) {
	read := func() []hintBlock {
		res, err := nb.eval(ctx, hintBlocksJS, index)
		require.NoError(t, err)
		var blocks []hintBlock
		require.NoError(t, res.Value.Unmarshal(&blocks))
		return blocks
	}
	blocks := read()
	require.Len(t, blocks, checks.NumHintLevels, "%s: cell %d: the hint blocks are not rendered as <details>", name, index)
	for i, b := range blocks {
		level := checks.HintLevel(i + 1)
		assert.Equal(t, nbgen.HintSummary(level, i18n.Japanese), strings.TrimSpace(b.Summary), "%s: cell %d", name, index)
		assert.False(t, b.Open, "%s: cell %d: %s must start collapsed", name, index, level.Label())
		assert.False(t, b.TextVisible, "%s: cell %d: the text of %s shows before a click", name, index, level.Label())
	}
	shot := filepath.Join(artifacts, name+"-hints-collapsed.png")
	if assert.NoError(t, nb.ScreenshotCell(ctx, index, shot)) {
		t.Logf("%s: hint cell %d, collapsed: %s", name, index, shot)
	}
	toggle := rod.Eval(`(i) => { Jupyter.notebook.get_cell(i).element[0].querySelector('.text_cell_render details summary').click(); return true }`, index)
	_, err := nb.Page.Context(ctx).Evaluate(toggle)
	require.NoError(t, err)
	opened := read()
	assert.True(t, opened[0].Open && opened[0].TextVisible, "%s: cell %d: a click does not open %s", name, index, checks.GentleHint.Label())
	assert.False(t, opened[1].Open, "%s: cell %d: opening one hint opened another", name, index)
	shot = filepath.Join(artifacts, name+"-hint1-open.png")
	if assert.NoError(t, nb.ScreenshotCell(ctx, index, shot)) {
		t.Logf("%s: hint cell %d, first hint opened: %s", name, index, shot)
	}
	_, err = nb.Page.Context(ctx).Evaluate(toggle)
	require.NoError(t, err)
}
