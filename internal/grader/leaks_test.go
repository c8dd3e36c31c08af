package grader

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// minLeakLine is the length from which a line of a reference solution counts
// as an answer.
const minLeakLine = 20

// solutionLines are the answers: every line of at least minLeakLine
// characters (trimmed) inside a function body in pkg/solutions that is not
// also a line of the file's stub in pkg/exercises.
func solutionLines(t *testing.T, root string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, "pkg", "solutions", "*.go"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var answers []string
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		stub, _ := os.ReadFile(filepath.Join(root, "pkg", "exercises", filepath.Base(file)))
		inStub := map[string]bool{}
		for _, l := range strings.Split(string(stub), "\n") {
			inStub[strings.TrimSpace(l)] = true
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, src, 0)
		require.NoError(t, err)
		lines := strings.Split(string(src), "\n")
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			first, last := fset.Position(fn.Body.Lbrace).Line, fset.Position(fn.Body.Rbrace).Line
			for _, l := range lines[first : last-1] {
				l = strings.TrimSpace(l)
				if len(l) >= minLeakLine && !inStub[l] {
					answers = append(answers, l)
				}
			}
		}
	}
	return answers
}

// leaks lists "NAME: LINE" for every answer line a text holds.
func leaks(answers []string, texts map[string]string) []string {
	var found []string
	for name, text := range texts {
		for _, a := range answers {
			if strings.Contains(text, a) {
				found = append(found, name+": "+a)
			}
		}
	}
	return found
}

// assertNoLeaks fails for every text that holds a line of an answer.
func assertNoLeaks(t *testing.T, root string, texts map[string]string) {
	t.Helper()
	answers := solutionLines(t, root)
	require.NotEmpty(t, answers)
	assert.Empty(t, leaks(answers, texts), "feedback or gradebook fields hold lines of the reference solutions")
}

// The leak detector finds a leak, and ignores lines the stubs share.
func TestLeaksFindsAnAnswer(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	answers := solutionLines(t, root)
	require.NotEmpty(t, answers)
	assert.Contains(t, answers, "testSize := int(0.2 * float64(N))")
	assert.NotContains(t, answers, "N := X.Shape().Dim(0)", "a line of the stub is no answer")
	leaked := "output:\n" + answers[len(answers)/2] + "\n"
	assert.Len(t, leaks(answers, map[string]string{"a.md": leaked, "b.md": "nothing here"}), 1)
}
