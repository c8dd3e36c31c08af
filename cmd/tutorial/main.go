// Command tutorial runs every section of the tutorial headless with the
// reference solutions: it runs the notebooks' own code cells (package
// pkg/lesson), so it prints what the notebooks print, and it writes every
// figure that they show to a folder.
//
//	go run ./cmd/tutorial [-out out] [-sections 1,2] [-list]
//	go run ./cmd/tutorial -expected notebooks/expected   (the expected outputs; make expected)
//	go run ./cmd/tutorial site [-out site]   (the static site; see site.go)
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "site" {
		os.Exit(siteMain(os.Args[2:]))
	}
	out := flag.String("out", "out", "folder for the figures (PNG and SVG)")
	only := flag.String("sections", "", "comma-separated section names to run (default: all); see -list")
	list := flag.Bool("list", false, "list the sections and exit")
	expected := flag.String("expected", "", "write the notebooks' expected outputs into this folder (make expected: notebooks/expected) instead of running the sections")
	flag.Parse()
	if *list {
		for _, s := range sections {
			fmt.Printf("%-10s %s (%s)\n", s.name, s.title, s.notebookPath())
		}
		return
	}
	selected, err := selectSections(*only)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if *expected != "" {
		if err := writeExpected(*expected, selected); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
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

// section is one notebook of the tutorial, run headless. Each lives in its
// own file and registers itself in an init function; order sorts them as in
// the tutorial.
type section struct {
	order       int
	name, title string
	// notebook is the notebook's source name, e.g. "01_relu_approximation"
	// for notebooks/src/01_relu_approximation.nb.
	notebook string
	// cells are the notebook's lesson cells ("--- cell NAME"), in the
	// notebook's order; a test checks both.
	cells []cell
	// after, if set, shows what the notebook shows but no lesson cell
	// computes (the slider demo's static figure), handing each figure to
	// save under a name of its own; it runs after the cells. The notebook
	// source names it in an "--- expected NAME" line.
	after func(save func(name string, fig *plots.Figure) error) error
}

// cell is one lesson cell: run calls the pkg/lesson function of that name
// with the reference solutions for the exercises it uses. A cell of
// declarations (a top-level region: the notebook's CreateSpiralDataset, the
// training function) has a nil run: here its declarations are package
// lesson's, which the cells after it call, so there is nothing to run.
type cell struct {
	name string
	run  func()
}

// declares reports whether the cell only declares (see cell).
func (c cell) declares() bool { return c.run == nil }

// notebookPath is the section's notebook source, relative to the repository root.
func (s section) notebookPath() string { return "notebooks/src/" + s.notebook + ".nb" }

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
