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

func TestShuffleAndSplitSolutionPasses(t *testing.T) {
	for seed := int64(1); seed <= 3; seed++ {
		r := checkShuffleAndSplit(solutions.ShuffleAndSplitData, rand.New(rand.NewSource(seed)))
		require.Equal(t, Pass, r.Status, r.String())
	}
}

func TestShuffleAndSplitStub(t *testing.T) {
	if pristine.Edited("pkg/exercises/split.go") {
		t.Skip("pkg/exercises/split.go holds local edits; the stub is checked in CI")
	}
	r := ShuffleAndSplitData(exercises.ShuffleAndSplitData)
	assert.Equal(t, NotImplemented, r.Status, r.String())
	assert.Equal(t, "TODO の部分を埋めてください。まだ TODO のままの部分: shuffledIndices (N 個のインデックスのランダムな並べ替え)。", r.Message)
}

func TestShuffleAndSplitCatchesMistakes(t *testing.T) {
	split := func(X, y *Node, perm func(n int) []int, testFraction float64) (*Node, *Node, *Node, *Node) {
		n := X.Shape().Dim(0)
		idx := perm(n)
		X, y = tutorial.TakeRows(X, idx), tutorial.TakeRows(y, idx)
		k := int(testFraction * float64(n))
		return Slice(X, AxisRange(0, k)), Slice(y, AxisRange(0, k)), Slice(X, AxisRange(k, n)), Slice(y, AxisRange(k, n))
	}
	identity := func(n int) []int {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	tests := []struct {
		name     string
		fn       tutorial.ShuffleAndSplitFn
		contains string
	}{
		{"no shuffle", func(X, y *Node, seed int64) (*Node, *Node, *Node, *Node) {
			return split(X, y, identity, 0.2)
		}, "seed を使ってシャッフル"},
		{"seed ignored", func(X, y *Node, seed int64) (*Node, *Node, *Node, *Node) {
			return split(X, y, rand.New(rand.NewSource(1)).Perm, 0.2)
		}, "テストセットが同じ"},
		{"unseeded", func(X, y *Node, seed int64) (*Node, *Node, *Node, *Node) {
			return split(X, y, rand.Perm, 0.2)
		}, "同じ seed で 2 回"},
		{"30 percent", func(X, y *Node, seed int64) (*Node, *Node, *Node, *Node) {
			return split(X, y, rand.New(rand.NewSource(seed)).Perm, 0.3)
		}, "800/3200"},
		{"test set taken from the end", func(X, y *Node, seed int64) (*Node, *Node, *Node, *Node) {
			n := X.Shape().Dim(0)
			perm := rand.New(rand.NewSource(seed)).Perm(n)
			X, y = tutorial.TakeRows(X, perm), tutorial.TakeRows(y, perm)
			k := n - int(0.2*float64(n))
			return Slice(X, AxisRange(k, n)), Slice(y, AxisRange(k, n)), Slice(X, AxisRange(0, k)), Slice(y, AxisRange(0, k))
		}, "seed から決まる並べ替え"},
		{"another generator", func(X, y *Node, seed int64) (*Node, *Node, *Node, *Node) {
			return split(X, y, rand.New(rand.NewSource(seed^0x5eed)).Perm, 0.2)
		}, "seed から決まる並べ替え"},
		{"labels not shuffled", func(X, y *Node, seed int64) (*Node, *Node, *Node, *Node) {
			n := X.Shape().Dim(0)
			perm := rand.New(rand.NewSource(seed)).Perm(n)
			X = tutorial.TakeRows(X, perm)
			k := int(0.2 * float64(n))
			return Slice(X, AxisRange(0, k)), Slice(y, AxisRange(0, k)), Slice(X, AxisRange(k, n)), Slice(y, AxisRange(k, n))
		}, "ラベルの期待値"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := checkShuffleAndSplit(tc.fn, rand.New(rand.NewSource(3)))
			require.Equal(t, Fail, r.Status, r.String())
			assert.Contains(t, r.String(), tc.contains)
			assert.Contains(t, r.String(), "ヒント")
		})
	}
}
