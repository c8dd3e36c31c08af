// Command nbgen regenerates the notebooks in notebooks/LANG/EDITION (ja and
// en; student and instructor) from notebooks/src, pkg/exercises,
// pkg/solutions, pkg/lesson and notebooks/expected. Run it from the
// repository root after changing any of them:
//
//	go run ./cmd/nbgen
//
// It removes notebooks that no source generates any more (an old layout, a
// renamed source). With -check it writes nothing and exits 1 if a notebook
// is out of date or stale.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/nma-go/mlp/internal/nbgen"
)

func main() {
	root := flag.String("root", ".", "repository root")
	check := flag.Bool("check", false, "only report notebooks that are out of date")
	flag.Parse()
	notebooks, err := nbgen.GenerateAll(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	paths := make([]string, 0, len(notebooks))
	for p := range notebooks {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	stale := 0
	for _, p := range paths {
		full := filepath.Join(*root, p)
		old, _ := os.ReadFile(full)
		if bytes.Equal(old, notebooks[p]) {
			continue
		}
		stale++
		if *check {
			fmt.Printf("out of date: %s\n", p)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := os.WriteFile(full, notebooks[p], 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("wrote %s\n", p)
	}
	leftovers, err := strayNotebooks(*root, notebooks)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, p := range leftovers {
		stale++
		if *check {
			fmt.Printf("no source generates %s\n", p)
			continue
		}
		if err := os.Remove(filepath.Join(*root, p)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("removed %s\n", p)
	}
	if *check && stale > 0 {
		os.Exit(1)
	}
	fmt.Printf("%d notebooks, %d updated\n", len(paths), stale)
}

// strayNotebooks lists the .ipynb files under root/notebooks, outside its
// testdata, that are not among the generated ones.
func strayNotebooks(root string, generated map[string][]byte) ([]string, error) {
	var stray []string
	err := filepath.WalkDir(filepath.Join(root, "notebooks"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == ".ipynb_checkpoints") {
			return filepath.SkipDir
		}
		if d.IsDir() || filepath.Ext(path) != ".ipynb" {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if _, ok := generated[rel]; !ok {
			stray = append(stray, rel)
		}
		return nil
	})
	return stray, err
}
