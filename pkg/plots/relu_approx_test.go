package plots

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFunctionApproximation(t *testing.T) {
	x := []float32{0, 1, 2, 3}
	acts := [][]float32{{0, 1, 2, 3}, {0, 0, 1, 2}}
	yHat := []float32{0, 0.8, 0.9, 0.1}
	fig, err := FunctionApproximation(x, acts, yHat)
	require.NoError(t, err)
	require.Len(t, fig.Rows, 2, "two panels, one above the other")
	assert.Equal(t, "ReLU Activations - Basis Functions", fig.Rows[0][0].Title.Text)
	assert.Equal(t, "Function Approximation", fig.Rows[1][0].Title.Text)

	png, err := PNG(fig)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(png, []byte("\x89PNG")))
	svg, err := SVG(fig)
	require.NoError(t, err)
	assert.Contains(t, string(svg), "<svg")

	dir := t.TempDir()
	for _, name := range []string{"f.png", "sub/f.svg"} {
		require.NoError(t, Save(fig, filepath.Join(dir, name)))
		info, err := os.Stat(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Positive(t, info.Size())
	}
	assert.ErrorContains(t, Save(fig, filepath.Join(dir, "f.gif")), "unsupported file extension")
}

func TestFunctionApproximationBadInput(t *testing.T) {
	_, err := FunctionApproximation(nil, nil, nil)
	assert.ErrorContains(t, err, "x is empty")
	_, err = FunctionApproximation([]float32{0, 1}, nil, []float32{0})
	assert.ErrorContains(t, err, "yHat has 1 points, want 2")
	_, err = FunctionApproximation([]float32{0, 1}, [][]float32{{0}}, []float32{0, 1})
	assert.ErrorContains(t, err, "ReLU 0 has 1 points")
	_, err = PNG(&Figure{})
	assert.ErrorContains(t, err, "no panels")
}
