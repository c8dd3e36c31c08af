package lesson

import (
	"fmt"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/layers"
	"github.com/gomlx/gomlx/ml/model"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// The GoMLX primer of 00_setup: the seed and the backend, a graph function
// run with Exec, a tensor, and a dense layer's variables in a model store.

// SetSeedAndReportBackend sets the tutorial's seed and prints it and the
// backend, as the original's set_seed and set_device do (00_setup).
func SetSeedAndReportBackend() {
	// BEGIN CELL SetSeedAndReportBackend
	tutorial.SetSeed(tutorial.DefaultSeed)
	fmt.Println(tutorial.SeedMessage())
	fmt.Println(tutorial.BackendReport())
	// END CELL SetSeedAndReportBackend
}

// BEGIN CELL SumOfSquares

// sumOfSquares はグラフ関数です。sum(x²) を計算するグラフを組み立てます。
// sumOfSquares is a graph function: it builds the graph for sum(x²).
func sumOfSquares(x *graph.Node) *graph.Node {
	return graph.ReduceAllSum(graph.Mul(x, x))
}

// END CELL SumOfSquares

// RunSumOfSquares compiles sumOfSquares with Exec and runs it on two inputs
// of different shapes (00_setup).
func RunSumOfSquares() {
	// BEGIN CELL RunSumOfSquares
	backend := tutorial.MustBackend()
	exec := graph.MustNewExec(backend, sumOfSquares)
	fmt.Println(exec.MustCall1([]float32{1, 2, 3})) // 1 + 4 + 9
	// 入力の形状が変わったので、グラフがもう一度コンパイルされる。
	// A new shape: the graph is compiled again.
	fmt.Println(exec.MustCall1([]float32{0.5, -0.5}))
	// END CELL RunSumOfSquares
}

// ShowTensor prints a tensor's shape and value and copies it into a Go
// slice (00_setup).
func ShowTensor() {
	// BEGIN CELL ShowTensor
	t := tensors.FromValue([][]float32{{1, 2, 3}, {4, 5, 6}})
	fmt.Println("shape:", t.Shape())
	fmt.Println("value:", t.Value())
	flat := tensors.MustCopyFlatData[float32](t)
	fmt.Println("flat Go slice:", flat)
	// END CELL ShowTensor
}

// ShowDenseVariables runs a dense layer once and prints the variables it
// created in the model store (00_setup).
func ShowDenseVariables() {
	// BEGIN CELL ShowDenseVariables
	tutorial.SetSeed(tutorial.DefaultSeed)
	store, err := tutorial.NewStore("primer")
	if err != nil {
		panic(err)
	}
	dense := model.MustNewExec(tutorial.MustBackend(), store, func(scope *model.Scope, x *graph.Node) *graph.Node {
		// 出力 3 の全結合層 (PyTorch の nn.Linear(2, 3))。
		// A dense layer with 3 outputs (PyTorch's nn.Linear(2, 3)).
		return layers.Dense(scope.In("dense"), x, true, 3)
	})
	y := dense.MustCall1([][]float32{{1, 2}})
	fmt.Println("output shape:", y.Shape())
	for v := range store.IterVariables() {
		fmt.Printf("variable %s: %s\n", v, v.Shape())
	}
	fmt.Println("parameters:", store.NumParameters())
	// END CELL ShowDenseVariables
}
