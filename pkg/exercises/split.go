package exercises

import (
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN EXERCISE 2.3

// ShuffleAndSplitData は、seed で決まる並べ替えでサンプルをシャッフルし、先頭の
// 20% をテストセット、残りを訓練セットに分けます (演習 2.3)。
// ShuffleAndSplitData shuffles the samples with the permutation that seed
// fixes, and splits them into the first 20% as the test set and the rest as
// the training set (Exercise 2.3).
//
// 並べ替えには、math/rand の生成器 rand.New(rand.NewSource(seed)) の Perm が
// 返す順番を使ってください。チェックはちょうどその順番を期待します (seed が
// 同じなら、いつも同じ分割になるように)。
// For the permutation, use the order that Perm of math/rand's generator
// rand.New(rand.NewSource(seed)) returns. The check expects exactly that
// order (so that the same seed always gives the same split).
//
// X は float32 [N, F]、y は int32 [N] です。出力の形状は
// tutorial.ShuffleAndSplitFn を見てください。
// X is float32 [N, F] and y is int32 [N]. For the shapes of the outputs,
// see tutorial.ShuffleAndSplitFn.
func ShuffleAndSplitData(X, y *Node, seed int64) (XTest, yTest, XTrain, yTrain *Node) {
	const exercise = "Exercise 2.3"

	// サンプルの数。
	// The number of samples.
	N := X.Shape().Dim(0)

	// データをシャッフルする: 0..N-1 のインデックスのランダムな並べ替え
	// (torch.randperm に当たるもの)。
	// Shuffle the data: a random permutation of the indices 0..N-1 (the
	// counterpart of torch.randperm).
	shuffledIndices := tutorial.TODOValue[[]int](exercise, tutorial.Blank("blank.split.shuffled_indices"))
	X = tutorial.TakeRows(X, shuffledIndices)
	y = tutorial.TakeRows(y, shuffledIndices)

	// 訓練/テストに分ける: テストセットはサンプルの 20%。
	// Split into training and test sets: the test set is 20% of the samples.
	testSize := tutorial.TODOValue[int](exercise, tutorial.Blank("blank.split.test_size"))
	XTest = Slice(X, AxisRange(0, testSize))
	yTest = Slice(y, AxisRange(0, testSize))
	XTrain = Slice(X, AxisRange(testSize, N))
	yTrain = Slice(y, AxisRange(testSize, N))
	return XTest, yTest, XTrain, yTrain
}

// END EXERCISE 2.3
