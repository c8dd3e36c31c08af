package checks

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"time"

	"github.com/gomlx/compute/dtypes"
	. "github.com/gomlx/gomlx/core/graph"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// Golden numbers of Exercise 2.1, measured from the original (docs/REFERENCE.md).
const (
	crossEntropyReference     = 0.3467275003 // the original's example, float64
	crossEntropyTol           = 1e-5         // relative to 1 + |want|
	crossEntropyRandomBatches = 3
)

// crossEntropyCase is one batch of the Exercise 2.1 check.
// Its name is a message ID and, for a random batch, its number.
type crossEntropyCase struct {
	name   string
	random int
	logits [][]float32
	labels []int32
}

func (c crossEntropyCase) describe(l Lang) string {
	name := l.Sprintf(c.name)
	if c.random > 0 {
		name = l.Sprintf(c.name, c.random)
	}
	if len(c.logits) <= 3 && len(c.logits[0]) <= 4 {
		rows := make([]string, len(c.logits))
		for i, row := range c.logits {
			rows[i] = formatFloats(row)
		}
		return fmt.Sprintf("%s (x=[%s], labels=%v)", name, strings.Join(rows, ", "), c.labels)
	}
	return l.Sprintf("check.ce.describe_shape", name, len(c.logits), len(c.logits[0]), c.labels)
}

// crossEntropyCaseJSON is the JSON form of a crossEntropyCase.
type crossEntropyCaseJSON struct {
	Name   string        `json:"name"`
	Random int           `json:"random,omitempty"`
	Logits float32Matrix `json:"logits"`
	Labels []int32       `json:"labels"`
}

// MarshalJSON implements json.Marshaler.
func (c crossEntropyCase) MarshalJSON() ([]byte, error) {
	return json.Marshal(crossEntropyCaseJSON{Name: c.name, Random: c.random, Logits: c.logits, Labels: c.labels})
}

// UnmarshalJSON implements json.Unmarshaler.
func (c *crossEntropyCase) UnmarshalJSON(data []byte) error {
	var j crossEntropyCaseJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*c = crossEntropyCase{name: j.Name, random: j.Random, logits: j.Logits, labels: j.Labels}
	return nil
}

// crossEntropyInputs are the inputs of one run of the Exercise 2.1 check:
// the graded batches, the original's first, and the ungraded large-logit one.
type crossEntropyInputs struct {
	Cases       []crossEntropyCase `json:"cases"`
	LargeLogits crossEntropyCase   `json:"large_logits"`
}

// crossEntropyOutput is the loss an implementation returned for one batch
// (one value, kept NaN-safe), or its error.
type crossEntropyOutput struct {
	Loss float32s  `json:"loss,omitempty"`
	Err  *runError `json:"error,omitempty"`
}

// crossEntropyOutputs are the losses of the cases in order, up to the first
// that fails to run, and of the large-logit batch.
type crossEntropyOutputs struct {
	Cases       []crossEntropyOutput `json:"cases"`
	LargeLogits *crossEntropyOutput  `json:"large_logits,omitempty"`
}

// crossEntropyGrader is the three-phase check of Exercise 2.1 (see [Grader]); its
// [Registry] entry holds it.
var crossEntropyGrader = phases[tutorial.CrossEntropyLossFn, crossEntropyInputs, crossEntropyOutputs]{
	draw:    drawCrossEntropyInputs,
	compute: computeCrossEntropy,
	judge:   judgeCrossEntropy,
}

// CrossEntropyLoss checks an implementation of Exercise 2.1.
//
// It runs fn on the original's example (the loss must be 0.34672750) and on
// crossEntropyRandomBatches random batches drawn now, comparing each loss with
// a float64 oracle written here and with GoMLX's own cross-entropy. A failure
// says which batch, the expected and received values and, when the value
// matches a common mistake (a sum instead of a mean, a flipped sign, a
// missing term), which one.
//
// An ungraded second test feeds logits of magnitude 1000: if the loss comes
// out infinite or NaN, the result carries a note (in Result.Notes) on the
// log-sum-exp trick, which subtracts each row's maximum before exp.
func CrossEntropyLoss(fn tutorial.CrossEntropyLossFn) Result {
	return checkCrossEntropyLoss(fn, rand.New(rand.NewSource(time.Now().UnixNano())))
}

func checkCrossEntropyLoss(fn tutorial.CrossEntropyLossFn, rng *rand.Rand) Result {
	return checkInProcess(CrossEntropyLossID, fn, rng)
}

// drawCrossEntropyInputs is phase 1.
func drawCrossEntropyInputs(rng *rand.Rand) crossEntropyInputs {
	logits, labels := tutorial.CrossEntropyExample()
	in := crossEntropyInputs{
		Cases:       []crossEntropyCase{{name: "check.case.original_example", logits: logits, labels: labels}},
		LargeLogits: largeLogitsCase(),
	}
	for i := range crossEntropyRandomBatches {
		in.Cases = append(in.Cases, randomCrossEntropyCase(rng, i+1))
	}
	return in
}

// computeCrossEntropy is phase 2: the loss of every batch, up to the first
// that fails to run, then of the large-logit batch.
func computeCrossEntropy(fn tutorial.CrossEntropyLossFn, in crossEntropyInputs) crossEntropyOutputs {
	var out crossEntropyOutputs
	for _, c := range in.Cases {
		o := runCrossEntropyCase(fn, c)
		out.Cases = append(out.Cases, o)
		if o.Err != nil {
			return out
		}
	}
	large := runCrossEntropyCase(fn, in.LargeLogits)
	out.LargeLogits = &large
	return out
}

func runCrossEntropyCase(fn tutorial.CrossEntropyLossFn, c crossEntropyCase) crossEntropyOutput {
	var returned watch
	watched := func(x, labels *Node) *Node {
		loss := fn(x, labels)
		returned.record([]wantOutput{{"avgLoss", dtypes.Float32, nil}}, loss)
		return loss
	}
	got, err := tutorial.RunCrossEntropy(watched, c.logits, c.labels)
	if err != nil {
		return crossEntropyOutput{Err: newRunError(err, &returned)}
	}
	return crossEntropyOutput{Loss: float32s{got}}
}

// judgeCrossEntropy is phase 3: each loss against the float64 oracle and
// GoMLX's own cross-entropy (computed here, in the judging process).
func judgeCrossEntropy(l Lang, in crossEntropyInputs, out crossEntropyOutputs, hints Hints) Result {
	for i, c := range in.Cases {
		if i >= len(out.Cases) {
			return failure(l.Sprintf("check.no_result", c.describe(l)), "")
		}
		o := out.Cases[i]
		if o.Err != nil {
			r := o.Err.result(l, c.describe(l), hints.Gentle)
			if o.Err.Output != nil && !o.Err.Output.Nil {
				r.Hint = l.Sprintf("check.ce.scalar_hint")
			}
			return r
		}
		if len(o.Loss) != 1 {
			return failure(l.Sprintf("check.ce.count", c.describe(l), len(o.Loss)), "")
		}
		got := o.Loss[0]
		want := crossEntropyOracle(c.logits, c.labels)
		if i == 0 && math.Abs(want-crossEntropyReference) > 1e-9 {
			return failure(l.Sprintf("check.ce.internal_oracle", want), "")
		}
		if !closeTo(float64(got), want, crossEntropyTol) {
			return crossEntropyMismatch(l, hints, c, float64(got), want)
		}
		framework, err := tutorial.FrameworkCrossEntropy(c.logits, c.labels)
		if err != nil {
			return failure(l.Sprintf("check.ce.internal_framework", harnessText(err)), "")
		}
		if !closeTo(float64(got), float64(framework), crossEntropyTol) {
			return failure(l.Sprintf("check.ce.framework", c.describe(l), framework, got), hints.Pointed)
		}
	}
	result := Result{Status: Pass, Message: l.Sprintf("check.ce.pass", crossEntropyReference, len(in.Cases)-1)}
	if note := largeLogitsNote(l, in.LargeLogits, out.LargeLogits); note != "" {
		result.Notes = append(result.Notes, note)
	}
	return result
}

// randomCrossEntropyCase draws N in [1, 64] samples of C in [2, 10] classes
// with logits of standard deviation 3.
func randomCrossEntropyCase(rng *rand.Rand, number int) crossEntropyCase {
	n, numClasses := 1+rng.Intn(64), 2+rng.Intn(9)
	c := crossEntropyCase{name: "check.ce.case.random", random: number, logits: make([][]float32, n), labels: make([]int32, n)}
	for i := range n {
		c.logits[i] = make([]float32, numClasses)
		for j := range numClasses {
			c.logits[i][j] = float32(3 * rng.NormFloat64())
		}
		c.labels[i] = int32(rng.Intn(numClasses))
	}
	return c
}

// crossEntropyParts returns, per sample, log(Σ_j exp(x[i, j])) (computed with
// the maximum subtracted) and x[i, labels_i], in float64.
func crossEntropyParts(logits [][]float32, labels []int32) (logSumExp, xOfLabels []float64) {
	logSumExp = make([]float64, len(logits))
	xOfLabels = make([]float64, len(logits))
	for i, row := range logits {
		m := math.Inf(-1)
		for _, v := range row {
			m = math.Max(m, float64(v))
		}
		sum := 0.0
		for _, v := range row {
			sum += math.Exp(float64(v) - m)
		}
		logSumExp[i] = m + math.Log(sum)
		xOfLabels[i] = float64(row[labels[i]])
	}
	return logSumExp, xOfLabels
}

// crossEntropyOracle is the mean cross-entropy in float64.
func crossEntropyOracle(logits [][]float32, labels []int32) float64 {
	logSumExp, xOfLabels := crossEntropyParts(logits, labels)
	total := 0.0
	for i := range logSumExp {
		total += logSumExp[i] - xOfLabels[i]
	}
	return total / float64(len(logits))
}

// crossEntropyMismatch explains a wrong loss, recognising common mistakes.
func crossEntropyMismatch(l Lang, hints Hints, c crossEntropyCase, got, want float64) Result {
	n := float64(len(c.logits))
	logSumExp, xOfLabels := crossEntropyParts(c.logits, c.labels)
	var meanLogSumExp, meanXOfLabels float64
	for i := range logSumExp {
		meanLogSumExp += logSumExp[i] / n
		meanXOfLabels += xOfLabels[i] / n
	}
	msg := l.Sprintf("check.ce.mismatch", c.describe(l), want, got)
	hint := hints.Pointed
	switch {
	case math.IsNaN(got) || math.IsInf(got, 0):
		msg += l.Sprintf("check.ce.not_finite")
		hint = l.Sprintf("check.ce.not_finite_hint", hints.Explicit)
	case n > 1 && closeTo(got, want*n, crossEntropyTol):
		msg += l.Sprintf("check.ce.sum", len(c.logits))
		hint = l.Sprintf("check.ce.sum_hint")
	case closeTo(got, -want, crossEntropyTol):
		msg += l.Sprintf("check.ce.sign")
		hint = l.Sprintf("check.ce.sign_hint")
	case closeTo(got, meanLogSumExp, crossEntropyTol):
		msg += l.Sprintf("check.ce.only_logsumexp")
		hint = hints.Gentle
	case closeTo(got, -meanXOfLabels, crossEntropyTol):
		msg += l.Sprintf("check.ce.only_label")
	}
	return failure(msg, hint)
}

// largeLogitsCase has logits of magnitude 1000, where exp overflows float32
// (exp(89) is already infinite) unless each row's maximum is subtracted first.
func largeLogitsCase() crossEntropyCase {
	return crossEntropyCase{name: "check.ce.case.large",
		logits: [][]float32{{1000, 999, 998, 0}, {-1000, -1001, -1002, -1003}, {500, -500, 0, 1000}},
		labels: []int32{0, 3, 2}}
}

// largeLogitsNote judges the ungraded large-logit test and returns a note
// when the implementation is not numerically stable, or "" when it is.
func largeLogitsNote(l Lang, c crossEntropyCase, o *crossEntropyOutput) string {
	if o == nil {
		return ""
	}
	want := crossEntropyOracle(c.logits, c.labels)
	var got float32
	var failed string // why the run failed, in l
	switch {
	case o.Err != nil:
		failed = o.Err.reason(l)
	case len(o.Loss) != 1:
		failed = l.Sprintf("check.ce.large.count", len(o.Loss))
	default:
		got = o.Loss[0]
	}
	trick := l.Sprintf("check.ce.large.trick")
	prefix := l.Sprintf("check.ce.large.prefix", c.describe(l))
	switch {
	case failed != "":
		return l.Sprintf("check.ce.large.failed", prefix, failed, trick)
	case math.IsNaN(float64(got)) || math.IsInf(float64(got), 0):
		return l.Sprintf("check.ce.large.not_finite", prefix, got, want, trick)
	case !closeTo(float64(got), want, 1e-4):
		return l.Sprintf("check.ce.large.imprecise", prefix, got, want, trick)
	}
	return ""
}
