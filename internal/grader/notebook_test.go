package grader

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/answers"
	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/nbgen"
)

// solvedMLPFile is pkg/exercises/mlp.go as a student who solved Exercise 2
// in the notebook saves it (the reference's body, the stub's package).
func solvedMLPFile(t *testing.T, root string) string {
	t.Helper()
	ref, err := os.ReadFile(filepath.Join(root, "pkg", "solutions", "mlp.go"))
	require.NoError(t, err)
	return strings.Replace(string(ref), "package solutions", "package exercises", 1)
}

func TestWholeFileCells(t *testing.T) {
	file := "package exercises\n\nfunc F() {}\n"
	tests := []struct {
		name, cell string
		whole      bool
	}{
		{"the student edition's %%script cell", answers.ScriptLine("../../..", "mlp.go", "0123456789abcdef", "fedcba9876543210") + "\n" + file, true},
		{"%%writefile with GONB_DIR", "%%writefile ${GONB_DIR}/../../pkg/exercises/mlp.go\n" + file, true},
		{"declarations after %%writefile", "%%writefile x.go\nfunc F() {}\n", false},
		{"a Go cell", "import \"fmt\"\n\n%%\nfmt.Println(1)\n", false},
		{"a package clause without a cell command", file, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := wholeFileCell(tc.cell)
			assert.Equal(t, tc.whole, ok)
			if tc.whole {
				assert.Equal(t, file, got)
			}
		})
	}
}

// The shipped student notebook's exercise cell is the stub file, byte for
// byte, and its lines map to the cell's, one below.
func TestStudentEditionCellIsTheSavedFile(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	ex, ok := checks.Find(checks.MLPForwardID)
	require.True(t, ok)
	stub, err := os.ReadFile(filepath.Join(root, "pkg", "exercises", ex.File))
	require.NoError(t, err)
	cells := []nbgen.Cell{
		{Type: "markdown", Source: "# 演習 2"},
		{Type: "code", Tags: nbgen.ExerciseTags(string(ex.ID)), Source: nbgen.StudentExerciseSource(ex.File, stub)},
		nbgen.AnswerCell(ex),
	}
	data, err := nbgen.MarshalNotebook(cells)
	require.NoError(t, err)
	sources, err := notebookSources(root, "02_mlp.ipynb", data, checks.Registry)
	require.NoError(t, err)
	require.Len(t, sources, 1)
	src := sources[ex.File]
	require.NotNil(t, src)
	shown := nbgen.LocalizeComments(string(answers.Normalize(stub)), i18n.Japanese)
	assert.Equal(t, string(answers.Normalize([]byte(shown))), string(src.Data), "the cell's file: the stub with its Japanese comments")
	assert.Equal(t, "02_mlp.ipynb の演習 2 のセル (2 番目のセル) の 2 行目", src.Position(1), "the package clause is the cell's second line")
}

// A solved %%writefile cell is graded as the file it writes, with compile
// errors placed on the cell's lines.
func TestWritefileCellsAreGraded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds grading binaries")
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	solved := solvedMLPFile(t, root)
	broken := strings.Replace(solved, "inNum = outNum", "inNum = outNum)", 1)
	brokenLine := 0
	for i, l := range strings.Split(broken, "\n") {
		if strings.Contains(l, "inNum = outNum)") {
			brokenLine = i + 1
		}
	}
	g := newTestGrader(t)
	dir := t.TempDir()
	grade := func(name, cell string) ExerciseResult {
		data, err := nbgen.MarshalNotebook([]nbgen.Cell{
			{Type: "code", Tags: []string{"setup"}, Source: nbgen.HeaderCell},
			{Type: "code", Tags: nbgen.ExerciseTags("2"), Source: cell},
		})
		require.NoError(t, err)
		path := filepath.Join(dir, name+".ipynb")
		require.NoError(t, os.WriteFile(path, data, 0o644))
		res := g.Grade(context.Background(), NewSubmission(path))
		require.Empty(t, res.Error)
		for _, e := range res.Exercises {
			if e.ExerciseID == checks.MLPForwardID {
				return e
			}
		}
		t.Fatalf("%s: exercise 2 not graded: %+v", name, res)
		return ExerciseResult{}
	}
	e := grade("script", answers.ScriptLine("../../..", "mlp.go", "0123456789abcdef", "fedcba9876543210")+"\n"+solved)
	assert.Equal(t, checks.Pass, e.Status, e.Message)
	e = grade("writefile", "%%writefile ${GONB_DIR}/../../pkg/exercises/mlp.go\n"+solved)
	assert.Equal(t, checks.Pass, e.Status, e.Message)
	e = grade("broken", "%%writefile ${GONB_DIR}/../../pkg/exercises/mlp.go\n"+broken)
	assert.Equal(t, checks.Fail, e.Status)
	assert.Contains(t, e.Message, "broken.ipynb の演習 2 のセル (2 番目のセル) の "+strconv.Itoa(brokenLine+1)+" 行目", e.Message)
}
