package lesson

import (
	"fmt"

	"github.com/gomlx/gomlx/ml/dataset"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN CELL NewLoaders

// NewLoaders は原作の DataLoader の設定です。訓練セットとテストセットを GoMLX の
// メモリ内データセット (dataset.InMemoryFromData、原作の TensorDataset) に入れ、
// batchSize 個ずつのバッチで読み出せるようにします。
// NewLoaders is the original's DataLoader setup. It puts the training set and
// the test set into GoMLX in-memory datasets (dataset.InMemoryFromData, the
// original's TensorDataset), which read them out in batches of batchSize.
//
//   - trainLoader はエポックごとに並べ替え直し (Shuffle、原作の shuffle=True)、
//     最後の半端なバッチを捨てます (BatchSize の第 2 引数、原作の drop_last=True)。
//     並べ替えの乱数は tutorial.SetSeed のシードで決まります (原作の generator=g_seed)。
//   - trainLoader shuffles again every epoch (Shuffle, the original's
//     shuffle=True) and drops the last, incomplete batch (BatchSize's second
//     argument, the original's drop_last=True). The seed of tutorial.SetSeed
//     decides the shuffling's random numbers (the original's generator=g_seed).
//   - testLoader は並べ替えず、最後の半端なバッチも使います。
//   - testLoader does not shuffle, and it keeps the last, incomplete batch.
//
// ラベルは GoMLX の損失関数と指標が受け取る形 [n, 1] にします。
// The labels have the shape [n, 1] that GoMLX's loss functions and metrics
// take.
func NewLoaders(trainSet, testSet *tutorial.Dataset, batchSize int) (trainLoader, testLoader *dataset.InMemoryDataset, err error) {
	if batchSize <= 0 || batchSize > trainSet.Len() {
		return nil, nil, fmt.Errorf("loaders: the batch size must be between 1 and %d (the training samples), got %d", trainSet.Len(), batchSize)
	}
	backend, err := tutorial.Backend()
	if err != nil {
		return nil, nil, err
	}
	// [n, 2] の float32 と [n, 1] の int32
	// float32 of shape [n, 2] and int32 of shape [n, 1].
	xTrain, yTrain := trainSet.InputsAndLabels()
	trainLoader, err = dataset.InMemoryFromData(backend, "train", []any{xTrain}, []any{yTrain})
	if err != nil {
		return nil, nil, err
	}
	trainLoader.Shuffle().BatchSize(batchSize, true).WithRand(tutorial.NewRand("train/batches"))

	xTest, yTest := testSet.InputsAndLabels()
	testLoader, err = dataset.InMemoryFromData(backend, "test", []any{xTest}, []any{yTest})
	if err != nil {
		return nil, nil, err
	}
	testLoader.BatchSize(batchSize, false)
	return trainLoader, testLoader, nil
}

// END CELL NewLoaders

// ShowLoaderBatches splits the original's spiral with ShuffleAndSplitData
// (Exercise 2.3), makes the loaders of the training run and prints how each
// one cuts its samples into batches (05_training).
func ShowLoaderBatches(ShuffleAndSplitData tutorial.ShuffleAndSplitFn) {
	// BEGIN CELL ShowLoaderBatches
	tutorial.SetSeed(tutorial.DefaultSeed)
	data, err := CreateSpiralDataset(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass)
	if err != nil {
		panic(err)
	}
	testSet, trainSet, err := tutorial.RunShuffleAndSplit(ShuffleAndSplitData, data, tutorial.DefaultSeed)
	if tutorial.FinishFirst(err) {
		return
	}
	trainLoader, testLoader, err := NewLoaders(trainSet, testSet, 128)
	if err != nil {
		panic(err)
	}
	for _, loader := range []*dataset.InMemoryDataset{trainLoader, testLoader} {
		var sizes []int
		// 1 エポック分のバッチ
		// The batches of one epoch.
		for batch, err := range loader.Iter() {
			if err != nil {
				panic(err)
			}
			if len(sizes) == 0 {
				fmt.Printf("%s: first batch: inputs %s, labels %s\n", loader.Name(), batch.Inputs[0].Shape(), batch.Labels[0].Shape())
			}
			sizes = append(sizes, batch.Inputs[0].Shape().Dim(0))
			batch.Finalize()
		}
		fmt.Printf("%s: %d samples, %d batches, the last of %d\n", loader.Name(), loader.NumExamples(), len(sizes), sizes[len(sizes)-1])
	}
	// END CELL ShowLoaderBatches
}
