package grader

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"

	"golang.org/x/tools/imports"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/nbgen"
)

// notebookCell is the exercise cell of one exercise in a notebook.
type notebookCell struct {
	exercise string
	index    int // 1-based
	source   string
}

// notebookSources extracts the exercise cells of a notebook, those tagged
// "exercise-ID" by nbgen, and makes one Go file per exercise file.
//
// A cell that saves a whole file (see [wholeFileCell]: the student edition's
// %%script cells, or a %%writefile cell) is that file, as it was saved into
// pkg/exercises. Other cells hold declarations, which are assembled as GoNB
// would run them: GoNB's special lines (%, !) are blanked, and missing or
// unused imports are fixed with golang.org/x/tools/imports. When several
// cells carry the same tag, the last one wins, as the last run definition does
// in GoNB.
func notebookSources(root, name string, data []byte, exercises []checks.Exercise) (map[string]*Source, error) {
	cells, err := nbgen.ReadCells(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	byID := map[string]notebookCell{}
	var notebookSpecs []string // the imports of every code cell, which GoNB keeps across cells
	for i, c := range cells {
		if c.Type != "code" {
			continue
		}
		specs, _ := splitImports(blankGoNBCommands(c.Source))
		notebookSpecs = append(notebookSpecs, specs...)
		for _, tag := range c.Tags {
			if id, ok := strings.CutPrefix(tag, "exercise-"); ok {
				byID[id] = notebookCell{exercise: id, index: i + 1, source: c.Source}
			}
		}
	}
	byFile := map[string][]notebookCell{}
	var files []string
	for _, ex := range exercises {
		c, ok := byID[string(ex.ID)]
		if !ok {
			continue
		}
		if byFile[ex.File] == nil {
			files = append(files, ex.File)
		}
		byFile[ex.File] = append(byFile[ex.File], c)
	}
	out := map[string]*Source{}
	for _, file := range files {
		if src := wholeFileSource(name, file, byFile[file]); src != nil {
			out[file] = src
			continue
		}
		out[file] = assembleNotebookFile(filepath.Join(root, "pkg", "exercises", file), name, file, byFile[file], notebookSpecs)
	}
	return out, nil
}

// wholeFileCell returns the Go file a cell saves, and true, when the cell's
// first line is one of GoNB's cell commands that hand the rest of the cell
// to something else (%%writefile FILE, or %%script, which the student
// edition uses to save into pkg/exercises through cmd/answer) and the rest is
// a Go file with its package clause. Blanking the first line and assembling
// the rest with other cells would give the file a second package clause.
func wholeFileCell(source string) (string, bool) {
	first, rest, _ := strings.Cut(source, "\n")
	command := strings.Fields(first)
	if len(command) == 0 || (command[0] != "%%writefile" && command[0] != "%%script") {
		return "", false
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "", rest, parser.PackageClauseOnly); err != nil {
		return "", false
	}
	return rest, true
}

// wholeFileSource is the file of the last whole-file cell among cells, or
// nil when there is none. Its lines map to the cell's, one line down.
func wholeFileSource(notebook, file string, cells []notebookCell) *Source {
	for i := len(cells) - 1; i >= 0; i-- {
		c := cells[i]
		text, ok := wholeFileCell(c.source)
		if !ok {
			continue
		}
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		last := strings.Count(text, "\n")
		return &Source{File: file, Data: []byte(text), Origin: notebook,
			spans: []cellSpan{{Exercise: c.exercise, Cell: c.index, First: 1, Last: last, CellFirst: 2}}}
	}
	return nil
}

// cellPart is a cell split into its imports and the rest.
type cellPart struct {
	cell      notebookCell
	body      string
	bodyFirst int // the cell's line number of body's first line
}

// assembleNotebookFile builds the Go file of one exercise file from its
// cells. path is where the file will be built (goimports resolves packages
// from there). notebookSpecs are the imports of the notebook's other cells:
// GoNB keeps imports across cells, so a cell may use a package another cell
// imported; goimports drops those the exercise does not use.
func assembleNotebookFile(path, notebook, file string, cells []notebookCell, notebookSpecs []string) *Source {
	var specs []string
	seen := map[string]bool{}
	var parts []cellPart
	for _, c := range cells {
		text := blankGoNBCommands(c.source)
		cellSpecs, end := splitImports(text)
		for _, s := range cellSpecs {
			if !seen[s] {
				seen[s] = true
				specs = append(specs, s)
			}
		}
		parts = append(parts, cellPart{cell: c, body: text[end:], bodyFirst: 1 + strings.Count(text[:end], "\n")})
	}
	importBlock := ""
	if len(specs) > 0 {
		importBlock = "import (\n\t" + strings.Join(specs, "\n\t") + "\n)\n"
	}
	var bodies strings.Builder
	for _, p := range parts {
		fmt.Fprintf(&bodies, "\n// BEGIN EXERCISE %s\n%s\n// END EXERCISE %s\n", p.cell.exercise, p.body, p.cell.exercise)
	}
	// Let goimports choose the imports, but keep the bodies byte for byte, so
	// that compiler line numbers map back to the cells.
	all := append([]string{}, specs...)
	for _, s := range notebookSpecs {
		if !seen[s] {
			seen[s] = true
			all = append(all, s)
		}
	}
	draft := "package exercises\n\nimport (\n\t" + strings.Join(all, "\n\t") + "\n)\n" + bodies.String()
	if fixed, err := imports.Process(path, []byte(draft), &imports.Options{Comments: true, TabIndent: true, TabWidth: 8}); err == nil {
		if block, ok := importDecls(fixed); ok {
			importBlock = block
		}
	}
	var b strings.Builder
	b.WriteString("// Code assembled by the grader from the exercise cells of " + notebook + ".\n\npackage exercises\n\n")
	b.WriteString(importBlock)
	src := &Source{File: file, Origin: notebook, spans: []cellSpan{}}
	for _, p := range parts {
		fmt.Fprintf(&b, "\n// BEGIN EXERCISE %s\n", p.cell.exercise)
		first := 1 + strings.Count(b.String(), "\n")
		b.WriteString(p.body)
		last := first + strings.Count(p.body, "\n")
		fmt.Fprintf(&b, "\n// END EXERCISE %s\n", p.cell.exercise)
		src.spans = append(src.spans, cellSpan{Exercise: p.cell.exercise, Cell: p.cell.index, First: first, Last: last, CellFirst: p.bodyFirst})
	}
	src.Data = []byte(b.String())
	return src
}

// blankGoNBCommands empties GoNB's special lines (%% and %env, ! and !*
// shell commands), keeping the line count.
func blankGoNBCommands(src string) string {
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!") {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

// splitImports returns the import specs of a cell (as `name "path"` text) and
// the offset where its import declarations end. A cell whose imports do not
// parse is returned whole: the compiler will report it.
func splitImports(text string) (specs []string, end int) {
	const header = "package exercises\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", header+text, parser.ImportsOnly)
	if err != nil || len(f.Imports) == 0 {
		return nil, 0
	}
	var last ast.Decl
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			last = d
		}
	}
	for _, s := range f.Imports {
		spec := s.Path.Value
		if s.Name != nil {
			spec = s.Name.Name + " " + spec
		}
		specs = append(specs, spec)
	}
	return specs, fset.Position(last.End()).Offset - len(header)
}

// importDecls returns the import declarations of a Go file as text.
func importDecls(src []byte) (string, bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ImportsOnly)
	if err != nil {
		return "", false
	}
	var first, last ast.Decl
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			if first == nil {
				first = d
			}
			last = d
		}
	}
	if first == nil {
		return "", true
	}
	block := src[fset.Position(first.Pos()).Offset:fset.Position(last.End()).Offset]
	return string(bytes.TrimSpace(block)) + "\n", true
}
