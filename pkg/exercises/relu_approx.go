package exercises

import (
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/layers/activation"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN EXERCISE 1

// ApproximateFunction は、点 (xTrain, yTrain) で与えられた関数を、横にずらした
// ReLU の重み付き和で近似します (演習 1)。
// ApproximateFunction approximates the function given by the points (xTrain,
// yTrain) with a weighted sum of shifted ReLUs (Exercise 1).
//
// xTrain と yTrain の形状は [n] で、xTrain は昇順です。返す値は、格子 x 上の
// 近似値 yHat [1000]、ReLU の活性化 reluActs [n-1, 1000] (行 i が ReLU i)、
// 格子 x [1000] です。
// xTrain and yTrain have shape [n], with xTrain in increasing order. It
// returns the approximation yHat [1000] on the grid x, the ReLU activations
// reluActs [n-1, 1000] (row i is ReLU i), and the grid x [1000].
func ApproximateFunction(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
	const exercise = "Exercise 1"

	// ReLU の数: 訓練点の間の区間ごとに一つ (最後の点の右には近似するものがない)。
	// The number of ReLUs: one per interval between training points (there is
	// nothing to approximate right of the last point).
	numRelus := xTrain.Shape().Dim(0) - 1

	// x 軸の点 (xTrain より細かい格子)。
	// The points of the x axis (a grid finer than xTrain).
	x = tutorial.Linspace(ReduceAllMin(xTrain), ReduceAllMax(xTrain), tutorial.ApproximationGridSize)

	// ReLU の活性化を計算する
	// Compute the ReLU activations.
	// まず numRelus 個の ReLU それぞれのバイアスを決める: 形状 [numRelus]。
	// First choose the bias of each of the numRelus ReLUs: shape [numRelus].
	// ReLU i は relu(x + b[i]) なので、b[i] は折れ曲がり点の位置を決める。
	// ReLU i is relu(x + b[i]), so b[i] sets where it bends.
	b := tutorial.TODO(exercise, tutorial.Blank("blank.relu.biases"), xTrain)

	// x 軸の各点で ReLU の活性化を計算する。
	// Compute the ReLU activations at every point of the x axis.
	rows := make([]*Node, numRelus)
	for i := range numRelus {
		rows[i] = activation.Relu(Add(x, Squeeze(Slice(b, AxisElem(i)))))
	}
	reluActs = Stack(rows, 0) // [numRelus, len(x)]

	// ReLU の活性化を組み合わせる
	// Combine the ReLU activations.
	// 各 ReLU の重みを決める。左から順に、訓練点を通過するたびに、近似の傾きが
	// 次の訓練点へ向かう傾き (slope) に変わるようにしたい。ReLU i を足すと、その
	// 折れ曲がり点より右の傾きが重みの分だけ変わる。
	// Choose the weight of each ReLU. Going from left to right, each time the
	// approximation passes a training point its slope should become the slope
	// towards the next training point (slope). Adding ReLU i changes the slope
	// right of its bend by its weight.
	weights := make([]*Node, numRelus)
	prevSlope := ScalarZero(xTrain.Graph(), xTrain.DType())
	for i := range numRelus {
		deltaX := Sub(Squeeze(Slice(xTrain, AxisElem(i+1))), Squeeze(Slice(xTrain, AxisElem(i))))
		slope := Div(Sub(Squeeze(Slice(yTrain, AxisElem(i+1))), Squeeze(Slice(yTrain, AxisElem(i)))), deltaX)
		weights[i] = tutorial.TODO(exercise, tutorial.Blank("blank.relu.weight"), slope, prevSlope)
		prevSlope = slope
	}
	combinationWeights := Stack(weights, 0) // [numRelus]

	// x 軸の各点での、ReLU の活性化の重み付き和。
	// The weighted sum of the ReLU activations at every point of the x axis.
	yHat = tutorial.TODO(exercise, tutorial.Blank("blank.relu.yhat"), combinationWeights, reluActs)
	return yHat, reluActs, x
}

// END EXERCISE 1
