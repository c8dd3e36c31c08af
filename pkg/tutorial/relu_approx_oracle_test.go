package tutorial_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/torchoracle"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// torchReluTol bounds |yHat - torch's y_hat|, relative to 1 + max|y_hat|:
// float32 rounding and the summation order of the weighted sum, the one
// step whose order torch and GoMLX choose differently. The grid and the ReLU
// activations before it are torch's bit for bit.
const torchReluTol = 1e-6

type torchReluCase struct {
	Name             string
	XTrain           []json.Number `json:"x_train"`
	YTrain           []json.Number `json:"y_train"`
	Weights          []json.Number
	X                []json.Number
	YHat             []json.Number `json:"y_hat"`
	ReluActsSHA256   string        `json:"relu_acts_sha256"`
	MaxAbsErrorVsSin json.Number   `json:"max_abs_error_vs_sin"`
	ArgmaxX          json.Number   `json:"argmax_x"`
}

// TestRunApproximationMatchesTorch runs the solution of Exercise 1 on the
// training points torch used and compares it with the original's solution as
// torch ran it: the x grid (tutorial.Linspace) and every ReLU activation bit
// for bit, and y_hat within torchReluTol.
func TestRunApproximationMatchesTorch(t *testing.T) {
	for _, tc := range loadTorchCases[torchReluCase](t, "relu_approx_oracle.json") {
		t.Run(tc.Name, func(t *testing.T) {
			xTrain, yTrain := torchoracle.Float32s(t, tc.XTrain), torchoracle.Float32s(t, tc.YTrain)
			approx, err := tutorial.RunApproximation(solutions.ApproximateFunction, xTrain, yTrain)
			require.NoError(t, err)

			assert.Equal(t, torchoracle.Float32s(t, tc.X), approx.X, "x: torch.linspace(min(x_train), max(x_train), 1000)")
			var reluActs []float32
			for _, row := range approx.ReluActs {
				reluActs = append(reluActs, row...)
			}
			require.Len(t, reluActs, (len(xTrain)-1)*tutorial.ApproximationGridSize)
			assert.Equal(t, tc.ReluActsSHA256, torchoracle.SHA256(reluActs), "relu_acts bits")

			want := torchoracle.Float32s(t, tc.YHat)
			scale := 0.0
			for _, v := range want {
				scale = math.Max(scale, math.Abs(float64(v)))
			}
			require.Len(t, approx.YHat, len(want))
			for i := range want {
				if !assert.InDelta(t, want[i], approx.YHat[i], torchReluTol*(1+scale), "y_hat[%d]", i) {
					break
				}
			}
		})
	}
}

// TestReluTorchOracleReference: torch's own run of the tutorial's case gives
// docs/REFERENCE.md's Exercise 1 numbers, and SineTrainingPoints gives
// torch's training points: x bit for bit (torch.linspace), y within an ulp
// (torch.sin is a vectorised approximation within 1 ulp; Go's math.Sin is
// rounded once from float64).
func TestReluTorchOracleReference(t *testing.T) {
	tc := loadTorchCases[torchReluCase](t, "relu_approx_oracle.json")[0]
	require.Equal(t, "tutorial sine, 10 points", tc.Name)
	x, y := tutorial.SineTrainingPoints(10)
	assert.Equal(t, torchoracle.Float32s(t, tc.XTrain), x, "x_train: torch.linspace(0, 2*np.pi, 10)")
	wantY := torchoracle.Float32s(t, tc.YTrain)
	require.Len(t, y, len(wantY))
	for i := range wantY {
		assert.LessOrEqual(t, ulpDistance(y[i], wantY[i]), 1, "y_train[%d]: got %v; want %v (torch.sin(x_train))", i, y[i], wantY[i])
	}
	refWeights := []float64{0.92073, -0.43082, -0.66005, -0.58044, -0.22923, 0.22923, 0.58044, 0.66005, 0.43082}
	weights := torchoracle.Float32s(t, tc.Weights)
	require.Len(t, weights, len(refWeights))
	for i, w := range refWeights {
		assert.InDelta(t, w, weights[i], 5e-6, "combination weight %d", i)
	}
	maxErr, err := tc.MaxAbsErrorVsSin.Float64()
	require.NoError(t, err)
	assert.InDelta(t, 0.0594, maxErr, 5e-5, "max |y_hat - sin|")
	at, err := tc.ArgmaxX.Float64()
	require.NoError(t, err)
	assert.InDelta(t, 4.54, at, 5e-3, "where the error is largest")
}

// ulpDistance is the number of float32 values between a and b (same sign).
func ulpDistance(a, b float32) int {
	d := int(math.Float32bits(a)) - int(math.Float32bits(b))
	return max(d, -d)
}
