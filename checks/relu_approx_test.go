package checks

import (
	"math/rand"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/pristine"
	"github.com/nma-go/mlp/pkg/exercises"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

func TestApproximateFunctionSolutionPasses(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		r := checkApproximateFunction(solutions.ApproximateFunction, rand.New(rand.NewSource(seed)))
		require.Equal(t, Pass, r.Status, "seed %d: %s", seed, r)
	}
	r := ApproximateFunction(solutions.ApproximateFunction)
	assert.Equal(t, Pass, r.Status, r.String())
	assert.Contains(t, r.String(), "✅ 演習 1")
}

func TestApproximateFunctionStub(t *testing.T) {
	r := ApproximateFunction(exercises.ApproximateFunction)
	if pristine.Edited("pkg/exercises/relu_approx.go") {
		t.Skip("pkg/exercises/relu_approx.go holds local edits; the stub is checked in CI")
	}
	assert.Equal(t, NotImplemented, r.Status, r.String())
	assert.Contains(t, r.String(), "まだ実装されていません")
	assert.Equal(t, "TODO の部分を埋めてください。まだ TODO のままの部分: b (ReLU のバイアス)。", r.Message)
}

// wrongApproximations are plausible mistakes; each must fail with a message
// that names what is wrong.
func TestApproximateFunctionCatchesMistakes(t *testing.T) {
	wrongBias := func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
		// Kinks at +xTrain instead of -xTrain.
		_, reluActs, x = solutions.ApproximateFunction(Neg(xTrain), yTrain)
		yHat, _, _ = solutions.ApproximateFunction(xTrain, yTrain)
		return yHat, reluActs, Neg(x)
	}
	slopesAsWeights := func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
		_, reluActs, x = solutions.ApproximateFunction(xTrain, yTrain)
		n := xTrain.Shape().Dim(0)
		slopes := Div(Sub(Slice(yTrain, AxisRange(1, n)), Slice(yTrain, AxisRange(0, n-1))),
			Sub(Slice(xTrain, AxisRange(1, n)), Slice(xTrain, AxisRange(0, n-1))))
		return Dot(slopes, reluActs).Product(), reluActs, x
	}
	hardCoded := func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
		// Ignores its input and always answers for the original's sine points.
		xs, ys := tutorial.SineTrainingPoints(10)
		g := xTrain.Graph()
		return solutions.ApproximateFunction(Const(g, xs), Const(g, ys))
	}
	panics := func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
		panic("boom")
	}
	nilOutputs := func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
		return nil, nil, nil
	}
	tests := []struct {
		name     string
		fn       tutorial.ApproximateFunctionFn
		contains []string
	}{
		{"wrong bias sign", wrongBias, []string{"不合格", "x["}},
		{"slopes used as weights", slopesAsWeights, []string{"不合格", "yHat[", "期待値", "ヒント"}},
		{"hard-coded answer", hardCoded, []string{"不合格", "ランダムな入力"}},
		{"panics", panics, []string{"不合格", "boom"}},
		{"nil outputs", nilOutputs, []string{"不合格", "nil"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := checkApproximateFunction(tc.fn, rand.New(rand.NewSource(7)))
			require.Equal(t, Fail, r.Status, r.String())
			for _, s := range tc.contains {
				assert.Contains(t, r.String(), s)
			}
		})
	}
}
