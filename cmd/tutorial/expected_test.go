package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/nbgen"
	"github.com/nma-go/mlp/internal/pristine"
)

// Figure comparison: a pixel differs when one of its channels differs by
// more than pixelTolerance (of 255), and a figure is up to date when at most
// differingPixelsAllowed of its pixels differ. Byte-equal PNGs are not
// required: builds with and without SIMD (or another backend) may round the
// last bits of a result differently, which moves a few pixels of a curve or a
// decision boundary.
const (
	pixelTolerance         = 24
	differingPixelsAllowed = 0.005
)

// The committed expected outputs (notebooks/expected) are what the
// reference run prints and shows now: the same files, the same text, the
// same figures up to a pixel tolerance. `make expected` regenerates them.
func TestExpectedOutputsAreUpToDate(t *testing.T) {
	root, err := pristine.Root()
	require.NoError(t, err)
	fresh := t.TempDir()
	_, err = captureStdout(func() error { return writeExpected(fresh, sections) })
	require.NoError(t, err)
	committedDir := filepath.Join(root, filepath.FromSlash(nbgen.ExpectedDir))

	freshFiles, committedFiles := listFiles(t, fresh), listFiles(t, committedDir)
	require.NotEmpty(t, freshFiles)
	assert.Equal(t, freshFiles, committedFiles, "the files of %s differ from the reference run's: run `make expected`", nbgen.ExpectedDir)
	for _, rel := range freshFiles {
		committed, err := os.ReadFile(filepath.Join(committedDir, rel))
		if err != nil {
			continue // reported above
		}
		now, err := os.ReadFile(filepath.Join(fresh, rel))
		require.NoError(t, err)
		switch filepath.Ext(rel) {
		case nbgen.ExpectedTextExt:
			assert.Equal(t, string(now), string(committed), "%s/%s: the cell prints something else now: run `make expected`", nbgen.ExpectedDir, rel)
		case nbgen.ExpectedFigureExt:
			if problem := compareFigures(now, committed); problem != "" {
				t.Errorf("%s/%s: %s: run `make expected`", nbgen.ExpectedDir, rel, problem)
			}
		default:
			t.Errorf("%s/%s: unexpected file", nbgen.ExpectedDir, rel)
		}
	}
}

// listFiles lists the files under dir, relative and slash-separated, sorted.
func listFiles(t *testing.T, dir string) []string {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		files = append(files, filepath.ToSlash(rel))
		return err
	})
	require.NoError(t, err)
	sort.Strings(files)
	return files
}

// compareFigures decodes two PNGs and returns "" when they have one size and
// at most differingPixelsAllowed of their pixels differ by more than
// pixelTolerance in a channel; otherwise it says how they differ.
func compareFigures(now, committed []byte) string {
	a, err := png.Decode(bytes.NewReader(now))
	if err != nil {
		return fmt.Sprintf("the new figure does not decode: %v", err)
	}
	b, err := png.Decode(bytes.NewReader(committed))
	if err != nil {
		return fmt.Sprintf("the committed figure does not decode: %v", err)
	}
	if a.Bounds() != b.Bounds() {
		return fmt.Sprintf("the figure is %v now, the committed one %v", a.Bounds().Size(), b.Bounds().Size())
	}
	differing, total := countDifferingPixels(a, b), a.Bounds().Dx()*a.Bounds().Dy()
	if float64(differing) > differingPixelsAllowed*float64(total) {
		return fmt.Sprintf("%d of %d pixels (%.2f%%) differ, more than %.1f%% allowed", differing, total, 100*float64(differing)/float64(total), 100*differingPixelsAllowed)
	}
	return ""
}

func countDifferingPixels(a, b image.Image) int {
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			for _, d := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
				if diff := int(d[0]>>8) - int(d[1]>>8); diff > pixelTolerance || -diff > pixelTolerance {
					n++
					break
				}
			}
		}
	}
	return n
}

func TestCompareFigures(t *testing.T) {
	encode := func(img image.Image) []byte {
		var buf bytes.Buffer
		require.NoError(t, png.Encode(&buf, img))
		return buf.Bytes()
	}
	base := image.NewGray(image.Rect(0, 0, 100, 100))
	shifted := func(changed int, by uint8) []byte {
		img := image.NewGray(base.Rect)
		for i := range changed {
			img.Pix[i] = by
		}
		return encode(img)
	}
	tests := []struct {
		name  string
		now   []byte
		wantS string // "" for equal
	}{
		{"identical", encode(base), ""},
		{"50 pixels far off (0.5%)", shifted(50, 255), ""},
		{"51 pixels far off", shifted(51, 255), "51 of 10000 pixels (0.51%) differ"},
		{"every pixel a little off", shifted(10000, pixelTolerance), ""},
		{"every pixel off by more", shifted(10000, pixelTolerance+1), "10000 of 10000 pixels"},
		{"another size", encode(image.NewGray(image.Rect(0, 0, 100, 99))), "the figure is (100,99) now, the committed one (100,100)"},
		{"not a PNG", []byte("GIF89a"), "the new figure does not decode"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := compareFigures(tc.now, encode(base))
			if tc.wantS == "" {
				assert.Empty(t, got)
			} else {
				assert.True(t, strings.Contains(got, tc.wantS), "got %q, want it to contain %q", got, tc.wantS)
			}
		})
	}
}
