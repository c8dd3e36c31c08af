package tutorial

// Helpers of the training code that the notebook shows (pkg/lesson): what is
// not the lesson itself.

import (
	"math"

	"github.com/gomlx/compute/shapes"
	"github.com/gomlx/gomlx/core/tensors"
)

// AccuracyPercent turns the mean accuracy that GoMLX's accuracy metric
// reports for n samples (a scalar tensor in [0, 1], such as the one of
// metric.NewSparseCategoricalAccuracy that train.Trainer.Eval returns) into
// the original's 100 * correct / total. It recovers the number of correct
// samples first, since the float32 mean is that count divided by n and
// rounded: 3132 correct of 3200 gives 97.875 and prints as 97.88, as in
// Python, where float32(0.97875) * 100 would print as 97.87. The count is
// exact for n below 2^24.
func AccuracyPercent(mean *tensors.Tensor, n int) float64 {
	m := shapes.ConvertTo[float64](mean.Value())
	return 100 * math.Round(m*float64(n)) / float64(n)
}
