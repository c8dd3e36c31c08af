package tutorial

import (
	"testing"

	"github.com/gomlx/compute/dtypes"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/layers"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomState draws from every random source the tutorial uses: Go-side
// streams and the store's weight initialisation.
func randomState(t *testing.T, seed int64) (goSide []float64, weights []float32) {
	t.Helper()
	SetSeed(seed)
	for _, stream := range []string{"spiral", "split", "train-batches"} {
		r := NewRand(stream)
		for range 4 {
			goSide = append(goSide, r.NormFloat64())
		}
	}
	store, err := NewStore("seed-test")
	require.NoError(t, err)
	exec, err := model.NewExec(MustBackend(), store, func(scope *model.Scope, x *Node) *Node {
		return layers.Dense(scope.In("dense"), x, true, 8)
	})
	require.NoError(t, err)
	_, err = exec.Call(tensors.FromValue([][]float32{{1, 2, 3}}))
	require.NoError(t, err)
	for v := range store.IterVariables() {
		if v.Shape().DType != dtypes.Float32 {
			continue // the store's own RNG state
		}
		value, err := v.Value()
		require.NoError(t, err)
		weights = append(weights, tensors.MustCopyFlatData[float32](value)...)
	}
	require.NotEmpty(t, weights)
	return goSide, weights
}

func TestSetSeedIsReproducibleBitForBit(t *testing.T) {
	goA, wA := randomState(t, DefaultSeed)
	goB, wB := randomState(t, DefaultSeed)
	assert.Equal(t, goA, goB, "Go-side streams differ for the same seed")
	assert.Equal(t, wA, wB, "store initialisation differs for the same seed")

	goC, wC := randomState(t, DefaultSeed+1)
	assert.NotEqual(t, goA, goC, "another seed must give other Go-side numbers")
	assert.NotEqual(t, wA, wC, "another seed must give other weights")
}

func TestStreamsAreIndependentOfOrder(t *testing.T) {
	SetSeed(7)
	first := NewRand("a").Int63()
	_ = NewRand("b").Int63()
	SetSeed(7)
	_ = NewRand("b").Int63()
	assert.Equal(t, first, NewRand("a").Int63())
	assert.NotEqual(t, StreamSeed("a"), StreamSeed("b"))
}

func TestSeedMessage(t *testing.T) {
	SetSeed(2021)
	assert.Equal(t, "Random seed 2021 has been set.", SeedMessage())
	seed, set := Seed()
	assert.True(t, set)
	assert.Equal(t, int64(2021), seed)
}
