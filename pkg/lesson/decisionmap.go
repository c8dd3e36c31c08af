package lesson

import (
	"fmt"
	"slices"

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
const PredictChunk = 10_000

// Predict は学習した net (重みは store) で、points (行優先の [n, InputFeatureNum]) の
// 各点のクラス (出力の argmax) を予測します。原作の net(X_all) と
// torch.argmax(y_pred, dim=1) に当たります。推論だけなので、勾配は計算しません。
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

// DecisionMap は原作の plot_decision_map のうち、描く前の部分です。格子の各点の
// 予測クラス yPred (0, ..., K-1) を写してから、テストの各点から距離の 2 乗が
// eps = 1e-3 より小さい格子点を、そのテストの点の本当のクラスに K を足した値
// (K, ..., 2K-1) にします。描くと、テストの点が予測の上に重なって見えます。
func DecisionMap(XAll []float32, yPred []int32, XTest []float32, yTest []int32, K int) []int32 {
	const eps = 1e-3
	decisionMap := slices.Clone(yPred)
	for i, label := range yTest {
		x1, x2 := XTest[2*i], XTest[2*i+1]
		for j := range decisionMap {
			d1, d2 := XAll[2*j]-x1, XAll[2*j+1]-x2
			if d1*d1+d2*d2 < eps {
				decisionMap[j] = int32(K) + label
			}
		}
	}
	return decisionMap
}

// END CELL DecisionMapFunctions

// ShowDecisionMap retrains the network of [TrainAndPlotLoss] quietly (a GoNB
// cell keeps no model from the cell before), predicts the class of every
// point of the 500 × 500 grid on [-2, 2]², prints how many points each class
// got and plots the map under the test set (05_training).
func ShowDecisionMap(ShuffleAndSplitData tutorial.ShuffleAndSplitFn, MLPForward tutorial.MLPForwardFn) {
	// BEGIN CELL ShowDecisionMap
	run, err := TrainSpiral(ShuffleAndSplitData, MLPForward, false) // 前と同じ学習を、表示なしで
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
	decisionMap := DecisionMap(XAll, yPred, run.Test.X, run.Test.Y, K)
	plots.ShowPlot(plots.DecisionMap(decisionMap, M, xMax, K)) // 原作の plt.imshow
	// END CELL ShowDecisionMap
}
