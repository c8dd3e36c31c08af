package checks

import (
	"math/rand"
	"slices"
	"time"

	"github.com/gomlx/compute/dtypes"
	. "github.com/gomlx/gomlx/core/graph"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// Golden numbers of Exercise 2.3 (docs/REFERENCE.md): 4000 spiral samples split
// into 800 test and 3200 training samples.
const (
	splitReferenceN     = 4000
	splitReferenceTest  = 800
	splitReferenceTrain = 3200
	splitNumClasses     = 4
)

// ShuffleAndSplitData checks an implementation of Exercise 2.3.
//
// On 4000 samples and on a random size drawn now, it checks the sizes
// (800/3200 for 4000), that test and training sets are disjoint and together
// a permutation of the input with every x still paired with its y, that the
// same seed gives the same split, and that another seed gives another split.
func ShuffleAndSplitData(fn tutorial.ShuffleAndSplitFn) Result {
	return checkShuffleAndSplit(fn, rand.New(rand.NewSource(time.Now().UnixNano())))
}

// identifiableDataset has n samples whose features name the sample: row i is
// (i, -i - 0.5) with label i mod K, so the check can trace every row.
func identifiableDataset(n int) *tutorial.Dataset {
	d := &tutorial.Dataset{X: make([]float32, 2*n), Y: make([]int32, n), NumFeatures: 2, NumClasses: splitNumClasses}
	for i := range n {
		d.X[2*i], d.X[2*i+1] = float32(i), -float32(i)-0.5
		d.Y[i] = int32(i % splitNumClasses)
	}
	return d
}

// splitCase is one input of the Exercise 2.3 check: the dataset is
// identifiableDataset(N), split with Seed (and Seed+1 for the comparison).
type splitCase struct {
	N    int   `json:"n"`
	Seed int64 `json:"seed"`
}

func (c splitCase) describe(l Lang) string { return l.Sprintf("check.split.describe", c.N, c.Seed) }

// splitInputs are the inputs of one run of the Exercise 2.3 check.
type splitInputs struct {
	Cases []splitCase `json:"cases"`
}

// splitPart is one returned set, as plain data.
type splitPart struct {
	X float32s `json:"x"`
	Y []int32  `json:"y"`
}

func newSplitPart(d *tutorial.Dataset) *splitPart { return &splitPart{X: d.X, Y: d.Y} }

// dataset converts a returned set back, or says in language l why its
// shape is wrong; name is the set's name in l.
func (p *splitPart) dataset(l Lang, name string) (*tutorial.Dataset, string) {
	if p == nil {
		return nil, l.Sprintf("check.split.missing", name)
	}
	if len(p.X) != 2*len(p.Y) {
		return nil, l.Sprintf("check.split.bad_x", name, len(p.X), len(p.Y))
	}
	return &tutorial.Dataset{X: p.X, Y: p.Y, NumFeatures: 2, NumClasses: splitNumClasses}, ""
}

// splitOutput is what an implementation returned for one case: the split
// with Seed, the test set of a second run with Seed and of a run with Seed+1.
type splitOutput struct {
	Test      *splitPart `json:"test,omitempty"`
	Train     *splitPart `json:"train,omitempty"`
	Again     *splitPart `json:"again,omitempty"`
	OtherSeed *splitPart `json:"other_seed,omitempty"`
	Err       *runError  `json:"error,omitempty"`
}

// splitOutputs are the outputs of the cases in order, up to the first that
// fails to run.
type splitOutputs struct {
	Cases []splitOutput `json:"cases"`
}

// splitGrader is the three-phase check of Exercise 2.3 (see [Grader]); its
// [Registry] entry holds it.
var splitGrader = phases[tutorial.ShuffleAndSplitFn, splitInputs, splitOutputs]{
	draw:    drawSplitInputs,
	compute: computeShuffleAndSplit,
	judge:   judgeShuffleAndSplit,
}

func checkShuffleAndSplit(fn tutorial.ShuffleAndSplitFn, rng *rand.Rand) Result {
	return checkInProcess(ShuffleAndSplitDataID, fn, rng)
}

// drawSplitInputs is phase 1: the original's size and a random one, with
// fresh seeds.
func drawSplitInputs(rng *rand.Rand) splitInputs {
	sizes := []int{splitReferenceN, 10 + rng.Intn(2000)}
	var in splitInputs
	for _, n := range sizes {
		in.Cases = append(in.Cases, splitCase{N: n, Seed: rng.Int63n(1 << 31)})
	}
	return in
}

// computeShuffleAndSplit is phase 2: three runs per case, up to the first
// that fails.
func computeShuffleAndSplit(fn tutorial.ShuffleAndSplitFn, in splitInputs) splitOutputs {
	var out splitOutputs
	for _, c := range in.Cases {
		data := identifiableDataset(c.N)
		var o splitOutput
		var returned watch
		watched := func(X, y *Node, seed int64) (XTest, yTest, XTrain, yTrain *Node) {
			XTest, yTest, XTrain, yTrain = fn(X, y, seed)
			returned.record(splitContract(X.Shape().Dim(0), X.Shape().Dim(1)), XTest, yTest, XTrain, yTrain)
			return XTest, yTest, XTrain, yTrain
		}
		test, train, err := tutorial.RunShuffleAndSplit(watched, data, c.Seed)
		if err == nil {
			o.Test, o.Train = newSplitPart(test), newSplitPart(train)
			var again, other *tutorial.Dataset
			if again, _, err = tutorial.RunShuffleAndSplit(watched, data, c.Seed); err == nil {
				o.Again = newSplitPart(again)
				if other, _, err = tutorial.RunShuffleAndSplit(watched, data, c.Seed+1); err == nil {
					o.OtherSeed = newSplitPart(other)
				}
			}
		}
		o.Err = newRunError(err, &returned)
		out.Cases = append(out.Cases, o)
		if err != nil {
			break
		}
	}
	return out
}

// splitContract is what the exercise's contract (tutorial.ShuffleAndSplitFn)
// wants of the four sets, for n samples of f features.
func splitContract(n, f int) []wantOutput {
	test := tutorial.NumTestSamples(n)
	return []wantOutput{
		{"XTest", dtypes.Float32, []int{test, f}}, {"yTest", dtypes.Int32, []int{test}},
		{"XTrain", dtypes.Float32, []int{n - test, f}}, {"yTrain", dtypes.Int32, []int{n - test}},
	}
}

// judgeShuffleAndSplit is phase 3: sizes, a permutation with x and y paired,
// and reproducibility by seed.
func judgeShuffleAndSplit(l Lang, in splitInputs, out splitOutputs, hints Hints) Result {
	for i, c := range in.Cases {
		input := c.describe(l)
		if i >= len(out.Cases) {
			return failure(l.Sprintf("check.no_result", input), "")
		}
		o := out.Cases[i]
		if o.Err != nil {
			return o.Err.result(l, input, hints.Gentle)
		}
		test, problem := o.Test.dataset(l, l.Sprintf("check.split.test_set"))
		var train, again, other *tutorial.Dataset
		if problem == "" {
			train, problem = o.Train.dataset(l, l.Sprintf("check.split.train_set"))
		}
		if problem == "" {
			again, problem = o.Again.dataset(l, l.Sprintf("check.split.again_set"))
		}
		if problem == "" {
			other, problem = o.OtherSeed.dataset(l, l.Sprintf("check.split.other_seed_set"))
		}
		if problem != "" {
			return failure(l.Sprintf("check.bad_shape", input, problem), "")
		}
		wantTest := tutorial.NumTestSamples(c.N)
		if c.N == splitReferenceN && (test.Len() != splitReferenceTest || train.Len() != splitReferenceTrain) {
			return failure(l.Sprintf("check.split.reference_sizes",
				input, splitReferenceTest, splitReferenceTrain, test.Len(), train.Len()), hints.Pointed)
		}
		if r, ok := checkSplitIsPermutation(l, hints, input, test, train, c.N, wantTest); !ok {
			return r
		}
		if !slices.Equal(again.Y, test.Y) || !slices.Equal(again.X, test.X) {
			return failure(l.Sprintf("check.split.same_seed", input), hints.Gentle)
		}
		if slices.Equal(other.X, test.X) {
			return failure(l.Sprintf("check.split.other_seed", input, c.Seed, c.Seed+1), hints.Gentle)
		}
		if r, ok := checkSplitOrder(l, hints, input, test, train, c); !ok {
			return r
		}
	}
	return Result{Status: Pass,
		Message: l.Sprintf("check.split.pass", splitReferenceN, splitReferenceTest, splitReferenceTrain, in.Cases[len(in.Cases)-1].N)}
}

// checkSplitOrder checks that the sets follow the permutation the
// exercise's contract fixes, math/rand's rand.New(rand.NewSource(seed)).Perm(N):
// row i of the test set is input row perm[i], and row j of the training set
// is input row perm[testSize+j].
func checkSplitOrder(l Lang, hints Hints, input string, test, train *tutorial.Dataset, c splitCase) (Result, bool) {
	perm := rand.New(rand.NewSource(c.Seed)).Perm(c.N)
	for _, part := range []struct {
		name   string
		d      *tutorial.Dataset
		offset int
		hint   string
	}{{l.Sprintf("check.split.test_set"), test, 0, hints.Explicit}, {l.Sprintf("check.split.train_set"), train, test.Len(), hints.Explicit}} {
		for i := range part.d.Len() {
			if got, want := int(part.d.Row(i)[0]), perm[part.offset+i]; got != want {
				return failure(l.Sprintf("check.split.order", input, part.name, i, want, got), part.hint), false
			}
		}
	}
	return Result{}, true
}

// checkSplitIsPermutation checks the sizes, that every input row appears
// exactly once across both sets, and that x and y stayed paired.
func checkSplitIsPermutation(l Lang, hints Hints, input string, test, train *tutorial.Dataset, n, wantTest int) (Result, bool) {
	if test.Len() != wantTest || train.Len() != n-wantTest {
		return failure(l.Sprintf("check.split.sizes", input, wantTest, n-wantTest, test.Len(), train.Len()), hints.Pointed), false
	}
	seen := make([]bool, n)
	for _, part := range []struct {
		name string
		d    *tutorial.Dataset
	}{{l.Sprintf("check.split.test_set"), test}, {l.Sprintf("check.split.train_set"), train}} {
		for i := range part.d.Len() {
			row := part.d.Row(i)
			idx := int(row[0])
			if float32(idx) != row[0] || idx < 0 || idx >= n || row[1] != -row[0]-0.5 {
				return failure(l.Sprintf("check.split.unknown_row", input, part.name, i, row), hints.Gentle), false
			}
			if seen[idx] {
				return failure(l.Sprintf("check.split.duplicate", input, idx, part.name, i), hints.Gentle), false
			}
			seen[idx] = true
			if want := int32(idx % splitNumClasses); part.d.Y[i] != want {
				return failure(l.Sprintf("check.split.label", input, part.name, i, idx, want, part.d.Y[i]), hints.Gentle), false
			}
		}
	}
	return Result{}, true
}
