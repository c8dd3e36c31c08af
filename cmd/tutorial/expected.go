package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nma-go/mlp/internal/nbgen"
	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// writeExpected writes the expected outputs (出力例) of the sections'
// notebooks into dir (normally the repository's [nbgen.ExpectedDir]): for
// each notebook a folder dir/NOTEBOOK holding, per lesson cell, what it
// printed (CELL.txt, when it printed anything) and the figures it showed
// (CELL.png, CELL-2.png, ...), plus the figures of the section's after
// (NAME.png). A notebook's folder is emptied first, so no output of a cell
// that is gone stays behind. nbgen embeds these files in the notebooks,
// next to their cells.
//
// The seed is reset before each section, as each notebook sets it, so a
// section's outputs do not depend on which sections ran before it.
func writeExpected(dir string, secs []section) error {
	for _, s := range secs {
		nbDir := filepath.Join(dir, s.notebook)
		if err := os.RemoveAll(nbDir); err != nil {
			return err
		}
		if err := os.MkdirAll(nbDir, 0o755); err != nil {
			return err
		}
		savePNG := func(name string, fig *plots.Figure) error {
			return plots.Save(fig, filepath.Join(nbDir, name+nbgen.ExpectedFigureExt))
		}
		tutorial.SetSeed(tutorial.DefaultSeed)
		err := s.runTo(func(c cell, shown int, fig *plots.Figure) error {
			return savePNG(figureName(c.name, shown), fig)
		}, func(c cell, text []byte) error {
			text = bytes.TrimRight(text, "\n")
			if len(text) == 0 {
				return nil
			}
			return os.WriteFile(filepath.Join(nbDir, c.name+nbgen.ExpectedTextExt), append(text, '\n'), 0o644)
		}, func() error {
			if s.after == nil {
				return nil
			}
			return s.after(savePNG)
		})
		if err != nil {
			return fmt.Errorf("section %s: %w", s.name, err)
		}
		fmt.Printf("expected outputs of %s written to %s\n", s.notebook, nbDir)
	}
	return nil
}
