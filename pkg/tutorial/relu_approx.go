package tutorial

import (
	"fmt"
	"math"
	"sort"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
)

// ApproximationGridSize is the number of x points on which Exercise 1
// evaluates its approximation, 1000 as in the original.
const ApproximationGridSize = 1000

// ApproximateFunctionFn is the signature of Exercise 1.
//
// xTrain and yTrain are float32 vectors of shape [n] with xTrain sorted
// ascending (n >= 2). The function returns
//   - yHat: shape [ApproximationGridSize], the weighted sum of the ReLUs on x;
//   - reluActs: shape [n-1, ApproximationGridSize], row i is relu(x + b_i);
//   - x: shape [ApproximationGridSize], linspace(min(xTrain), max(xTrain)).
type ApproximateFunctionFn func(xTrain, yTrain *Node) (yHat, reluActs, x *Node)

// Approximation is the result of running Exercise 1, as plain Go slices.
type Approximation struct {
	X        []float32   // the evaluation grid, [ApproximationGridSize]
	YHat     []float32   // the approximation on X
	ReluActs [][]float32 // [n-1][ApproximationGridSize] ReLU basis functions
}

// SineTrainingPoints returns the original's training data for Exercise 1:
// n points x = linspace(0, 2π, n) and y = sin(x), in float32.
func SineTrainingPoints(n int) (x, y []float32) {
	x = LinspaceFloat32(0, 2*math.Pi, n)
	y = make([]float32, n)
	for i, v := range x {
		y[i] = float32(math.Sin(float64(v)))
	}
	return x, y
}

// ValidateTrainingPoints checks the input of Exercise 1: at least 2 points,
// equal lengths, finite values and strictly increasing x.
func ValidateTrainingPoints(xTrain, yTrain []float32) error {
	if len(xTrain) != len(yTrain) {
		return fmt.Errorf("relu approximation: xTrain and yTrain must have the same length, got %d and %d", len(xTrain), len(yTrain))
	}
	if len(xTrain) < 2 {
		return fmt.Errorf("relu approximation: need at least 2 training points, got %d", len(xTrain))
	}
	for i := range xTrain {
		if !isFinite(xTrain[i]) || !isFinite(yTrain[i]) {
			return fmt.Errorf("relu approximation: training point %d is not finite: (%g, %g)", i, xTrain[i], yTrain[i])
		}
	}
	if !sort.SliceIsSorted(xTrain, func(i, j int) bool { return xTrain[i] < xTrain[j] }) {
		return fmt.Errorf("relu approximation: xTrain must be sorted ascending, got %s", sliceForError(xTrain))
	}
	for i := 1; i < len(xTrain); i++ {
		if xTrain[i] == xTrain[i-1] {
			return fmt.Errorf("relu approximation: xTrain must be strictly increasing, x[%d] = x[%d] = %g", i-1, i, xTrain[i])
		}
	}
	return nil
}

func isFinite(v float32) bool {
	return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0)
}

// RunApproximation validates the training points, runs an implementation of
// Exercise 1 on the tutorial's backend and returns its outputs as slices.
//
// It never panics: an unfinished exercise gives an error matching
// ErrNotImplemented, and a panic or wrong output shape gives an error that
// says what was expected.
func RunApproximation(fn ApproximateFunctionFn, xTrain, yTrain []float32) (*Approximation, error) {
	if fn == nil {
		return nil, fmt.Errorf("relu approximation: the function is nil")
	}
	if err := ValidateTrainingPoints(xTrain, yTrain); err != nil {
		return nil, err
	}
	backend, err := Backend()
	if err != nil {
		return nil, err
	}
	n := len(xTrain)
	var outputs []*tensors.Tensor
	err = callSafely("relu approximation", func() error {
		exec, err := NewExec(backend, func(x, y *Node) []*Node {
			defer rethrowAsError()
			yHat, reluActs, grid := fn(x, y)
			for name, node := range map[string]*Node{"yHat": yHat, "reluActs": reluActs, "x": grid} {
				if node == nil {
					panic(fmt.Sprintf("relu approximation: the function returned a nil %s", name))
				}
			}
			return []*Node{yHat, reluActs, grid}
		})
		if err != nil {
			return err
		}
		defer exec.Finalize()
		outputs, err = exec.Call(xTrain, yTrain)
		return err
	})
	if err != nil {
		return nil, err
	}
	want := []shapes.Shape{
		shapes.Make(dtypes.Float32, ApproximationGridSize),
		shapes.Make(dtypes.Float32, n-1, ApproximationGridSize),
		shapes.Make(dtypes.Float32, ApproximationGridSize),
	}
	names := []string{"yHat", "reluActs", "x"}
	for i, t := range outputs {
		if !t.Shape().Equal(want[i]) {
			return nil, fmt.Errorf("relu approximation: %s has shape %s, want %s", names[i], t.Shape(), want[i])
		}
	}
	result := &Approximation{
		YHat: tensors.MustCopyFlatData[float32](outputs[0]),
		X:    tensors.MustCopyFlatData[float32](outputs[2]),
	}
	flat := tensors.MustCopyFlatData[float32](outputs[1])
	result.ReluActs = make([][]float32, n-1)
	for i := range result.ReluActs {
		result.ReluActs[i] = flat[i*ApproximationGridSize : (i+1)*ApproximationGridSize]
	}
	for _, t := range outputs {
		t.FinalizeAll()
	}
	return result, nil
}
