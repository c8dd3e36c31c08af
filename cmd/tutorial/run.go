package main

import (
	"fmt"
	"path/filepath"

	"github.com/nma-go/mlp/pkg/plots"
)

// run runs the section's cells in order, as one notebook would run them: they
// print to standard output, and every figure they show is written to outDir
// as NOTEBOOK-CELL.png and .svg (with -2, -3, ... for a cell's later
// figures). A cell that panics, the way a notebook cell fails, stops the
// section with an error.
//
// Each GoNB cell is a fresh program, while here the cells share one process.
// Lesson cells take no state from each other (package lesson), and the
// tutorial's random streams are named, so the order of the cells changes no
// result.
func (s section) run(outDir string) error {
	for _, c := range s.cells {
		if c.declares() {
			continue
		}
		fmt.Printf("-- %s\n", c.name)
		shown := 0
		stop := plots.CaptureDisplayed(func(fig *plots.Figure) error {
			shown++
			name := s.notebook + "-" + c.name
			if shown > 1 {
				name += fmt.Sprintf("-%d", shown)
			}
			return saveBoth(fig, outDir, name)
		})
		err := runCell(c)
		stop()
		if err != nil {
			return err
		}
	}
	if s.after != nil {
		return s.after(outDir)
	}
	return nil
}

// runCell runs one cell and turns its panic into an error.
func runCell(c cell) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cell %s: %v", c.name, r)
		}
	}()
	c.run()
	return nil
}

// saveBoth writes a figure as PNG and SVG under outDir and reports the paths.
func saveBoth(fig *plots.Figure, outDir, name string) error {
	for _, ext := range []string{".png", ".svg"} {
		path := filepath.Join(outDir, name+ext)
		if err := plots.Save(fig, path); err != nil {
			return err
		}
		fmt.Println("wrote", path)
	}
	return nil
}
