package tutorial

import (
	"fmt"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
)

// TestFraction is the share of samples held out for testing, 20% as in the
// original.
const TestFraction = 0.2

// NumTestSamples is the number of test samples for n samples: int(0.2 * n), as in
// the original (800 of 4000).
func NumTestSamples(n int) int { return int(TestFraction * float64(n)) }

// ShuffleAndSplitFn is the signature of Exercise 2.3.
//
// X is float32 [N, F] and y int32 [N]. The function shuffles the samples with
// a permutation drawn from a generator seeded with seed, then returns the
// first NumTestSamples(N) shuffled samples as the test set and the rest as the
// training set: XTest [NumTestSamples(N), F], yTest [NumTestSamples(N)], XTrain
// [N-NumTestSamples(N), F], yTrain [N-NumTestSamples(N)].
type ShuffleAndSplitFn func(X, y *Node, seed int64) (XTest, yTest, XTrain, yTrain *Node)

// TakeRows selects rows of x (any rank >= 1) by index along axis 0, the
// counterpart of PyTorch's X[indices]. The indices are Go ints, baked into
// the graph as a constant; it panics (as graph functions do) when one is out
// of range.
func TakeRows(x *Node, indices []int) *Node {
	n := x.Shape().Dim(0)
	idx := make([]int32, len(indices))
	for i, v := range indices {
		if v < 0 || v >= n {
			panic(fmt.Errorf("TakeRows: index %d at position %d is out of range [0, %d)", v, i, n))
		}
		idx[i] = int32(v)
	}
	return Gather(x, ExpandAxes(Const(x.Graph(), idx), -1))
}

// RunShuffleAndSplit validates data, runs an implementation of Exercise 2.3
// on it and returns the test and training sets.
//
// It never panics: an unfinished exercise gives an error matching
// ErrNotImplemented; a panic or inconsistent output shapes give an error
// that says what was expected. It does not enforce NumTestSamples: the check does.
func RunShuffleAndSplit(fn ShuffleAndSplitFn, data *Dataset, seed int64) (test, train *Dataset, err error) {
	if fn == nil {
		return nil, nil, fmt.Errorf("split: the function is nil")
	}
	if err := data.Validate(); err != nil {
		return nil, nil, fmt.Errorf("split: %w", err)
	}
	n := data.Len()
	if n < 2 {
		return nil, nil, fmt.Errorf("split: need at least 2 samples, got %d", n)
	}
	backend, err := Backend()
	if err != nil {
		return nil, nil, err
	}
	var outputs []*tensors.Tensor
	err = callSafely("split", func() error {
		exec, err := NewExec(backend, func(x, y *Node) []*Node {
			defer rethrowAsError()
			xTest, yTest, xTrain, yTrain := fn(x, y, seed)
			outs := []*Node{xTest, yTest, xTrain, yTrain}
			for i, name := range splitOutputNames {
				if outs[i] == nil {
					panic(fmt.Errorf("split: the function returned a nil %s", name))
				}
			}
			return outs
		})
		if err != nil {
			return err
		}
		defer exec.Finalize()
		xT, yT := data.Tensors()
		outputs, err = exec.Call(xT, yT)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	// The sizes of the two sets are the check's business (it explains a wrong
	// test fraction); here they only have to be consistent.
	nTest := outputs[1].Shape().Dim(0)
	f := data.NumFeatures
	want := []shapes.Shape{
		shapes.Make(dtypes.Float32, nTest, f), shapes.Make(dtypes.Int32, nTest),
		shapes.Make(dtypes.Float32, n-nTest, f), shapes.Make(dtypes.Int32, n-nTest),
	}
	for i, t := range outputs {
		if !t.Shape().Equal(want[i]) {
			return nil, nil, fmt.Errorf("split: %s has shape %s, want %s (test and training sets must together hold the %d samples)",
				splitOutputNames[i], t.Shape(), want[i], n)
		}
	}
	test = &Dataset{X: tensors.MustCopyFlatData[float32](outputs[0]), Y: tensors.MustCopyFlatData[int32](outputs[1]),
		NumFeatures: f, NumClasses: data.NumClasses}
	train = &Dataset{X: tensors.MustCopyFlatData[float32](outputs[2]), Y: tensors.MustCopyFlatData[int32](outputs[3]),
		NumFeatures: f, NumClasses: data.NumClasses}
	for _, t := range outputs {
		t.FinalizeAll()
	}
	return test, train, nil
}

var splitOutputNames = []string{"XTest", "yTest", "XTrain", "yTrain"}
