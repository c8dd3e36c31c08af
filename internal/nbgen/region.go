package nbgen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// LessonDir is the package, relative to the repository root, whose marked
// regions the "--- cell NAME" lines of a source name.
const LessonDir = "pkg/lesson"

// The markers of a lesson region; NAME follows each.
const (
	cellBegin = "// BEGIN CELL "
	cellEnd   = "// END CELL "
)

// LessonCell is one marked region of the lesson package, ready for a notebook.
type LessonCell struct {
	Name string // the name after the markers
	File string // the Go file, relative to the repository root, slash-separated
	// Statements reports a region inside a function body: the cell runs it as
	// its main program (after "%%"). Otherwise the region is top-level
	// declarations, which later cells can use.
	Statements bool
	Code       string // the notebook cell: the imports the region uses, then the region
}

// LessonCells returns the lesson package's regions by name, read from the
// non-test Go files of root/LessonDir. A folder without Go files has no
// regions; a malformed region, or two regions with one name, is an error.
func LessonCells(root string) (map[string]LessonCell, error) {
	files, err := filepath.Glob(filepath.Join(root, LessonDir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	cells := map[string]LessonCell{}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		rel := path.Join(LessonDir, filepath.Base(file))
		found, err := ExtractCells(rel, data)
		if err != nil {
			return nil, err
		}
		for _, c := range found {
			if prev, dup := cells[c.Name]; dup {
				return nil, fmt.Errorf("nbgen: lesson cell %q is marked in both %s and %s", c.Name, prev.File, c.File)
			}
			cells[c.Name] = c
		}
	}
	return cells, nil
}

// ExtractCells returns the marked regions of one Go file (named file in
// messages), in the order of the file.
//
// A region runs from a line "// BEGIN CELL NAME" to the next line
// "// END CELL NAME" at the same indentation. At the top level it holds
// declarations, and the cell is the imports they use followed by the region.
// Inside a function, the region must be the whole body of a function NAME
// without receiver or results (so that its return statements mean what they
// mean in a cell's main), and the cell is the imports followed by "%%" and
// the body, one tab less indented.
//
// The imports a region uses are those of the file whose name appears as the
// qualifier of a selector (tutorial.Linear) inside the region, in the file's
// order and grouping (a local variable that shadows an import's name would
// count as a use; lesson code does not shadow imports). Dot imports are not
// allowed: the cell would not say where a name comes from.
func ExtractCells(file string, data []byte) ([]LessonCell, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, data, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("nbgen: %w", err)
	}
	spans, err := regionSpans(file, string(data))
	if err != nil {
		return nil, err
	}
	var cells []LessonCell
	for _, s := range spans {
		c := LessonCell{Name: s.name, File: file, Statements: s.indent != ""}
		if c.Statements {
			if err := checkWholeBody(fset, f, s); err != nil {
				return nil, fmt.Errorf("nbgen: %s:%d: %w", file, s.beginLine, err)
			}
		}
		imports, err := importsUsed(fset, f, s)
		if err != nil {
			return nil, fmt.Errorf("nbgen: %s:%d: %w", file, s.beginLine, err)
		}
		var b strings.Builder
		if imports != "" {
			b.WriteString(imports + "\n\n")
		}
		if c.Statements {
			b.WriteString("%%\n")
		}
		b.WriteString(s.text)
		c.Code = b.String()
		cells = append(cells, c)
	}
	return cells, nil
}

// regionSpan is where one region lies in its file.
type regionSpan struct {
	name               string
	indent             string // the markers' indentation
	beginLine, endLine int    // the marker lines, 1-based
	start, end         int    // byte offsets of the region's text: after the BEGIN line, up to the END line
	text               string // the region, dedented, without surrounding blank lines
}

// regionSpans finds every marked region of src.
func regionSpans(file, src string) ([]regionSpan, error) {
	var spans []regionSpan
	var open *regionSpan
	offset := 0
	for i, line := range strings.SplitAfter(src, "\n") {
		lineNo, trimmed := i+1, strings.TrimSpace(line)
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		switch {
		case strings.HasPrefix(trimmed, cellBegin):
			name := strings.TrimPrefix(trimmed, cellBegin)
			if open != nil {
				return nil, fmt.Errorf("nbgen: %s:%d: cell %q begins inside cell %q (line %d)", file, lineNo, name, open.name, open.beginLine)
			}
			if !token.IsIdentifier(name) {
				return nil, fmt.Errorf("nbgen: %s:%d: cell name %q: want a Go identifier (a region in a function body is named after its function)", file, lineNo, name)
			}
			open = &regionSpan{name: name, indent: indent, beginLine: lineNo, start: offset + len(line)}
		case strings.HasPrefix(trimmed, cellEnd):
			name := strings.TrimPrefix(trimmed, cellEnd)
			if open == nil || name != open.name {
				return nil, fmt.Errorf("nbgen: %s:%d: %q without a matching %q", file, lineNo, trimmed, cellBegin+name)
			}
			if indent != open.indent {
				return nil, fmt.Errorf("nbgen: %s:%d: the END marker of cell %q is indented differently from its BEGIN marker (line %d)", file, lineNo, name, open.beginLine)
			}
			open.endLine, open.end = lineNo, offset
			text, err := dedent(src[open.start:open.end], open.indent)
			if err != nil {
				return nil, fmt.Errorf("nbgen: %s:%d: cell %q: %w", file, open.beginLine, name, err)
			}
			open.text = strings.Trim(text, "\n")
			spans = append(spans, *open)
			open = nil
		}
		offset += len(line)
	}
	if open != nil {
		return nil, fmt.Errorf("nbgen: %s:%d: cell %q has no %q line", file, open.beginLine, open.name, cellEnd+open.name)
	}
	return spans, nil
}

// dedent removes indent from the start of every line of text that is not
// blank. A line that does not start with indent is an error: the region would
// not read as one block.
func dedent(text, indent string) (string, error) {
	if indent == "" {
		return text, nil
	}
	lines := strings.SplitAfter(text, "\n")
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			lines[i] = strings.TrimLeft(line, " \t")
			continue
		}
		rest, ok := strings.CutPrefix(line, indent)
		if !ok {
			return "", fmt.Errorf("line %q is indented less than the markers", strings.TrimRight(line, "\n"))
		}
		lines[i] = rest
	}
	return strings.Join(lines, ""), nil
}

// checkWholeBody checks that an indented region is the whole body of the
// function named like it, which takes no receiver and returns nothing.
func checkWholeBody(fset *token.FileSet, f *ast.File, s regionSpan) error {
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		first, last := fset.Position(fn.Body.Lbrace).Line, fset.Position(fn.Body.Rbrace).Line
		if s.beginLine < first || s.beginLine > last {
			continue
		}
		switch {
		case fn.Name.Name != s.name || fn.Recv != nil:
			return fmt.Errorf("cell %q is inside func %s: a region in a function body is that function's whole body, and the function is named after the cell", s.name, fn.Name.Name)
		case fn.Type.Results != nil:
			return fmt.Errorf("func %s returns results: a cell's main returns nothing, so the function must not either", s.name)
		case s.beginLine != first+1 || s.endLine != last-1:
			return fmt.Errorf("the markers of cell %q must be the first and last lines of func %s's body", s.name, s.name)
		case s.indent != "\t":
			return fmt.Errorf("the markers of cell %q must be indented by one tab", s.name)
		}
		return nil
	}
	return fmt.Errorf("cell %q is indented but not inside a function body", s.name)
}

// importsUsed formats the import declaration of the file's imports that the
// region uses, or "" when it uses none.
func importsUsed(fset *token.FileSet, f *ast.File, s regionSpan) (string, error) {
	byName := map[string]*ast.ImportSpec{}
	for _, imp := range f.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			return "", err
		}
		name := path.Base(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "." {
			return "", fmt.Errorf("dot import of %s: a cell must say where each name comes from", imp.Path.Value)
		}
		byName[name] = imp
	}
	used := map[*ast.ImportSpec]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		x, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		if off := fset.Position(x.Pos()).Offset; off >= s.start && off < s.end {
			if imp, ok := byName[x.Name]; ok {
				used[imp] = true
			}
		}
		return true
	})
	// A blank line between two imports of the file starts a group; the
	// cell keeps the groups of the imports it uses.
	var specs []string
	group, usedGroup, prevLine := 0, -1, 0
	for _, imp := range f.Imports {
		line := fset.Position(imp.Pos()).Line
		if prevLine != 0 && line > prevLine+1 {
			group++
		}
		prevLine = fset.Position(imp.End()).Line
		if !used[imp] {
			continue
		}
		if usedGroup >= 0 && group != usedGroup {
			specs = append(specs, "")
		}
		usedGroup = group
		spec := imp.Path.Value
		if imp.Name != nil {
			spec = imp.Name.Name + " " + spec
		}
		specs = append(specs, spec)
	}
	switch len(specs) {
	case 0:
		return "", nil
	case 1:
		return "import " + specs[0], nil
	}
	var b strings.Builder
	b.WriteString("import (\n")
	for _, spec := range specs {
		if spec != "" {
			b.WriteString("\t" + spec)
		}
		b.WriteString("\n")
	}
	b.WriteString(")")
	return b.String(), nil
}
