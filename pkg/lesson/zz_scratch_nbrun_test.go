package lesson_test

// SCRATCH (deleted before hand-off): executes notebooks and dumps outputs.

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/nma-go/mlp/internal/nbrun"
)

func TestScratchRunNotebook(t *testing.T) {
	path := os.Getenv("SCRATCH_NB")
	if path == "" {
		t.Skip()
	}
	res, err := nbrun.Execute(context.Background(), path, t.TempDir(), nbrun.Options{ScratchDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Cells {
		if c.Type != "code" {
			continue
		}
		first := strings.SplitN(strings.TrimSpace(c.Source), "\n", 2)[0]
		txt := c.Text()
		if len(txt) > 1500 {
			txt = txt[:1500] + "..."
		}
		fmt.Printf("=== cell %d [%s] imgs=%v\n%s\n", c.Index, first, c.DisplaysFigure(), txt)
	}
	for _, p := range nbrun.Problems(res.Cells) {
		fmt.Println("PROBLEM:", p)
	}
}
