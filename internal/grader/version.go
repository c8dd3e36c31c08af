package grader

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// versionInputs are the parts of the repository a grade depends on, besides
// the submission: the checks, the core they run, the references the stubs come
// from, the grader itself, the message catalog, and the module's dependencies.
var versionInputs = []string{"checks", "pkg/tutorial", "pkg/solutions", "internal/grader", "internal/i18n", "go.sum"}

// checksVersion hashes the Go sources (tests excluded) of versionInputs under
// root. A re-run reuses a submission's earlier result only when both its
// content hash and this version are unchanged.
func checksVersion(root string) (string, error) {
	var files []string
	for _, in := range versionInputs {
		err := filepath.WalkDir(filepath.Join(root, in), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if name == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if name == "go.sum" || (strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("grader: checks version: %w", err)
		}
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("grader: checks version: %w", err)
		}
		rel, _ := filepath.Rel(root, f)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
