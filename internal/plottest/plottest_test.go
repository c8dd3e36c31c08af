package plottest

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

func TestRenderPNGAndHasLegend(t *testing.T) {
	p := plot.New()
	line, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	require.NoError(t, err)
	p.Add(line)
	assert.False(t, HasLegend(p), "no entries yet")
	p.Legend.Add("line", line)
	assert.True(t, HasLegend(p))
	assert.True(t, bytes.HasPrefix(RenderPNG(t, p), PNGMagic), "PNG signature")
}
