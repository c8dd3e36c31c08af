package tutorial

// Section 2.2: the spiral classification dataset.

import (
	"fmt"
	"math"

	"github.com/gomlx/gomlx/core/tensors"
)

// The original's spiral parameters.
const (
	SpiralClasses        = 4    // K
	SpiralSigma          = 0.16 // sigma, the noise scale
	SpiralPointsPerClass = 1000 // N
)

// MaxDatasetPoints bounds K*N in [CreateSpiralDataset], so that a typo gives
// an error instead of exhausting memory.
const MaxDatasetPoints = 50_000_000

// Dataset is a classification dataset held in memory: n samples of
// NumFeatures float32 features with int32 labels in [0, NumClasses).
type Dataset struct {
	X           []float32 // row-major [n, NumFeatures]: sample i is X[i*NumFeatures : (i+1)*NumFeatures]
	Y           []int32   // [n] labels
	NumFeatures int       // features per sample (2 for the spiral)
	NumClasses  int       // number of classes K
}

// Len returns the number of samples n.
func (d *Dataset) Len() int { return len(d.Y) }

// Row returns the features of sample i, a slice of length NumFeatures that
// shares memory with X. It panics if i is out of range.
func (d *Dataset) Row(i int) []float32 {
	return d.X[i*d.NumFeatures : (i+1)*d.NumFeatures : (i+1)*d.NumFeatures]
}

// Tensors returns the data as GoMLX tensors: x of shape [n, NumFeatures]
// float32 and y of shape [n] int32, each a copy. (GoMLX's losses want labels
// as [n, 1]: see [Dataset.InputsAndLabels].)
func (d *Dataset) Tensors() (x, y *tensors.Tensor) {
	x = tensors.FromFlatDataAndDimensions(append([]float32(nil), d.X...), d.Len(), d.NumFeatures)
	y = tensors.FromFlatDataAndDimensions(append([]int32(nil), d.Y...), d.Len())
	return x, y
}

// InputsAndLabels returns the data as GoMLX's training tools want it: x of
// shape [n, NumFeatures] float32 and the labels as a column, [n, 1] int32,
// the shape of the labels that GoMLX's sparse losses and metrics take. Both
// are copies.
func (d *Dataset) InputsAndLabels() (x, labels *tensors.Tensor) {
	x = tensors.FromFlatDataAndDimensions(append([]float32(nil), d.X...), d.Len(), d.NumFeatures)
	labels = tensors.FromFlatDataAndDimensions(append([]int32(nil), d.Y...), d.Len(), 1)
	return x, labels
}

// Validate checks that the sizes of X and Y agree and that every label is in
// [0, NumClasses).
func (d *Dataset) Validate() error {
	if d == nil {
		return fmt.Errorf("dataset: the dataset is nil")
	}
	if d.NumFeatures <= 0 || d.NumClasses <= 0 {
		return fmt.Errorf("dataset: NumFeatures and NumClasses must be > 0, got %d and %d", d.NumFeatures, d.NumClasses)
	}
	if len(d.X) != len(d.Y)*d.NumFeatures {
		return fmt.Errorf("dataset: X has %d values, want %d (%d samples x %d features)", len(d.X), len(d.Y)*d.NumFeatures, len(d.Y), d.NumFeatures)
	}
	for i, label := range d.Y {
		if label < 0 || int(label) >= d.NumClasses {
			return fmt.Errorf("dataset: label %d of sample %d is out of range [0, %d)", label, i, d.NumClasses)
		}
	}
	return nil
}

// CheckSpiralArguments reports the first argument of the original's
// create_spiral_dataset(K, sigma, N) that cannot make a dataset: K <= 0,
// N <= 0, a negative, NaN or infinite sigma, or more than [MaxDatasetPoints]
// samples. The shown CreateSpiralDataset (pkg/lesson) calls it first.
func CheckSpiralArguments(K int, sigma float64, N int) error {
	switch {
	case K <= 0:
		return fmt.Errorf("spiral: K must be > 0, got %d", K)
	case N <= 0:
		return fmt.Errorf("spiral: N must be > 0, got %d", N)
	case math.IsNaN(sigma) || math.IsInf(sigma, 0):
		return fmt.Errorf("spiral: sigma must be finite, got %g", sigma)
	case sigma < 0:
		return fmt.Errorf("spiral: sigma must be >= 0, got %g", sigma)
	case K > MaxDatasetPoints/N:
		return fmt.Errorf("spiral: K*N = %d*%d is more than the limit of %d points", K, N, MaxDatasetPoints)
	}
	return nil
}
