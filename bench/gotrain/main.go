// Command gotrain times the tutorial's 100-epoch training and the decision
// map's grid prediction through the same functions the notebook calls
// (tutorial.TrainTutorialModel → TrainTestClassification, then
// TrainResult.Predict on tutorial.SampleGrid), and prints one JSON line.
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

	start := time.Now()
	run, err := tutorial.TrainTutorialModel(solutions.ShuffleAndSplitData, solutions.MLPForward, cfg)
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
	if _, err := run.Result.Predict(grid); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	gridSeconds := time.Since(start).Seconds()
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{
		"impl": "gomlx", "train_s": trainSeconds, "grid_s": gridSeconds,
		"train_acc": run.Result.TrainAccuracy, "test_acc": run.Result.TestAccuracy,
	})
}
