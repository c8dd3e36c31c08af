package checks

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/pristine"
)

// TestRegistryIsComplete walks the registry and fails with a to-do list when
// an exercise lacks a piece: its entry's fields, the stub, the reference, the
// notebook cell, the corpus case, the cmd/tutorial section, or its row in
// this package's implementations table.
func TestRegistryIsComplete(t *testing.T) {
	root, err := pristine.Root()
	require.NoError(t, err)
	stubsEdited := pristine.Edited(stubDir)
	var todo []string
	for _, m := range missingPieces(os.DirFS(root), Registry) {
		if m.Piece == pieceStub && stubsEdited {
			t.Logf("skipped, %s holds local edits: %s", stubDir, m)
			continue
		}
		todo = append(todo, m.String())
	}
	for _, ex := range Registry {
		if _, ok := implementations[ex.ID]; !ok {
			todo = append(todo, "exercise "+string(ex.ID)+": implementations: add its reference and stub to the table in checks/grading_test.go")
		}
	}
	if len(todo) > 0 {
		t.Fatalf("the registry's exercises lack these pieces (docs/CONTRIBUTING.md, \"Adding an exercise\"):\n  - %s",
			strings.Join(todo, "\n  - "))
	}
}

// completeFixture is a repository with every piece of exercise 9, Double.
func completeFixture() (fstest.MapFS, Exercise) {
	region := "// BEGIN EXERCISE 9\n\n// Double doubles x.\nfunc Double(x int) int {\n\treturn 2 * x\n}\n\n// END EXERCISE 9\n"
	repo := fstest.MapFS{
		"pkg/exercises/double.go":                {Data: []byte("package exercises\n\n" + region)},
		"pkg/solutions/double.go":                {Data: []byte("package solutions\n\n" + region)},
		"notebooks/src/09_double.nb":             {Data: []byte("--- title 09\n--- header\n--- exercise 9\n--- code\nfmt.Println(Double(2))\n")},
		"testdata/submissions/correct/double.go": {Data: []byte("package exercises\n\nfunc Double(x int) int { return x + x }\n")},
		"cmd/tutorial/section_double.go": {Data: []byte("package main\n\nimport \"github.com/nma-go/mlp/pkg/solutions\"\n\n" +
			"func runDouble() { _ = solutions.Double(2) }\n")},
	}
	ex := Exercise{ID: "9", Title: "二倍", Function: "Double", File: "double.go", Points: 5,
		Hints:  Hints{Gentle: "一", Pointed: "二", Explicit: "三"},
		Grader: reluApproxGrader}
	return repo, ex
}

func TestMissingPiecesNamesTheMissingPiece(t *testing.T) {
	tests := []struct {
		name   string
		change func(repo fstest.MapFS, ex *Exercise)
		want   []missingPiece
	}{
		{"complete", func(fstest.MapFS, *Exercise) {}, nil},
		{"no stub file",
			func(repo fstest.MapFS, _ *Exercise) { delete(repo, "pkg/exercises/double.go") },
			[]missingPiece{{"9", pieceStub, `add pkg/exercises/double.go with func Double between "// BEGIN EXERCISE 9" and "// END EXERCISE 9"`}}},
		{"stub without its END marker",
			func(repo fstest.MapFS, _ *Exercise) {
				repo["pkg/exercises/double.go"] = &fstest.MapFile{Data: []byte("package exercises\n\n// BEGIN EXERCISE 9\nfunc Double(x int) int { return 0 }\n")}
			},
			[]missingPiece{{"9", pieceStub, `pkg/exercises/double.go has no "// BEGIN EXERCISE 9" line followed by a "// END EXERCISE 9" line`}}},
		{"stub markers of another exercise",
			func(repo fstest.MapFS, _ *Exercise) {
				repo["pkg/exercises/double.go"] = &fstest.MapFile{Data: []byte("// BEGIN EXERCISE 90\nfunc Double(x int) int { return 0 }\n// END EXERCISE 90\n")}
			},
			[]missingPiece{{"9", pieceStub, `pkg/exercises/double.go has no "// BEGIN EXERCISE 9" line followed by a "// END EXERCISE 9" line`}}},
		{"stub function outside the region",
			func(repo fstest.MapFS, _ *Exercise) {
				repo["pkg/exercises/double.go"] = &fstest.MapFile{Data: []byte("// BEGIN EXERCISE 9\n// END EXERCISE 9\nfunc Double(x int) int { return 0 }\n")}
			},
			[]missingPiece{{"9", pieceStub, `pkg/exercises/double.go declares no func Double between "// BEGIN EXERCISE 9" and "// END EXERCISE 9"`}}},
		{"no reference",
			func(repo fstest.MapFS, _ *Exercise) { delete(repo, "pkg/solutions/double.go") },
			[]missingPiece{{"9", pieceReference, `add pkg/solutions/double.go with func Double between "// BEGIN EXERCISE 9" and "// END EXERCISE 9"`}}},
		{"only a reuse cell in the notebooks",
			func(repo fstest.MapFS, _ *Exercise) {
				repo["notebooks/src/09_double.nb"] = &fstest.MapFile{Data: []byte("--- title 09\n--- exercise 9 reuse\n")}
			},
			[]missingPiece{{"9", pieceNotebookCell, `add a "--- exercise 9" cell to a notebooks/src/*.nb source, then run ` + "`go run ./cmd/nbgen`"}}},
		{"no corpus case",
			func(repo fstest.MapFS, _ *Exercise) { delete(repo, "testdata/submissions/correct/double.go") },
			[]missingPiece{{"9", pieceCorpusCase, "add the reference answer, func Double, to testdata/submissions/correct/double.go"}}},
		{"no tutorial section",
			func(repo fstest.MapFS, _ *Exercise) { delete(repo, "cmd/tutorial/section_double.go") },
			[]missingPiece{{"9", pieceTutorialSection, "no cmd/tutorial/*.go file runs solutions.Double: add a section that runs the exercise with the reference"}}},
		{"a section that names the reference only in a comment",
			func(repo fstest.MapFS, _ *Exercise) {
				repo["cmd/tutorial/section_double.go"] = &fstest.MapFile{Data: []byte("package main\n\nimport _ \"github.com/nma-go/mlp/pkg/solutions\"\n\n// runs solutions.Double\nfunc runDouble() {}\n")}
			},
			[]missingPiece{{"9", pieceTutorialSection, "no cmd/tutorial/*.go file runs solutions.Double: add a section that runs the exercise with the reference"}}},
		{"a section that imports the reference under another name",
			func(repo fstest.MapFS, _ *Exercise) {
				repo["cmd/tutorial/section_double.go"] = &fstest.MapFile{Data: []byte("package main\n\nimport ref \"github.com/nma-go/mlp/pkg/solutions\"\n\nvar f = ref.Double\n")}
			},
			nil},
		{"an empty hint",
			func(_ fstest.MapFS, ex *Exercise) { ex.Hints.Pointed = "" },
			[]missingPiece{{"9", pieceEntry, "write hint level 2 (Hints.Pointed) (checks/registry.go)"}}},
		{"no grader",
			func(_ fstest.MapFS, ex *Exercise) { ex.Grader = nil },
			[]missingPiece{{"9", pieceEntry, "set the Grader (the three phases, in checks/double.go) (checks/registry.go)"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			repo, ex := completeFixture()
			tc.change(repo, &ex)
			assert.Equal(t, tc.want, missingPieces(repo, []Exercise{ex}))
		})
	}
}

// With nothing but the entry, the to-do list names every piece, in order.
func TestMissingPiecesListsEveryPiece(t *testing.T) {
	_, ex := completeFixture()
	var got []piece
	for _, m := range missingPieces(fstest.MapFS{}, []Exercise{ex}) {
		assert.Equal(t, ExerciseID("9"), m.Exercise)
		got = append(got, m.Piece)
	}
	assert.Equal(t, []piece{pieceStub, pieceReference, pieceNotebookCell, pieceCorpusCase, pieceTutorialSection}, got)
}

func TestMissingPiecesChecksTheEntry(t *testing.T) {
	repo, ex := completeFixture()
	blank := Exercise{ID: ex.ID}
	var got []string
	for _, m := range missingPieces(repo, []Exercise{ex, blank}) {
		assert.Equal(t, pieceEntry, m.Piece)
		got = append(got, m.ToDo)
	}
	assert.Equal(t, []string{
		"the ID is used by an earlier entry (checks/registry.go)",
		"give the entry a Japanese Title (checks/registry.go)",
		"name the student's Function (checks/registry.go)",
		"name the File that holds the function (checks/registry.go)",
		"give the entry Points > 0 (checks/registry.go)",
		"write hint level 1 (Hints.Gentle) (checks/registry.go)",
		"write hint level 2 (Hints.Pointed) (checks/registry.go)",
		"write hint level 3 (Hints.Explicit) (checks/registry.go)",
		"set the Grader (the three phases, in checks/) (checks/registry.go)",
	}, got)
}
