package exercises

import (
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN EXERCISE 2.1

// CrossEntropyLoss returns the mean cross-entropy of a batch (Exercise 2.1).
//
// x holds the logits, shape [N, C] float32; labels the class of each sample,
// shape [N] int32 with values in [0, C). The result is a scalar:
//
//	loss_i = -x[i, labels_i] + log(Σ_j exp(x[i, j])),   L = (1/N) Σ_i loss_i.
func CrossEntropyLoss(x, labels *Node) *Node {
	const exercise = "Exercise 2.1"

	// 1. The prediction for the label of each sample, x[i, labels_i]: shape [N].
	// (Hint: OneHot(labels, x.Shape().Dim(-1), x.DType()) is 1 at each sample's
	// label and 0 elsewhere; ReduceSum(..., -1) sums over the classes.)
	xOfLabels := tutorial.TODO(exercise, "xOfLabels (x[i, labels_i] for every sample)", x, labels)

	// 2. The loss vector of the batch, -xOfLabels + log(Σ_j exp(x[i, j])): shape [N].
	// (Hint: Exp, ReduceSum(..., -1), Log and Sub, without a loop.)
	losses := tutorial.TODO(exercise, "losses (the loss vector)", x, xOfLabels)

	// 3. The average of the loss vector: a scalar.
	avgLoss := tutorial.TODO(exercise, "avgLoss (the mean of the losses)", losses)
	return avgLoss
}

// END EXERCISE 2.1
