package tutorial

import (
	"fmt"

	"github.com/gomlx/compute"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/optimizer"
)

// stepsPerCall is how many training steps one Exec call runs, unrolled in
// the graph. Each call has a fixed framework overhead that is not small next
// to a step of this network; 5 steps amortise it (docs/PERFORMANCE.md).
const stepsPerCall = 5

// unrolledTrainer runs Adam steps of the softmax cross-entropy with the
// training set uploaded once: each call gathers its batches in the graph
// from a [k, batch] index tensor and runs k steps. It is the same maths as
// train.Trainer.TrainStep with GoMLX's in-memory dataset, and faster on the
// tutorial's network (BenchmarkEpochUnrolled against BenchmarkEpoch; the
// figures are in docs/PERFORMANCE.md).
type unrolledTrainer struct {
	exec   *model.Exec
	x, y   *tensors.Tensor // the whole training set: [n, F] float32 and [n, 1] int32
	batch  int
	losses []float32
}

func newUnrolledTrainer(backend compute.Backend, store *model.Store, net *Net, forward MLPForwardFn, data *Dataset, cfg TrainConfig) (*unrolledTrainer, error) {
	modelFn := net.ModelFn(forward)
	opt := optimizer.Adam().LearningRate(cfg.LearningRate).Epsilon(cfg.AdamEpsilon).Done()
	exec, err := model.NewExec(backend, store, func(scope *model.Scope, x, y, indices *Node) *Node {
		g := x.Graph()
		store.SetTraining(g, true) // without it, variables are baked in as constants
		steps := indices.Shape().Dim(0)
		losses := make([]*Node, steps)
		for s := range steps {
			idx := Reshape(Slice(indices, AxisElem(s)), -1, 1)
			// A fresh root scope per step: the layers' scopes are entered
			// once per step, and the variables are shared by path.
			stepScope := scope
			if s > 0 {
				stepScope = store.RootScope()
			}
			logits := modelFn(stepScope, Gather(x, idx))
			stepLoss := ReduceAllMean(loss.SparseCategoricalCrossEntropyLogits([]*Node{Gather(y, idx)}, []*Node{logits}))
			opt.UpdateGraph(scope, g, stepLoss)
			losses[s] = stepLoss
		}
		return Stack(losses, 0)
	})
	if err != nil {
		return nil, err
	}
	x, y := data.Tensors()
	return &unrolledTrainer{exec: exec, x: x, y: labelsAsColumn(y), batch: cfg.BatchSize}, nil
}

// epoch runs one pass over the samples in the order of perm, dropping the
// last partial batch, and appends every batch's loss to t.losses.
func (t *unrolledTrainer) epoch(perm []int) error {
	numBatches := len(perm) / t.batch
	for first := 0; first < numBatches; first += stepsPerCall {
		steps := min(stepsPerCall, numBatches-first)
		idx := make([]int32, steps*t.batch)
		for i := range idx {
			idx[i] = int32(perm[first*t.batch+i])
		}
		out, err := t.exec.Call(t.x, t.y, tensors.FromFlatDataAndDimensions(idx, steps, t.batch))
		if err != nil {
			return fmt.Errorf("batches %d-%d: %w", first, first+steps-1, err)
		}
		t.losses = append(t.losses, tensors.MustCopyFlatData[float32](out[0])...)
		out[0].FinalizeAll()
	}
	return nil
}

func (t *unrolledTrainer) finalize() {
	t.exec.Finalize()
	t.x.FinalizeAll()
	t.y.FinalizeAll()
}
