package nbgen

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// The expected outputs (出力例) of the notebooks live in ExpectedDir,
// relative to the repository root, one folder per notebook (named as its
// source, e.g. 05_training). For a cell NAME, NAME.txt is what it prints and
// NAME.png, NAME-2.png, ... are the figures it shows. `make expected`
// (cmd/tutorial -expected) writes them from the reference run, and a test
// there checks that they are up to date.
//
// Render puts them into a markdown cell (tagged [ExpectedTag]) right after
// the lesson cell of that name, or where a source says "--- expected NAME"
// (for a cell that is not a lesson cell, e.g. the slider demo). The figures
// are linked, relative to the notebook, not embedded, so that both
// languages' notebooks share one copy and the notebooks stay small. The
// outputs are those of the reference run, the same in both languages: the
// lesson cells print English lines and the figures have English labels.
const (
	ExpectedDir       = "notebooks/expected"
	ExpectedTextExt   = ".txt"
	ExpectedFigureExt = ".png"
	// ExpectedTag marks the markdown cell of an expected output.
	ExpectedTag = "expected-output"
)

// maxExpectedFigures bounds the figures of one cell.
const maxExpectedFigures = 20

// ExpectedFigures returns the expected figures of cell name in notebook, as
// slash-separated paths relative to root, in the order the cell shows them.
func ExpectedFigures(root, notebook, name string) ([]string, error) {
	var figs []string
	for n := 1; n <= maxExpectedFigures; n++ {
		file := name
		if n > 1 {
			file = fmt.Sprintf("%s-%d", name, n)
		}
		rel := path.Join(ExpectedDir, notebook, file+ExpectedFigureExt)
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); errors.Is(err, fs.ErrNotExist) {
			break
		} else if err != nil {
			return nil, err
		}
		figs = append(figs, rel)
	}
	return figs, nil
}

// ExpectedCell returns the markdown cell of the expected outputs of cell
// name in notebook for target t, and false if there are none.
func ExpectedCell(root, notebook, name string, t Target) (Cell, bool, error) {
	text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(ExpectedDir), notebook, name+ExpectedTextExt))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Cell{}, false, err
	}
	figs, err := ExpectedFigures(root, notebook, name)
	if err != nil {
		return Cell{}, false, err
	}
	if len(text) == 0 && len(figs) == 0 {
		return Cell{}, false, nil
	}
	var b strings.Builder
	b.WriteString(t.Lang.Sprintf("notebook.expected"))
	if out := strings.TrimRight(string(text), "\n"); out != "" {
		fence := "```"
		for strings.Contains(out, fence) {
			fence += "`"
		}
		fmt.Fprintf(&b, "\n\n%stext\n%s\n%s", fence, out, fence)
	}
	for _, fig := range figs {
		alt := t.Lang.Sprintf("notebook.expected_figure", name)
		fmt.Fprintf(&b, "\n\n![%s](%s)", alt, t.RootFromNotebook()+"/"+fig)
	}
	return Cell{Type: "markdown", Source: b.String(), Tags: []string{ExpectedTag}}, true, nil
}
