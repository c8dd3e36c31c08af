package lesson_test

import (
	"slices"
	"testing"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// spiralSets returns the original's split of the original's spiral.
func spiralSets(t testing.TB) (trainSet, testSet *tutorial.Dataset) {
	t.Helper()
	tutorial.SetSeed(tutorial.DefaultSeed)
	data, err := lesson.CreateSpiralDataset(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass)
	require.NoError(t, err)
	testSet, trainSet, err = tutorial.RunShuffleAndSplit(solutions.ShuffleAndSplitData, data, tutorial.DefaultSeed)
	require.NoError(t, err)
	return trainSet, testSet
}

// epoch returns the batches of one pass over loader: the labels of each
// batch, which identify its samples' order.
func epoch(t *testing.T, loader *dataset.InMemoryDataset) (sizes []int, labels [][]int32, first []float32) {
	t.Helper()
	for batch, err := range loader.Iter() {
		require.NoError(t, err)
		require.Len(t, batch.Inputs, 1)
		require.Len(t, batch.Labels, 1)
		n := batch.Inputs[0].Shape().Dim(0)
		assert.Equal(t, []int{n, 2}, batch.Inputs[0].Shape().Dimensions)
		assert.Equal(t, []int{n, 1}, batch.Labels[0].Shape().Dimensions, "labels as a column, for GoMLX's sparse losses")
		sizes = append(sizes, n)
		labels = append(labels, tensors.MustCopyFlatData[int32](batch.Labels[0]))
		if first == nil {
			first = tensors.MustCopyFlatData[float32](batch.Inputs[0])
		}
		batch.Finalize()
	}
	return sizes, labels, first
}

func TestNewLoadersBatches(t *testing.T) {
	trainSet, testSet := spiralSets(t)
	trainLoader, testLoader, err := lesson.NewLoaders(trainSet, testSet, 128)
	require.NoError(t, err)
	assert.Equal(t, 3200, trainLoader.NumExamples())
	assert.Equal(t, 800, testLoader.NumExamples())

	sizes, epoch1, _ := epoch(t, trainLoader)
	assert.Equal(t, slices.Repeat([]int{128}, 25), sizes, "3200 / 128 = 25 full batches")
	_, epoch2, _ := epoch(t, trainLoader)
	assert.NotEqual(t, epoch1, epoch2, "the training set is reshuffled every epoch")

	sizes, testBatches, first := epoch(t, testLoader)
	assert.Equal(t, append(slices.Repeat([]int{128}, 6), 32), sizes, "800 = 6 x 128 + 32: the last partial batch is kept")
	assert.Equal(t, testSet.X[:2*128], first, "the test set keeps its order")
	assert.Equal(t, testSet.Y, slices.Concat(testBatches...))

	// The same seed gives the same order.
	again, _, err := lesson.NewLoaders(trainSet, testSet, 128)
	require.NoError(t, err)
	_, epoch1Again, _ := epoch(t, again)
	assert.Equal(t, epoch1, epoch1Again)
}

func TestNewLoadersDropsThePartialBatch(t *testing.T) {
	trainSet, testSet := spiralSets(t)
	trainLoader, _, err := lesson.NewLoaders(trainSet, testSet, 1000)
	require.NoError(t, err)
	sizes, _, _ := epoch(t, trainLoader)
	assert.Equal(t, []int{1000, 1000, 1000}, sizes, "3200 = 3 x 1000 + 200: the last 200 are dropped")
}

func TestNewLoadersRejectsBadBatchSizes(t *testing.T) {
	trainSet, testSet := spiralSets(t)
	for _, size := range []int{0, -1, 3201} {
		_, _, err := lesson.NewLoaders(trainSet, testSet, size)
		require.Error(t, err, "batch size %d", size)
		assert.Contains(t, err.Error(), "the batch size must be between 1 and 3200")
	}
}
