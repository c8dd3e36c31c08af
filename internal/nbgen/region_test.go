package nbgen

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lessonFile is a lesson file with a statement region, a declaration region
// and imports in two groups.
const lessonFile = `package lesson

import (
	"fmt"
	"math"
	"strings"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN CELL Square

// Square squares x.
func Square(x float64) float64 { return math.Pow(x, 2) }

// END CELL Square

// PrintSquares prints squares.
func PrintSquares(Offset float64) {
	// BEGIN CELL PrintSquares
	for _, x := range []float64{1, 2} {
		fmt.Println(Square(x) + Offset)

		_ = tutorial.DefaultSeed
	}
	// END CELL PrintSquares
}

var _ = strings.ToUpper
var _ = plots.Show
`

func ExampleExtractCells() {
	cells, err := ExtractCells("pkg/lesson/squares.go", []byte(lessonFile))
	if err != nil {
		panic(err)
	}
	for _, c := range cells {
		fmt.Printf("== %s (statements: %v)\n%s\n", c.Name, c.Statements, c.Code)
	}
	// Output:
	// == Square (statements: false)
	// import "math"
	//
	// // Square squares x.
	// func Square(x float64) float64 { return math.Pow(x, 2) }
	// == PrintSquares (statements: true)
	// import (
	// 	"fmt"
	//
	// 	"github.com/nma-go/mlp/pkg/tutorial"
	// )
	//
	// %%
	// for _, x := range []float64{1, 2} {
	// 	fmt.Println(Square(x) + Offset)
	//
	// 	_ = tutorial.DefaultSeed
	// }
}

func TestExtractCellsImports(t *testing.T) {
	tests := []struct {
		name, imports, body, want string
	}{
		{"none", `import "fmt"`, `_ = 1`, "%%\n_ = 1"},
		{"one of a group", "import (\n\t\"fmt\"\n\t\"math\"\n)", `_ = math.Pi`, "import \"math\"\n\n%%\n_ = math.Pi"},
		{"two of one group, with one unused between them", "import (\n\t\"fmt\"\n\t\"math\"\n\t\"os\"\n)", `fmt.Println(os.Args)`,
			"import (\n\t\"fmt\"\n\t\"os\"\n)\n\n%%\nfmt.Println(os.Args)"},
		{"a named import", "import (\n\tstr \"strings\"\n)", `_ = str.ToUpper`, "import str \"strings\"\n\n%%\n_ = str.ToUpper"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "package lesson\n\n" + tc.imports + "\n\nfunc F() {\n\t// BEGIN CELL F\n\t" + tc.body + "\n\t// END CELL F\n}\n"
			cells, err := ExtractCells("f.go", []byte(src))
			require.NoError(t, err)
			require.Len(t, cells, 1)
			assert.Equal(t, tc.want, cells[0].Code)
		})
	}
}

func TestExtractCellsErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"no END", "package p\n\nfunc F() {\n\t// BEGIN CELL F\n}\n", `f.go:4: cell "F" has no "// END CELL F" line`},
		{"END of another cell", "package p\n\n// BEGIN CELL A\nvar a = 1\n// END CELL B\n", `f.go:5: "// END CELL B" without a matching "// BEGIN CELL B"`},
		{"nested", "package p\n\n// BEGIN CELL A\n// BEGIN CELL B\n// END CELL B\n// END CELL A\n", `f.go:4: cell "B" begins inside cell "A" (line 3)`},
		{"name that is not an identifier", "package p\n\n// BEGIN CELL a-b\n// END CELL a-b\n", `f.go:3: cell name "a-b": want a Go identifier`},
		{"END indented differently", "package p\n\nfunc F() {\n\t// BEGIN CELL F\n\t_ = 1\n// END CELL F\n}\n", `f.go:6: the END marker of cell "F" is indented differently`},
		{"inside a function of another name", "package p\n\nfunc G() {\n\t// BEGIN CELL F\n\t_ = 1\n\t// END CELL F\n}\n", `f.go:4: cell "F" is inside func G`},
		{"a function with results", "package p\n\nfunc F() int {\n\t// BEGIN CELL F\n\t_ = 1\n\t// END CELL F\n\treturn 0\n}\n", `f.go:4: func F returns results`},
		{"not the whole body", "package p\n\nfunc F() {\n\t_ = 0\n\t// BEGIN CELL F\n\t_ = 1\n\t// END CELL F\n}\n", `f.go:5: the markers of cell "F" must be the first and last lines of func F's body`},
		{"a method", "package p\n\ntype T int\n\nfunc (T) F() {\n\t// BEGIN CELL F\n\t_ = 1\n\t// END CELL F\n}\n", `f.go:6: cell "F" is inside func F`},
		{"a line indented less than the markers", "package p\n\nfunc F() {\n\t// BEGIN CELL F\n\tx := `a\nb`\n\t_ = x\n\t// END CELL F\n}\n", `f.go:4: cell "F": line "b`},
		{"a dot import", "package p\n\nimport . \"math\"\n\nfunc F() {\n\t// BEGIN CELL F\n\t_ = Pi\n\t// END CELL F\n}\n", `f.go:6: dot import of "math"`},
		{"not Go", "package p\n\nfunc {\n", "nbgen: f.go:3:6: expected 'IDENT'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ExtractCells("f.go", []byte(tc.src))
			assert.ErrorContains(t, err, tc.want)
		})
	}
}

// writeLesson writes files into a temporary repository's lesson package and
// returns the repository root.
func writeLesson(t *testing.T, files map[string]string) string {
	root := t.TempDir()
	dir := filepath.Join(root, LessonDir)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	for name, src := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	return root
}

func TestLessonCells(t *testing.T) {
	root := writeLesson(t, map[string]string{
		"squares.go":      lessonFile,
		"other.go":        "package lesson\n\n// BEGIN CELL Pi\nconst Pi = 3\n// END CELL Pi\n",
		"squares_test.go": "package lesson\n\n// BEGIN CELL Square\n// END CELL Square\n",
	})
	cells, err := LessonCells(root)
	require.NoError(t, err)
	assert.Equal(t, LessonCell{Name: "Pi", File: "pkg/lesson/other.go", Code: "const Pi = 3"}, cells["Pi"])
	assert.Equal(t, "pkg/lesson/squares.go", cells["Square"].File, "test files are not read")
	assert.True(t, cells["PrintSquares"].Statements)
	assert.Len(t, cells, 3)

	dup := writeLesson(t, map[string]string{
		"a.go": "package lesson\n\n// BEGIN CELL X\nvar x = 1\n// END CELL X\n",
		"b.go": "package lesson\n\n// BEGIN CELL X\nvar y = 1\n// END CELL X\n",
	})
	_, err = LessonCells(dup)
	assert.EqualError(t, err, `nbgen: lesson cell "X" is marked in both pkg/lesson/a.go and pkg/lesson/b.go`)
}

func TestRenderLessonCell(t *testing.T) {
	root := writeLesson(t, map[string]string{"squares.go": lessonFile})
	for _, ed := range Editions {
		cells, err := Render(root, "x.nb", "--- markdown\nhi\n--- cell PrintSquares\n--- cell Square\n", Target{Edition: ed})
		require.NoError(t, err)
		require.Len(t, cells, 3)
		assert.Equal(t, Cell{Type: "code", Source: "import (\n\t\"fmt\"\n\n\t\"github.com/nma-go/mlp/pkg/tutorial\"\n)\n\n%%\n" +
			"for _, x := range []float64{1, 2} {\n\tfmt.Println(Square(x) + Offset)\n\n\t_ = tutorial.DefaultSeed\n}"}, cells[1], ed)
		assert.Equal(t, "import \"math\"\n\n// Square squares x.\nfunc Square(x float64) float64 { return math.Pow(x, 2) }", cells[2].Source, ed)
	}

	tests := []struct{ name, src, want string }{
		{"unknown cell", "--- cell Cube\n", `nbgen: x.nb:1: no lesson cell "Cube": mark it in pkg/lesson with "// BEGIN CELL Cube" and "// END CELL Cube"`},
		{"text under the marker", "--- cell Square\nfmt.Println(1)\n", `nbgen: x.nb:1: a "--- cell" takes its code from pkg/lesson`},
		{"no name", "--- cell\n", `nbgen: x.nb:1: want "--- cell NAME"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Render(root, "x.nb", tc.src, Target{Edition: Student})
			assert.ErrorContains(t, err, tc.want)
		})
	}
}
