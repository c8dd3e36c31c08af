package plots_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/plottest"
	"github.com/nma-go/mlp/pkg/plots"
)

// spiralPoints returns K tiny arms of n points each, row-major [K*n, 2].
func spiralPoints(K, n int) ([]float32, []int32) {
	x := make([]float32, 0, 2*K*n)
	y := make([]int32, 0, K*n)
	for k := range K {
		for i := range n {
			t := float64(i) / float64(n)
			angle := 2*math.Pi/float64(K)*(2*t) + float64(k)
			x = append(x, float32(t*math.Sin(angle)), float32(t*math.Cos(angle)))
			y = append(y, int32(k))
		}
	}
	return x, y
}

func TestSpiral(t *testing.T) {
	x, y := spiralPoints(4, 50)
	p, err := plots.Spiral(x, y, "")
	require.NoError(t, err)
	assert.Equal(t, "x1", p.X.Label.Text)
	assert.Equal(t, "x2", p.Y.Label.Text)
	assert.Empty(t, p.Title.Text)
	assert.True(t, plottest.HasLegend(p), "one legend entry per class")
	for i := 0; i < len(x); i += 2 {
		require.True(t, p.X.Min <= float64(x[i]) && float64(x[i]) <= p.X.Max, "x1 axis must cover point %d", i/2)
		require.True(t, p.Y.Min <= float64(x[i+1]) && float64(x[i+1]) <= p.Y.Max, "x2 axis must cover point %d", i/2)
	}
	assert.True(t, bytes.HasPrefix(plottest.RenderPNG(t, p), plottest.PNGMagic), "PNG signature")

	fig := plots.Single(p)
	svg, err := plots.SVG(fig)
	require.NoError(t, err)
	for _, label := range []string{"class 0", "class 3", "x1", "x2"} {
		assert.Contains(t, string(svg), label)
	}
	assert.NotContains(t, string(svg), "class 4")

	titled, err := plots.Spiral(x, y, "Spiral dataset")
	require.NoError(t, err)
	assert.Equal(t, "Spiral dataset", titled.Title.Text)
}

func TestSpiralRejects(t *testing.T) {
	tests := []struct {
		name           string
		x              []float32
		y              []int32
		errorSubstring string
	}{
		{"no points", nil, nil, "no points"},
		{"size mismatch", []float32{1, 2, 3}, []int32{0, 1}, "x has 3 values, want 2 per label"},
		{"negative label", []float32{1, 2}, []int32{-1}, "label -1 of point 0 is out of range"},
		{"NaN", []float32{1, float32(math.NaN())}, []int32{0}, "point 0 is not finite"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := plots.Spiral(tc.x, tc.y, "")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.errorSubstring)
		})
	}
}

// Degenerate data still draws: one point, points on a line, and classes past
// the palette's end (another marker shape).
func TestSpiralDegenerate(t *testing.T) {
	for _, tc := range []struct {
		name string
		x    []float32
		y    []int32
	}{
		{"one point", []float32{0.5, 0.5}, []int32{0}},
		{"a horizontal line", []float32{-1, 0, 0, 0, 1, 0}, []int32{0, 1, 2}},
		{"a vertical line", []float32{0, -1, 0, 1}, []int32{0, 1}},
		{"ten classes", []float32{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9}, []int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := plots.Spiral(tc.x, tc.y, tc.name)
			require.NoError(t, err)
			png, err := plots.PNG(plots.Single(p))
			require.NoError(t, err)
			assert.True(t, bytes.HasPrefix(png, plottest.PNGMagic))
		})
	}
}
