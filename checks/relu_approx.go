package checks

import (
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"
	"time"

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
	Name   string   `json:"name"`
	XTrain float32s `json:"x_train"`
	YTrain float32s `json:"y_train"`
}

func (c reluApproxCase) describe() string {
	return fmt.Sprintf("%s (xTrain=%s, yTrain=%s)", c.Name, formatFloats(c.XTrain), formatFloats(c.YTrain))
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
	in := reluApproxInputs{Cases: []reluApproxCase{{Name: "元のチュートリアルの入力 (sin の 10 点)", XTrain: x, YTrain: y}}}
	for i := range reluApproxRandomCases {
		in.Cases = append(in.Cases, randomReluApproxCase(rng, fmt.Sprintf("ランダムな入力 %d", i+1)))
	}
	return in
}

// computeReluApprox is phase 2: it runs fn on every case, up to the first
// that fails to run.
func computeReluApprox(fn tutorial.ApproximateFunctionFn, in reluApproxInputs) reluApproxOutputs {
	var out reluApproxOutputs
	for _, c := range in.Cases {
		got, err := tutorial.RunApproximation(fn, c.XTrain, c.YTrain)
		if err != nil {
			out.Cases = append(out.Cases, reluApproxOutput{Err: newRunError(err)})
			break
		}
		out.Cases = append(out.Cases, reluApproxOutput{X: got.X, YHat: got.YHat, ReluActs: got.ReluActs})
	}
	return out
}

// judgeReluApprox is phase 3: it compares every case's outputs with the
// float64 oracle and, on the original's input, with the published error.
func judgeReluApprox(in reluApproxInputs, out reluApproxOutputs, hints Hints) Result {
	for i, c := range in.Cases {
		if i >= len(out.Cases) {
			return failure(fmt.Sprintf("入力 %s の結果がありません。", c.describe()), "")
		}
		o := out.Cases[i]
		if o.Err != nil {
			return fromRunError(c.describe(), o.Err.err(), hints.Gentle)
		}
		got, problem := o.approximation(len(c.XTrain))
		if problem != "" {
			return failure(fmt.Sprintf("入力 %s で、出力の形が不正です: %s。", c.describe(), problem), "")
		}
		if r, ok := compareApproximation(hints, c, got); !ok {
			return r
		}
		if i == 0 {
			if r, ok := checkErrorAgainstSine(hints, c, got); !ok {
				return r
			}
		}
	}
	return Result{Status: Pass,
		Message: fmt.Sprintf("%d 個の入力 (元の sin の 10 点とランダムな %d 個) で、ReLU の活性化と yHat が期待値と一致しました。",
			len(in.Cases), len(in.Cases)-1)}
}

// approximation checks the shapes of an output for n training points (the
// core checks them in process, but outputs from a child may be anything) and
// converts it; problem is empty when the shapes are right.
func (o reluApproxOutput) approximation(n int) (got *tutorial.Approximation, problem string) {
	const size = tutorial.ApproximationGridSize
	switch {
	case len(o.X) != size:
		return nil, fmt.Sprintf("x の長さは %d ですが、%d のはずです", len(o.X), size)
	case len(o.YHat) != size:
		return nil, fmt.Sprintf("yHat の長さは %d ですが、%d のはずです", len(o.YHat), size)
	case len(o.ReluActs) != n-1:
		return nil, fmt.Sprintf("reluActs の行数は %d ですが、%d のはずです", len(o.ReluActs), n-1)
	}
	got = &tutorial.Approximation{X: o.X, YHat: o.YHat, ReluActs: make([][]float32, n-1)}
	for i, row := range o.ReluActs {
		if len(row) != size {
			return nil, fmt.Sprintf("reluActs[%d] の長さは %d ですが、%d のはずです", i, len(row), size)
		}
		got.ReluActs[i] = row
	}
	return got, ""
}

// randomReluApproxCase draws 3 to 12 sorted points with gaps of at least 0.2
// and y[0] = 0, so that the approximation passes through every training point.
func randomReluApproxCase(rng *rand.Rand, name string) reluApproxCase {
	n := 3 + rng.Intn(10)
	x := make([]float32, n)
	y := make([]float32, n)
	x[0] = float32(rng.Float64()*10 - 5)
	for i := 1; i < n; i++ {
		x[i] = x[i-1] + float32(0.2+rng.Float64()*1.3)
		y[i] = float32(rng.NormFloat64())
	}
	return reluApproxCase{Name: name, XTrain: x, YTrain: y}
}

// compareApproximation compares every output with the float64 oracle.
func compareApproximation(hints Hints, c reluApproxCase, got *tutorial.Approximation) (Result, bool) {
	n := len(c.XTrain)
	lo, hi := float64(c.XTrain[0]), float64(c.XTrain[n-1])
	gridSize := len(got.X)
	for j, v := range got.X {
		want := lo + (hi-lo)*float64(j)/float64(gridSize-1)
		if !closeTo(float64(v), want, 1e-4) {
			return failure(fmt.Sprintf("入力 %s で、x[%d] の期待値は %.6g ですが、%.6g が返されました。", c.describe(), j, want, v),
				"x は最小の訓練点から最大の訓練点までの 1000 点 (tutorial.Linspace) です。この行は変更しないでください。"), false
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
				return failure(fmt.Sprintf("入力 %s で、reluActs[%d][%d] (x=%.4g) の期待値は %.6g ですが、%.6g が返されました。ReLU %d は x = xTrain[%d] = %.4g で折れ曲がるはずです。",
					c.describe(), i, j, got.X[j], want, v, i+1, i, c.XTrain[i]), hints.Gentle), false
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
			return failure(fmt.Sprintf("入力 %s で、yHat[%d] (x=%.4g) の期待値は %.6g ですが、%.6g が返されました。yHat は訓練点 (%s) を通る折れ線になるはずです。",
				c.describe(), j, got.X[j], want, v, trainingPointsNear(c, float64(got.X[j]))), hints.Pointed+" "+hints.Explicit), false
		}
	}
	return Result{}, true
}

// checkErrorAgainstSine checks the published maximum error against sin(x).
func checkErrorAgainstSine(hints Hints, c reluApproxCase, got *tutorial.Approximation) (Result, bool) {
	maxErr, at := 0.0, 0.0
	for j, v := range got.YHat {
		if e := math.Abs(float64(v) - math.Sin(float64(got.X[j]))); e > maxErr {
			maxErr, at = e, float64(got.X[j])
		}
	}
	if math.Abs(maxErr-reluApproxMaxErrorVsSin) > reluApproxMaxErrorTol {
		return failure(fmt.Sprintf("入力 %s で、sin(x) との最大誤差の期待値は約 %.4f (x ≈ %.2f) ですが、%.4f (x = %.2f) でした。",
			c.describe(), reluApproxMaxErrorVsSin, reluApproxMaxErrorAtX, maxErr, at), hints.Explicit), false
	}
	return Result{}, true
}

// trainingPointsNear names the training interval that contains x.
func trainingPointsNear(c reluApproxCase, x float64) string {
	i := sort.Search(len(c.XTrain), func(i int) bool { return float64(c.XTrain[i]) >= x })
	if i == 0 {
		return fmt.Sprintf("(%.4g, %.4g)", c.XTrain[0], c.YTrain[0]-c.YTrain[0])
	}
	if i >= len(c.XTrain) {
		i = len(c.XTrain) - 1
	}
	return fmt.Sprintf("(%.4g, %.4g) と (%.4g, %.4g) の間", c.XTrain[i-1], c.YTrain[i-1]-c.YTrain[0], c.XTrain[i], c.YTrain[i]-c.YTrain[0])
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
