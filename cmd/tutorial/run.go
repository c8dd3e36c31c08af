package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
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
	return s.runTo(func(c cell, shown int, fig *plots.Figure) error {
		return saveBoth(fig, outDir, figureName(s.notebook+"-"+c.name, shown))
	}, nil, func() error {
		if s.after == nil {
			return nil
		}
		return s.after(func(name string, fig *plots.Figure) error {
			return saveBoth(fig, outDir, s.notebook+"-"+name)
		})
	})
}

// figureName is the file name of a cell's shown-th figure (from 1): name,
// then name-2, name-3, ...
func figureName(name string, shown int) string {
	if shown > 1 {
		return fmt.Sprintf("%s-%d", name, shown)
	}
	return name
}

// runTo runs the cells, handing each figure to saveFigure. If printed is
// not nil, each cell's standard output is captured and handed to it instead
// of printed. after runs last.
func (s section) runTo(saveFigure func(c cell, shown int, fig *plots.Figure) error, printed func(c cell, text []byte) error, after func() error) error {
	for _, c := range s.cells {
		if c.declares() {
			continue
		}
		if printed == nil {
			fmt.Printf("-- %s\n", c.name)
		}
		shown := 0
		stop := plots.CaptureDisplayed(func(fig *plots.Figure) error {
			shown++
			return saveFigure(c, shown, fig)
		})
		var err error
		if printed == nil {
			err = runCell(c)
		} else {
			var text []byte
			text, err = captureStdout(func() error { return runCell(c) })
			if err == nil {
				err = printed(c, text)
			}
		}
		stop()
		if err != nil {
			return err
		}
	}
	return after()
}

// captureStdout runs fn with os.Stdout going to a pipe and returns what fn
// printed there.
func captureStdout(fn func() error) ([]byte, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	saved := os.Stdout
	os.Stdout = w
	var buf bytes.Buffer
	done := make(chan error, 1)
	go func() {
		_, err := io.Copy(&buf, r)
		done <- err
	}()
	runErr := fn()
	os.Stdout = saved
	w.Close()
	copyErr := <-done
	r.Close()
	if runErr != nil {
		return buf.Bytes(), runErr
	}
	return buf.Bytes(), copyErr
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
