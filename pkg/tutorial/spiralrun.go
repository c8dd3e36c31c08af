package tutorial

import "fmt"

// The original's network for classifying the spiral (Section 2.3):
// Net(SpiralActivation, 2, [SpiralHiddenUnits], SpiralClasses).
const (
	SpiralHiddenUnits = 128      // units of the one hidden layer
	SpiralActivation  = "ReLU()" // its activation
)

// SpiralRun is the original's training run on the spiral, as
// [TrainSpiralClassifier] leaves it: the trained net and the two sets.
type SpiralRun struct {
	Result      *TrainResult
	Train, Test *Dataset
}

// TrainSpiralClassifier reproduces the training run of Section 2.3 with the
// given implementations of Exercises 2.3 (split) and 2 (forward): the spiral
// (K=4, sigma=0.16, N=1000 per class) seeded with DefaultSeed, split with
// that seed, and Net("ReLU()", 2, [128], 4) trained with cfg.
//
// The run is deterministic, so notebook cells (each a fresh program in GoNB)
// can retrain instead of caching the model: the same seed gives the same
// weights. Errors from unfinished exercises match ErrNotImplemented.
func TrainSpiralClassifier(split ShuffleAndSplitFn, forward MLPForwardFn, cfg TrainConfig) (*SpiralRun, error) {
	SetSeed(DefaultSeed)
	data, err := CreateSpiralDataset(SpiralClasses, SpiralSigma, SpiralPointsPerClass)
	if err != nil {
		return nil, err
	}
	test, train, err := RunShuffleAndSplit(split, data, DefaultSeed)
	if err != nil {
		return nil, err
	}
	net, err := NewNet(SpiralActivation, data.NumFeatures, []int{SpiralHiddenUnits}, SpiralClasses)
	if err != nil {
		return nil, fmt.Errorf("spiral classifier: %w", err)
	}
	result, err := TrainTestClassification(net, forward, train, test, cfg)
	if err != nil {
		return nil, err
	}
	return &SpiralRun{Result: result, Train: train, Test: test}, nil
}
