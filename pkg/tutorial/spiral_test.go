package tutorial_test

import (
	"math"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// The spiral itself is the lesson's CreateSpiralDataset (pkg/lesson, tested
// there); the core checks its arguments and holds the data.

func TestCheckSpiralArguments(t *testing.T) {
	tests := []struct {
		name           string
		K, N           int
		sigma          float64
		errorSubstring string
	}{
		{"K zero", 0, 10, 0.1, "K must be > 0, got 0"},
		{"K negative", -2, 10, 0.1, "K must be > 0, got -2"},
		{"N zero", 4, 0, 0.1, "N must be > 0, got 0"},
		{"sigma negative", 4, 10, -0.1, "sigma must be >= 0, got -0.1"},
		{"sigma NaN", 4, 10, math.NaN(), "sigma must be finite"},
		{"sigma Inf", 4, 10, math.Inf(1), "sigma must be finite"},
		{"too many points", 1 << 20, 1 << 20, 0.1, "more than the limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tutorial.CheckSpiralArguments(tc.K, tc.sigma, tc.N)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.errorSubstring)
			assert.True(t, strings.HasPrefix(err.Error(), "spiral: "), err.Error())
		})
	}
	assert.NoError(t, tutorial.CheckSpiralArguments(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass))
	assert.NoError(t, tutorial.CheckSpiralArguments(1, 0, 1), "one point without noise is a dataset")
}

func smallDataset() *tutorial.Dataset {
	return &tutorial.Dataset{X: []float32{0, 1, 2, 3, 4, 5}, Y: []int32{0, 1, 1}, NumFeatures: 2, NumClasses: 2}
}

func TestDatasetTensors(t *testing.T) {
	d := smallDataset()
	x, y := d.Tensors()
	assert.Equal(t, []int{3, 2}, x.Shape().Dimensions)
	assert.Equal(t, []int{3}, y.Shape().Dimensions)
	assert.Equal(t, d.X, tensors.MustCopyFlatData[float32](x))
	assert.Equal(t, d.Y, tensors.MustCopyFlatData[int32](y))
	// The tensors are copies.
	d.X[0] = 42
	assert.NotEqual(t, float32(42), tensors.MustCopyFlatData[float32](x)[0])
}

func TestDatasetInputsAndLabels(t *testing.T) {
	d := smallDataset()
	x, labels := d.InputsAndLabels()
	assert.Equal(t, []int{3, 2}, x.Shape().Dimensions)
	assert.Equal(t, []int{3, 1}, labels.Shape().Dimensions, "GoMLX's sparse losses take labels as a column")
	assert.Equal(t, d.X, tensors.MustCopyFlatData[float32](x))
	assert.Equal(t, d.Y, tensors.MustCopyFlatData[int32](labels))
	d.Y[0] = 1
	assert.Equal(t, int32(0), tensors.MustCopyFlatData[int32](labels)[0], "the labels are a copy")
}

func TestDatasetRow(t *testing.T) {
	d := smallDataset()
	assert.Equal(t, []float32{2, 3}, d.Row(1))
	assert.Equal(t, 2, cap(d.Row(1)), "a row cannot be appended into the next one")
}

func TestDatasetValidate(t *testing.T) {
	assert.NoError(t, smallDataset().Validate())
	assert.ErrorContains(t, (&tutorial.Dataset{X: []float32{1, 2, 3}, Y: []int32{0, 1}, NumFeatures: 2, NumClasses: 2}).Validate(), "X has 3 values, want 4")
	assert.ErrorContains(t, (&tutorial.Dataset{X: []float32{1, 2}, Y: []int32{3}, NumFeatures: 2, NumClasses: 2}).Validate(), "out of range")
	var nilDataset *tutorial.Dataset
	assert.ErrorContains(t, nilDataset.Validate(), "nil")
}

func TestAccuracyPercent(t *testing.T) {
	tests := []struct {
		correct, n int
		want       float64
		printed    string
	}{
		{3132, 3200, 97.875, "97.88"}, // float32(0.97875)*100 would print 97.87
		{3141, 3200, 98.15625, "98.16"},
		{775, 800, 96.875, "96.88"},
		{0, 800, 0, "0.00"},
		{800, 800, 100, "100.00"},
	}
	for _, tc := range tests {
		mean := tensors.FromScalar(float32(tc.correct) / float32(tc.n))
		got := tutorial.AccuracyPercent(mean, tc.n)
		assert.Equal(t, tc.want, got, "%d of %d", tc.correct, tc.n)
		assert.Equal(t, tc.printed, strings.TrimSpace(fmtPercent(got)), "%d of %d, printed as the original does", tc.correct, tc.n)
	}
}
