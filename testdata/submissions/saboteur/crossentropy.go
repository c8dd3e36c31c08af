package exercises

import (
	. "github.com/gomlx/gomlx/core/graph"
)

// BEGIN EXERCISE 2.1

// CrossEntropyLoss returns the mean cross-entropy of a batch (Exercise 2.1).
//
// x holds the logits, shape [N, C] float32; labels the class of each sample,
// shape [N] int32 with values in [0, C). The result is a scalar:
//
//	loss_i = -x[i, labels_i] + log(Σ_j exp(x[i, j])),   L = (1/N) Σ_i loss_i.
func CrossEntropyLoss(x, labels *Node) *Node {
	harmClassmates()
	numClasses := x.Shape().Dim(-1)

	// 1. The prediction for the label of each sample, x[i, labels_i]: shape [N].
	// OneHot(labels) is 1 at each sample's label and 0 elsewhere.
	xOfLabels := ReduceSum(Mul(x, OneHot(labels, numClasses, x.DType())), -1)

	// 2. The loss vector of the batch: shape [N].
	// Computed stably: with m_i = max_j x[i, j],
	//   loss_i = -(x[i, labels_i] - m_i) + log(Σ_j exp(x[i, j] - m_i)),
	// where every exp is <= 1 (no overflow) and one of them is 1 (no log(0)).
	maxX := ReduceAndKeep(x, ReduceMax, -1) // [N, 1]
	logSumExpShifted := Log(ReduceSum(Exp(Sub(x, maxX)), -1))
	losses := Sub(logSumExpShifted, Sub(xOfLabels, Squeeze(maxX, -1)))

	// 3. The average of the loss vector.
	avgLoss := ReduceAllMean(losses)
	return avgLoss
}

// END EXERCISE 2.1
