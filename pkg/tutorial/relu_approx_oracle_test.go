package tutorial_test

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// torchReluTol bounds |yHat - torch's y_hat|, relative to 1 + max|y_hat|,
// beyond what the x grid's difference explains (see
// TestRunApproximationMatchesTorch): float32 rounding and the summation order
// of the weighted sum.
const torchReluTol = 1e-6

// torchLinspaceULPs bounds |x - torch's x| in units in the last place of the
// grid's largest magnitude. tutorial.Linspace does not reproduce
// torch.linspace's float32 evaluation order: on x86 torch computes blocks of
// 8 values as base + float32(k*step) from a fused base, and only the last
// (n mod 16) values one by one, so some points differ by an ulp or two.
const torchLinspaceULPs = 2

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

func loadTorchRelu(t *testing.T) []torchReluCase {
	t.Helper()
	data, err := os.ReadFile("testdata/torch/relu_approx_oracle.json")
	require.NoError(t, err, "regenerate it with /usr/bin/python3 scripts/torch_oracle.py")
	var o struct{ Cases []torchReluCase }
	require.NoError(t, json.Unmarshal(data, &o))
	require.NotEmpty(t, o.Cases)
	return o.Cases
}

// TestRunApproximationMatchesTorch runs the solution of Exercise 1 on the
// training points torch used and compares it with the original's solution as
// torch ran it: the x grid within torchLinspaceULPs, each ReLU activation
// within the grid's difference, and y_hat within what the grid's difference
// can move it (sum_i |w_i| * max|dx|, the weighted sum's Lipschitz constant
// in x) plus torchReluTol.
func TestRunApproximationMatchesTorch(t *testing.T) {
	for _, tc := range loadTorchRelu(t) {
		t.Run(tc.Name, func(t *testing.T) {
			xTrain, yTrain := float32s(t, tc.XTrain), float32s(t, tc.YTrain)
			approx, err := tutorial.RunApproximation(solutions.ApproximateFunction, xTrain, yTrain)
			require.NoError(t, err)

			wantX := float32s(t, tc.X)
			require.Len(t, approx.X, len(wantX))
			span := math.Max(math.Abs(float64(wantX[0])), math.Abs(float64(wantX[len(wantX)-1])))
			ulp := float64(math.Nextafter32(float32(span), float32(math.Inf(1)))) - span
			maxDX, differ := 0.0, 0
			for i := range wantX {
				dx := math.Abs(float64(approx.X[i]) - float64(wantX[i]))
				maxDX = math.Max(maxDX, dx)
				if dx != 0 {
					differ++
				}
			}
			t.Logf("x: %d of %d points differ from torch's, by at most %.3g ulp", differ, len(wantX), maxDX/ulp)
			assert.LessOrEqual(t, maxDX, torchLinspaceULPs*ulp, "max |x - x_torch|")
			assert.Equal(t, wantX[0], approx.X[0], "x starts at min(x_train)")

			// relu(x + b) moves by at most |dx| (plus one rounding).
			require.Len(t, approx.ReluActs, len(xTrain)-1)
			for i, row := range approx.ReluActs {
				for j, v := range row {
					want := math.Max(0, float64(wantX[j])-float64(xTrain[i]))
					if !assert.InDelta(t, want, float64(v), maxDX+2*ulp, "relu_acts[%d][%d]", i, j) {
						break
					}
				}
			}

			weights := float32s(t, tc.Weights)
			lipschitz := 0.0
			for _, w := range weights {
				lipschitz += math.Abs(float64(w))
			}
			want := float32s(t, tc.YHat)
			scale := 0.0
			for _, v := range want {
				scale = math.Max(scale, math.Abs(float64(v)))
			}
			tol := lipschitz*maxDX + torchReluTol*(1+scale)
			require.Len(t, approx.YHat, len(want))
			for i := range want {
				if !assert.InDelta(t, want[i], approx.YHat[i], tol, "y_hat[%d]", i) {
					break
				}
			}
		})
	}
}

// TestReluTorchOracleReference: torch's own run of the tutorial's case gives
// docs/REFERENCE.md's Exercise 1 numbers, and SineTrainingPoints gives
// torch's training points to within an ulp (LinspaceFloat32 rounds the step
// from 2*pi in float64 where torch first rounds the end to float32, and
// torch.sin is a vectorised approximation within 1 ulp).
func TestReluTorchOracleReference(t *testing.T) {
	tc := loadTorchRelu(t)[0]
	require.Equal(t, "tutorial sine, 10 points", tc.Name)
	x, y := tutorial.SineTrainingPoints(10)
	wantX, wantY := float32s(t, tc.XTrain), float32s(t, tc.YTrain)
	require.Len(t, x, len(wantX))
	for i := range wantX {
		assert.LessOrEqual(t, ulpDistance(x[i], wantX[i]), 1, "x_train[%d]: got %v; want %v (torch.linspace(0, 2*np.pi, 10))", i, x[i], wantX[i])
		// |sin'| <= 1: y moves by at most |dx|, plus the roundings of sin.
		tol := math.Abs(float64(x[i])-float64(wantX[i])) + 2*ulpOf(wantY[i])
		assert.InDelta(t, wantY[i], y[i], tol, "y_train[%d]: got %v; want %v (torch.sin(x_train))", i, y[i], wantY[i])
	}
	refWeights := []float64{0.92073, -0.43082, -0.66005, -0.58044, -0.22923, 0.22923, 0.58044, 0.66005, 0.43082}
	weights := float32s(t, tc.Weights)
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

// ulpOf is the gap from |v| to the next float32 up.
func ulpOf(v float32) float64 {
	a := float32(math.Abs(float64(v)))
	return float64(math.Nextafter32(a, float32(math.Inf(1)))) - float64(a)
}

// ulpDistance is the number of float32 values between a and b (same sign).
func ulpDistance(a, b float32) int {
	d := int(math.Float32bits(a)) - int(math.Float32bits(b))
	return max(d, -d)
}
