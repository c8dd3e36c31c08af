// Package pristine finds the repository and tells tests whether the files a
// student edits (pkg/exercises, notebooks/*/student) still hold what this
// repository shipped.
//
// [Root] is the one way this module finds its own root: tests, the grader
// and cmd/tutorial all use it.
//
// Tests that compare the student's files with their sources, or that expect
// the stubs to fail with "not implemented", only make sense on pristine
// files. In CI (the CI variable is set, on a clean checkout) they always
// apply. On a student's machine they apply only to files that git reports
// unchanged, so a student's work never turns the test suite red.
package pristine

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ModulePath is this repository's Go module.
const ModulePath = "github.com/nma-go/mlp"

// Strict reports whether the process runs in CI, where every student-editable
// file must be pristine.
func Strict() bool { return os.Getenv("CI") != "" }

// Root returns the repository root: the nearest folder at or above the
// working directory whose go.mod declares the module ModulePath. Other
// modules on the way (a student's scratch module, a test's fixture) are
// passed over. It returns an error, naming the module, when there is none.
func Root() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return rootFrom(dir)
}

// rootFrom is Root from the folder dir.
func rootFrom(dir string) (string, error) {
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && declaredModule(data) == ModulePath {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("pristine: no go.mod of %s at or above the working directory; run from the repository", ModulePath)
		}
		dir = parent
	}
}

// declaredModule returns the path of a go.mod file's module directive, or ""
// if it has none.
func declaredModule(goMod []byte) string {
	lines := bufio.NewScanner(bytes.NewReader(goMod))
	for lines.Scan() {
		line := strings.TrimSpace(lines.Text())
		if rest, ok := strings.CutPrefix(line, "module"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			if i := strings.Index(rest, "//"); i >= 0 {
				rest = rest[:i]
			}
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}

// Edited reports whether any of the paths (relative to the repository root)
// differ from git's HEAD. Outside CI, tests skip their pristine-only
// assertions for edited paths. In CI it always returns false, so that those
// assertions always run there. Without git or a commit it returns false.
func Edited(paths ...string) bool {
	if Strict() {
		return false
	}
	root, err := Root()
	if err != nil {
		return false
	}
	// Outside a work tree, git diff would compare files instead (as with
	// --no-index) and call them different.
	if out, err := exec.Command("git", "-C", root, "rev-parse", "--is-inside-work-tree").Output(); err != nil || strings.TrimSpace(string(out)) != "true" {
		return false
	}
	args := append([]string{"-C", root, "diff", "--quiet", "HEAD", "--"}, paths...)
	err = exec.Command("git", args...).Run()
	if exitErr, ok := err.(*exec.ExitError); ok && exitErr.ExitCode() == 1 {
		return true
	}
	return false
}
