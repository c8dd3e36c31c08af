// Command gotrain times the tutorial's 100-epoch training and the decision
// map's grid prediction through the same functions the notebook calls
// (tutorial.TrainTestClassification, then TrainResult.Predict on
// tutorial.SampleGrid), and prints one JSON line.
// bench/compare.sh runs it side by side with the PyTorch original.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

func main() {
	epochs := flag.Int("epochs", 100, "training epochs")
	flag.Parse()
	cfg := tutorial.DefaultTrainConfig()
	cfg.Epochs, cfg.Verbose, cfg.Progress = *epochs, false, tutorial.NoProgress{}

	// Data and split as in the notebook (not timed: the PyTorch script
	// prepares them before its clock starts, too).
	tutorial.SetSeed(tutorial.DefaultSeed)
	data, err := tutorial.CreateSpiralDataset(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	test, train, err := tutorial.RunShuffleAndSplit(solutions.ShuffleAndSplitData, data, tutorial.DefaultSeed)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	// Timed like the original: build the net, train 100 epochs, measure the
	// accuracies, all inside TrainTestClassification (graph compilation included).
	start := time.Now()
	net, err := tutorial.NewNet(tutorial.SpiralActivation, 2, []int{tutorial.SpiralHiddenUnits}, tutorial.SpiralClasses)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	result, err := tutorial.TrainTestClassification(net, solutions.MLPForward, train, test, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	trainSeconds := time.Since(start).Seconds()

	grid, err := tutorial.SampleGrid(tutorial.DecisionMapSize, tutorial.DecisionMapXMax)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	start = time.Now()
	if _, err := result.Predict(grid); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	gridSeconds := time.Since(start).Seconds()
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{
		"impl": "gomlx", "train_s": trainSeconds, "grid_s": gridSeconds,
		"train_acc": result.TrainAccuracy, "test_acc": result.TestAccuracy,
	})
}
