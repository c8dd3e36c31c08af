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
// as [n, 1]: reshape y where they are needed.)
func (d *Dataset) Tensors() (x, y *tensors.Tensor) {
	x = tensors.FromFlatDataAndDimensions(append([]float32(nil), d.X...), d.Len(), d.NumFeatures)
	y = tensors.FromFlatDataAndDimensions(append([]int32(nil), d.Y...), d.Len())
	return x, y
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

// CreateSpiralDataset simulates the original's spiral dataset: K arms of N
// points each, n = K*N samples with 2 features. For class k = 0..K-1 and t
// in linspace(0, 1, N),
//
//	x1 = t * (sin(2π/K * (2t + k)) + sigma * n1)
//	x2 = t * (cos(2π/K * (2t + k)) + sigma * n2)
//
// with n1, n2 standard normal noise, and label k. Samples are ordered by
// class, as in the original. The original uses K = 4, sigma = 0.16, N = 1000
// ([SpiralClasses], [SpiralSigma], [SpiralPointsPerClass]).
//
// The noise comes from NewRand("spiral"): after SetSeed the data is the same
// bit for bit on every run (though not the same numbers as PyTorch's
// generator). It returns an error for K <= 0, N <= 0, a negative, NaN or
// infinite sigma, or more than [MaxDatasetPoints] samples.
func CreateSpiralDataset(K int, sigma float64, N int) (*Dataset, error) {
	switch {
	case K <= 0:
		return nil, fmt.Errorf("spiral: K must be > 0, got %d", K)
	case N <= 0:
		return nil, fmt.Errorf("spiral: N must be > 0, got %d", N)
	case math.IsNaN(sigma) || math.IsInf(sigma, 0):
		return nil, fmt.Errorf("spiral: sigma must be finite, got %g", sigma)
	case sigma < 0:
		return nil, fmt.Errorf("spiral: sigma must be >= 0, got %g", sigma)
	case K > MaxDatasetPoints/N:
		return nil, fmt.Errorf("spiral: K*N = %d*%d is more than the limit of %d points", K, N, MaxDatasetPoints)
	}
	rng := NewRand("spiral")
	t := LinspaceFloat32(0, 1, N)
	d := &Dataset{X: make([]float32, 2*K*N), Y: make([]int32, K*N), NumFeatures: 2, NumClasses: K}
	for k := range K {
		// As in the original: first the N noise values of x1, then those of x2.
		noise := make([]float64, 2*N)
		for i := range noise {
			noise[i] = rng.NormFloat64()
		}
		for i, ti := range t {
			tt := float64(ti)
			angle := 2 * math.Pi / float64(K) * (2*tt + float64(k))
			row := k*N + i
			d.X[2*row] = float32(tt * (math.Sin(angle) + sigma*noise[i]))
			d.X[2*row+1] = float32(tt * (math.Cos(angle) + sigma*noise[N+i]))
			d.Y[row] = int32(k)
		}
	}
	return d, nil
}
