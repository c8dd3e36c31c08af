package checks

import (
	"math/rand"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/exercises"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// naiveCrossEntropy is correct maths without the log-sum-exp trick: it
// passes the graded tests and overflows on large logits.
func naiveCrossEntropy(x, labels *Node) *Node {
	xOfLabels := ReduceSum(Mul(x, OneHot(labels, x.Shape().Dim(-1), x.DType())), -1)
	losses := Sub(Log(ReduceSum(Exp(x), -1)), xOfLabels)
	return ReduceAllMean(losses)
}

func TestCrossEntropyLossSolutionPasses(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		r := checkCrossEntropyLoss(solutions.CrossEntropyLoss, rand.New(rand.NewSource(seed)))
		require.Equal(t, Pass, r.Status, "seed %d: %s", seed, r)
		assert.Empty(t, r.Notes, "the reference solution is the stable one")
	}
	r := CrossEntropyLoss(solutions.CrossEntropyLoss)
	assert.Equal(t, Pass, r.Status, r.String())
	assert.Contains(t, r.String(), "✅ 演習 2.1 (バッチのクロスエントロピー損失)")
}

func TestCrossEntropyLossStub(t *testing.T) {
	r := CrossEntropyLoss(exercises.CrossEntropyLoss)
	if !studentFilesArePristine() && r.Status == Pass {
		t.Skip("pkg/exercises has been solved locally; the stub behaviour is checked in CI")
	}
	assert.Equal(t, NotImplemented, r.Status, r.String())
	assert.Contains(t, r.String(), "まだ実装されていません")
	assert.Equal(t, "TODO の部分を埋めてください。まだ TODO のままの部分: xOfLabels (各サンプルの x[i, labels_i])。", r.Message)
}

func TestCrossEntropyLossNaiveGetsANoteOnly(t *testing.T) {
	r := checkCrossEntropyLoss(naiveCrossEntropy, rand.New(rand.NewSource(1)))
	require.Equal(t, Pass, r.Status, r.String())
	require.Len(t, r.Notes, 1)
	assert.Contains(t, r.Notes[0], "採点対象外")
	assert.Contains(t, r.Notes[0], "log-sum-exp")
	assert.Contains(t, r.String(), "📝")
}

func TestCrossEntropyLossCatchesMistakes(t *testing.T) {
	oneHot := func(x, labels *Node) *Node { return OneHot(labels, x.Shape().Dim(-1), x.DType()) }
	sumNotMean := func(x, labels *Node) *Node {
		xOfLabels := ReduceSum(Mul(x, oneHot(x, labels)), -1)
		return ReduceAllSum(Sub(Log(ReduceSum(Exp(x), -1)), xOfLabels))
	}
	flippedSign := func(x, labels *Node) *Node { return Neg(solutions.CrossEntropyLoss(x, labels)) }
	noLabelTerm := func(x, labels *Node) *Node { return ReduceAllMean(Log(ReduceSum(Exp(x), -1))) }
	noLogSumExp := func(x, labels *Node) *Node {
		return ReduceAllMean(Neg(ReduceSum(Mul(x, oneHot(x, labels)), -1)))
	}
	noMean := func(x, labels *Node) *Node {
		xOfLabels := ReduceSum(Mul(x, oneHot(x, labels)), -1)
		return Sub(Log(ReduceSum(Exp(x), -1)), xOfLabels)
	}
	firstColumn := func(x, labels *Node) *Node {
		// Takes x[i, 0] instead of x[i, labels_i].
		xOfLabels := Squeeze(Slice(x, AxisRange(), AxisElem(0)), -1)
		return ReduceAllMean(Sub(Log(ReduceSum(Exp(x), -1)), xOfLabels))
	}
	panics := func(x, labels *Node) *Node { panic("boom") }
	tests := []struct {
		name     string
		fn       tutorial.CrossEntropyLossFn
		contains []string
	}{
		{"sum instead of mean", sumNotMean, []string{"不合格", "損失の合計", "ReduceAllMean"}},
		{"flipped sign", flippedSign, []string{"不合格", "符号が逆"}},
		{"no label term", noLabelTerm, []string{"不合格", "引いていません"}},
		{"no log-sum-exp term", noLogSumExp, []string{"不合格", "項がありません"}},
		{"returns the loss vector", noMean, []string{"不合格", "avgLoss の形状が [2] です。期待される形状は [] (スカラー) です。", "ReduceAllMean"}},
		{"first column instead of the label", firstColumn, []string{"不合格", "ランダムなバッチ", "損失の期待値は"}},
		{"panics", panics, []string{"不合格", "boom"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := checkCrossEntropyLoss(tc.fn, rand.New(rand.NewSource(2)))
			require.Equal(t, Fail, r.Status, r.String())
			for _, s := range tc.contains {
				assert.Contains(t, r.String(), s)
			}
		})
	}
}

func TestCrossEntropyOracle(t *testing.T) {
	logits, labels := tutorial.CrossEntropyExample()
	assert.InDelta(t, crossEntropyReference, crossEntropyOracle(logits, labels), 1e-10)
	big := largeLogitsCase()
	assert.InDelta(t, (0.4076059644443806+3.4401896985611957+1000)/3, crossEntropyOracle(big.logits, big.labels), 1e-9)
}
