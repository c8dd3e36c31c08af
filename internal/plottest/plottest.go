// Package plottest holds what the tests of the figure packages (pkg/plots,
// pkg/lif) need to look at a gonum plot: its PNG rendering and whether it
// has a legend.
package plottest

import (
	"bytes"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// PNGMagic is the 8-byte signature every PNG file starts with.
var PNGMagic = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}

// RenderPNG draws p alone as a 4 x 3 inch PNG, failing the test if it
// cannot.
func RenderPNG(t testing.TB, p *plot.Plot) []byte {
	t.Helper()
	w, err := p.WriterTo(4*vg.Inch, 3*vg.Inch, "png")
	if err != nil {
		t.Fatalf("plottest: rendering PNG: %v", err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		t.Fatalf("plottest: writing PNG: %v", err)
	}
	return buf.Bytes()
}

// HasLegend reports whether the plot's legend has entries: Legend keeps them
// unexported, but its extent has zero height when there are none.
func HasLegend(p *plot.Plot) bool {
	return p.Legend.Rectangle(draw.Canvas{}).Size().Y > 0
}
