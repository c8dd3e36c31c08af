package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/nma-go/mlp/internal/nbrun"
	"github.com/nma-go/mlp/internal/pristine"
	"github.com/nma-go/mlp/internal/site"
)

// siteMain is the `site` subcommand: it executes every instructor notebook of
// every language headless and writes the static site (HTML pages with
// embedded figures in ja/ and en/, an index page per language, a landing
// page that offers both, and local copies of MathJax and require.js).
//
//	go run ./cmd/tutorial site [-out site] [-cell-timeout 2m]
//
// It returns the process's exit status.
func siteMain(args []string) int {
	fs := flag.NewFlagSet("site", flag.ContinueOnError)
	out := fs.String("out", "site", "folder for the static site")
	cellTimeout := fs.Duration("cell-timeout", nbrun.DefaultCellTimeout, "per-cell limit of the headless execution")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: go run ./cmd/tutorial site [-out site] [-cell-timeout 2m]")
		fmt.Fprintln(fs.Output(), "Executes every notebook in notebooks/ja/instructor and notebooks/en/instructor and writes a static HTML site in both languages that works offline.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	root, err := pristine.Root()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	res, err := site.Build(ctx, site.Options{Root: root, Out: *out, CellTimeout: *cellTimeout, Log: os.Stdout})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Printf("site: %d pages in %d languages in %s; open %s/index.html\n", len(res.Pages), len(site.Languages()), time.Since(start).Round(time.Second), res.Out)
	return 0
}
