package checks

import (
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"
	"time"

	"github.com/gomlx/compute/dtypes"
	. "github.com/gomlx/gomlx/core/graph"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// Golden numbers of Exercise 1, measured from the original (docs/REFERENCE.md).
const (
	reluApproxMaxErrorVsSin   = 0.0594 // max |yHat - sin(x)| on the 1000-point grid, 10 points on [0, 2π]
	reluApproxMaxErrorTol     = 5e-4
	reluApproxMaxErrorAtX     = 4.54 // where that maximum is, roughly
	reluApproxReferencePoints = 10
	reluApproxRandomCases     = 2
)

// reluApproxCase is one input of the Exercise 1 check.
type reluApproxCase struct {
	// Random numbers the random inputs from 1; 0 is the original's input.
	Random int      `json:"random,omitempty"`
	XTrain float32s `json:"x_train"`
	YTrain float32s `json:"y_train"`
}

func (c reluApproxCase) describe(l Lang) string {
	name := l.Sprintf("check.relu.case.original")
	if c.Random > 0 {
		name = l.Sprintf("check.relu.case.random", c.Random)
	}
	return fmt.Sprintf("%s (xTrain=%s, yTrain=%s)", name, formatFloats(c.XTrain), formatFloats(c.YTrain))
}

// reluApproxInputs are the inputs of one run of the Exercise 1 check: the
// original's input first, then the random ones.
type reluApproxInputs struct {
	Cases []reluApproxCase `json:"cases"`
}

// reluApproxOutput is what an implementation returned on one case, or the
// error it failed with.
type reluApproxOutput struct {
	X        float32s      `json:"x,omitempty"`
	YHat     float32s      `json:"y_hat,omitempty"`
	ReluActs float32Matrix `json:"relu_acts,omitempty"`
	Err      *runError     `json:"error,omitempty"`
}

// reluApproxOutputs are the outputs of the cases in order; computing stops
// at the first case that fails to run.
type reluApproxOutputs struct {
	Cases []reluApproxOutput `json:"cases"`
}

// reluApproxGrader is the three-phase check of Exercise 1 (see [Grader]); its
// [Registry] entry holds it.
var reluApproxGrader = phases[tutorial.ApproximateFunctionFn, reluApproxInputs, reluApproxOutputs]{
	draw:    drawReluApproxInputs,
	compute: computeReluApprox,
	judge:   judgeReluApprox,
}

// ApproximateFunction checks an implementation of Exercise 1.
//
// It runs fn on the original's 10 points of sin on [0, 2π] and on
// reluApproxRandomCases random inputs drawn now, and compares the grid, every
// ReLU row and yHat with an oracle computed here with float64 loops. On the
// original's input it also checks the published maximum error against sin,
// 0.0594.
func ApproximateFunction(fn tutorial.ApproximateFunctionFn) Result {
	return checkApproximateFunction(fn, rand.New(rand.NewSource(time.Now().UnixNano())))
}

func checkApproximateFunction(fn tutorial.ApproximateFunctionFn, rng *rand.Rand) Result {
	return checkInProcess(ApproximateFunctionID, fn, rng)
}

// drawReluApproxInputs is phase 1: the original's input and fresh random ones.
func drawReluApproxInputs(rng *rand.Rand) reluApproxInputs {
	x, y := tutorial.SineTrainingPoints(reluApproxReferencePoints)
	in := reluApproxInputs{Cases: []reluApproxCase{{XTrain: x, YTrain: y}}}
	for i := range reluApproxRandomCases {
		in.Cases = append(in.Cases, randomReluApproxCase(rng, i+1))
	}
	return in
}

// computeReluApprox is phase 2: it runs fn on every case, up to the first
// that fails to run.
func computeReluApprox(fn tutorial.ApproximateFunctionFn, in reluApproxInputs) reluApproxOutputs {
	var out reluApproxOutputs
	for _, c := range in.Cases {
		var returned watch
		want := []wantOutput{
			{"yHat", dtypes.Float32, []int{tutorial.ApproximationGridSize}},
			{"reluActs", dtypes.Float32, []int{len(c.XTrain) - 1, tutorial.ApproximationGridSize}},
			{"x", dtypes.Float32, []int{tutorial.ApproximationGridSize}},
		}
		watched := func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
			yHat, reluActs, x = fn(xTrain, yTrain)
			returned.record(want, yHat, reluActs, x)
			return yHat, reluActs, x
		}
		got, err := tutorial.RunApproximation(watched, c.XTrain, c.YTrain)
		if err != nil {
			out.Cases = append(out.Cases, reluApproxOutput{Err: newRunError(err, &returned)})
			break
		}
		out.Cases = append(out.Cases, reluApproxOutput{X: got.X, YHat: got.YHat, ReluActs: got.ReluActs})
	}
	return out
}

// judgeReluApprox is phase 3: it compares every case's outputs with the
// float64 oracle and, on the original's input, with the published error.
func judgeReluApprox(l Lang, in reluApproxInputs, out reluApproxOutputs, hints Hints) Result {
	for i, c := range in.Cases {
		if i >= len(out.Cases) {
			return failure(l.Sprintf("check.no_result", c.describe(l)), "")
		}
		o := out.Cases[i]
		if o.Err != nil {
			return o.Err.result(l, c.describe(l), hints.Gentle)
		}
		got, problem := o.approximation(l, len(c.XTrain))
		if problem != "" {
			return failure(l.Sprintf("check.bad_shape", c.describe(l), problem), "")
		}
		if r, ok := compareApproximation(l, hints, c, got); !ok {
			return r
		}
		if i == 0 {
			if r, ok := checkErrorAgainstSine(l, hints, c, got); !ok {
				return r
			}
		}
	}
	return Result{Status: Pass, Message: l.Sprintf("check.relu.pass", len(in.Cases), len(in.Cases)-1)}
}

// approximation checks the shapes of an output for n training points (the
// core checks them in process, but outputs from a child may be anything) and
// converts it; problem is empty when the shapes are right.
func (o reluApproxOutput) approximation(l Lang, n int) (got *tutorial.Approximation, problem string) {
	const size = tutorial.ApproximationGridSize
	switch {
	case len(o.X) != size:
		return nil, l.Sprintf("check.relu.shape.x", len(o.X), size)
	case len(o.YHat) != size:
		return nil, l.Sprintf("check.relu.shape.yhat", len(o.YHat), size)
	case len(o.ReluActs) != n-1:
		return nil, l.Sprintf("check.relu.shape.rows", len(o.ReluActs), n-1)
	}
	got = &tutorial.Approximation{X: o.X, YHat: o.YHat, ReluActs: make([][]float32, n-1)}
	for i, row := range o.ReluActs {
		if len(row) != size {
			return nil, l.Sprintf("check.relu.shape.row", i, len(row), size)
		}
		got.ReluActs[i] = row
	}
	return got, ""
}

// randomReluApproxCase draws 3 to 12 sorted points with gaps of at least 0.2
// and y[0] = 0, so that the approximation passes through every training point.
func randomReluApproxCase(rng *rand.Rand, number int) reluApproxCase {
	n := 3 + rng.Intn(10)
	x := make([]float32, n)
	y := make([]float32, n)
	x[0] = float32(rng.Float64()*10 - 5)
	for i := 1; i < n; i++ {
		x[i] = x[i-1] + float32(0.2+rng.Float64()*1.3)
		y[i] = float32(rng.NormFloat64())
	}
	return reluApproxCase{Random: number, XTrain: x, YTrain: y}
}

// compareApproximation compares every output with the float64 oracle.
func compareApproximation(l Lang, hints Hints, c reluApproxCase, got *tutorial.Approximation) (Result, bool) {
	n := len(c.XTrain)
	lo, hi := float64(c.XTrain[0]), float64(c.XTrain[n-1])
	gridSize := len(got.X)
	for j, v := range got.X {
		want := lo + (hi-lo)*float64(j)/float64(gridSize-1)
		if !closeTo(float64(v), want, 1e-4) {
			return failure(l.Sprintf("check.relu.x", c.describe(l), j, want, v), l.Sprintf("check.relu.x_hint")), false
		}
	}
	// Oracle: ReLU i is max(0, x - xTrain[i]); its weight is the change of slope at xTrain[i].
	weights := make([]float64, n-1)
	prevSlope := 0.0
	for i := range n - 1 {
		slope := (float64(c.YTrain[i+1]) - float64(c.YTrain[i])) / (float64(c.XTrain[i+1]) - float64(c.XTrain[i]))
		weights[i] = slope - prevSlope
		prevSlope = slope
	}
	for i, row := range got.ReluActs {
		for j, v := range row {
			want := math.Max(0, float64(got.X[j])-float64(c.XTrain[i]))
			if !closeTo(float64(v), want, 1e-4) {
				return failure(l.Sprintf("check.relu.acts",
					c.describe(l), i, j, got.X[j], want, v, i+1, i, c.XTrain[i]), hints.Gentle), false
			}
		}
	}
	for j, v := range got.YHat {
		want, scale := 0.0, 1.0
		for i, w := range weights {
			term := w * math.Max(0, float64(got.X[j])-float64(c.XTrain[i]))
			want += term
			scale += math.Abs(term)
		}
		if math.IsNaN(float64(v)) || math.Abs(float64(v)-want) > 1e-4*scale {
			return failure(l.Sprintf("check.relu.yhat",
				c.describe(l), j, got.X[j], want, v, trainingPointsNear(l, c, float64(got.X[j]))), hints.Pointed+" "+hints.Explicit), false
		}
	}
	return Result{}, true
}

// checkErrorAgainstSine checks the published maximum error against sin(x).
func checkErrorAgainstSine(l Lang, hints Hints, c reluApproxCase, got *tutorial.Approximation) (Result, bool) {
	maxErr, at := 0.0, 0.0
	for j, v := range got.YHat {
		if e := math.Abs(float64(v) - math.Sin(float64(got.X[j]))); e > maxErr {
			maxErr, at = e, float64(got.X[j])
		}
	}
	if math.Abs(maxErr-reluApproxMaxErrorVsSin) > reluApproxMaxErrorTol {
		return failure(l.Sprintf("check.relu.sine",
			c.describe(l), reluApproxMaxErrorVsSin, reluApproxMaxErrorAtX, maxErr, at), hints.Explicit), false
	}
	return Result{}, true
}

// trainingPointsNear names the training interval that contains x.
func trainingPointsNear(l Lang, c reluApproxCase, x float64) string {
	i := sort.Search(len(c.XTrain), func(i int) bool { return float64(c.XTrain[i]) >= x })
	if i == 0 {
		return fmt.Sprintf("(%.4g, %.4g)", c.XTrain[0], c.YTrain[0]-c.YTrain[0])
	}
	if i >= len(c.XTrain) {
		i = len(c.XTrain) - 1
	}
	return l.Sprintf("check.relu.between", c.XTrain[i-1], c.YTrain[i-1]-c.YTrain[0], c.XTrain[i], c.YTrain[i]-c.YTrain[0])
}

// closeTo reports whether got is within tol, relative to 1 + |want|.
func closeTo(got, want, tol float64) bool {
	return !math.IsNaN(got) && math.Abs(got-want) <= tol*(1+math.Abs(want))
}

// formatFloats prints a short vector with 4 significant digits.
func formatFloats(v []float32) string {
	parts := make([]string, len(v))
	for i, f := range v {
		parts[i] = fmt.Sprintf("%.4g", f)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
