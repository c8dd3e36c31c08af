package tutorial

// Section 2.1: the mean cross-entropy of a batch of logits (Exercise 2.1).

import (
	"errors"
	"fmt"
	"math"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/train/loss"
)

// CrossEntropyLossFn is the signature of Exercise 2.1: the mean cross-entropy
// of a batch.
//
// x holds float32 logits of shape [N, C]; labels holds int32 class indices of
// shape [N], each in [0, C). The result is a float32 scalar,
//
//	loss_i = -x[i, labels_i] + log(Σ_j exp(x[i, j])),   L = (1/N) Σ_i loss_i.
type CrossEntropyLossFn func(x, labels *Node) *Node

// CrossEntropyExample returns the original's example batch: two samples of
// four classes, the first classified correctly, the second not,
//
//	x = [[10, 1, -1, -20], [10, 10, 2, -10]],  labels = [0, 1].
//
// Its mean cross-entropy is 0.3467275003 (float64); PyTorch's float32 loss
// printed 0.34672749.
func CrossEntropyExample() (logits [][]float32, labels []int32) {
	return [][]float32{{10, 1, -1, -20}, {10, 10, 2, -10}}, []int32{0, 1}
}

// ValidateCrossEntropyBatch checks a batch for [RunCrossEntropy]: at least
// one sample, every row of logits with the same number C >= 1 of finite
// values, one label per row, and every label in [0, C).
func ValidateCrossEntropyBatch(logits [][]float32, labels []int32) error {
	if len(logits) == 0 {
		return errors.New("cross entropy: the batch is empty (no rows of logits)")
	}
	numClasses := len(logits[0])
	if numClasses == 0 {
		return errors.New("cross entropy: the logits have no classes (row 0 is empty)")
	}
	for i, row := range logits {
		if len(row) != numClasses {
			return fmt.Errorf("cross entropy: logits row %d has %d values, want %d like row 0", i, len(row), numClasses)
		}
		for j, v := range row {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return fmt.Errorf("cross entropy: logits[%d][%d] is not finite: %g", i, j, v)
			}
		}
	}
	if len(labels) != len(logits) {
		return fmt.Errorf("cross entropy: got %d labels for %d rows of logits; want one label per row (shape [N])", len(labels), len(logits))
	}
	for i, l := range labels {
		if l < 0 || int(l) >= numClasses {
			return fmt.Errorf("cross entropy: labels[%d] = %d is out of range [0, %d)", i, l, numClasses)
		}
	}
	return nil
}

// RunCrossEntropy validates the batch (see [ValidateCrossEntropyBatch]),
// runs an implementation of Exercise 2.1 on the tutorial's backend and
// returns the loss.
//
// It never panics: invalid input gives an error naming the problem, an
// unfinished exercise an error matching ErrNotImplemented, and a panic or a
// result that is not a float32 scalar an error saying what was expected. A
// NaN or infinite loss is returned as it is, without an error.
func RunCrossEntropy(fn CrossEntropyLossFn, logits [][]float32, labels []int32) (float32, error) {
	if fn == nil {
		return 0, errors.New("cross entropy: the function is nil")
	}
	return runCrossEntropyGraph(logits, labels, func(x, labels *Node) *Node {
		defer rethrowAsError()
		return fn(x, labels)
	})
}

// FrameworkCrossEntropy computes the same loss with GoMLX's own
// loss.SparseCategoricalCrossEntropyLogits, the counterpart of the
// original's nn.CrossEntropyLoss(). That function wants labels of shape
// [N, 1]; this one takes [N] like the exercise and reshapes them. Errors are
// as for [RunCrossEntropy].
func FrameworkCrossEntropy(logits [][]float32, labels []int32) (float32, error) {
	return runCrossEntropyGraph(logits, labels, func(x, labels *Node) *Node {
		return loss.SparseCategoricalCrossEntropyLogits([]*Node{InsertAxes(labels, -1)}, []*Node{x})
	})
}

// runCrossEntropyGraph validates the batch and runs fn on it.
func runCrossEntropyGraph(logits [][]float32, labels []int32, fn func(x, labels *Node) *Node) (float32, error) {
	if err := ValidateCrossEntropyBatch(logits, labels); err != nil {
		return 0, err
	}
	backend, err := Backend()
	if err != nil {
		return 0, err
	}
	numClasses := len(logits[0])
	flat := make([]float32, 0, len(logits)*numClasses)
	for _, row := range logits {
		flat = append(flat, row...)
	}
	x := tensors.FromFlatDataAndDimensions(flat, len(logits), numClasses)
	y := tensors.FromFlatDataAndDimensions(append([]int32(nil), labels...), len(labels))
	var out *tensors.Tensor
	err = callSafely("cross entropy", func() error {
		exec, err := NewExec(backend, func(x, labels *Node) *Node {
			result := fn(x, labels)
			if result == nil {
				panic(errors.New("cross entropy: the function returned nil"))
			}
			return result
		})
		if err != nil {
			return err
		}
		defer exec.Finalize()
		out, err = exec.Call1(x, y)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("cross entropy: running the function: %w", err)
	}
	defer func() { _ = out.FinalizeAll() }()
	if want := shapes.Make(dtypes.Float32); !out.Shape().Equal(want) {
		return 0, fmt.Errorf("cross entropy: the loss has shape %s, want a float32 scalar (the mean over the %d samples)", out.Shape(), len(labels))
	}
	return tensors.MustCopyFlatData[float32](out)[0], nil
}

// FormatCrossEntropyComparison returns the two lines the original prints to
// compare its loss with the framework's, with 8 decimals:
//
//	Our CE loss: 0.34672749, GoMLX CE loss: 0.34672749
//	Difference: 0.00000000
func FormatCrossEntropyComparison(ours, framework float32) string {
	return fmt.Sprintf("Our CE loss: %0.8f, GoMLX CE loss: %0.8f\nDifference: %0.8f",
		ours, framework, math.Abs(float64(ours)-float64(framework)))
}
