package lesson

import (
	"fmt"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN CELL DecisionMapFunctions

// SampleGrid は原作の sample_grid です。[-xMax, xMax]² を M × M の格子に分けた
// M*M 個の点を、行優先の [M*M, 2] で返します。t = torch.linspace(-xMax, xMax, M) として、
// 点 r*M + c は (x1, x2) = (t[c], t[M-1-r]) です。行は上 (x2 = xMax) から下へ、列は左から
// 右へ並ぶので、点ごとの値を [M, M] に並べると、そのまま正しい向きの画像になります。
// (原作は meshgrid の "ij" 順で格子を作って imshow で描くので、散布図に対して 90°
// 回転した図になっていました。)
// SampleGrid is the original's sample_grid. It returns the M*M points of an
// M x M grid on [-xMax, xMax]², row-major [M*M, 2]. With
// t = torch.linspace(-xMax, xMax, M), point r*M + c is (x1, x2) = (t[c], t[M-1-r]).
// Rows go from the top (x2 = xMax) down and columns from left to right, so
// values per point laid out as [M, M] are an image the right way up. (The
// original builds the grid in meshgrid's "ij" order and draws it with imshow,
// so its map was rotated by 90° from the scatter plot.)
func SampleGrid(M int, xMax float64) ([]float32, error) {
	switch {
	case M < 2:
		return nil, fmt.Errorf("decision map: M must be >= 2, got %d", M)
	case !(xMax > 0):
		return nil, fmt.Errorf("decision map: xMax must be > 0, got %g", xMax)
	case M > 10_000:
		return nil, fmt.Errorf("decision map: M=%d would make %d points; at most 10000 x 10000 are allowed", M, M*M)
	}
	t := tutorial.LinspaceFloat32(-xMax, xMax, M)
	XAll := make([]float32, 0, 2*M*M)
	for r := range M {
		for c := range M {
			XAll = append(XAll, t[c], t[M-1-r])
		}
	}
	return XAll, nil
}

// PredictChunk は、Predict が一度に推論する点の数です。25 万点を一度に推論すると、
// 隠れ層の値だけで 128 MB になるからです。
// PredictChunk is how many points Predict runs through the network at once:
// all 250,000 at once would take 128 MB for the hidden layer alone.
const PredictChunk = 10_000

// Predict は学習した net (重みは store) で、points (行優先の [n, InputFeatureNum]) の
// 各点のクラス (出力の argmax) を予測します。原作の net(X_all) と
// torch.argmax(y_pred, dim=1) に当たります。推論だけなので、勾配は計算しません。
// Predict predicts, with the trained net (its weights in store), the class
// (the argmax of the output) of every point of points (row-major
// [n, InputFeatureNum]): the original's net(X_all) and
// torch.argmax(y_pred, dim=1). It only infers, so it computes no gradients.
func Predict(net *tutorial.Net, MLPForward tutorial.MLPForwardFn, store *model.Store, points []float32) ([]int32, error) {
	f := net.InputFeatureNum
	if len(points)%f != 0 {
		return nil, fmt.Errorf("predict: %d values is not a whole number of samples of %d features", len(points), f)
	}
	backend, err := tutorial.Backend()
	if err != nil {
		return nil, err
	}
	modelFn := net.ModelFn(MLPForward)
	exec, err := model.NewExec(backend, store, func(scope *model.Scope, x *graph.Node) *graph.Node {
		return graph.ArgMax(modelFn(scope, x), -1)
	})
	if err != nil {
		return nil, err
	}
	defer exec.Finalize()
	n := len(points) / f
	classes := make([]int32, 0, n)
	for start := 0; start < n; start += PredictChunk {
		end := min(start+PredictChunk, n)
		out, err := exec.Call(tensors.FromFlatDataAndDimensions(points[start*f:end*f], end-start, f))
		if err != nil {
			return nil, fmt.Errorf("predict: %w", err)
		}
		classes = append(classes, tensors.MustCopyFlatData[int32](out[0])...)
	}
	return classes, nil
}

// END CELL DecisionMapFunctions

// ShowDecisionMap retrains the network of [TrainAndPlotLoss] quietly (a GoNB
// cell keeps no model from the cell before), predicts the class of every
// point of the 500 × 500 grid on [-2, 2]², prints how many points each class
// got and plots the map with the test set on it (05_training).
func ShowDecisionMap(ShuffleAndSplitData tutorial.ShuffleAndSplitFn, MLPForward tutorial.MLPForwardFn) {
	// BEGIN CELL ShowDecisionMap
	// 前のセルと同じ学習を、表示なしでやり直します。
	// The same training as in the cell before, without output.
	run, err := TrainSpiral(ShuffleAndSplitData, MLPForward, false)
	if tutorial.FinishFirst(err) {
		return
	}
	const M, xMax = 500, 2.0
	XAll, err := SampleGrid(M, xMax)
	if err != nil {
		panic(err)
	}
	yPred, err := Predict(run.Net, MLPForward, run.Store, XAll)
	if err != nil {
		panic(err)
	}
	K := run.Net.OutputFeatureNum
	counts := make([]int, K)
	for _, k := range yPred {
		counts[k]++
	}
	fmt.Println("predicted class counts on the grid:", counts)
	// 原作の plot_decision_map は、テストの点から距離の 2 乗が 1e-3 未満の格子点を
	// K + (本当のクラス) の値にして、全体を一枚の画像 (imshow) で描きます。ここでは
	// 予測を薄い色で描き、その上にテストの点を、本当のクラスの色の縁取りした丸で描きます。
	// The original's plot_decision_map sets the grid points within squared
	// distance 1e-3 of a test point to K + its true class and draws it all as one
	// image (imshow). Here the prediction is drawn in light colours, and the test
	// points on it as outlined circles in the colour of their true class.
	plots.Show(plots.DecisionMap(yPred, M, xMax, run.Test.X, run.Test.Y, K))
	// END CELL ShowDecisionMap
}
