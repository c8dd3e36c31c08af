package plots_test

import (
	"image"
	"image/color"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/nma-go/mlp/pkg/plots"
)

// EqualAspect draws a 4 x 1 data area four times as wide as it is tall, in a
// figure of another shape, with the legend to its right and not over it.
func TestFigureEqualAspect(t *testing.T) {
	fill := color.RGBA{200, 30, 60, 255}
	src := image.NewRGBA(image.Rect(0, 0, 8, 2))
	for y := range 2 {
		for x := range 8 {
			src.SetRGBA(x, y, fill)
		}
	}
	for _, withLegend := range []bool{false, true} {
		p := plots.New()
		p.Add(plotter.NewImage(src, 0, 0, 4, 1))
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 4, 0, 1
		p.X.Padding, p.Y.Padding = 0, 0
		if withLegend {
			line, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
			require.NoError(t, err)
			p.Legend.Add("a rather long legend entry", line)
		}
		img := decodePNG(t, &plots.Figure{Rows: [][]*plot.Plot{{p}}, EqualAspect: true})
		boxes := patches(img, fill)
		require.NotEmpty(t, boxes)
		box := boxes[0]
		t.Logf("legend %v: data area %v in %v", withLegend, box, img.Bounds())
		assert.InDelta(t, 4*box.Dy(), box.Dx(), 4, "legend %v: 4 x 1 data units, %d x %d px", withLegend, box.Dx(), box.Dy())
		assert.Greater(t, box.Dx(), img.Bounds().Dx()/2, "legend %v: the data area is as large as fits", withLegend)
		if withLegend {
			assert.Greater(t, img.Bounds().Max.X-box.Max.X, 100, "room for the legend on the right")
		}
	}
}
