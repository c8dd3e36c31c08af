package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/nbgen"
	"github.com/nma-go/mlp/internal/pristine"
)

// lessonCellNames returns the "--- cell NAME" names of a notebook source, in order.
func lessonCellNames(src string) []string {
	var names []string
	for line := range strings.SplitSeq(src, "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "---" && f[1] == "cell" {
			names = append(names, f[2])
		}
	}
	return names
}

// Every notebook with lesson cells has a section, and the section runs
// exactly those cells in the notebook's order.
func TestSectionsRunTheirNotebooksCells(t *testing.T) {
	root, err := pristine.Root()
	require.NoError(t, err)
	sources, err := filepath.Glob(filepath.Join(root, "notebooks", "src", "*.nb"))
	require.NoError(t, err)
	require.NotEmpty(t, sources)
	byNotebook := map[string]section{}
	for _, s := range sections {
		byNotebook[s.notebook] = s
	}
	for _, src := range sources {
		notebook := strings.TrimSuffix(filepath.Base(src), ".nb")
		data, err := os.ReadFile(src)
		require.NoError(t, err)
		want := lessonCellNames(string(data))
		s, ok := byNotebook[notebook]
		if len(want) == 0 {
			assert.False(t, ok, "section %s runs %s, which has no lesson cells", s.name, notebook)
			continue
		}
		require.True(t, ok, "%s has lesson cells %v but no section in cmd/tutorial runs them", notebook, want)
		var got []string
		for _, c := range s.cells {
			got = append(got, c.name)
		}
		assert.Equal(t, want, got, "section %s must run the lesson cells of %s, in its order", s.name, s.notebookPath())
	}
}

// Every cell's run calls the lesson function of its name, and nothing else:
// a cell named PlotSpiral runs lesson.PlotSpiral. A cell with a nil run is a
// cell of declarations: its region must be top-level, and every other cell's
// region must be a function body.
func TestCellsCallTheirLessonFunction(t *testing.T) {
	root, err := pristine.Root()
	require.NoError(t, err)
	regions, err := nbgen.LessonCells(root)
	require.NoError(t, err)
	files, err := filepath.Glob("section_*.go")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	fset := token.NewFileSet()
	checked := 0
	for _, file := range files {
		f, err := parser.ParseFile(fset, file, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || len(lit.Elts) != 2 {
				return true
			}
			if typ, ok := lit.Type.(*ast.Ident); lit.Type != nil && (!ok || typ.Name != "cell") {
				return true
			}
			name, ok := lit.Elts[0].(*ast.BasicLit)
			if !ok || name.Kind != token.STRING {
				return true
			}
			cellName, err := strconv.Unquote(name.Value)
			require.NoError(t, err)
			pos := fset.Position(lit.Pos())
			region, ok := regions[cellName]
			require.True(t, ok, "%s: cell %s has no region in pkg/lesson", pos, cellName)
			if ident, isNil := lit.Elts[1].(*ast.Ident); isNil && ident.Name == "nil" {
				assert.False(t, region.Statements, "%s: cell %s has no run, but its region is a function body: run lesson.%s", pos, cellName, cellName)
				checked++
				return true
			}
			run, isFunc := lit.Elts[1].(*ast.FuncLit)
			if !isFunc {
				return true
			}
			assert.True(t, region.Statements, "%s: cell %s only declares: give it a nil run", pos, cellName)
			require.Len(t, run.Body.List, 1, "%s: cell %s: run must only call lesson.%s", pos, cellName, cellName)
			call, ok := run.Body.List[0].(*ast.ExprStmt).X.(*ast.CallExpr)
			require.True(t, ok, "%s: cell %s: run must call lesson.%s", pos, cellName, cellName)
			sel, ok := call.Fun.(*ast.SelectorExpr)
			require.True(t, ok, "%s: cell %s: run must call lesson.%s", pos, cellName, cellName)
			pkg, ok := sel.X.(*ast.Ident)
			assert.True(t, ok && pkg.Name == "lesson" && sel.Sel.Name == cellName,
				"%s: cell %s calls %s.%s, want lesson.%s", pos, cellName, pkg, sel.Sel.Name, cellName)
			checked++
			return true
		})
	}
	total := 0
	for _, s := range sections {
		total += len(s.cells)
	}
	assert.Equal(t, total, checked, "every registered cell is a cell{\"Name\", func() { lesson.Name(...) }} or cell{\"Name\", nil} literal")
}

// The spiral section runs headless: it prints what the notebook prints and
// writes the figure the notebook shows.
func TestRunSpiralSection(t *testing.T) {
	selected, err := selectSections("2.2")
	require.NoError(t, err)
	require.Len(t, selected, 1)
	out := t.TempDir()
	printed := printedBy(t, func() { require.NoError(t, selected[0].run(out)) })
	want := "-- PlotSpiral\n" +
		"X: (4000, 2), y: (4000,), classes: 4\n" +
		"wrote " + filepath.Join(out, "04_spiral-PlotSpiral.png") + "\n" +
		"wrote " + filepath.Join(out, "04_spiral-PlotSpiral.svg") + "\n" +
		"-- RejectBadSpiralArguments\n"
	assert.True(t, strings.HasPrefix(printed, want), "got:\n%s", printed)
	assert.Equal(t, 3, strings.Count(printed, "spiral: "), "three errors of CreateSpiralDataset:\n%s", printed)
	png, err := os.ReadFile(filepath.Join(out, "04_spiral-PlotSpiral.png"))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")), "a PNG file")
}

// A cell of declarations prints nothing and runs nothing.
func TestDeclarationCellsAreSkipped(t *testing.T) {
	s := section{name: "x", notebook: "99_x", cells: []cell{{"Declares", nil}, {"Runs", func() { fmt.Println("ran") }}}}
	printed := printedBy(t, func() { require.NoError(t, s.run(t.TempDir())) })
	assert.Equal(t, "-- Runs\nran\n", printed)
}

func TestRunCellTurnsAPanicIntoAnError(t *testing.T) {
	s := section{name: "x", notebook: "99_x", cells: []cell{
		{"Fine", func() {}},
		{"Broken", func() { panic("boom") }},
		{"Never", func() { t.Error("a cell after a failed one ran") }},
	}}
	var err error
	printed := printedBy(t, func() { err = s.run(t.TempDir()) })
	assert.EqualError(t, err, "cell Broken: boom")
	assert.Equal(t, "-- Fine\n-- Broken\n", printed)
}

// printedBy returns what f prints to standard output.
func printedBy(t *testing.T, f func()) string {
	out, err := captureStdout(func() error { f(); return nil })
	require.NoError(t, err)
	return string(out)
}

func TestSelectSections(t *testing.T) {
	got, err := selectSections("2.1, 1")
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, []string{"2.1", "1"}, []string{got[0].name, got[1].name})
	_, err = selectSections("9")
	assert.EqualError(t, err, `tutorial: unknown section "9"; run with -list to see them`)
}
