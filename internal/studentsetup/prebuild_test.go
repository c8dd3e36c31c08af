package studentsetup

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/nbgen"
)

// prebuildPackages is what scripts/prebuild.sh builds (its --list).
func prebuildPackages(t *testing.T, root string) []string {
	t.Helper()
	stdout, stderr, code := run(t, root, os.Environ(), "bash", "scripts/prebuild.sh", "--list")
	require.Equal(t, 0, code, stderr)
	return strings.Fields(stdout)
}

var (
	importLine  = regexp.MustCompile(`^\s*(?:[A-Za-z_][A-Za-z0-9_]*\s+|\.\s+|_\s+)?"([^"]+)"\s*(?://.*)?$`)
	importOne   = regexp.MustCompile(`^import\s+(?:[A-Za-z_][A-Za-z0-9_]*\s+|\.\s+|_\s+)?"([^"]+)"`)
	importBlock = regexp.MustCompile(`^import\s*\($`)
)

// notebookImports lists the import paths of every code cell of every
// committed notebook (both editions), with one cell that names each.
func notebookImports(t *testing.T, root string) map[string]string {
	t.Helper()
	imports := map[string]string{}
	for _, target := range nbgen.Targets() {
		files, err := nbgen.Notebooks(root, target)
		require.NoError(t, err)
		require.NotEmpty(t, files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			cells, err := nbgen.ReadCells(data)
			require.NoError(t, err)
			for i, c := range cells {
				if c.Type != "code" {
					continue
				}
				where := fmt.Sprintf("%s/%s cell %d", target, filepath.Base(f), i)
				inBlock := false
				for _, line := range strings.Split(c.Source, "\n") {
					switch {
					case inBlock && strings.TrimSpace(line) == ")":
						inBlock = false
					case inBlock:
						if m := importLine.FindStringSubmatch(line); m != nil {
							imports[m[1]] = where
						}
					case importBlock.MatchString(line):
						inBlock = true
					default:
						if m := importOne.FindStringSubmatch(line); m != nil {
							imports[m[1]] = where
						}
					}
				}
			}
		}
	}
	return imports
}

// exercisesPackage is where the student edition's exercise cells save the
// answers. scripts/prebuild.sh leaves it out (only it), so that a broken
// answer cannot break the header cell; it is recompiled after each save.
const exercisesPackage = "github.com/nma-go/mlp/pkg/exercises"

// TestPrebuildCoversTheNotebooks: every package a notebook cell imports is
// built by scripts/prebuild.sh (it is one of the packages or among their
// dependencies), except pkg/exercises, whose dependencies are.
func TestPrebuildCoversTheNotebooks(t *testing.T) {
	root := repoRoot(t)
	pkgs := prebuildPackages(t, root)
	require.NotEmpty(t, pkgs)
	assert.NotContains(t, pkgs, exercisesPackage, "a student's unfinished exercise must not break the header cell")
	assert.Contains(t, pkgs, "github.com/nma-go/mlp/checks")
	out, err := exec.Command("go", append([]string{"list", "-deps"}, pkgs...)...).Output()
	require.NoError(t, err)
	deps := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		deps[p] = true
	}
	imports := notebookImports(t, root)
	require.Contains(t, imports, "github.com/gomlx/gomlx/core/graph", "the import scanner must find the notebooks' imports")
	if where, ok := imports[exercisesPackage]; ok {
		delete(imports, exercisesPackage)
		out, err := exec.Command("go", "list", "-deps", "-e", exercisesPackage).Output()
		require.NoError(t, err)
		for _, p := range strings.Fields(string(out)) {
			if p != exercisesPackage {
				imports[p] = where + " (through pkg/exercises)"
			}
		}
	}
	var missing []string
	for p, where := range imports {
		if !deps[p] {
			missing = append(missing, p+" ("+where+")")
		}
	}
	sort.Strings(missing)
	assert.Empty(t, missing, "imported by a notebook but not built by scripts/prebuild.sh")
	t.Logf("%d packages imported by the notebooks, all among the %d that prebuild.sh builds", len(imports), len(deps))
}

// TestPrebuildWarmsWhatGoNBCompiles runs scripts/prebuild.sh, then builds a
// program the way GoNB builds a cell (a fresh module in a temporary folder,
// `go build -o`, the header's environment, offline), importing every package
// the notebooks import. With `go build -v`, which names each package it
// compiles, only the program itself may be compiled: everything else must
// come from the build cache. It checks both ways the kernel finds this
// module: the header's `go mod edit -replace`, and the go.work that
// scripts/gonb-kernel.sh has GoNB write.
func TestPrebuildWarmsWhatGoNBCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds GoMLX (minutes with a cold build cache)")
	}
	root := repoRoot(t)
	stdout, stderr, code := run(t, root, os.Environ(), "bash", "scripts/prebuild.sh")
	require.Equal(t, 0, code, "prebuild.sh:\n%s\n%s", stdout, stderr)
	t.Logf("prebuild.sh: %s", strings.TrimSpace(stdout))

	var src strings.Builder
	src.WriteString("package main\n\nimport (\n\t\"flag\"\n") // GoNB's main calls flag.Parse
	imports := notebookImports(t, root)
	var paths []string
	for p := range imports {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		src.WriteString("\t_ \"" + p + "\"\n")
	}
	src.WriteString(")\n\nfunc main() { flag.Parse() }\n")

	env := os.Environ()
	for k, v := range headerEnv(t, nbgen.HeaderCell) {
		env = append(env, k+"="+v)
	}
	env = append(env, "GOPROXY=off", "GOFLAGS=-buildvcs=false")
	for _, mode := range []string{"header", "go.work"} {
		t.Run(mode, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "gonb_test")
			require.NoError(t, os.Mkdir(dir, 0o700))
			goCmd := func(args ...string) string {
				stdout, stderr, code := run(t, dir, env, "go", args...)
				require.Equal(t, 0, code, "go %s:\n%s%s", strings.Join(args, " "), stdout, stderr)
				return stdout + stderr
			}
			goCmd("mod", "init", "gonb_test")
			if mode == "header" {
				goCmd("mod", "edit", "-require=github.com/nma-go/mlp@v0.0.0", "-replace=github.com/nma-go/mlp="+root,
					"-require=github.com/janpfeifer/gonb@v0.11.5")
			} else {
				goCmd("work", "init")
				goCmd("work", "use", root, ".")
				goCmd("mod", "edit", "-replace=github.com/nma-go/mlp="+root) // GoNB's GoWorkFix
			}
			require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(src.String()), 0o644))
			goCmd("get")
			var compiled []string
			for _, p := range strings.Fields(goCmd("build", "-v", "-o", filepath.Join(dir, "gonb_test.bin"))) {
				if p != exercisesPackage { // rewritten by the exercise cells, so built again anyway
					compiled = append(compiled, p)
				}
			}
			assert.Equal(t, []string{"gonb_test"}, compiled, "packages compiled for a cell after prebuild.sh")
		})
	}
}
