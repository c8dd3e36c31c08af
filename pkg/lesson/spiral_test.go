package lesson_test

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// Golden numbers of the spiral from docs/REFERENCE.md: 4000 x 2, 1000 per class,
// coordinates within about [-1.33, 1.37]. Our noise comes from another
// generator, so the range is asserted loosely.
const (
	refSpiralPoints = 4000
	spiralMaxAbs    = 2.0
)

func TestCreateSpiralDatasetReference(t *testing.T) {
	tutorial.SetSeed(tutorial.DefaultSeed)
	d, err := lesson.CreateSpiralDataset(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass)
	require.NoError(t, err)
	require.NoError(t, d.Validate())
	assert.Equal(t, refSpiralPoints, d.Len())
	assert.Len(t, d.X, 2*refSpiralPoints)
	assert.Equal(t, 2, d.NumFeatures)
	assert.Equal(t, 4, d.NumClasses)
	counts := make([]int, d.NumClasses)
	for _, label := range d.Y {
		counts[label]++
	}
	assert.Equal(t, []int{1000, 1000, 1000, 1000}, counts)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range d.X {
		lo, hi = math.Min(lo, float64(v)), math.Max(hi, float64(v))
	}
	assert.Greater(t, lo, -spiralMaxAbs)
	assert.Less(t, hi, spiralMaxAbs)
	assert.Less(t, lo, -1.0, "the arms reach radius about 1")
	assert.Greater(t, hi, 1.0, "the arms reach radius about 1")
	// t = 0 puts the first point of every arm at the origin.
	for k := range d.NumClasses {
		assert.Equal(t, []float32{0, 0}, d.Row(k*tutorial.SpiralPointsPerClass))
	}
}

// Without noise the points lie exactly on the formula's curves.
func TestCreateSpiralDatasetFormula(t *testing.T) {
	const K, N, tol = 3, 5, 1e-6
	d, err := lesson.CreateSpiralDataset(K, 0, N)
	require.NoError(t, err)
	for k := range K {
		for i := range N {
			tt := float64(i) / (N - 1)
			angle := 2 * math.Pi / K * (2*tt + float64(k))
			row := d.Row(k*N + i)
			assert.InDelta(t, tt*math.Sin(angle), float64(row[0]), tol)
			assert.InDelta(t, tt*math.Cos(angle), float64(row[1]), tol)
			assert.Equal(t, int32(k), d.Y[k*N+i])
		}
	}
}

func TestCreateSpiralDatasetIsReproducible(t *testing.T) {
	create := func(seed int64) *tutorial.Dataset {
		tutorial.SetSeed(seed)
		d, err := lesson.CreateSpiralDataset(4, 0.16, 100)
		require.NoError(t, err)
		return d
	}
	a, b := create(2021), create(2021)
	require.Equal(t, len(a.X), len(b.X))
	for i := range a.X {
		require.Equal(t, math.Float32bits(a.X[i]), math.Float32bits(b.X[i]), "value %d differs for the same seed", i)
	}
	assert.Equal(t, a.Y, b.Y)
	assert.NotEqual(t, a.X, create(2022).X, "different seeds must give different noise")
}

func TestCreateSpiralDatasetRejects(t *testing.T) {
	tests := []struct {
		name           string
		K, N           int
		sigma          float64
		errorSubstring string
	}{
		{"K zero", 0, 10, 0.1, "K must be > 0, got 0"},
		{"N zero", 4, 0, 0.1, "N must be > 0, got 0"},
		{"sigma negative", 4, 10, -0.1, "sigma must be >= 0, got -0.1"},
		{"sigma NaN", 4, 10, math.NaN(), "sigma must be finite"},
		{"too many points", 1 << 20, 1 << 20, 0.1, "more than the limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := lesson.CreateSpiralDataset(tc.K, tc.sigma, tc.N)
			require.Error(t, err)
			assert.Nil(t, d)
			assert.Contains(t, err.Error(), tc.errorSubstring)
			assert.True(t, strings.HasPrefix(err.Error(), "spiral: "), err.Error())
		})
	}
}
