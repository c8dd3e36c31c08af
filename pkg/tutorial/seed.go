package tutorial

import (
	"fmt"
	"hash/fnv"
	"math/rand"
	"sync"
	"time"

	"github.com/gomlx/gomlx/ml/model"
)

// DefaultSeed is the tutorial's seed, SEED = 2021 in the original.
const DefaultSeed int64 = 2021

var (
	seedMu  sync.Mutex
	seedVal = time.Now().UnixNano() // Like the original: random until SetSeed is called.
	seedSet bool
)

// SetSeed makes every random source of the tutorial reproducible, the
// counterpart of the original's set_seed: the Go-side generators ([NewRand]),
// GoMLX's store RNG ([NewStore]) and graph-side randomness ([GraphSeed]), the
// dataset generation and every shuffle all derive from it.
//
// Each consumer draws from its own named stream (see [NewRand]), so results do
// not depend on the order in which cells or functions run. This matters in
// GoNB, where every cell is a fresh program.
func SetSeed(seed int64) {
	seedMu.Lock()
	defer seedMu.Unlock()
	seedVal, seedSet = seed, true
}

// Seed returns the current seed and whether [SetSeed] has been called.
func Seed() (seed int64, set bool) {
	seedMu.Lock()
	defer seedMu.Unlock()
	return seedVal, seedSet
}

// SeedMessage is what the original prints after set_seed.
func SeedMessage() string {
	seed, _ := Seed()
	return fmt.Sprintf("Random seed %d has been set.", seed)
}

// StreamSeed derives the seed of a named random stream from the current seed.
// The same (seed, stream) pair always gives the same value.
func StreamSeed(stream string) int64 {
	seed, _ := Seed()
	h := fnv.New64a()
	_, _ = fmt.Fprintf(h, "%d/%s", seed, stream)
	return int64(h.Sum64() & (1<<63 - 1))
}

// NewRand returns a Go random generator for the named stream (e.g. "spiral",
// "split", "train-batches"), seeded from [SetSeed]'s seed. Two calls with the
// same stream and seed produce identical sequences.
func NewRand(stream string) *rand.Rand {
	return rand.New(rand.NewSource(StreamSeed(stream)))
}

// GraphSeed is the seed for graph-side randomness of the named stream, for
// use with graph.RNGStateFromSeedForGraph.
func GraphSeed(stream string) int64 {
	return StreamSeed("graph/" + stream)
}

// NewStore returns an empty GoMLX model store (the variables of a model)
// whose random initialisers are seeded from the named stream.
func NewStore(stream string) (*model.Store, error) {
	store := model.NewStore()
	if err := store.SetRNGStateFromSeed(StreamSeed("store/" + stream)); err != nil {
		return nil, fmt.Errorf("seed: seeding the model store for %s: %w", quoteForError(stream), capError(err))
	}
	return store, nil
}
