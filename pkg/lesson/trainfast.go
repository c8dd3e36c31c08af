package lesson

import (
	"fmt"
	"math"
	"math/rand"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/metric"
	"github.com/gomlx/gomlx/ml/train/optimizer"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// StepsPerCall は、TrainTestClassificationFast が 1 回の Exec 呼び出しで実行する
// 学習ステップの数です。
// StepsPerCall is the number of training steps that
// TrainTestClassificationFast runs in one Exec call.
const StepsPerCall = 5

// TrainTestClassificationFast は TrainTestClassification と同じ学習を、速い形で行います。
// モデル、損失、最適化、バッチの順番 (trainLoader と同じ並べ替えと drop_last)、評価は
// 同じなので、結果 (損失と精度) もビット単位で同じになります。違いは二つです。
// TrainTestClassificationFast does the same training as
// TrainTestClassification, in a faster way. The model, the loss, the
// optimization, the order of the batches (the same shuffling and drop_last as
// trainLoader) and the evaluation are the same, so the results (losses and
// accuracies) are bit for bit the same too. There are two differences:
//
//   - 訓練データは最初に一度だけバックエンドに送り、各バッチはグラフの中で
//     graph.Gather で選びます。dataset.InMemory は、バッチごとに別の計算 (Exec) で
//     データを集めます。
//   - The training data goes to the backend once, at the start, and the graph
//     picks each batch with graph.Gather. dataset.InMemory gathers the data of
//     every batch in a computation (Exec) of its own.
//   - 1 回の Exec 呼び出しで StepsPerCall 回の学習ステップを実行します。Exec の
//     呼び出しには、計算の大きさによらない決まった手間がかかるからです。
//   - One Exec call runs StepsPerCall training steps, because every Exec call
//     has a fixed cost, whatever the size of the computation.
//
// trainer.TrainStep の代わりに、学習ステップのグラフを自分で組み立てます。
// train.Trainer がグラフの中でしていることを、ここでは順に書きます。
// Instead of calling trainer.TrainStep, it builds the graph of the training
// steps itself: here we write out, in order, what train.Trainer does inside
// its graph.
func TrainTestClassificationFast(net *tutorial.Net, MLPForward tutorial.MLPForwardFn, store *model.Store,
	criterion loss.LossFn, opt optimizer.Interface, trainSet, testSet *tutorial.Dataset, batchSize,
	numEpochs int, verbose bool) (trainingLosses []float32, trainAcc, testAcc float64, err error) {
	backend, err := tutorial.Backend()
	if err != nil {
		return nil, 0, 0, err
	}
	// 評価にだけ使います
	// Only for the evaluation.
	trainLoader, testLoader, err := NewLoaders(trainSet, testSet, batchSize)
	if err != nil {
		return nil, 0, 0, err
	}
	modelFn := net.ModelFn(MLPForward)

	// k 回分の学習ステップ: x [n, 2] と y [n, 1] は訓練データ全体、batches [k, batchSize] は
	// 各ステップのバッチのサンプル番号です。k 個の損失を返します。
	// k training steps: x [n, 2] and y [n, 1] are the whole training data, and
	// batches [k, batchSize] holds the sample indices of each step's batch. It
	// returns the k losses.
	steps, err := model.NewExec(backend, store, func(scope *model.Scope, x, y, batches *graph.Node) *graph.Node {
		g := x.Graph()
		// 学習モード (これがないと、変数が定数としてグラフに埋め込まれます)
		// Training mode (without it, the variables would be embedded in the
		// graph as constants).
		store.SetTraining(g, true)
		k := batches.Shape().Dim(0)
		losses := make([]*graph.Node, k)
		for s := range k {
			idx := graph.Reshape(graph.Slice(batches, graph.AxisElem(s)), -1, 1) // [batchSize, 1]
			stepScope := scope
			if s > 0 {
				// 層のスコープに入り直すための新しいスコープ (変数は名前で共有されます)
				// A new scope, to enter the layers' scopes again (the variables
				// are shared by name).
				stepScope = store.RootScope()
			}
			logits := modelFn(stepScope, graph.Gather(x, idx))
			losses[s] = graph.ReduceAllMean(criterion([]*graph.Node{graph.Gather(y, idx)}, []*graph.Node{logits}))
			// 勾配を計算して、変数を更新します
			// Compute the gradients and update the variables.
			opt.UpdateGraph(scope, g, losses[s])
		}
		return graph.Stack(losses, 0)
	})
	if err != nil {
		return nil, 0, 0, err
	}
	// エラーメッセージに出る名前
	// The name that error messages show.
	steps = steps.WithName("TrainTestClassificationFast")
	defer steps.Finalize()

	x, y := trainSet.InputsAndLabels()
	n := trainSet.Len()
	// 最後の半端なバッチは捨てます (drop_last)
	// The last, incomplete batch is dropped (drop_last).
	numBatches := n / batchSize
	// trainLoader と同じ乱数
	// The same random numbers as trainLoader's.
	batchOrder := tutorial.NewRand("train/batches")
	// 原作の tqdm
	// The original's tqdm.
	var progress tutorial.Progress = tutorial.NoProgress{}
	if verbose {
		progress = tutorial.NewProgress()
	}
	progress.Start(numEpochs)
	for epoch := 1; epoch <= numEpochs; epoch++ {
		// dataset.InMemory と同じ並べ替え: エポックごとに乱数から種を一つ引き、その種の rand.Perm。
		// The same shuffling as dataset.InMemory's: every epoch, draw one seed
		// from the random numbers and take rand.Perm with that seed.
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
	// The evaluation is the same as in TrainTestClassification; train.Trainer
	// is only used for it.
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
