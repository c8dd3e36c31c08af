package tutorial

import (
	"fmt"
	"math"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

// TrainConfig holds the settings of [TrainTestClassification]. The zero
// value of a field means the original's setting (see [DefaultTrainConfig]).
type TrainConfig struct {
	Epochs       int      // passes over the training set; the original uses 100
	BatchSize    int      // samples per step, 128
	LearningRate float64  // Adam's learning rate, 1e-3
	AdamEpsilon  float64  // Adam's ε, PyTorch's 1e-8 (GoMLX's default is 1e-7)
	Verbose      bool     // print the accuracies in the original's format
	Progress     Progress // nil: NewProgress() picks one for the environment
	Stream       string   // random stream of the weights and batch order; "train" by default
}

// DefaultTrainConfig returns the original's settings: 100 epochs of batches
// of 128 with Adam at learning rate 1e-3, printing the accuracies.
func DefaultTrainConfig() TrainConfig {
	return TrainConfig{Epochs: 100, BatchSize: 128, LearningRate: 1e-3, AdamEpsilon: 1e-8, Verbose: true}
}

func (c TrainConfig) withDefaults() TrainConfig {
	d := DefaultTrainConfig()
	if c.BatchSize == 0 {
		c.BatchSize = d.BatchSize
	}
	if c.LearningRate == 0 {
		c.LearningRate = d.LearningRate
	}
	if c.AdamEpsilon == 0 {
		c.AdamEpsilon = d.AdamEpsilon
	}
	if c.Stream == "" {
		c.Stream = "train"
	}
	return c
}

// TrainResult is what [TrainTestClassification] returns: the per-batch
// losses, the accuracies, and the trained model for predictions.
type TrainResult struct {
	Losses        []float32 // training loss of every batch, in order
	TrainAccuracy float64   // percent correct on the training set
	TestAccuracy  float64   // percent correct on the test set
	TrainTotal    int       // samples in the training set
	TestTotal     int       // samples in the test set

	Net     *Net
	Forward MLPForwardFn
	Store   *model.Store // the trained variables

	predictExec *model.Exec // compiled on first use, reused by every Predict
}

// TrainTestClassification trains net on train with the cross-entropy loss
// and Adam, then measures its accuracy on train and test: the counterpart of
// the original's train_test_classification.
//
// Each epoch reshuffles the training set (seeded from [SetSeed] through
// cfg.Stream) and drops its last partial batch, as the original's loader
// does. The training set is uploaded to the backend once and the batches are
// gathered in the graph, several steps per call (see unrolledTrainer), which
// is faster than train.Trainer fed by GoMLX's in-memory dataset
// (BenchmarkEpochUnrolled against BenchmarkEpoch; the figures are in
// docs/PERFORMANCE.md). Progress is shown as configured. Bad input (epochs
// <= 0, a batch larger than the training set, features or labels that do not
// fit the net) is reported before training starts, and a NaN loss stops
// training with the epoch and batch where it appeared.
func TrainTestClassification(net *Net, forward MLPForwardFn, trainSet, testSet *Dataset, cfg TrainConfig) (*TrainResult, error) {
	cfg = cfg.withDefaults()
	if err := validateTrainingInputs(net, forward, trainSet, testSet, cfg); err != nil {
		return nil, err
	}
	backend, err := Backend()
	if err != nil {
		return nil, err
	}
	store, err := NewStore(cfg.Stream)
	if err != nil {
		return nil, err
	}
	result := &TrainResult{Net: net, Forward: forward, Store: store, TrainTotal: trainSet.Len(), TestTotal: testSet.Len()}

	trainer, err := newUnrolledTrainer(backend, store, net, forward, trainSet, cfg)
	if err != nil {
		return nil, fmt.Errorf("training: %w", err)
	}
	defer trainer.finalize()
	batchOrder := NewRand(cfg.Stream + "/batches")

	progress := cfg.Progress
	if progress == nil {
		progress = NewProgress()
	}
	progress.Start(cfg.Epochs)
	batchesPerEpoch := trainSet.Len() / cfg.BatchSize
	trainer.losses = make([]float32, 0, cfg.Epochs*batchesPerEpoch)
	err = callSafely("training", func() error {
		for epoch := 1; epoch <= cfg.Epochs; epoch++ {
			// Reshuffled every epoch; the last partial batch is dropped.
			done := len(trainer.losses)
			if err := trainer.epoch(batchOrder.Perm(trainSet.Len())); err != nil {
				return fmt.Errorf("training: epoch %d: %w", epoch, err)
			}
			for i, l := range trainer.losses[done:] {
				if math.IsNaN(float64(l)) || math.IsInf(float64(l), 0) {
					return fmt.Errorf("training: the loss became %v at epoch %d, batch %d; lower the learning rate or check the data", l, epoch, i)
				}
			}
			progress.Update(epoch, trainer.losses[len(trainer.losses)-1])
		}
		return nil
	})
	progress.Finish()
	result.Losses = trainer.losses
	if err != nil {
		return nil, err
	}

	if result.TrainAccuracy, err = result.Accuracy(trainSet); err != nil {
		return nil, err
	}
	if result.TestAccuracy, err = result.Accuracy(testSet); err != nil {
		return nil, err
	}
	if cfg.Verbose {
		fmt.Println(result.AccuracyReport())
	}
	return result, nil
}

// AccuracyReport prints the accuracies in the original's format.
func (r *TrainResult) AccuracyReport() string {
	return fmt.Sprintf("Accuracy on the %d training samples: %0.2f\nAccuracy on the %d testing samples: %0.2f",
		r.TrainTotal, r.TrainAccuracy, r.TestTotal, r.TestAccuracy)
}

// labelsAsColumn reshapes int32 labels [n] to [n, 1], the form GoMLX's
// sparse cross-entropy wants: the core adapts the labels, not the student.
func labelsAsColumn(y *tensors.Tensor) *tensors.Tensor {
	n := y.Shape().Dim(0)
	return tensors.FromFlatDataAndDimensions(tensors.MustCopyFlatData[int32](y), n, 1)
}

func validateTrainingInputs(net *Net, forward MLPForwardFn, trainSet, testSet *Dataset, cfg TrainConfig) error {
	if net == nil {
		return fmt.Errorf("training: the net is nil")
	}
	if err := net.Validate(); err != nil {
		return fmt.Errorf("training: %w", err)
	}
	if forward == nil {
		return fmt.Errorf("training: the forward function is nil")
	}
	if cfg.Epochs <= 0 {
		return fmt.Errorf("training: epochs must be > 0, got %d", cfg.Epochs)
	}
	if cfg.BatchSize <= 0 {
		return fmt.Errorf("training: the batch size must be > 0, got %d", cfg.BatchSize)
	}
	if !(cfg.LearningRate > 0) || math.IsInf(cfg.LearningRate, 0) {
		return fmt.Errorf("training: the learning rate must be a positive number, got %g", cfg.LearningRate)
	}
	for _, part := range []struct {
		name string
		d    *Dataset
	}{{"training set", trainSet}, {"test set", testSet}} {
		if err := part.d.Validate(); err != nil {
			return fmt.Errorf("training: %s: %w", part.name, err)
		}
		if part.d.Len() == 0 {
			return fmt.Errorf("training: the %s is empty", part.name)
		}
		if part.d.NumFeatures != net.InputFeatureNum {
			return fmt.Errorf("training: the %s has %d features per sample, but the net takes input_feature_num=%d",
				part.name, part.d.NumFeatures, net.InputFeatureNum)
		}
		if part.d.NumClasses > net.OutputFeatureNum {
			return fmt.Errorf("training: the %s has %d classes, but the net has only %d outputs", part.name, part.d.NumClasses, net.OutputFeatureNum)
		}
	}
	if cfg.BatchSize > trainSet.Len() {
		return fmt.Errorf("training: the batch size %d is larger than the training set (%d samples)", cfg.BatchSize, trainSet.Len())
	}
	return nil
}

// predictChunk bounds the samples per inference call, so that a large grid
// never holds more than predictChunk x hidden units of activations.
const predictChunk = 16384

// Predict returns the predicted class (the argmax of the logits) of every
// sample of points, a row-major [n, InputFeatureNum] slice. It only runs the
// forward pass: no gradients are computed or kept.
func (r *TrainResult) Predict(points []float32) ([]int32, error) {
	f := r.Net.InputFeatureNum
	if len(points)%f != 0 {
		return nil, fmt.Errorf("predict: %d values is not a whole number of samples of %d features", len(points), f)
	}
	backend, err := Backend()
	if err != nil {
		return nil, err
	}
	classes := make([]int32, 0, len(points)/f)
	err = callSafely("predict", func() error {
		if r.predictExec == nil {
			modelFn := r.Net.ModelFn(r.Forward)
			exec, err := model.NewExec(backend, r.Store, func(scope *model.Scope, x *Node) *Node {
				return ArgMax(modelFn(scope, x), -1)
			})
			if err != nil {
				return err
			}
			r.predictExec = exec
		}
		exec := r.predictExec
		n := len(points) / f
		for start := 0; start < n; start += predictChunk {
			end := min(start+predictChunk, n)
			x := tensors.FromFlatDataAndDimensions(points[start*f:end*f], end-start, f)
			out, err := exec.Call(x)
			if err != nil {
				return err
			}
			classes = append(classes, tensors.MustCopyFlatData[int32](out[0])...)
			out[0].FinalizeAll()
		}
		return nil
	})
	return classes, err
}

// Accuracy returns the percentage of samples of d whose predicted class is
// their label.
func (r *TrainResult) Accuracy(d *Dataset) (float64, error) {
	predicted, err := r.Predict(d.X)
	if err != nil {
		return 0, err
	}
	correct := 0
	for i, p := range predicted {
		if p == d.Y[i] {
			correct++
		}
	}
	return 100 * float64(correct) / float64(d.Len()), nil
}
