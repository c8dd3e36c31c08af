package lesson

import (
	"fmt"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/dataset"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/metric"
	"github.com/gomlx/gomlx/ml/train/optimizer"

	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN CELL TrainTestClassification

// TrainTestClassification は原作の train_test_classification です。net を
// trainLoader のバッチで numEpochs エポック学習し、バッチごとの損失と、訓練データと
// テストデータでの精度 (%) を返します。重み (学習する変数) は store に入ります。
// criterion は損失関数、opt は最適化手法です。verbose なら進み具合を表示し、
// 最後に精度を原作と同じ形で表示します。
// TrainTestClassification is the original's train_test_classification. It
// trains net on the batches of trainLoader for numEpochs epochs and returns
// the loss of every batch and the accuracies (%) on the training data and on
// the test data. The weights (the variables it learns) go into store.
// criterion is the loss function, opt the optimizer. If verbose, it shows
// the progress and, at the end, prints the accuracies as the original does.
func TrainTestClassification(net *tutorial.Net, MLPForward tutorial.MLPForwardFn, store *model.Store,
	criterion loss.LossFn, opt optimizer.Interface, trainLoader, testLoader *dataset.InMemoryDataset,
	numEpochs int, verbose bool) (trainingLosses []float32, trainAcc, testAcc float64, err error) {
	backend, err := tutorial.Backend()
	if err != nil {
		return nil, 0, 0, err
	}
	// train.Trainer は 1 回の学習ステップ (順伝播、損失、自動微分による勾配、
	// パラメータの更新) を一つの計算グラフにまとめ、コンパイルして実行します。
	// train.Trainer puts one training step (the forward pass, the loss, the
	// gradients by automatic differentiation, the update of the parameters)
	// into one computation graph, which it compiles and runs.
	// 評価 (Eval) で計算する指標として正解率を加えます。
	// As the metric that evaluation (Eval) computes, we add the accuracy.
	trainer := train.NewTrainer(backend, store, net.ModelFn(MLPForward), criterion, opt,
		nil, []metric.Interface{metric.NewSparseCategoricalAccuracy("Accuracy", "acc")})

	// train.Loop はデータセットを回して、バッチごとに trainer.TrainStep を呼びます。
	// train.Loop goes through the dataset and calls trainer.TrainStep for every
	// batch.
	// OnStep に渡した関数は、各ステップの後に呼ばれます。metrics[0] はそのバッチの損失です。
	// The function given to OnStep is called after each step; metrics[0] is
	// the loss of that batch.
	loop := train.NewLoop(trainer)
	loop.OnStep("training losses", 0, func(loop *train.Loop, metrics []*tensors.Tensor) error {
		trainingLosses = append(trainingLosses, tensors.ToScalar[float32](metrics[0]))
		return nil
	})
	if verbose {
		// 原作の tqdm
		// The original's tqdm.
		tutorial.AttachProgressBar(loop, numEpochs)
	}
	if _, err := loop.RunEpochs(trainLoader, numEpochs); err != nil {
		return trainingLosses, 0, 0, fmt.Errorf("training: %w", err)
	}

	trainTotal, trainAcc, err := EvaluateAccuracy(trainer, trainLoader)
	if err != nil {
		return trainingLosses, 0, 0, err
	}
	testTotal, testAcc, err := EvaluateAccuracy(trainer, testLoader)
	if err != nil {
		return trainingLosses, 0, 0, err
	}
	if verbose {
		fmt.Printf("Accuracy on the %d training samples: %0.2f\n", trainTotal, trainAcc)
		fmt.Printf("Accuracy on the %d testing samples: %0.2f\n", testTotal, testAcc)
	}
	return trainingLosses, trainAcc, testAcc, nil
}

// EvaluateAccuracy は原作の test(data_loader) です。loader のすべてのサンプルで
// 予測し、サンプル数と正解率 (%) を返します。trainer.Eval は評価用のグラフ
// (store.SetTraining(g, false)、評価モード) で [平均損失, 正解率] を計算します。
// EvaluateAccuracy is the original's test(data_loader). It predicts every
// sample of loader and returns the number of samples and the accuracy (%).
// trainer.Eval computes [mean loss, accuracy] with the graph for evaluation
// (store.SetTraining(g, false), evaluation mode).
func EvaluateAccuracy(trainer *train.Trainer, loader *dataset.InMemoryDataset) (total int, acc float64, err error) {
	total = loader.NumExamples()
	// 評価には順番も半端なバッチの扱いも関係ないので、並べ替えないコピーで、
	// 全サンプルを一つのバッチにします。
	// Neither the order nor what happens to an incomplete batch matters to the
	// evaluation, so an unshuffled copy puts all the samples in one batch.
	metrics, err := trainer.Eval(loader.Copy().BatchSize(total, false))
	if err != nil {
		return 0, 0, fmt.Errorf("evaluation on %s: %w", loader.Name(), err)
	}
	return total, tutorial.AccuracyPercent(metrics[1], total), nil
}

// END CELL TrainTestClassification

// BEGIN CELL TrainSpiral

// SpiralRun は TrainSpiral の結果です。学習したネットワーク (net と、その重みが
// 入った store)、訓練セットとテストセット、バッチごとの損失、精度 (%) を持ちます。
// SpiralRun is the result of TrainSpiral: the trained network (net, and store
// with its weights), the training and test sets, the loss of every batch and
// the accuracies (%).
type SpiralRun struct {
	Net               *tutorial.Net
	Store             *model.Store
	Train, Test       *tutorial.Dataset
	Losses            []float32
	TrainAcc, TestAcc float64
}

// TrainSpiral は原作の「すべてをまとめて学習する」セルです。シード 2021 で
// スパイラル (K = 4, sigma = 0.16, N = 1000) を作って ShuffleAndSplitData (演習 2.3) で
// 分け、Net("ReLU()", 2, [128], 4) を MLPForward (演習 2) で、クロスエントロピー損失と
// Adam (学習率 1e-3) を使って 100 エポック学習します。verbose なら進み具合と精度を
// 表示します。シードが同じなら、何度呼んでも同じ重みになります。
// TrainSpiral is the original's cell that puts it all together and trains.
// With the seed 2021 it makes the spiral (K = 4, sigma = 0.16, N = 1000),
// splits it with ShuffleAndSplitData (Exercise 2.3), and trains
// Net("ReLU()", 2, [128], 4) with MLPForward (Exercise 2) for 100 epochs,
// using the cross-entropy loss and Adam (learning rate 1e-3). If verbose, it
// shows the progress and the accuracies. With the same seed, every call ends
// with the same weights.
func TrainSpiral(ShuffleAndSplitData tutorial.ShuffleAndSplitFn, MLPForward tutorial.MLPForwardFn, verbose bool) (*SpiralRun, error) {
	tutorial.SetSeed(tutorial.DefaultSeed)
	data, err := CreateSpiralDataset(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass)
	if err != nil {
		return nil, err
	}
	testSet, trainSet, err := tutorial.RunShuffleAndSplit(ShuffleAndSplitData, data, tutorial.DefaultSeed)
	if err != nil {
		return nil, err
	}
	trainLoader, testLoader, err := NewLoaders(trainSet, testSet, 128)
	if err != nil {
		return nil, err
	}

	net, err := tutorial.NewNet("ReLU()", data.NumFeatures, []int{128}, data.NumClasses)
	if err != nil {
		return nil, err
	}
	// net の重みを入れる入れ物
	// The container for net's weights.
	store, err := tutorial.NewStore("train")
	if err != nil {
		return nil, err
	}
	criterion := loss.SparseCategoricalCrossEntropyLogits // nn.CrossEntropyLoss()
	// optim.Adam(net.parameters(), lr=1e-3)。ε は PyTorch と同じ 1e-8 にします (GoMLX の既定値は 1e-7)。
	// optim.Adam(net.parameters(), lr=1e-3), with ε = 1e-8 as in PyTorch
	// (GoMLX's default is 1e-7).
	opt := optimizer.Adam().LearningRate(1e-3).Epsilon(1e-8).Done()
	numEpochs := 100
	losses, trainAcc, testAcc, err := TrainTestClassification(net, MLPForward, store, criterion, opt,
		trainLoader, testLoader, numEpochs, verbose)
	if err != nil {
		return nil, err
	}
	return &SpiralRun{Net: net, Store: store, Train: trainSet, Test: testSet, Losses: losses, TrainAcc: trainAcc, TestAcc: testAcc}, nil
}

// END CELL TrainSpiral

// TrainAndPlotLoss trains the original's network on the spiral with
// ShuffleAndSplitData (Exercise 2.3) and MLPForward (Exercise 2), showing the
// progress and the accuracies, and plots the loss of every batch
// (05_training).
func TrainAndPlotLoss(ShuffleAndSplitData tutorial.ShuffleAndSplitFn, MLPForward tutorial.MLPForwardFn) {
	// BEGIN CELL TrainAndPlotLoss
	run, err := TrainSpiral(ShuffleAndSplitData, MLPForward, true)
	if tutorial.FinishFirst(err) {
		return
	}
	plots.ShowPlot(plots.TrainingLoss(run.Losses))
	// END CELL TrainAndPlotLoss
}
