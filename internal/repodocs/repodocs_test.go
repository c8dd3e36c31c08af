package repodocs

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/pristine"
)

// TestRepositoryNamesOnlyItsOwnFiles is the repository-wide check: every
// relative Markdown link resolves, and every Markdown file that a document,
// a Go comment or a script names is in the repository. It runs with -short.
func TestRepositoryNamesOnlyItsOwnFiles(t *testing.T) {
	root, err := pristine.Root()
	require.NoError(t, err)
	files, err := ListFiles(root)
	require.NoError(t, err)
	require.Contains(t, files, "README.md", "the file list should hold the README; is %s the repository root?", root)
	var scanned int
	for _, f := range files {
		if Scanned(f) {
			scanned++
		}
	}
	require.Greater(t, scanned, 50, "too few files scanned; the listing of %s looks wrong", root)

	problems := Check(os.DirFS(root), files)
	if len(problems) > 0 {
		var b strings.Builder
		for _, p := range problems {
			b.WriteString("\n  " + p.String())
		}
		t.Errorf("%d mention(s) of files that are not in the repository:%s\n"+
			"Fix the link or name, add the file, or write a pattern as a placeholder (<student>.md).",
			len(problems), b.String())
	}
}

// dotdotShared is the folder beside the checkout, built so that this file
// does not name it.
var dotdotShared = sharedDir

func TestCheck(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md":              {Data: []byte("x")},
		"docs/GRADING.md":        {Data: []byte("x")},
		"docs/REFERENCE.md":      {Data: []byte("x")},
		"docs/img/decision.png":  {Data: []byte("x")},
		"pkg/tutorial/train.go":  {Data: []byte("package tutorial")},
		"notebooks/src/01_a.nb":  {Data: []byte("x")},
		"internal/grader/doc.md": {Data: []byte("x")},
	}
	tests := []struct {
		name string
		file string
		text string
		want []string // "line: substring of the message"; none for a clean file
	}{
		{"link to a file", "README.md", "See [grading](docs/GRADING.md).", nil},
		{"link with a fragment", "README.md", "See [limits](docs/GRADING.md#limits).", nil},
		{"link to a folder", "README.md", "The [images](docs/img/) folder.", nil},
		{"link relative to the document", "docs/GRADING.md", "Back to the [README](../README.md), see [the map](img/decision.png).", nil},
		{"link from the root", "docs/GRADING.md", "The [core](/pkg/tutorial/train.go).", nil},
		{"web links and anchors", "README.md", "[GoMLX](https://github.com/gomlx/gomlx), [mail](mailto:a@b.c), [up](#top).", nil},
		{"missing link", "README.md", "intro\nSee [tools](docs/TOOLS.md).", []string{"2: link (docs/TOOLS.md) does not resolve"}},
		{"missing image", "docs/GRADING.md", "![map](img/missing.png)", []string{"1: link (img/missing.png) does not resolve: no docs/img/missing.png"}},
		{"link outside the repository", "README.md", "[up](../other/README.md)", []string{"1: link (../other/README.md) points outside"}},
		{"reference-style link", "README.md", "[tools]: docs/TOOLS.md", []string{"1: link (docs/TOOLS.md) does not resolve"}},
		{"links in code are not links", "README.md", "```\n[x](nowhere/file.txt)\n```\n`[y](nowhere.txt)`", nil},
		{"name resolved under docs", "checks/crossentropy.go", "package checks\n\n// Golden numbers (REFERENCE.md).\n", nil},
		{"name resolved from the root", "pkg/tutorial/train.go", "package tutorial\n\n// See docs/GRADING.md and README.md.\n", nil},
		{"name resolved next to the file", "internal/grader/x.go", "package grader\n\n/* doc.md */\n", nil},
		{"missing name in a comment", "cmd/grade/main.go", "// Command grade (see docs/TOOLS.md).\npackage main\n", []string{"1: names docs/TOOLS.md"}},
		{"missing name in a block comment", "pkg/tutorial/a.go", "package tutorial\n\n/*\nsee\nPERF.md\n*/\n", []string{"5: names PERF.md"}},
		{"Go strings are data", "internal/grader/a_test.go", "package grader\n\nvar want = \"a_b.md\" + name + \".md\"\n", nil},
		{"placeholders and extensions", "docs/GRADING.md", "One `feedback/<student>.md` per student; every *.md file; the .md extension.", nil},
		{"URLs ending in .md", "docs/GRADING.md", "From https://github.com/x/y/blob/main/README.md and <https://example.com/NOTES.md>.", nil},
		{"missing name in prose", "docs/GRADING.md", "as TOOLS.md says", []string{"1: names TOOLS.md"}},
		{"missing name in a notebook source", "notebooks/src/01_a.nb", "--- markdown\nsee NOTES.md", []string{"2: names NOTES.md"}},
		{"names in fenced code count", "README.md", "```sh\ncat feedback/alice.md\n```", []string{"2: names feedback/alice.md"}},
		{"the shared folder in a script", "bench/run.sh", "#!/bin/sh\ncat " + dotdotShared + "/seed/x.py\n", []string{"2: names " + dotdotShared}},
		{"the shared folder in a Go string", "pkg/a.go", "package a\n\nconst p = \"" + dotdotShared + "/docs\"\n", []string{"3: names " + dotdotShared}},
		{"a Markdown file in the shared folder", "docs/GRADING.md", "see " + dotdotShared + "/docs/STYLE.md", []string{"1: names " + dotdotShared, "1: names " + dotdotShared + "/docs/STYLE.md"}},
		{"not scanned", "notebooks/student/01_a.ipynb", "see NOTES.md", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := fstest.MapFS{}
			for k, v := range fsys {
				fs[k] = v
			}
			fs[tc.file] = &fstest.MapFile{Data: []byte(tc.text)}
			problems := Check(fs, []string{tc.file})
			var got []string
			for _, p := range problems {
				assert.Equal(t, tc.file, p.File)
				got = append(got, p.String())
			}
			require.Len(t, got, len(tc.want), "problems: %q", got)
			for i, w := range tc.want {
				assert.Contains(t, got[i], tc.file+":"+w)
			}
		})
	}
}

func TestCheckReportsEveryOffenderSorted(t *testing.T) {
	fs := fstest.MapFS{
		"b.md":     {Data: []byte("[x](nope.md)\n\n[y](gone/)")},
		"a/doc.sh": {Data: []byte("# see MISSING.md\n")},
	}
	problems := Check(fs, []string{"b.md", "a/doc.sh", "LICENSE"})
	var got []string
	for _, p := range problems {
		got = append(got, p.File+":"+strconv.Itoa(p.Line))
	}
	// A dead link to a Markdown file is reported once, as a link.
	assert.Equal(t, []string{"a/doc.sh:1", "b.md:1", "b.md:3"}, got)
}

func TestScanned(t *testing.T) {
	for _, f := range []string{"README.md", "cmd/grade/main.go", "notebooks/src/01_a.nb", "bench/compare.sh", "bench/torch_train.py", "Makefile", ".ci/run"} {
		assert.True(t, Scanned(f), f)
	}
	for _, f := range []string{"LICENSE", "go.sum", "notebooks/student/01_a.ipynb", "docs/img/a.png"} {
		assert.False(t, Scanned(f), f)
	}
}
