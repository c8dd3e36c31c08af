package grader

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"

	"golang.org/x/tools/imports"
)

// The stubs. When a submission's file does not compile, or is rejected by the
// import policy, or is missing, the grader builds that file's stub instead, so
// that the other exercises are graded. A stub only has to compile: the grader
// never runs the exercises of a replaced file.
//
// Stubs are generated from pkg/solutions, not copied from pkg/exercises: the
// repository a teaching assistant grades from may hold solved exercises, and
// `git show HEAD:...` needs git and a committed file. Every function body is
// replaced by a panic, so no reference code reaches a student's binary (where
// the student's other files could call it), while the signatures, types and
// constants the rest of the package needs are kept.

// stubPanic is the body of every stubbed function.
const stubPanic = `{
	panic("grader: this file was replaced by its stub")
}`

// makeStub returns the stub of an exercise file from the reference file of
// the same name. path is where it will be built (goimports resolves imports
// from there).
func makeStub(path string, reference []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, reference, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("grader: stub of %s: %w", filepath.Base(path), err)
	}
	type edit struct {
		start, end int
		text       string
	}
	edits := []edit{{fset.Position(f.Name.Pos()).Offset, fset.Position(f.Name.End()).Offset, "exercises"}}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			edits = append(edits, edit{fset.Position(fd.Body.Lbrace).Offset, fset.Position(fd.Body.Rbrace).Offset + 1, stubPanic})
		}
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
	src := bytes.Clone(reference)
	for _, e := range edits {
		src = append(src[:e.start], append([]byte(e.text), src[e.end:]...)...)
	}
	// Named results and parameters stay; imports only the bodies used go away.
	out, err := imports.Process(path, src, &imports.Options{Comments: true, TabIndent: true, TabWidth: 8, FormatOnly: false})
	if err != nil {
		return nil, fmt.Errorf("grader: stub of %s: %w", filepath.Base(path), err)
	}
	return out, nil
}

// loadStubs makes the stub of every exercise file from root/pkg/solutions.
func loadStubs(root string, files []string) (map[string][]byte, error) {
	stubs := map[string][]byte{}
	for _, file := range files {
		ref, err := os.ReadFile(filepath.Join(root, "pkg", "solutions", file))
		if err != nil {
			return nil, fmt.Errorf("grader: reading the reference of %s: %w", file, err)
		}
		stub, err := makeStub(filepath.Join(root, "pkg", "exercises", file), ref)
		if err != nil {
			return nil, err
		}
		stubs[file] = stub
	}
	return stubs, nil
}
