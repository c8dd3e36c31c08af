// Command gotrain times the tutorial's 100-epoch training and the decision
// map's grid prediction with the code the notebook shows and runs (package
// lesson): -form loop is TrainTestClassification (train.Trainer, train.Loop
// and dataset.InMemory), -form fast is TrainTestClassificationFast, the
// notebook's next step. It prints one JSON line. bench/compare.sh runs both
// forms side by side with the PyTorch original.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"syscall"
	"time"

	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/optimizer"

	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

func main() {
	epochs := flag.Int("epochs", 100, "training epochs")
	form := flag.String("form", "loop", `"loop" (TrainTestClassification) or "fast" (TrainTestClassificationFast)`)
	flag.Parse()
	if *form != "loop" && *form != "fast" {
		fail(fmt.Errorf("gotrain: -form must be loop or fast, got %q", *form))
	}

	// Data, split and loaders as in the notebook (not timed: the PyTorch
	// script prepares them before its clock starts, too).
	tutorial.SetSeed(tutorial.DefaultSeed)
	data, err := lesson.CreateSpiralDataset(tutorial.SpiralClasses, tutorial.SpiralSigma, tutorial.SpiralPointsPerClass)
	fail(err)
	test, train, err := tutorial.RunShuffleAndSplit(solutions.ShuffleAndSplitData, data, tutorial.DefaultSeed)
	fail(err)
	trainLoader, testLoader, err := lesson.NewLoaders(train, test, 128)
	fail(err)

	// Timed like the original: build the net, the criterion and the
	// optimizer, train, measure the accuracies (graph compilation included).
	start, startCPU := time.Now(), cpuTime()
	net, err := tutorial.NewNet("ReLU()", 2, []int{128}, tutorial.SpiralClasses)
	fail(err)
	store, err := tutorial.NewStore("train")
	fail(err)
	criterion := loss.SparseCategoricalCrossEntropyLogits
	opt := optimizer.Adam().LearningRate(1e-3).Epsilon(1e-8).Done()
	var trainAcc, testAcc float64
	if *form == "fast" {
		_, trainAcc, testAcc, err = lesson.TrainTestClassificationFast(net, solutions.MLPForward, store, criterion, opt,
			train, test, 128, *epochs, false)
	} else {
		_, trainAcc, testAcc, err = lesson.TrainTestClassification(net, solutions.MLPForward, store, criterion, opt,
			trainLoader, testLoader, *epochs, false)
	}
	fail(err)
	trainSeconds, trainCPU := time.Since(start).Seconds(), (cpuTime() - startCPU).Seconds()

	grid, err := lesson.SampleGrid(500, 2.0)
	fail(err)
	start = time.Now()
	_, err = lesson.Predict(net, solutions.MLPForward, store, grid)
	fail(err)
	gridSeconds := time.Since(start).Seconds()
	_ = json.NewEncoder(os.Stdout).Encode(map[string]any{
		"impl": "gomlx-" + *form, "train_s": trainSeconds, "train_cpu_s": trainCPU, "grid_s": gridSeconds,
		"train_acc": trainAcc, "test_acc": testAcc,
	})
}

// cpuTime is the CPU time (user and system) this process has used so far,
// all threads together: unlike the wall clock, it hardly grows when other
// programs compete for the cores.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
