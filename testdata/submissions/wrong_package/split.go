package main

import (
	"math/rand"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN EXERCISE 2.3

// ShuffleAndSplitData shuffles the samples with a permutation seeded by seed
// and splits them: the first 20% are the test set, the rest the training set
// (Exercise 2.3).
//
// X is float32 [N, F] and y int32 [N]; see tutorial.ShuffleAndSplitFn for the
// output shapes.
func ShuffleAndSplitData(X, y *Node, seed int64) (XTest, yTest, XTrain, yTrain *Node) {
	// Number of samples.
	N := X.Shape().Dim(0)

	// Shuffle data: a random permutation of the indices 0..N-1, drawn from a
	// generator seeded with seed.
	shuffledIndices := rand.New(rand.NewSource(seed)).Perm(N)
	X = tutorial.TakeRows(X, shuffledIndices)
	y = tutorial.TakeRows(y, shuffledIndices)

	// Split data into train/test.
	testSize := int(0.2 * float64(N))
	XTest = Slice(X, AxisRange(0, testSize))
	yTest = Slice(y, AxisRange(0, testSize))
	XTrain = Slice(X, AxisRange(testSize, N))
	yTrain = Slice(y, AxisRange(testSize, N))
	return XTest, yTest, XTrain, yTrain
}

// END EXERCISE 2.3
