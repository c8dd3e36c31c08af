// Command nbgen regenerates the notebooks in notebooks/student and
// notebooks/instructor from notebooks/src, pkg/exercises and pkg/solutions.
// Run it from the repository root after changing any of them:
//
//	go run ./cmd/nbgen
//
// With -check it writes nothing and exits 1 if a notebook is out of date.
package main

import (
	"bytes"
	"flag"
	"fmt"
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
	if *check && stale > 0 {
		os.Exit(1)
	}
	fmt.Printf("%d notebooks, %d updated\n", len(paths), stale)
}
