package lesson

import (
	"fmt"
	"math"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN CELL CreateSpiralDataset

// CreateSpiralDataset は原作の create_spiral_dataset です。K 本の腕に N 点ずつ、
// 合計 K*N 点の 2 次元のデータ X (行優先の [K*N, 2]) と、各点のクラス y (0, ..., K-1) を
// 作ります。クラス k の点は、t を [0, 1] の N 等分点として
// CreateSpiralDataset is the original's create_spiral_dataset. It makes K arms
// of N points each: the 2-D data X of K*N points (row-major, [K*N, 2]) and the
// class y (0, ..., K-1) of each point. With t running over N evenly spaced
// points from 0 to 1, the points of class k are
//
//	x1 = t * (sin(2π/K * (2t + k)) + sigma * n1)
//	x2 = t * (cos(2π/K * (2t + k)) + sigma * n2)
//
// で、n1, n2 は標準正規分布のノイズです。点はクラスの順に並びます。
// 引数が使えない値 (K <= 0 など) のときはエラーを返します。
// where n1 and n2 are standard normal noise. The points come in class order.
// It returns an error when an argument has an unusable value (K <= 0, for
// instance).
func CreateSpiralDataset(K int, sigma float64, N int) (*tutorial.Dataset, error) {
	if err := tutorial.CheckSpiralArguments(K, sigma, N); err != nil {
		return nil, err
	}
	// ノイズの乱数: tutorial.SetSeed のシードで決まります
	// The random numbers of the noise: the seed of tutorial.SetSeed decides them.
	rng := tutorial.NewRand("spiral")
	t := tutorial.LinspaceFloat32(0, 1, N) // torch.linspace(0, 1, N)
	// 点 i は X[2*i], X[2*i+1]
	// Point i is X[2*i], X[2*i+1].
	X := make([]float32, 2*K*N)
	y := make([]int32, K*N)
	for k := range K {
		// 原作と同じく、先に x1 の N 個のノイズ、次に x2 の N 個のノイズを引きます。
		// As in the original, draw the N noise values of x1 first, then the N of x2.
		n1, n2 := make([]float64, N), make([]float64, N)
		for i := range N {
			n1[i] = rng.NormFloat64()
		}
		for i := range N {
			n2[i] = rng.NormFloat64()
		}
		for i, ti := range t {
			tt := float64(ti)
			angle := 2 * math.Pi / float64(K) * (2*tt + float64(k))
			row := k*N + i
			X[2*row] = float32(tt * (math.Sin(angle) + sigma*n1[i]))
			X[2*row+1] = float32(tt * (math.Cos(angle) + sigma*n2[i]))
			y[row] = int32(k)
		}
	}
	return &tutorial.Dataset{X: X, Y: y, NumFeatures: 2, NumClasses: K}, nil
}

// END CELL CreateSpiralDataset

// PlotSpiral creates the original's spiral dataset, prints its shapes and
// plots it (04_spiral).
func PlotSpiral() {
	// BEGIN CELL PlotSpiral
	tutorial.SetSeed(tutorial.DefaultSeed)
	data, err := CreateSpiralDataset(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass)
	if err != nil {
		panic(err)
	}
	fmt.Printf("X: (%d, %d), y: (%d,), classes: %d\n", data.Len(), data.NumFeatures, data.Len(), data.NumClasses)
	plots.ShowPlot(plots.Spiral(data.X, data.Y, "Spiral dataset"))
	// END CELL PlotSpiral
}

// RejectBadSpiralArguments prints the errors of three invalid calls of
// CreateSpiralDataset (04_spiral).
func RejectBadSpiralArguments() {
	// BEGIN CELL RejectBadSpiralArguments
	for _, bad := range []struct {
		k     int
		sigma float64
		n     int
	}{{0, 0.16, 1000}, {4, -1, 1000}, {4, 0.16, 0}} {
		_, err := CreateSpiralDataset(bad.k, bad.sigma, bad.n)
		fmt.Println(err)
	}
	// END CELL RejectBadSpiralArguments
}
