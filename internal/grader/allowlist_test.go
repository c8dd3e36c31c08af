package grader

import (
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// neverLinked are packages no grading binary may link, whatever a student
// imports.
var neverLinked = []string{"os/exec", "plugin", "net/http"}

// goListDeps lists the packages pkgs link, built as the children are.
func goListDeps(t *testing.T, root string, pkgs ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list", "-deps"}, pkgs...)...)
	cmd.Dir = root
	cmd.Env = buildEnv()
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		t.Fatalf("go list -deps %v: %v\n%s", pkgs, err, ee.Stderr)
	}
	require.NoError(t, err)
	return strings.Fields(string(out))
}

// TestAllowedImports checks the exact allowlist: each allowed package builds
// and adds nothing to what the all-stubs grading binary already links, and
// that binary links none of neverLinked.
func TestAllowedImports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	// The all-stubs binary is the child package plus the stubs.
	base := goListDeps(t, root, "./internal/grader/child", "./pkg/exercises")
	for _, p := range neverLinked {
		assert.NotContains(t, base, p, "the all-stubs grading binary links %s", p)
	}
	var allowed []string
	for p := range allowedImports {
		allowed = append(allowed, p)
	}
	sort.Strings(allowed)
	for _, p := range allowed {
		for _, dep := range goListDeps(t, root, p) {
			assert.True(t, slices.Contains(base, dep), "allowed package %s brings in %s, which the all-stubs binary does not link", p, dep)
		}
	}
}

// TestCorpusImportsEveryAllowedPackage keeps the corpus case that imports
// each allowed package (and must build and pass) in step with the list.
func TestCorpusImportsEveryAllowedPackage(t *testing.T) {
	file := filepath.Join(corpusDir, "all_allowed_imports", "relu_approx.go")
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
	require.NoError(t, err)
	var imported []string
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		require.NoError(t, err)
		imported = append(imported, p)
	}
	var allowed []string
	for p := range allowedImports {
		allowed = append(allowed, p)
	}
	assert.ElementsMatch(t, allowed, imported, "%s must import exactly the allowed packages", file)
}
