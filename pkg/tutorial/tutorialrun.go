package tutorial

import "fmt"

// The original's network for the training run of Section 2.3.
const (
	TutorialHidden     = 128
	TutorialActivation = "ReLU()"
)

// TutorialRun is the original's training run, prepared by [TrainTutorialModel].
type TutorialRun struct {
	Result      *TrainResult
	Train, Test *Dataset
}

// TrainTutorialModel reproduces the training run of Section 2.3 with the
// given implementations of Exercises 2.3 (split) and 2 (forward): the spiral
// (K=4, sigma=0.16, N=1000 per class) seeded with DefaultSeed, split with
// that seed, and Net("ReLU()", 2, [128], 4) trained with cfg.
//
// The run is deterministic, so notebook cells (each a fresh program in GoNB)
// can retrain instead of caching the model: the same seed gives the same
// weights. Errors from unfinished exercises match ErrNotImplemented.
func TrainTutorialModel(split ShuffleAndSplitFn, forward MLPForwardFn, cfg TrainConfig) (*TutorialRun, error) {
	SetSeed(DefaultSeed)
	data, err := CreateSpiralDataset(SpiralClasses, SpiralSigma, SpiralPointsPerClass)
	if err != nil {
		return nil, err
	}
	test, train, err := RunShuffleAndSplit(split, data, DefaultSeed)
	if err != nil {
		return nil, err
	}
	net, err := NewNet(TutorialActivation, data.NumFeatures, []int{TutorialHidden}, SpiralClasses)
	if err != nil {
		return nil, fmt.Errorf("tutorial run: %w", err)
	}
	result, err := TrainTestClassification(net, forward, train, test, cfg)
	if err != nil {
		return nil, err
	}
	return &TutorialRun{Result: result, Train: train, Test: test}, nil
}
