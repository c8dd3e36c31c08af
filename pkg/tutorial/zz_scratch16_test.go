package tutorial

// SCRATCH (issue 16 exploration; deleted before hand-off).

import (
	"os"
	"testing"
	"time"
	"fmt"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/dataset"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/metric"
	"github.com/gomlx/gomlx/ml/train/optimizer"
)

func stdTrain(tb testing.TB, trainSet, testSet *Dataset, epochs int) (losses []float32, trainAcc, testAcc float64) {
	backend := MustBackend()
	net := MustNewNet(SpiralActivation, 2, []int{SpiralHiddenUnits}, SpiralClasses)
	store, err := NewStore("train")
	if err != nil {
		tb.Fatal(err)
	}
	x, y := trainSet.Tensors()
	ds, err := dataset.InMemoryFromData(backend, "train", []any{x}, []any{labelsAsColumn(y)})
	if err != nil {
		tb.Fatal(err)
	}
	ds.Shuffle().BatchSize(128, true).WithRand(NewRand("train/batches"))
	trainer := train.NewTrainer(backend, store, net.ModelFn(benchForward), loss.SparseCategoricalCrossEntropyLogits,
		optimizer.Adam().LearningRate(1e-3).Epsilon(1e-8).Done(), nil,
		[]metric.Interface{metric.NewSparseCategoricalAccuracy("Accuracy", "acc")})
	loop := train.NewLoop(trainer)
	loop.OnStep("losses", 0, func(loop *train.Loop, metrics []*tensors.Tensor) error {
		losses = append(losses, tensors.ToScalar[float32](metrics[0]))
		return nil
	})
	if _, err := loop.RunEpochs(ds, epochs); err != nil {
		tb.Fatal(err)
	}
	t0 := time.Now()
	m, err := trainer.Eval(ds.Copy().BatchSize(trainSet.Len(), false))
	if err != nil {
		tb.Fatal(err)
	}
	trainAcc = 100 * shapesF(m[1])
	tx, ty := testSet.Tensors()
	tds, err := dataset.InMemoryFromData(backend, "test", []any{tx}, []any{labelsAsColumn(ty)})
	if err != nil {
		tb.Fatal(err)
	}
	m, err = trainer.Eval(tds.BatchSize(testSet.Len(), false))
	if err != nil {
		tb.Fatal(err)
	}
	testAcc = 100 * shapesF(m[1])
	if os.Getenv("SCRATCH_VERBOSE") != "" {
		fmt.Println("eval", time.Since(t0))
	}
	return
}

func shapesF(t *tensors.Tensor) float64 {
	return float64(tensors.ToScalar[float32](t))
}

func TestScratchStd(t *testing.T) {
	if os.Getenv("SCRATCH16") == "" {
		t.Skip()
	}
	trainSet, testSet := benchData2(t)
	for range 3 {
		t0 := time.Now()
		losses, a, b := stdTrain(t, trainSet, testSet, 100)
		std := time.Since(t0)
		t0 = time.Now()
		net := MustNewNet(SpiralActivation, 2, []int{SpiralHiddenUnits}, SpiralClasses)
		cfg := DefaultTrainConfig()
		cfg.Verbose, cfg.Progress = false, NoProgress{}
		r, err := TrainTestClassification(net, benchForward, trainSet, testSet, cfg)
		if err != nil {
			t.Fatal(err)
		}
		unr := time.Since(t0)
		t.Logf("std %v (%d losses, %.2f/%.2f first %.3f last %.3f)  unrolled %v (%.2f/%.2f) ratio %.3f", std, len(losses), a, b, losses[0], losses[len(losses)-1], unr, r.TrainAccuracy, r.TestAccuracy, float64(std)/float64(unr))
	}
}

func benchData2(tb testing.TB) (train, test *Dataset) {
	SetSeed(DefaultSeed)
	data, err := CreateSpiralDataset(SpiralClasses, SpiralSigma, SpiralPointsPerClass)
	if err != nil {
		tb.Fatal(err)
	}
	n := NumTestSamples(data.Len())
	test = &Dataset{X: data.X[:2*n], Y: data.Y[:n], NumFeatures: 2, NumClasses: SpiralClasses}
	train = &Dataset{X: data.X[2*n:], Y: data.Y[n:], NumFeatures: 2, NumClasses: SpiralClasses}
	return train, test
}
