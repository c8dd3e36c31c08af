package lesson_test

import (
	"testing"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/optimizer"

	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// Benchmarks of the training code the notebook shows (go test -run XXX
// -bench . ./pkg/lesson/). The side-by-side comparison with PyTorch is
// bench/compare.sh; docs/PERFORMANCE.md has the figures. The Epoch*
// benchmarks take the standard form apart: the loop, the in-memory dataset's
// batches and the training step itself.

// newTrainer is the train.Trainer of TrainTestClassification for the
// tutorial's net, with a fresh store.
func newTrainer(b testing.TB) *train.Trainer {
	b.Helper()
	net := tutorial.MustNewNet("ReLU()", 2, []int{128}, 4)
	store, err := tutorial.NewStore("bench")
	if err != nil {
		b.Fatal(err)
	}
	return train.NewTrainer(tutorial.MustBackend(), store, net.ModelFn(solutions.MLPForward), loss.SparseCategoricalCrossEntropyLogits,
		optimizer.Adam().LearningRate(1e-3).Epsilon(1e-8).Done(), nil, nil)
}

func finalize(b *testing.B, metrics []*tensors.Tensor, err error) {
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range metrics {
		m.FinalizeAll()
	}
}

// hostBatch is batch i of 128 samples of trainSet in the order perm, built
// on the host.
func hostBatch(trainSet *tutorial.Dataset, perm []int, i int) train.Batch {
	x, y := make([]float32, 2*128), make([]int32, 128)
	for k, p := range perm[i*128 : (i+1)*128] {
		x[2*k], x[2*k+1] = trainSet.X[2*p], trainSet.X[2*p+1]
		y[k] = trainSet.Y[p]
	}
	return train.Batch{Inputs: []*tensors.Tensor{tensors.FromFlatDataAndDimensions(x, 128, 2)},
		Labels: []*tensors.Tensor{tensors.FromFlatDataAndDimensions(y, 128, 1)}}
}

// BenchmarkTrainStep times one trainer.TrainStep on a batch of 128 (compiled
// once), the batch made on the host.
func BenchmarkTrainStep(b *testing.B) {
	trainSet, _ := spiralSets(b)
	trainer := newTrainer(b)
	perm := tutorial.NewRand("bench").Perm(trainSet.Len())
	metrics, err := trainer.TrainStep(hostBatch(trainSet, perm, 0)) // compile
	finalize(b, metrics, err)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		metrics, err := trainer.TrainStep(hostBatch(trainSet, perm, i%25))
		finalize(b, metrics, err)
	}
}

// BenchmarkEpochLoop times one epoch of the standard form:
// loop.RunEpochs(trainLoader, 1) with the loss-recording hook of
// TrainTestClassification, compilation excluded.
func BenchmarkEpochLoop(b *testing.B) {
	trainSet, testSet := spiralSets(b)
	trainLoader, _, err := lesson.NewLoaders(trainSet, testSet, 128)
	if err != nil {
		b.Fatal(err)
	}
	loop := train.NewLoop(newTrainer(b))
	var losses []float32
	loop.OnStep("training losses", 0, func(loop *train.Loop, metrics []*tensors.Tensor) error {
		losses = append(losses, tensors.ToScalar[float32](metrics[0]))
		return nil
	})
	if _, err := loop.RunEpochs(trainLoader, 1); err != nil { // compile
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := loop.RunEpochs(trainLoader, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEpochTrainStepInMemory times one epoch of trainer.TrainStep fed by
// the in-memory dataset, without train.Loop.
func BenchmarkEpochTrainStepInMemory(b *testing.B) {
	trainSet, testSet := spiralSets(b)
	trainLoader, _, err := lesson.NewLoaders(trainSet, testSet, 128)
	if err != nil {
		b.Fatal(err)
	}
	trainer := newTrainer(b)
	epoch := func() {
		for batch, err := range trainLoader.Iter() {
			if err != nil {
				b.Fatal(err)
			}
			metrics, err := trainer.TrainStep(batch)
			finalize(b, metrics, err)
		}
	}
	epoch() // compile
	b.ResetTimer()
	for b.Loop() {
		epoch()
	}
}

// BenchmarkEpochTrainStepHostBatches times one epoch of trainer.TrainStep fed
// by batches made on the host: the training step without the dataset.
func BenchmarkEpochTrainStepHostBatches(b *testing.B) {
	trainSet, _ := spiralSets(b)
	trainer := newTrainer(b)
	rng := tutorial.NewRand("bench")
	epoch := func() {
		perm := rng.Perm(trainSet.Len())
		for i := range trainSet.Len() / 128 {
			metrics, err := trainer.TrainStep(hostBatch(trainSet, perm, i))
			finalize(b, metrics, err)
		}
	}
	epoch() // compile
	b.ResetTimer()
	for b.Loop() {
		epoch()
	}
}

// BenchmarkEpochInMemoryBatches times one epoch of the in-memory dataset's
// batches alone: a gather Exec per batch.
func BenchmarkEpochInMemoryBatches(b *testing.B) {
	trainSet, testSet := spiralSets(b)
	trainLoader, _, err := lesson.NewLoaders(trainSet, testSet, 128)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for batch, err := range trainLoader.Iter() {
			if err != nil {
				b.Fatal(err)
			}
			batch.Finalize()
		}
	}
}

func benchTraining(b *testing.B, fast bool) {
	trainSet, testSet := spiralSets(b)
	for b.Loop() {
		if _, err := trainForm(b, fast, trainSet, testSet, 128, tutorialEpochs, solutions.MLPForward); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrainTestClassification times the standard form's 100 epochs,
// compilation and accuracies included, as bench/compare.sh does.
func BenchmarkTrainTestClassification(b *testing.B) { benchTraining(b, false) }

// BenchmarkTrainTestClassificationFast times the fast form's 100 epochs.
func BenchmarkTrainTestClassificationFast(b *testing.B) { benchTraining(b, true) }

// BenchmarkGridPredict times Predict on the decision map's 250,000 points,
// compilation included (as the notebook runs it).
func BenchmarkGridPredict(b *testing.B) {
	trainSet, testSet := spiralSets(b)
	run, err := trainForm(b, true, trainSet, testSet, 128, 1, solutions.MLPForward)
	if err != nil {
		b.Fatal(err)
	}
	grid, err := lesson.SampleGrid(500, 2.0)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := lesson.Predict(run.net, solutions.MLPForward, run.store, grid); err != nil {
			b.Fatal(err)
		}
	}
}
