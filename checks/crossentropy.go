package checks

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"time"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// Golden numbers of Exercise 2.1, measured from the original (docs/REFERENCE.md).
const (
	crossEntropyReference     = 0.3467275003 // the original's example, float64
	crossEntropyTol           = 1e-5         // relative to 1 + |want|
	crossEntropyRandomBatches = 3
)

// crossEntropyCase is one batch of the Exercise 2.1 check.
type crossEntropyCase struct {
	name   string
	logits [][]float32
	labels []int32
}

func (c crossEntropyCase) describe() string {
	if len(c.logits) <= 3 && len(c.logits[0]) <= 4 {
		rows := make([]string, len(c.logits))
		for i, row := range c.logits {
			rows[i] = formatFloats(row)
		}
		return fmt.Sprintf("%s (x=[%s], labels=%v)", c.name, strings.Join(rows, ", "), c.labels)
	}
	return fmt.Sprintf("%s (x の形状 (%d, %d), labels=%v)", c.name, len(c.logits), len(c.logits[0]), c.labels)
}

// crossEntropyCaseJSON is the JSON form of a crossEntropyCase.
type crossEntropyCaseJSON struct {
	Name   string        `json:"name"`
	Logits float32Matrix `json:"logits"`
	Labels []int32       `json:"labels"`
}

// MarshalJSON implements json.Marshaler.
func (c crossEntropyCase) MarshalJSON() ([]byte, error) {
	return json.Marshal(crossEntropyCaseJSON{Name: c.name, Logits: c.logits, Labels: c.labels})
}

// UnmarshalJSON implements json.Unmarshaler.
func (c *crossEntropyCase) UnmarshalJSON(data []byte) error {
	var j crossEntropyCaseJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*c = crossEntropyCase{name: j.Name, logits: j.Logits, labels: j.Labels}
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
		Cases:       []crossEntropyCase{{name: "元のチュートリアルの例", logits: logits, labels: labels}},
		LargeLogits: largeLogitsCase(),
	}
	for i := range crossEntropyRandomBatches {
		in.Cases = append(in.Cases, randomCrossEntropyCase(rng, fmt.Sprintf("ランダムなバッチ %d", i+1)))
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
	got, err := tutorial.RunCrossEntropy(fn, c.logits, c.labels)
	if err != nil {
		return crossEntropyOutput{Err: newRunError(err)}
	}
	return crossEntropyOutput{Loss: float32s{got}}
}

// judgeCrossEntropy is phase 3: each loss against the float64 oracle and
// GoMLX's own cross-entropy (computed here, in the judging process).
func judgeCrossEntropy(in crossEntropyInputs, out crossEntropyOutputs, hints Hints) Result {
	for i, c := range in.Cases {
		if i >= len(out.Cases) {
			return failure(fmt.Sprintf("入力 %s の結果がありません。", c.describe()), "")
		}
		o := out.Cases[i]
		if o.Err != nil {
			r := fromRunError(c.describe(), o.Err.err(), hints.Gentle)
			if strings.Contains(o.Err.Message, "want a float32 scalar") {
				r.Hint = "損失ベクトル losses の平均 (ReduceAllMean) を返しましょう。戻り値はスカラーです。"
			}
			return r
		}
		if len(o.Loss) != 1 {
			return failure(fmt.Sprintf("入力 %s で、損失が %d 個の値として返されました (1 個のはずです)。", c.describe(), len(o.Loss)), "")
		}
		got := o.Loss[0]
		want := crossEntropyOracle(c.logits, c.labels)
		if i == 0 && math.Abs(want-crossEntropyReference) > 1e-9 {
			return failure(fmt.Sprintf("チェックの内部エラー: 元の例の oracle が %.10f です", want), "")
		}
		if !closeTo(float64(got), want, crossEntropyTol) {
			return crossEntropyMismatch(hints, c, float64(got), want)
		}
		framework, err := tutorial.FrameworkCrossEntropy(c.logits, c.labels)
		if err != nil {
			return failure(fmt.Sprintf("チェックの内部エラー: GoMLX の損失を計算できませんでした: %v", err), "")
		}
		if !closeTo(float64(got), float64(framework), crossEntropyTol) {
			return failure(fmt.Sprintf("入力 %s で、GoMLX の SparseCategoricalCrossEntropyLogits は %.8f ですが、あなたの実装は %.8f でした。",
				c.describe(), framework, got), hints.Pointed)
		}
	}
	result := Result{Status: Pass,
		Message: fmt.Sprintf("元の例 (%.8f) とランダムな %d 個のバッチで、損失が float64 の計算と GoMLX の損失に一致しました。",
			crossEntropyReference, len(in.Cases)-1)}
	if note := largeLogitsNote(in.LargeLogits, out.LargeLogits); note != "" {
		result.Notes = append(result.Notes, note)
	}
	return result
}

// randomCrossEntropyCase draws N in [1, 64] samples of C in [2, 10] classes
// with logits of standard deviation 3.
func randomCrossEntropyCase(rng *rand.Rand, name string) crossEntropyCase {
	n, numClasses := 1+rng.Intn(64), 2+rng.Intn(9)
	c := crossEntropyCase{name: name, logits: make([][]float32, n), labels: make([]int32, n)}
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
func crossEntropyMismatch(hints Hints, c crossEntropyCase, got, want float64) Result {
	n := float64(len(c.logits))
	logSumExp, xOfLabels := crossEntropyParts(c.logits, c.labels)
	var meanLogSumExp, meanXOfLabels float64
	for i := range logSumExp {
		meanLogSumExp += logSumExp[i] / n
		meanXOfLabels += xOfLabels[i] / n
	}
	msg := fmt.Sprintf("入力 %s で、損失の期待値は %.8f ですが、%.8f が返されました。", c.describe(), want, got)
	hint := hints.Pointed
	switch {
	case math.IsNaN(got) || math.IsInf(got, 0):
		msg += "値が有限ではありません。"
		hint = "exp が溢れていないか、log に 0 を渡していないか確認しましょう。" + hints.Explicit
	case n > 1 && closeTo(got, want*n, crossEntropyTol):
		msg += fmt.Sprintf("これは損失の合計 (平均の %d 倍) と一致します。", len(c.logits))
		hint = "バッチの損失は合計ではなく平均です: ReduceAllMean(losses)。"
	case closeTo(got, -want, crossEntropyTol):
		msg += "これは符号が逆の値です。"
		hint = "loss_i = -x[i, labels_i] + log(Σ_j exp(x[i, j])) です。引く順序を確認しましょう。"
	case closeTo(got, meanLogSumExp, crossEntropyTol):
		msg += "これは log(Σ_j exp(x[i, j])) だけの平均です: ラベルの予測値 x[i, labels_i] を引いていません。"
		hint = hints.Gentle
	case closeTo(got, -meanXOfLabels, crossEntropyTol):
		msg += "これは -x[i, labels_i] だけの平均です: log(Σ_j exp(x[i, j])) の項がありません。"
	}
	return failure(msg, hint)
}

// largeLogitsCase has logits of magnitude 1000, where exp overflows float32
// (exp(89) is already infinite) unless each row's maximum is subtracted first.
func largeLogitsCase() crossEntropyCase {
	return crossEntropyCase{name: "値の大きさが 1000 程度のロジット",
		logits: [][]float32{{1000, 999, 998, 0}, {-1000, -1001, -1002, -1003}, {500, -500, 0, 1000}},
		labels: []int32{0, 3, 2}}
}

// largeLogitsNote judges the ungraded large-logit test and returns a note
// when the implementation is not numerically stable, or "" when it is.
func largeLogitsNote(c crossEntropyCase, o *crossEntropyOutput) string {
	if o == nil {
		return ""
	}
	want := crossEntropyOracle(c.logits, c.labels)
	var got float32
	var err error
	switch {
	case o.Err != nil:
		err = o.Err
	case len(o.Loss) != 1:
		err = fmt.Errorf("損失が %d 個の値として返されました", len(o.Loss))
	default:
		got = o.Loss[0]
	}
	trick := "log-sum-exp のトリック: 各サンプルの最大値 m_i = max_j x[i, j] を使って log(Σ_j exp(x[i, j])) = m_i + log(Σ_j exp(x[i, j] - m_i)) と計算すると、exp の引数は 0 以下になって溢れず、少なくとも 1 つの項が 1 なので log(0) にもなりません (ReduceAndKeep(x, ReduceMax, -1) が使えます)。"
	prefix := fmt.Sprintf("(採点対象外) 入力 %s で", c.describe())
	switch {
	case err != nil:
		return fmt.Sprintf("%s実行に失敗しました: %v。%s", prefix, err, trick)
	case math.IsNaN(float64(got)) || math.IsInf(float64(got), 0):
		return fmt.Sprintf("%s、損失が %g になりました (期待値 %.6f)。float32 の exp は x > 88.7 で無限大に溢れ、x < -103 で 0 になります (log(0) = -∞)。%s", prefix, got, want, trick)
	case !closeTo(float64(got), want, 1e-4):
		return fmt.Sprintf("%s、損失が %.6f になりました (期待値 %.6f)。大きな値どうしの引き算で精度が落ちています。%s", prefix, got, want, trick)
	}
	return ""
}
