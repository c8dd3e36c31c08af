package checks

// The registry-completeness check, test-only code: it reads the repository,
// which the package itself never needs. Its tests are in completeness_test.go.

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"strings"
)

// piece is one part of an exercise that a contributor has to write. An
// exercise's registry entry is one piece; the others are files of the
// repository, which [missingPieces] looks for.
type piece string

// The pieces of an exercise, in the order docs/CONTRIBUTING.md lists them.
const (
	// pieceEntry is the registry entry's own fields: ID, title, function,
	// file, points, the three hints and the grader.
	pieceEntry piece = "registry entry"
	// pieceStub is the stub in pkg/exercises/FILE, between
	// "// BEGIN EXERCISE ID" and "// END EXERCISE ID", declaring the function.
	pieceStub piece = "stub"
	// pieceReference is the reference in pkg/solutions/FILE, marked the same way.
	pieceReference piece = "reference"
	// pieceNotebookCell is a "--- exercise ID" cell in a notebooks/src/*.nb source.
	pieceNotebookCell piece = "notebook cell"
	// pieceCorpusCase is the answer in testdata/submissions/correct/FILE,
	// so that the grader's corpus covers the exercise.
	pieceCorpusCase piece = "corpus case"
	// pieceTutorialSection is a cmd/tutorial section that runs the reference
	// (a call naming solutions.FUNCTION).
	pieceTutorialSection piece = "tutorial section"
)

// missingPiece is one to-do item: a piece that an exercise lacks.
type missingPiece struct {
	Exercise ExerciseID
	Piece    piece
	ToDo     string // what to add, and where
}

// String formats the item as "exercise ID: piece: to-do".
func (m missingPiece) String() string {
	return fmt.Sprintf("exercise %s: %s: %s", m.Exercise, m.Piece, m.ToDo)
}

// Where the pieces live in the repository, slash-separated.
const (
	stubDir        = "pkg/exercises"
	referenceDir   = "pkg/solutions"
	notebookSrcDir = "notebooks/src"
	corpusDir      = "testdata/submissions/correct"
	tutorialDir    = "cmd/tutorial"
)

// missingPieces lists, for each exercise of registry in order, every piece
// that the entry or the repository repo (rooted at the module root) lacks. An
// empty list means every exercise is complete. Unreadable or unparsable files
// count as missing pieces, so the list is never silently short.
func missingPieces(repo fs.FS, registry []Exercise) []missingPiece {
	var todo []missingPiece
	notebookCells, notebookErr := exerciseCellIDs(repo)
	sectionCalls, sectionErr := solutionCalls(repo, tutorialDir)
	seen := map[ExerciseID]bool{}
	for _, ex := range registry {
		add := func(p piece, format string, args ...any) {
			todo = append(todo, missingPiece{Exercise: ex.ID, Piece: p, ToDo: fmt.Sprintf(format, args...)})
		}
		for _, problem := range entryProblems(ex, seen) {
			add(pieceEntry, "%s (checks/registry.go)", problem)
		}
		seen[ex.ID] = true
		if ex.File == "" || ex.Function == "" {
			continue // the file pieces cannot be looked for; the entry's to-do says why
		}
		marked := func(p piece, dir string) {
			file := path.Join(dir, ex.File)
			if problem := markedRegionProblem(repo, file, ex); problem != "" {
				add(p, "%s", problem)
			}
		}
		marked(pieceStub, stubDir)
		marked(pieceReference, referenceDir)
		switch {
		case notebookErr != nil:
			add(pieceNotebookCell, "cannot read the notebook sources: %v", notebookErr)
		case !notebookCells[ex.ID]:
			add(pieceNotebookCell, "add a %q cell to a %s/*.nb source, then run `go run ./cmd/nbgen`", "--- exercise "+string(ex.ID), notebookSrcDir)
		}
		if problem := corpusProblem(repo, ex); problem != "" {
			add(pieceCorpusCase, "%s", problem)
		}
		switch {
		case sectionErr != nil:
			add(pieceTutorialSection, "cannot read %s: %v", tutorialDir, sectionErr)
		case !sectionCalls[ex.Function]:
			add(pieceTutorialSection, "no %s/*.go file runs solutions.%s: add a section that runs the exercise with the reference", tutorialDir, ex.Function)
		}
	}
	return todo
}

// entryProblems checks the entry's own fields; seen holds the IDs before it.
func entryProblems(ex Exercise, seen map[ExerciseID]bool) []string {
	var problems []string
	need := func(ok bool, what string) {
		if !ok {
			problems = append(problems, what)
		}
	}
	need(ex.ID != "", "give the entry an ID")
	need(!seen[ex.ID], "the ID is used by an earlier entry")
	need(ex.Title != "", "give the entry a Japanese Title")
	need(ex.Function != "", "name the student's Function")
	need(ex.File != "", "name the File that holds the function")
	need(ex.Points > 0, "give the entry Points > 0")
	for level := GentleHint; level <= ExplicitHint; level++ {
		need(ex.Hints.At(level) != "", fmt.Sprintf("write hint level %d (%s)", level, hintFieldNames[level]))
	}
	need(ex.Grader != nil, "set the Grader (the three phases, in checks/"+ex.File+")")
	return problems
}

// hintFieldNames are the fields of [Hints] by level, for to-do items.
var hintFieldNames = map[HintLevel]string{GentleHint: "Hints.Gentle", PointedHint: "Hints.Pointed", ExplicitHint: "Hints.Explicit"}

// markedRegionProblem says what file lacks: the exercise's BEGIN/END markers
// in order, with a declaration of the function between them. It returns ""
// when nothing is missing.
func markedRegionProblem(repo fs.FS, file string, ex Exercise) string {
	begin, end := "// BEGIN EXERCISE "+string(ex.ID), "// END EXERCISE "+string(ex.ID)
	data, err := fs.ReadFile(repo, file)
	if err != nil {
		return fmt.Sprintf("add %s with func %s between %q and %q", file, ex.Function, begin, end)
	}
	region, ok := markedRegion(data, begin, end)
	if !ok {
		return fmt.Sprintf("%s has no %q line followed by a %q line", file, begin, end)
	}
	if !declaresFunc(region, ex.Function) {
		return fmt.Sprintf("%s declares no func %s between %q and %q", file, ex.Function, begin, end)
	}
	return ""
}

// markedRegion returns the lines strictly between the first line equal to
// begin and the next line equal to end (both compared without surrounding
// spaces), and whether both were found.
func markedRegion(data []byte, begin, end string) (string, bool) {
	var region strings.Builder
	inside := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case !inside && line == begin:
			inside = true
		case inside && line == end:
			return region.String(), true
		case inside:
			region.WriteString(sc.Text() + "\n")
		}
	}
	return "", false
}

// declaresFunc reports whether src holds a line that starts the declaration
// of the top-level function name.
func declaresFunc(src, name string) bool {
	for line := range strings.SplitSeq(src, "\n") {
		if strings.HasPrefix(line, "func "+name+"(") || strings.HasPrefix(line, "func "+name+"[") {
			return true
		}
	}
	return false
}

// corpusProblem says what the grader's corpus lacks for ex, or "".
func corpusProblem(repo fs.FS, ex Exercise) string {
	file := path.Join(corpusDir, ex.File)
	data, err := fs.ReadFile(repo, file)
	if err != nil || !declaresFunc(string(data), ex.Function) {
		return fmt.Sprintf("add the reference answer, func %s, to %s", ex.Function, file)
	}
	return ""
}

// exerciseCellIDs returns the IDs of the "--- exercise ID" cells (not the
// "reuse" ones) in the notebook sources.
func exerciseCellIDs(repo fs.FS) (map[ExerciseID]bool, error) {
	sources, err := fs.Glob(repo, notebookSrcDir+"/*.nb")
	if err != nil {
		return nil, err
	}
	ids := map[ExerciseID]bool{}
	for _, src := range sources {
		data, err := fs.ReadFile(repo, src)
		if err != nil {
			return nil, err
		}
		for line := range strings.SplitSeq(string(data), "\n") {
			if f := strings.Fields(line); len(f) == 3 && f[0] == "---" && f[1] == "exercise" {
				ids[ExerciseID(f[2])] = true
			}
		}
	}
	return ids, nil
}

// solutionCalls returns the names of package solutions that the non-test Go
// files of dir select (solutions.Name), through an import of pkg/solutions.
func solutionCalls(repo fs.FS, dir string) (map[string]bool, error) {
	files, err := fs.Glob(repo, dir+"/*.go")
	if err != nil {
		return nil, err
	}
	const solutionsPath = "github.com/nma-go/mlp/pkg/solutions"
	names := map[string]bool{}
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		data, err := fs.ReadFile(repo, file)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, file, data, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		local := ""
		for _, imp := range f.Imports {
			if strings.Trim(imp.Path.Value, `"`) == solutionsPath {
				local = "solutions"
				if imp.Name != nil {
					local = imp.Name.Name
				}
			}
		}
		if local == "" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == local {
					names[sel.Sel.Name] = true
				}
			}
			return true
		})
	}
	return names, nil
}
