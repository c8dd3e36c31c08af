package exercises

import (
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN EXERCISE 2.1

// CrossEntropyLoss は、バッチの平均クロスエントロピー損失を返します (演習 2.1)。
// CrossEntropyLoss returns the mean cross-entropy loss of a batch (Exercise
// 2.1).
//
// x はロジットで形状 [N, C] の float32、labels は各サンプルのクラスで形状 [N]
// の int32 (値は 0 から C-1)。結果はスカラーです:
// x holds the logits, float32 of shape [N, C]; labels holds each sample's
// class, int32 of shape [N] (values 0 to C-1). The result is a scalar:
//
//	loss_i = -x[i, labels_i] + log(Σ_j exp(x[i, j])),   L = (1/N) Σ_i loss_i.
func CrossEntropyLoss(x, labels *Node) *Node {
	const exercise = "Exercise 2.1"

	// 1. 各サンプルの正解ラベルに対応する予測値 x[i, labels_i]: 形状 [N]。
	// (ループではなく、インデックス操作で取り出す。)
	// 1. Each sample's prediction for its correct label, x[i, labels_i]:
	// shape [N]. (Pick them out with indexing operations, not a loop.)
	xOfLabels := tutorial.TODO(exercise, tutorial.Blank("blank.ce.x_of_labels"), x, labels)

	// 2. バッチの損失ベクトル: 形状 [N]。ループを使わずに計算する。
	// 2. The loss vector of the batch: shape [N]. Compute it without a loop.
	losses := tutorial.TODO(exercise, tutorial.Blank("blank.ce.losses"), x, xOfLabels)

	// 3. 損失ベクトルの平均: スカラー。
	// 3. The mean of the loss vector: a scalar.
	avgLoss := tutorial.TODO(exercise, tutorial.Blank("blank.ce.avg_loss"), losses)
	return avgLoss
}

// END EXERCISE 2.1
