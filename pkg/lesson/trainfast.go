package lesson

import (
	"fmt"
	"math"
	"math/rand"
	"time"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/metric"
	"github.com/gomlx/gomlx/ml/train/optimizer"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// BEGIN CELL TrainTestClassificationFast

// StepsPerCall は、TrainTestClassificationFast が 1 回の Exec 呼び出しで実行する
// 学習ステップの数です。
const StepsPerCall = 5

// TrainTestClassificationFast は TrainTestClassification と同じ学習を、速い形で行います。
// モデル、損失、最適化、バッチの順番 (trainLoader と同じ並べ替えと drop_last)、評価は
// 同じなので、結果 (損失と精度) もビット単位で同じになります。違いは二つです。
//
//   - 訓練データは最初に一度だけバックエンドに送り、各バッチはグラフの中で
//     graph.Gather で選びます。dataset.InMemory は、バッチごとに別の計算 (Exec) で
//     データを集めます。
//   - 1 回の Exec 呼び出しで StepsPerCall 回の学習ステップを実行します。Exec の
//     呼び出しには、計算の大きさによらない決まった手間がかかるからです。
//
// trainer.TrainStep の代わりに、学習ステップのグラフを自分で組み立てます。
// train.Trainer がグラフの中でしていることを、ここでは順に書きます。
func TrainTestClassificationFast(net *tutorial.Net, MLPForward tutorial.MLPForwardFn, store *model.Store,
	criterion loss.LossFn, opt optimizer.Interface, trainSet, testSet *tutorial.Dataset, batchSize,
	numEpochs int, verbose bool) (trainingLosses []float32, trainAcc, testAcc float64, err error) {
	backend, err := tutorial.Backend()
	if err != nil {
		return nil, 0, 0, err
	}
	trainLoader, testLoader, err := NewLoaders(trainSet, testSet, batchSize) // 評価にだけ使います
	if err != nil {
		return nil, 0, 0, err
	}
	modelFn := net.ModelFn(MLPForward)

	// k 回分の学習ステップ: x [n, 2] と y [n, 1] は訓練データ全体、batches [k, batchSize] は
	// 各ステップのバッチのサンプル番号です。k 個の損失を返します。
	steps, err := model.NewExec(backend, store, func(scope *model.Scope, x, y, batches *graph.Node) *graph.Node {
		g := x.Graph()
		store.SetTraining(g, true) // 学習モード (これがないと、変数が定数としてグラフに埋め込まれます)
		k := batches.Shape().Dim(0)
		losses := make([]*graph.Node, k)
		for s := range k {
			idx := graph.Reshape(graph.Slice(batches, graph.AxisElem(s)), -1, 1) // [batchSize, 1]
			stepScope := scope
			if s > 0 {
				stepScope = store.RootScope() // 層のスコープに入り直すための新しいスコープ (変数は名前で共有されます)
			}
			logits := modelFn(stepScope, graph.Gather(x, idx))
			losses[s] = graph.ReduceAllMean(criterion([]*graph.Node{graph.Gather(y, idx)}, []*graph.Node{logits}))
			opt.UpdateGraph(scope, g, losses[s]) // 勾配を計算して、変数を更新します
		}
		return graph.Stack(losses, 0)
	})
	if err != nil {
		return nil, 0, 0, err
	}
	steps = steps.WithName("TrainTestClassificationFast") // エラーメッセージに出る名前
	defer steps.Finalize()

	x, y := trainSet.InputsAndLabels()
	n := trainSet.Len()
	numBatches := n / batchSize                            // 最後の半端なバッチは捨てます (drop_last)
	batchOrder := tutorial.NewRand("train/batches")        // trainLoader と同じ乱数
	var progress tutorial.Progress = tutorial.NoProgress{} // 原作の tqdm
	if verbose {
		progress = tutorial.NewProgress()
	}
	progress.Start(numEpochs)
	for epoch := 1; epoch <= numEpochs; epoch++ {
		// dataset.InMemory と同じ並べ替え: エポックごとに乱数から種を一つ引き、その種の rand.Perm。
		order := rand.New(rand.NewSource(batchOrder.Int63())).Perm(n)
		for first := 0; first < numBatches; first += StepsPerCall {
			k := min(StepsPerCall, numBatches-first)
			batches := make([]int32, k*batchSize)
			for i := range batches {
				batches[i] = int32(order[first*batchSize+i])
			}
			out, err := steps.Call(x, y, tensors.FromFlatDataAndDimensions(batches, k, batchSize))
			if err != nil {
				return trainingLosses, 0, 0, fmt.Errorf("training: epoch %d: %w", epoch, err)
			}
			trainingLosses = append(trainingLosses, tensors.MustCopyFlatData[float32](out[0])...)
		}
		last := trainingLosses[len(trainingLosses)-1]
		if math.IsNaN(float64(last)) || math.IsInf(float64(last), 0) {
			return trainingLosses, 0, 0, fmt.Errorf("training: the loss became %v in epoch %d", last, epoch)
		}
		progress.Update(epoch, last)
	}
	progress.Finish()

	// 評価は TrainTestClassification と同じです。train.Trainer は評価にだけ使います。
	trainer := train.NewTrainer(backend, store, modelFn, criterion, opt,
		nil, []metric.Interface{metric.NewSparseCategoricalAccuracy("Accuracy", "acc")})
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

// END CELL TrainTestClassificationFast

// CompareTrainingSpeed trains the original's network twice on the same data,
// with TrainTestClassification (train.Loop) and with
// TrainTestClassificationFast, quietly, and prints the time of each, their
// accuracies and whether their losses agree (05_training).
func CompareTrainingSpeed(ShuffleAndSplitData tutorial.ShuffleAndSplitFn, MLPForward tutorial.MLPForwardFn) {
	// BEGIN CELL CompareTrainingSpeed
	tutorial.SetSeed(tutorial.DefaultSeed)
	data, err := CreateSpiralDataset(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass)
	if err != nil {
		panic(err)
	}
	testSet, trainSet, err := tutorial.RunShuffleAndSplit(ShuffleAndSplitData, data, tutorial.DefaultSeed)
	if tutorial.FinishFirst(err) {
		return
	}
	net, err := tutorial.NewNet("ReLU()", 2, []int{128}, 4)
	if err != nil {
		panic(err)
	}
	var allLosses [2][]float32
	for i, name := range []string{"train.Loop", "fast"} {
		store, err := tutorial.NewStore("train") // 同じ初期値から
		if err != nil {
			panic(err)
		}
		opt := optimizer.Adam().LearningRate(1e-3).Epsilon(1e-8).Done()
		var losses []float32
		var trainAcc, testAcc float64
		start := time.Now()
		if name == "fast" {
			losses, trainAcc, testAcc, err = TrainTestClassificationFast(net, MLPForward, store,
				loss.SparseCategoricalCrossEntropyLogits, opt, trainSet, testSet, 128, 100, false)
		} else {
			trainLoader, testLoader, loaderErr := NewLoaders(trainSet, testSet, 128)
			if loaderErr != nil {
				panic(loaderErr)
			}
			losses, trainAcc, testAcc, err = TrainTestClassification(net, MLPForward, store,
				loss.SparseCategoricalCrossEntropyLogits, opt, trainLoader, testLoader, 100, false)
		}
		if tutorial.FinishFirst(err) {
			return
		}
		fmt.Printf("%-10s %5.2f s  train %.2f %%, test %.2f %%, last loss %.4f\n",
			name, time.Since(start).Seconds(), trainAcc, testAcc, losses[len(losses)-1])
		allLosses[i] = losses
	}
	same := len(allLosses[0]) == len(allLosses[1])
	for i := range allLosses[0] {
		same = same && allLosses[0][i] == allLosses[1][i]
	}
	fmt.Println("the same losses, batch for batch:", same)
	// END CELL CompareTrainingSpeed
}
