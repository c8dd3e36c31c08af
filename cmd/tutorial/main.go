// Command tutorial runs every section of the tutorial headless with the
// reference solutions: it prints what the notebooks print and writes every
// figure to a folder.
//
//	go run ./cmd/tutorial [-out out] [-sections 1,2]
//	go run ./cmd/tutorial site [-out site]   (the static site; see site.go)
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/nma-go/mlp/pkg/tutorial"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "site" {
		os.Exit(siteMain(os.Args[2:]))
	}
	out := flag.String("out", "out", "folder for the figures (PNG and SVG)")
	only := flag.String("sections", "", "comma-separated section names to run (default: all); see -list")
	list := flag.Bool("list", false, "list the sections and exit")
	flag.Parse()
	if *list {
		for _, s := range sections {
			fmt.Printf("%-10s %s\n", s.name, s.title)
		}
		return
	}
	selected, err := selectSections(*only)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tutorial.SetSeed(tutorial.DefaultSeed)
	fmt.Println(tutorial.SeedMessage())
	fmt.Println(tutorial.BackendReport())
	failed := 0
	for _, s := range selected {
		fmt.Printf("\n== %s: %s ==\n", s.name, s.title)
		start := time.Now()
		if err := s.run(*out); err != nil {
			fmt.Fprintf(os.Stderr, "section %s failed: %v\n", s.name, err)
			failed++
			continue
		}
		fmt.Printf("(%s done in %s)\n", s.name, time.Since(start).Round(time.Millisecond))
	}
	if failed > 0 {
		os.Exit(1)
	}
	fmt.Printf("\nfigures written to %s/\n", strings.TrimSuffix(*out, "/"))
}

// section is one part of the tutorial. Each lives in its own file and
// registers itself in an init function; order sorts them as in the tutorial.
type section struct {
	order       int
	name, title string
	run         func(outDir string) error
}

// sections lists the tutorial's parts in order.
var sections []section

func register(s section) {
	sections = append(sections, s)
	sort.SliceStable(sections, func(i, j int) bool { return sections[i].order < sections[j].order })
}

func selectSections(spec string) ([]section, error) {
	if spec == "" {
		return sections, nil
	}
	var selected []section
	for _, name := range strings.Split(spec, ",") {
		found := false
		for _, s := range sections {
			if s.name == strings.TrimSpace(name) {
				selected = append(selected, s)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("tutorial: unknown section %q; run with -list to see them", name)
		}
	}
	return selected, nil
}
