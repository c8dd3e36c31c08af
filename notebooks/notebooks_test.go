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

	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/nbgen"
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

// notebookFiles lists target's notebooks, relative to this folder (the
// tests' working directory), e.g. ja/student/01_relu_approximation.ipynb.
func notebookFiles(t *testing.T, target nbgen.Target) []string {
	dir := strings.TrimPrefix(filepath.ToSlash(target.Dir()), "notebooks/")
	files, err := filepath.Glob(filepath.Join(filepath.FromSlash(dir), "*.ipynb"))
	require.NoError(t, err)
	sort.Strings(files)
	require.NotEmpty(t, files, "no notebooks in %s", dir)
	return files
}

// studentTargets are the student edition's targets, one per language.
func studentTargets() []nbgen.Target {
	var ts []nbgen.Target
	for _, target := range nbgen.Targets() {
		if target.Edition == nbgen.Student {
			ts = append(ts, target)
		}
	}
	return ts
}

// executedTargets are the targets whose notebooks TestNotebooksExecute
// runs: every Japanese one and the English instructor edition. The English
// student edition shares its code cells with the Japanese one (only the
// comments differ) and the English instructor edition its prose; it is
// generated and drift-checked (internal/nbgen), not executed again.
func executedTargets() []nbgen.Target {
	var ts []nbgen.Target
	for _, target := range nbgen.Targets() {
		if target.Lang == i18n.English && target.Edition == nbgen.Student {
			continue
		}
		ts = append(ts, target)
	}
	return ts
}

// checkWords are, per language, what the check lines say (the catalog's
// check.result.* and tutorial.finish_first messages).
var checkWords = map[i18n.Lang]struct{ pass, fail, notImplemented, finishFirst string }{
	i18n.Japanese: {"合格", "不合格", "まだ実装されていません", "まず "},
	i18n.English:  {"passed", "failed", "not implemented yet", "Finish "},
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
	for _, target := range executedTargets() {
		words := checkWords[target.Lang]
		instructor := target.Edition == nbgen.Instructor
		for _, path := range notebookFiles(t, target) {
			t.Run(path, func(t *testing.T) {
				t.Parallel()
				rel := filepath.Join("notebooks", path)
				if !instructor && pristine.Edited(rel, "pkg/exercises") {
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
					if instructor {
						assert.NotContains(t, text, words.notImplemented, "%s cell %d", path, c.Index)
						assert.NotContains(t, text, words.fail, "%s cell %d", path, c.Index)
						assert.NotContains(t, text, "⏳ "+words.finishFirst, "%s cell %d: the instructor edition must not need unfinished exercises", path, c.Index)
					} else {
						assert.NotContains(t, text, "✅", "%s cell %d: a stub must not pass", path, c.Index)
					}
				}
				checks := checkOutputs(res.Cells)
				for _, text := range checks {
					if instructor {
						assert.Contains(t, text, words.pass, path)
					} else {
						assert.Contains(t, text, words.notImplemented, path)
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
	// The notebooks' header cell finds the module from the notebook's folder
	// (nbgen.Target.RootFromNotebook); nbconvert runs the kernel there.
	os.Exit(m.Run())
}
