package tutorial

import (
	"testing"

	"github.com/gomlx/compute"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/dataset"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/optimizer"
)

// Benchmarks of the training path (go test -bench . ./pkg/tutorial/). The
// side-by-side comparison with PyTorch is bench/compare.sh. These use the
// reference forward pass, written here so the core stays free of solutions.

func benchForward(net *Net, scope *model.Scope, x *Node) *Node {
	in := net.InputFeatureNum
	for i, out := range net.HiddenUnitNums {
		x = net.Activation.Apply(Linear(scope.In("%s", HiddenLayerName(i)), x, in, out))
		in = out
	}
	return Linear(scope.In(OutputLayerName), x, in, net.OutputFeatureNum)
}

func benchData(b *testing.B) (train, test *Dataset) {
	b.Helper()
	SetSeed(DefaultSeed)
	data, err := CreateSpiralDataset(SpiralClasses, SpiralSigma, SpiralPointsPerClass)
	if err != nil {
		b.Fatal(err)
	}
	// The split is the exercise; a fixed cut is enough for timing.
	n := NumTestSamples(data.Len())
	test = &Dataset{X: data.X[:2*n], Y: data.Y[:n], NumFeatures: 2, NumClasses: SpiralClasses}
	train = &Dataset{X: data.X[2*n:], Y: data.Y[n:], NumFeatures: 2, NumClasses: SpiralClasses}
	return train, test
}

// newClassifierTrainer is GoMLX's own train.Trainer for the tutorial's
// loss and optimizer, the baseline that unrolledTrainer is measured against.
func newClassifierTrainer(backend compute.Backend, store *model.Store, net *Net, forward MLPForwardFn, cfg TrainConfig) *train.Trainer {
	return train.NewTrainer(backend, store, net.ModelFn(forward), loss.SparseCategoricalCrossEntropyLogits,
		optimizer.Adam().LearningRate(cfg.LearningRate).Epsilon(cfg.AdamEpsilon).Done(), nil, nil)
}

// BenchmarkTrainStep times one Adam step on a batch of 128 (compiled once).
func BenchmarkTrainStep(b *testing.B) {
	trainSet, _ := benchData(b)
	net := MustNewNet(SpiralActivation, 2, []int{SpiralHiddenUnits}, SpiralClasses)
	store, err := NewStore("bench")
	if err != nil {
		b.Fatal(err)
	}
	trainer := newClassifierTrainer(MustBackend(), store, net, benchForward, DefaultTrainConfig())
	x := tensors.FromFlatDataAndDimensions(trainSet.X[:2*128], 128, 2)
	y := tensors.FromFlatDataAndDimensions(trainSet.Y[:128], 128, 1)
	step := func() {
		xc, err := x.LocalClone()
		if err != nil {
			b.Fatal(err)
		}
		yc, err := y.LocalClone()
		if err != nil {
			b.Fatal(err)
		}
		metrics, err := trainer.TrainStep(train.Batch{Inputs: []*tensors.Tensor{xc}, Labels: []*tensors.Tensor{yc}})
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range metrics {
			m.FinalizeAll()
		}
	}
	step() // compile
	b.ResetTimer()
	for b.Loop() {
		step()
	}
}

// BenchmarkEpoch times one epoch (25 steps with the shuffling loader),
// compilation excluded.
func BenchmarkEpoch(b *testing.B) {
	trainSet, _ := benchData(b)
	net := MustNewNet(SpiralActivation, 2, []int{SpiralHiddenUnits}, SpiralClasses)
	store, err := NewStore("bench")
	if err != nil {
		b.Fatal(err)
	}
	backend := MustBackend()
	trainer := newClassifierTrainer(backend, store, net, benchForward, DefaultTrainConfig())
	x, y := trainSet.Tensors()
	batches, err := dataset.InMemoryFromData(backend, "bench", []any{x}, []any{labelsAsColumn(y)})
	if err != nil {
		b.Fatal(err)
	}
	batches.Shuffle().BatchSize(128, true).WithRand(NewRand("bench"))
	epoch := func() {
		for batch, err := range batches.Iter() {
			if err != nil {
				b.Fatal(err)
			}
			metrics, err := trainer.TrainStep(batch)
			if err != nil {
				b.Fatal(err)
			}
			for _, m := range metrics {
				m.FinalizeAll()
			}
		}
	}
	epoch() // compile
	b.ResetTimer()
	for b.Loop() {
		epoch()
	}
}

// BenchmarkTraining100Epochs times the whole of TrainTestClassification with
// the original's settings, compilation and accuracy included.
func BenchmarkTraining100Epochs(b *testing.B) {
	trainSet, testSet := benchData(b)
	net := MustNewNet(SpiralActivation, 2, []int{SpiralHiddenUnits}, SpiralClasses)
	cfg := DefaultTrainConfig()
	cfg.Verbose, cfg.Progress = false, NoProgress{}
	for b.Loop() {
		if _, err := TrainTestClassification(net, benchForward, trainSet, testSet, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGridPredict times the decision map's 250,000-point prediction.
func BenchmarkGridPredict(b *testing.B) {
	trainSet, testSet := benchData(b)
	net := MustNewNet(SpiralActivation, 2, []int{SpiralHiddenUnits}, SpiralClasses)
	cfg := DefaultTrainConfig()
	cfg.Epochs, cfg.Verbose, cfg.Progress = 1, false, NoProgress{}
	result, err := TrainTestClassification(net, benchForward, trainSet, testSet, cfg)
	if err != nil {
		b.Fatal(err)
	}
	grid, err := SampleGrid(DecisionMapSize, DecisionMapXMax)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := result.Predict(grid); err != nil { // compile
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := result.Predict(grid); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEpochUnrolled times one epoch of the unrolled trainer (5 steps
// per call, data uploaded once), for comparison with BenchmarkEpoch.
func BenchmarkEpochUnrolled(b *testing.B) {
	trainSet, _ := benchData(b)
	net := MustNewNet(SpiralActivation, 2, []int{SpiralHiddenUnits}, SpiralClasses)
	store, err := NewStore("bench")
	if err != nil {
		b.Fatal(err)
	}
	t, err := newUnrolledTrainer(MustBackend(), store, net, benchForward, trainSet, DefaultTrainConfig())
	if err != nil {
		b.Fatal(err)
	}
	defer t.finalize()
	rng := NewRand("bench")
	if err := t.epoch(rng.Perm(trainSet.Len())); err != nil { // compile
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if err := t.epoch(rng.Perm(trainSet.Len())); err != nil {
			b.Fatal(err)
		}
	}
}
