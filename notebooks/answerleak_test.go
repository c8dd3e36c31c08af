package notebooks_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/nbgen"
	"github.com/nma-go/mlp/internal/pristine"
)

// contractExpressions are parts of reference answers that an exercise fixes
// and therefore states to the student, with why. Every one must be an
// expression of its reference (TestContractExpressionsAreInTheReferences).
// Each exempts itself and the expressions inside it, never an expression
// that contains it: the stub may name the generator, not the call that
// draws the permutation.
var contractExpressions = map[checks.ExerciseID][]string{
	// The check reads the model's variables by the original's layer names.
	checks.MLPForwardID: {`scope.In("Linear_%d", i)`},
	// The check expects the permutation of exactly this generator, so that a
	// seed names one split; the stub's doc states it.
	checks.ShuffleAndSplitDataID: {`rand.New(rand.NewSource(seed)).Perm`},
}

// answerExpr is one expression of an exercise's reference answer.
type answerExpr struct {
	exercise checks.ExerciseID
	text     string   // as gofmt prints it
	forms    []string // what a text must not contain, without white space
}

// leak is an answer expression in a notebook's visible text.
type leak struct {
	cell int // index in the notebook
	expr answerExpr
}

func (l leak) String() string {
	return fmt.Sprintf("cell %d shows %s of exercise %s's reference answer", l.cell, l.expr.text, l.expr.exercise)
}

// TestStudentNotebooksDoNotShowTheAnswers fails when the visible text of a
// student notebook (every cell but the graded hints) contains an expression
// of a reference answer: explain the goal and the idea, and put the
// operations into the hints (checks/registry.go).
func TestStudentNotebooksDoNotShowTheAnswers(t *testing.T) {
	if pristine.Edited(append([]string{"pkg/exercises"}, nbgen.StudentDirs()...)...) {
		t.Skip("pkg/exercises or notebooks/student holds local edits; the shipped versions are checked in CI")
	}
	root := repoRoot(t)
	exprs := answerExpressions(t, root)
	for _, path := range studentNotebookFiles(t) {
		t.Run(path, func(t *testing.T) {
			for _, l := range leaks(readNotebook(t, path), exprs) {
				t.Errorf("%s: %s: move it into a hint (checks/registry.go), or into a \"--- markdown instructor\" cell", path, l)
			}
		})
	}
}

// TestAnswerLeakFixturesFail proves the test above catches what the student
// edition showed before the hints: the weight formula's operations in 01's
// stub comments, the layer loop's lines in 02, the test size in 05.
func TestAnswerLeakFixturesFail(t *testing.T) {
	root := repoRoot(t)
	exprs := answerExpressions(t, root)
	tests := []struct {
		notebook string
		want     []string // among the leaks found, as the reference prints them
	}{
		{"01_relu_approximation.ipynb", []string{"Slice(xTrain, AxisRange(0, numRelus))"}},
		{"02_mlp.ipynb", []string{`tutorial.Linear(scope.In("Linear_%d", i), x, inNum, outNum)`, "net.Activation.Apply(x)",
			`tutorial.Linear(scope.In("Output_Linear"), x, inNum, net.OutputFeatureNum)`}},
		{"05_training.ipynb", []string{"int(0.2 * float64(N))"}},
	}
	for _, tc := range tests {
		t.Run(tc.notebook, func(t *testing.T) {
			found := leaks(readNotebook(t, filepath.Join("testdata", "answerleak", tc.notebook)), exprs)
			require.NotEmpty(t, found, "the fixture must fail the answer-leak test")
			var got []string
			for _, l := range found {
				got = append(got, l.expr.text)
			}
			for _, w := range tc.want {
				assert.Contains(t, got, w)
			}
		})
	}
}

// TestLeakDetection pins the matching rules on small texts.
func TestLeakDetection(t *testing.T) {
	exprs := answerExpressions(t, repoRoot(t))
	tests := []struct {
		name, text string
		leaks      bool
	}{
		{"the answer, spaced differently", "weights[i] = Sub( slope,prevSlope )", true},
		{"the answer across lines", "yHat = Dot(combinationWeights,\n\treluActs).Product()", true},
		{"a conversion left out", "`testSize` は `int(0.2 * N)` です", true},
		{"only the operations' names", "`Sub`、`Neg`、`Dot` を使います", false},
		{"a contract", "生成器は rand.New(rand.NewSource(seed)) の Perm です", false},
		{"a contract inside the answer", "rand.New(rand.NewSource(seed)).Perm(N)", true},
		{"a layer name", `スコープは scope.In("Linear_%d", i) です`, false},
		{"a longer name that ends like an answer", "mySub(slope, prevSlope)", false},
		{"the formula in mathematics", "$s_i - s_{i-1}$", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := leaks([]nbgen.Cell{{Type: "markdown", Source: tc.text}}, exprs)
			assert.Equal(t, tc.leaks, len(got) > 0, "%v", got)
		})
	}
}

// TestContractExpressionsAreInTheReferences keeps the exempt list short and
// true: each entry is an expression of its exercise's reference.
func TestContractExpressionsAreInTheReferences(t *testing.T) {
	root := repoRoot(t)
	for id, list := range contractExpressions {
		ex, ok := checks.Find(id)
		require.True(t, ok, "exercise %s", id)
		body := referenceBody(t, root, ex)
		for _, c := range list {
			found := false
			ast.Inspect(body, func(n ast.Node) bool {
				if e, ok := n.(ast.Expr); ok && squeeze(printExpr(t, e)) == squeeze(c) {
					found = true
				}
				return !found
			})
			assert.True(t, found, "exercise %s: contract %s is not an expression of pkg/solutions/%s", id, c, ex.File)
		}
	}
}

// TestHintsAreTheRegistrysHints checks that every exercise of a student
// notebook has its hint cell, with the very text cmd/check prints, and that
// hint cells (which the leak test skips) hold nothing else.
func TestHintsAreTheRegistrysHints(t *testing.T) {
	if pristine.Edited(nbgen.StudentDirs()...) {
		t.Skip("notebooks/student holds local edits; the shipped versions are checked in CI")
	}
	hintText := regexp.MustCompile(`(?s)<details><summary[^>]*>(.*?)</summary>\n<p>(.*?)</p>\n</details>`)
	seen := map[string]bool{}
	for _, path := range studentNotebookFiles(t) {
		lang := i18n.Japanese
		if strings.HasPrefix(filepath.ToSlash(path), "en/") {
			lang = i18n.English
		}
		cells := readNotebook(t, path)
		var exercises, hinted []string
		for _, c := range cells {
			for _, tag := range c.Tags {
				if id, ok := strings.CutPrefix(tag, "exercise-"); ok && hasTag(c.Tags, "exercise") {
					exercises = append(exercises, id)
				}
				if id, ok := strings.CutPrefix(tag, nbgen.HintsTag+"-"); ok {
					hinted = append(hinted, id)
					ex, found := checks.Find(checks.ExerciseID(id))
					require.True(t, found, "%s: hints of unknown exercise %s", path, id)
					assert.Equal(t, nbgen.HintsMarkdown(ex, lang), c.Source, "%s: the hint cell of exercise %s must be the registry's hints and nothing else: run `go run ./cmd/nbgen`", path, id)
					blocks := hintText.FindAllStringSubmatch(c.Source, -1)
					require.Len(t, blocks, checks.NumHintLevels, "%s: exercise %s", path, id)
					for i, b := range blocks {
						level := checks.HintLevel(i + 1)
						assert.Equal(t, nbgen.HintSummary(level, lang), b[1], "%s: exercise %s", path, id)
						assert.Contains(t, b[1], level.LabelIn(lang), "%s: exercise %s: the hint's name is the one cmd/check prints", path, id)
						assert.Equal(t, ex.HintsIn(lang).At(level), html.UnescapeString(b[2]), "%s: exercise %s hint %d must read as `go run ./cmd/check -hint %d` prints it", path, id, level, level)
					}
				}
			}
		}
		assert.Equal(t, exercises, hinted, "%s: every exercise cell needs a \"--- hints ID\" cell in its source", path)
		for _, id := range exercises {
			seen[id] = true
		}
	}
	for _, ex := range checks.Registry {
		assert.True(t, seen[string(ex.ID)], "exercise %s has no exercise cell in the student notebooks", ex.ID)
	}
}

// leaks finds the answer expressions in cells, skipping hint cells.
func leaks(cells []nbgen.Cell, exprs []answerExpr) []leak {
	var out []leak
	for i, c := range cells {
		if hasTag(c.Tags, nbgen.HintsTag) {
			continue
		}
		text := squeeze(c.Source)
		for _, e := range exprs {
			for _, form := range e.forms {
				if containsAtBoundary(text, form) {
					out = append(out, leak{cell: i, expr: e})
					break
				}
			}
		}
	}
	return out
}

// containsAtBoundary reports whether text contains form not preceded by an
// identifier character or a dot (mySub(...) is not Sub(...)).
func containsAtBoundary(text, form string) bool {
	for start := 0; ; {
		i := strings.Index(text[start:], form)
		if i < 0 {
			return false
		}
		i += start
		if i == 0 {
			return true
		}
		prev := []rune(text[:i])
		r := prev[len(prev)-1]
		if !(r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return true
		}
		start = i + 1
	}
}

// answerExpressions returns the expressions of every exercise's reference
// answer. The answer is what the reference writes where the stub does not:
// the reference region's statements that are not statements of the stub
// (the blanks the student fills in, and the helpers they need). Of those
// statements' expressions it keeps the substantial ones (see [substantial])
// that do not appear in the stub's code, which the student sees anyway,
// and that are not inside a contract expression.
func answerExpressions(t *testing.T, root string) []answerExpr {
	t.Helper()
	var out []answerExpr
	for _, ex := range checks.Registry {
		ref := referenceBody(t, root, ex)
		stub := functionBody(t, filepath.Join(root, "pkg", "exercises", ex.File), ex)
		stubStmts, stubExprs := map[string]bool{}, map[string]bool{}
		ast.Inspect(stub, func(n ast.Node) bool {
			switch n := n.(type) {
			case ast.Expr:
				stubExprs[squeeze(printExpr(t, n))] = true
			case ast.Stmt:
				if simpleStatement(n) {
					stubStmts[squeeze(printExpr(t, n))] = true
				}
			}
			return true
		})
		exempt := map[ast.Node]bool{}
		ast.Inspect(ref, func(n ast.Node) bool {
			if e, ok := n.(ast.Expr); ok {
				for _, c := range contractExpressions[ex.ID] {
					if squeeze(printExpr(t, e)) == squeeze(c) {
						ast.Inspect(e, func(inner ast.Node) bool { exempt[inner] = true; return true })
					}
				}
			}
			return true
		})
		seen := map[string]bool{}
		ast.Inspect(ref, func(n ast.Node) bool {
			s, ok := n.(ast.Stmt)
			if !ok || !simpleStatement(s) {
				return true
			}
			if stubStmts[squeeze(printExpr(t, s))] {
				return false
			}
			for _, value := range statementValues(s) {
				ast.Inspect(value, func(n ast.Node) bool {
					e, ok := n.(ast.Expr)
					if !ok || exempt[e] || !substantial(e) {
						return true
					}
					text := printExpr(t, e)
					if stubExprs[squeeze(text)] || seen[text] {
						return true
					}
					seen[text] = true
					out = append(out, answerExpr{exercise: ex.ID, text: text, forms: forms(t, text)})
					return true
				})
			}
			return false
		})
		require.NotEmpty(t, out, "exercise %s: no answer expressions found in its reference", ex.ID)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].exercise < out[j].exercise })
	return out
}

// simpleStatement reports whether s holds no other statements.
func simpleStatement(s ast.Stmt) bool {
	switch s.(type) {
	case *ast.AssignStmt, *ast.ExprStmt, *ast.ReturnStmt, *ast.DeclStmt, *ast.IncDecStmt, *ast.SendStmt:
		return true
	}
	return false
}

// statementValues are the expressions a statement computes (not the names it
// assigns to).
func statementValues(s ast.Stmt) []ast.Node {
	var out []ast.Node
	switch s := s.(type) {
	case *ast.AssignStmt:
		for _, e := range s.Rhs {
			out = append(out, e)
		}
	case *ast.ExprStmt:
		out = append(out, s.X)
	case *ast.ReturnStmt:
		for _, e := range s.Results {
			out = append(out, e)
		}
	case *ast.DeclStmt:
		out = append(out, s.Decl)
	case *ast.SendStmt:
		out = append(out, s.Value)
	}
	return out
}

// substantial reports whether an expression computes something from the
// exercise's values: an operator, or a call with an argument that is not a
// literal. Names, literals, conversions of a name (float64(N)) and getters
// with literal arguments (x.Shape().Dim(-1)) say nothing about an answer.
func substantial(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BinaryExpr:
		return true
	case *ast.UnaryExpr:
		return !literal(e.X)
	case *ast.ParenExpr:
		return substantial(e.X)
	case *ast.SelectorExpr:
		return substantial(e.X)
	case *ast.IndexExpr:
		return substantial(e.X) || substantial(e.Index)
	case *ast.CallExpr:
		if conversion(e) {
			return substantial(e.Args[0])
		}
		for _, a := range e.Args {
			if !literal(a) {
				return true
			}
		}
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok {
			return substantial(sel.X)
		}
	}
	return false
}

func literal(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return true
	case *ast.UnaryExpr:
		return literal(e.X)
	}
	return false
}

// numericTypes are the conversions a text may leave out (int(0.2 * N) for
// int(0.2 * float64(N))).
var numericTypes = map[string]bool{"int": true, "int32": true, "int64": true, "float32": true, "float64": true}

func conversion(c *ast.CallExpr) bool {
	id, ok := c.Fun.(*ast.Ident)
	return ok && numericTypes[id.Name] && len(c.Args) == 1
}

// forms are the texts that show an expression: as gofmt prints it and with
// its inner numeric conversions left out, without white space.
func forms(t *testing.T, text string) []string {
	out := []string{squeeze(text)}
	e, err := parser.ParseExpr(text)
	require.NoError(t, err)
	if bare := squeeze(printExpr(t, unwrapInner(e, true))); bare != out[0] {
		out = append(out, bare)
	}
	return out
}

// unwrapInner replaces the numeric conversions below e (and e itself unless
// root) by their argument.
func unwrapInner(e ast.Expr, root bool) ast.Expr {
	switch n := e.(type) {
	case *ast.CallExpr:
		if !root && conversion(n) {
			return unwrapInner(n.Args[0], false)
		}
		n.Fun = unwrapInner(n.Fun, false)
		for i, a := range n.Args {
			n.Args[i] = unwrapInner(a, false)
		}
	case *ast.BinaryExpr:
		n.X, n.Y = unwrapInner(n.X, false), unwrapInner(n.Y, false)
	case *ast.UnaryExpr:
		n.X = unwrapInner(n.X, false)
	case *ast.ParenExpr:
		n.X = unwrapInner(n.X, false)
	case *ast.SelectorExpr:
		n.X = unwrapInner(n.X, false)
	case *ast.IndexExpr:
		n.X, n.Index = unwrapInner(n.X, false), unwrapInner(n.Index, false)
	}
	return e
}

// referenceBody is the body of ex's function in the reference region of
// pkg/solutions.
func referenceBody(t *testing.T, root string, ex checks.Exercise) *ast.BlockStmt {
	return functionBody(t, filepath.Join(root, "pkg", "solutions", ex.File), ex)
}

// functionBody parses path and returns the body of ex.Function, which must
// lie between the exercise's BEGIN and END markers.
func functionBody(t *testing.T, path string, ex checks.Exercise) *ast.BlockStmt {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	begin := bytes.Index(data, []byte("// BEGIN EXERCISE "+string(ex.ID)+"\n"))
	end := bytes.Index(data, []byte("// END EXERCISE "+string(ex.ID)))
	require.True(t, begin >= 0 && end > begin, "%s: no region of exercise %s", path, ex.ID)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, data, parser.SkipObjectResolution)
	require.NoError(t, err)
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name != ex.Function || fn.Body == nil {
			continue
		}
		if off := fset.Position(fn.Pos()).Offset; off < begin || off > end {
			continue
		}
		return fn.Body
	}
	t.Fatalf("%s: func %s not found in the region of exercise %s", path, ex.Function, ex.ID)
	return nil
}

func printExpr(t *testing.T, n ast.Node) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, format.Node(&b, token.NewFileSet(), n))
	return b.String()
}

// squeeze removes all white space, so that a text matches however it is
// spaced or wrapped.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := pristine.Root()
	require.NoError(t, err)
	return root
}

func readNotebook(t *testing.T, path string) []nbgen.Cell {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	cells, err := nbgen.ReadCells(data)
	require.NoError(t, err)
	return cells
}

// studentNotebookFiles lists the student notebooks of every language.
func studentNotebookFiles(t *testing.T) []string {
	var files []string
	for _, target := range studentTargets() {
		files = append(files, notebookFiles(t, target)...)
	}
	return files
}
