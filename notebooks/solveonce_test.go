package notebooks_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/answers"
	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/nbgen"
	"github.com/nma-go/mlp/internal/nbrun"
	"github.com/nma-go/mlp/internal/pristine"
)

// TestSolveOnce is a scripted student, on a temporary copy of the
// repository. Solved once, in the notebook or in an editor, an answer is
// the one the later notebooks, `make check` (go run ./cmd/check) and the
// grader use, with nothing pasted; an unfinished earlier exercise says
// "finish Exercise N first"; and Run All never overwrites an answer edited
// in an editor.
// studentDir is the Japanese student edition, where the scripted student works.
var studentDir = nbgen.Target{Edition: nbgen.Student, Lang: i18n.Japanese}.Dir()

func TestSolveOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("executes notebooks")
	}
	requirePrerequisites(t)
	if pristine.Edited(append([]string{"pkg/exercises"}, nbgen.StudentDirs()...)...) {
		t.Skip("pkg/exercises or notebooks/student holds local edits; the scripted student starts from the shipped versions (in CI)")
	}
	root := repoRoot(t)

	t.Run("in the notebooks", func(t *testing.T) {
		repo := copyRepo(t, root)
		mlpFile, splitFile := filepath.Join(repo, "pkg", "exercises", "mlp.go"), filepath.Join(repo, "pkg", "exercises", "split.go")

		// Exercise 2.3 first, in 05's own cell: the training still needs Exercise 2.
		solveInNotebook(t, repo, "05_training", checks.ShuffleAndSplitDataID)
		cells := execute(t, repo, "05_training")
		assert.Contains(t, tagged(t, cells, "exercise-2.3").Text(), "保存しました")
		assert.Contains(t, checkCell(t, cells, "ShuffleAndSplitData").Text(), "✅")
		training := trainingCell(t, cells).Text()
		assert.Contains(t, training, "まず 演習 2 を完成させてください")
		assert.NotContains(t, training, "Accuracy", "an unfinished exercise is never replaced by the reference")

		// Exercise 2, once, in 02.
		solveInNotebook(t, repo, "02_mlp", checks.MLPForwardID)
		cells = execute(t, repo, "02_mlp")
		assert.Contains(t, tagged(t, cells, "exercise-2").Text(), "保存しました")
		assert.Contains(t, checkCell(t, cells, "MLPForward").Text(), "✅")
		assert.Equal(t, solvedFile(t, root, "mlp.go"), readFile(t, mlpFile))

		// 05 trains with it, nothing pasted.
		cells = execute(t, repo, "05_training")
		assert.Contains(t, tagged(t, cells, "exercise-2.3").Text(), "同じ内容です")
		training = trainingCell(t, cells).Text()
		assert.Contains(t, training, "Accuracy on the 3200 training samples")
		assert.NotContains(t, training, "まず")
		assert.True(t, anyOutputContains(cells, "predicted class counts"), "the decision map was not drawn")
		assert.Equal(t, solvedFile(t, root, "split.go"), readFile(t, splitFile))

		assertCheckPasses(t, repo, checks.MLPForwardID, checks.ShuffleAndSplitDataID)

		// The student edits the answer in an editor; Run All keeps the edit.
		edited := strings.Replace(readFile(t, mlpFile), "// The next layer's input is this layer's output.", "// Edited in an editor: the next layer's input.", 1)
		require.NotEqual(t, readFile(t, mlpFile), edited)
		require.NoError(t, os.WriteFile(mlpFile, []byte(edited), 0o644))
		cells = execute(t, repo, "02_mlp")
		assert.Contains(t, tagged(t, cells, "exercise-2").Text(), "上書きしませんでした")
		assert.Contains(t, checkCell(t, cells, "MLPForward").Text(), "✅")
		assert.Equal(t, edited, readFile(t, mlpFile), "Run All overwrote an answer edited in an editor")
	})

	t.Run("in pkg/exercises", func(t *testing.T) {
		repo := copyRepo(t, root)
		mlpFile, splitFile := filepath.Join(repo, "pkg", "exercises", "mlp.go"), filepath.Join(repo, "pkg", "exercises", "split.go")
		// An editor writes both answers; the notebooks are left as shipped.
		require.NoError(t, os.WriteFile(mlpFile, []byte(solvedFile(t, root, "mlp.go")), 0o644))
		require.NoError(t, os.WriteFile(splitFile, []byte(solvedFile(t, root, "split.go")), 0o644))

		cells := execute(t, repo, "02_mlp")
		assert.Contains(t, tagged(t, cells, "exercise-2").Text(), "すでに答えが書かれている")
		assert.Contains(t, checkCell(t, cells, "MLPForward").Text(), "✅")
		cells = execute(t, repo, "05_training")
		assert.Contains(t, checkCell(t, cells, "ShuffleAndSplitData").Text(), "✅")
		assert.Contains(t, trainingCell(t, cells).Text(), "Accuracy on the 3200 training samples")
		assert.Equal(t, solvedFile(t, root, "mlp.go"), readFile(t, mlpFile), "Run All with the shipped cells overwrote the editor's answer")
		assert.Equal(t, solvedFile(t, root, "split.go"), readFile(t, splitFile))

		assertCheckPasses(t, repo, checks.MLPForwardID, checks.ShuffleAndSplitDataID)
	})
}

// copyRepo copies the repository at root into a temporary folder, without
// git, build outputs or saved-answer records.
func copyRepo(t *testing.T, root string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "mlp")
	skip := map[string]bool{".git": true, "out": true, "site": true, "bin": true, ".gonb_cache": true,
		".ipynb_checkpoints": true, answers.RecordDir: true}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rel != "." && skip[d.Name()] {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, info.Mode().Perm())
	})
	require.NoError(t, err)
	return dst
}

// solvedFile is pkg/exercises/FILE with the reference answer: what a
// student who typed the reference ends up with.
func solvedFile(t *testing.T, root, file string) string {
	t.Helper()
	ref := readFile(t, filepath.Join(root, "pkg", "solutions", file))
	return string(answers.Normalize([]byte(strings.Replace(ref, "package solutions", "package exercises", 1))))
}

// solveInNotebook types the reference answer of exercise id into the
// exercise cell of the student notebook name, in repo, below the cell's
// %%script line, as a student would, and saves the notebook.
func solveInNotebook(t *testing.T, repo, name string, id checks.ExerciseID) {
	t.Helper()
	ex, ok := checks.Find(id)
	require.True(t, ok)
	path := filepath.Join(repo, studentDir, name+".ipynb")
	var nb map[string]any
	require.NoError(t, json.Unmarshal([]byte(readFile(t, path)), &nb))
	solved := false
	for _, raw := range nb["cells"].([]any) {
		cell := raw.(map[string]any)
		tags, _ := cell["metadata"].(map[string]any)["tags"].([]any)
		if !containsValue(tags, "exercise-"+string(id)) {
			continue
		}
		var source string
		for _, line := range cell["source"].([]any) {
			source += line.(string)
		}
		first, _, ok := strings.Cut(source, "\n")
		require.True(t, ok && strings.HasPrefix(first, "%%script "), "%s: exercise %s's cell starts with %q", name, id, first)
		cell["source"] = first + "\n" + strings.TrimRight(solvedFile(t, repo, ex.File), "\n")
		solved = true
	}
	require.True(t, solved, "%s has no cell tagged exercise-%s", name, id)
	data, err := json.MarshalIndent(nb, "", " ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, data, 0o644))
}

// execute runs the student notebook name of repo, failing on any problem.
func execute(t *testing.T, repo, name string) []nbrun.Cell {
	t.Helper()
	res, err := nbrun.Execute(context.Background(), filepath.Join(repo, studentDir, name+".ipynb"), t.TempDir(),
		nbrun.Options{ScratchDir: t.TempDir()})
	require.NoError(t, err)
	t.Logf("%s: executed in %s", name, res.Duration.Round(1e8))
	for _, p := range nbrun.Problems(res.Cells) {
		t.Errorf("%s: %v", name, p)
	}
	return res.Cells
}

// assertCheckPasses runs `go run ./cmd/check -json` in repo, as `make check`
// does, and asserts that exactly the exercises ids pass.
func assertCheckPasses(t *testing.T, repo string, ids ...checks.ExerciseID) {
	t.Helper()
	cmd := exec.Command("go", "run", "./cmd/check", "-json")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "NMA_CHECK_STATE="+filepath.Join(t.TempDir(), "state.json"))
	out, err := cmd.Output()
	var stderr string
	if ee, ok := err.(*exec.ExitError); ok {
		stderr = string(ee.Stderr)
	}
	require.NoError(t, err, "go run ./cmd/check -json: %s", stderr)
	var report struct {
		Passed    int `json:"passed"`
		Exercises []struct {
			Exercise checks.ExerciseID `json:"exercise"`
			Status   checks.Status     `json:"status"`
			Message  string            `json:"message"`
		} `json:"exercises"`
	}
	require.NoError(t, json.Unmarshal(out, &report), "%s", out)
	want := map[checks.ExerciseID]bool{}
	for _, id := range ids {
		want[id] = true
	}
	for _, e := range report.Exercises {
		if want[e.Exercise] {
			assert.Equal(t, checks.Pass, e.Status, "make check: exercise %s: %s", e.Exercise, e.Message)
		} else {
			assert.Equal(t, checks.NotImplemented, e.Status, "make check: exercise %s: %s", e.Exercise, e.Message)
		}
	}
	assert.Equal(t, len(ids), report.Passed)
}

func tagged(t *testing.T, cells []nbrun.Cell, tag string) nbrun.Cell {
	t.Helper()
	for _, c := range cells {
		if hasTag(c.Tags, tag) {
			return c
		}
	}
	t.Fatalf("no cell tagged %s", tag)
	return nbrun.Cell{}
}

// checkCell is the cell that runs the check of function.
func checkCell(t *testing.T, cells []nbrun.Cell, function string) nbrun.Cell {
	t.Helper()
	return containing(t, cells, "checks."+function+"("+function+").Print()")
}

// trainingCell is the first cell that trains with both answers: a cell
// that runs a program (%%) passing ShuffleAndSplitData and MLPForward.
func trainingCell(t *testing.T, cells []nbrun.Cell) nbrun.Cell {
	t.Helper()
	for _, c := range cells {
		if c.Type == "code" && strings.Contains(c.Source, "%%") && strings.Contains(c.Source, "(ShuffleAndSplitData, MLPForward") {
			return c
		}
	}
	t.Fatal("no cell trains with ShuffleAndSplitData and MLPForward")
	return nbrun.Cell{}
}

func anyOutputContains(cells []nbrun.Cell, text string) bool {
	for _, c := range cells {
		if strings.Contains(c.Text(), text) {
			return true
		}
	}
	return false
}

func containing(t *testing.T, cells []nbrun.Cell, text string) nbrun.Cell {
	t.Helper()
	for _, c := range cells {
		if c.Type == "code" && strings.Contains(c.Source, text) {
			return c
		}
	}
	t.Fatalf("no code cell contains %q", text)
	return nbrun.Cell{}
}

func containsValue(list []any, want string) bool {
	for _, v := range list {
		if v == want {
			return true
		}
	}
	return false
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}
