// Package notebooks_test executes every notebook, both editions, headless
// with the real GoNB kernel.
package notebooks_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/nbrun"
	"github.com/nma-go/mlp/internal/pristine"
)

// requirePrerequisites skips (or, in CI, fails) when Jupyter or the kernel is missing.
func requirePrerequisites(t *testing.T) {
	t.Helper()
	if err := nbrun.Prerequisites(); err != nil {
		if pristine.Strict() {
			t.Fatalf("CI is set, so notebooks must run: %v", err)
		}
		t.Skipf("skipping notebook execution: %v", err)
	}
}

func notebookFiles(t *testing.T, edition string) []string {
	files, err := filepath.Glob(filepath.Join(edition, "*.ipynb"))
	require.NoError(t, err)
	sort.Strings(files)
	require.NotEmpty(t, files, "no notebooks in %s", edition)
	return files
}

// TestNotebooksExecute runs each notebook and fails on any cell error. The
// instructor edition must pass every check; the student edition must run to
// the end with every check saying "not implemented yet".
func TestNotebooksExecute(t *testing.T) {
	if testing.Short() {
		t.Skip("notebooks are not executed with -short")
	}
	requirePrerequisites(t)
	// Instructor notebooks never write into pkg/exercises, and the student
	// ones, run as shipped, find every exercise cell equal to its file and
	// write nothing either (cmd/answer): the stubs stay pristine.
	exercisesDir := filepath.Join("..", "pkg", "exercises")
	before := snapshotDir(t, exercisesDir)
	t.Cleanup(func() {
		assert.Equal(t, before, snapshotDir(t, exercisesDir), "running the notebooks changed pkg/exercises")
	})
	for _, edition := range []string{"instructor", "student"} {
		for _, path := range notebookFiles(t, edition) {
			t.Run(path, func(t *testing.T) {
				t.Parallel()
				rel := filepath.Join("notebooks", path)
				if edition == "student" && pristine.Edited(rel, "pkg/exercises") {
					t.Skipf("%s or pkg/exercises holds local edits; the shipped versions are executed in CI", rel)
				}
				out := t.TempDir()
				res, err := nbrun.Execute(context.Background(), path, out, nbrun.Options{ScratchDir: t.TempDir()})
				require.NoError(t, err)
				t.Logf("%s: executed in %s", path, res.Duration.Round(1e8))
				for _, p := range nbrun.Problems(res.Cells) {
					t.Errorf("%s: %v", path, p)
				}
				for _, c := range res.Cells {
					text := c.Text()
					if hasTag(c.Tags, "exercise") || c.Type != "code" {
						continue
					}
					if edition == "instructor" {
						assert.NotContains(t, text, "まだ実装されていません", "%s cell %d", path, c.Index)
						assert.NotContains(t, text, "不合格", "%s cell %d", path, c.Index)
						assert.NotContains(t, text, "まず演習", "%s cell %d: the instructor edition must not need unfinished exercises", path, c.Index)
					} else {
						assert.NotContains(t, text, "✅", "%s cell %d: a stub must not pass", path, c.Index)
					}
				}
				checks := checkOutputs(res.Cells)
				for _, text := range checks {
					if edition == "instructor" {
						assert.Contains(t, text, "合格", path)
					} else {
						assert.Contains(t, text, "まだ実装されていません", path)
					}
				}
			})
		}
	}
}

// checkOutputs returns the output of every cell that runs a check.
func checkOutputs(cells []nbrun.Cell) []string {
	var out []string
	for _, c := range cells {
		if strings.Contains(c.Source, "checks.") && strings.Contains(c.Source, ".Print()") {
			out = append(out, c.Text())
		}
	}
	return out
}

// snapshotDir returns the content of every file under dir, by path.
func snapshotDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = string(data)
		return err
	})
	require.NoError(t, err)
	return files
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

func TestMain(m *testing.M) {
	// The notebooks' header cell finds the module two folders up from the
	// notebook; nbconvert runs the kernel in the notebook's folder.
	os.Exit(m.Run())
}
