package checks

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"time"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// Golden numbers of Exercise 2, measured from the original (REFERENCE.md).
const (
	mlpReferenceActivation = "LeakyReLU(0.1)"
	mlpReferenceInputs     = 2
	mlpReferenceOutputs    = 1
	mlpReferenceBatch      = 100
	mlpReferenceParameters = 1371 // Net('LeakyReLU(0.1)', 2, [100, 10, 5], 1)
	mlpRandomCases         = 2
	mlpTol                 = 1e-4 // float32 forward pass vs the float64 oracle, relative to 1 + |want|
)

var mlpReferenceHidden = []int{100, 10, 5}

// mlpActivations are the activations the random cases draw from.
var mlpActivations = []string{"ReLU()", "LeakyReLU(0.2)", "Sigmoid()", "Tanh()", "ELU()", "ELU(0.5)", "GELU()", "Softplus()"}

// mlpCase is one configuration of the Exercise 2 check.
type mlpCase struct {
	name       string
	actv       string
	in, out    int
	hidden     []int
	inputDims  []int // the input given to the net, before flattening
	zeros      bool  // the original's torch.zeros input
	wantParams int
}

func (c mlpCase) describe() string {
	hidden := make([]string, len(c.hidden))
	for i, h := range c.hidden {
		hidden[i] = fmt.Sprint(h)
	}
	input := "ランダムな値"
	if c.zeros {
		input = "ゼロ"
	}
	return fmt.Sprintf("%s: Net(%q, %d, [%s], %d) に形状 %s の%sの入力", c.name, c.actv, c.in,
		strings.Join(hidden, ", "), c.out, tutorial.FormatDims(c.inputDims), input)
}

// batch is the number of rows after flattening.
func (c mlpCase) batch() int {
	size := 1
	for _, d := range c.inputDims {
		size *= d
	}
	return size / c.in
}

// MLPForward checks an implementation of Exercise 2.
//
// It builds the original's Net("LeakyReLU(0.1)", 2, [100, 10, 5], 1) and runs
// it on zeros(100, 2): the output must have shape (100, 1) and the model 1371
// parameters. It then runs a linear model (no hidden layer) on a rank-3 input
// and mlpRandomCases random configurations drawn now, and compares the shapes,
// parameter counts and every output with a forward pass computed here with
// float64 loops over the weights read from the model's store.
func MLPForward(fn tutorial.MLPForwardFn) Result {
	return checkMLPForward(fn, rand.New(rand.NewSource(time.Now().UnixNano())))
}

func checkMLPForward(fn tutorial.MLPForwardFn, rng *rand.Rand) Result {
	const id = "2"
	return protect(id, func() Result {
		cases := []mlpCase{
			{name: "元のチュートリアルの例", actv: mlpReferenceActivation, in: mlpReferenceInputs, hidden: mlpReferenceHidden,
				out: mlpReferenceOutputs, inputDims: []int{mlpReferenceBatch, mlpReferenceInputs}, zeros: true, wantParams: mlpReferenceParameters},
			{name: "元のチュートリアルの例", actv: mlpReferenceActivation, in: mlpReferenceInputs, hidden: mlpReferenceHidden,
				out: mlpReferenceOutputs, inputDims: []int{7, mlpReferenceInputs}, wantParams: mlpReferenceParameters},
			{name: "隠れ層のない線形モデル", actv: "ReLU()", in: 3, out: 2, inputDims: []int{2, 5, 3}, wantParams: 3*2 + 2},
		}
		for i := range mlpRandomCases {
			cases = append(cases, randomMLPCase(rng, fmt.Sprintf("ランダムな構成 %d", i+1)))
		}
		for i, c := range cases {
			if r, ok := runMLPCase(id, fn, c, fmt.Sprintf("check-mlp/%d", i), rng); !ok {
				return r
			}
		}
		return Result{ExerciseID: id, Status: Pass,
			Message: fmt.Sprintf("%d 通りの構成 (元の Net(%q, 2, [100, 10, 5], 1) の出力形状 (100, 1) と %d 個のパラメータ、隠れ層のない線形モデル、ランダムな %d 個) で、出力の形状・パラメータ数・値が期待どおりでした。",
				len(cases), mlpReferenceActivation, mlpReferenceParameters, mlpRandomCases)}
	})
}

// randomMLPCase draws a small net and an input of rank 2 or 3.
func randomMLPCase(rng *rand.Rand, name string) mlpCase {
	c := mlpCase{name: name, actv: mlpActivations[rng.Intn(len(mlpActivations))],
		in: 1 + rng.Intn(5), out: 1 + rng.Intn(4)}
	for range 1 + rng.Intn(3) {
		c.hidden = append(c.hidden, 1+rng.Intn(12))
	}
	if rng.Intn(2) == 0 {
		c.inputDims = []int{2 + rng.Intn(7), c.in}
	} else {
		c.inputDims = []int{1 + rng.Intn(3), 1 + rng.Intn(3), c.in}
	}
	params := 0
	prev := c.in
	for _, h := range append(append([]int(nil), c.hidden...), c.out) {
		params += (prev + 1) * h
		prev = h
	}
	c.wantParams = params
	return c
}

// runMLPCase runs one configuration and compares it with the oracle.
func runMLPCase(id string, fn tutorial.MLPForwardFn, c mlpCase, stream string, rng *rand.Rand) (Result, bool) {
	hints := Lookup(id).Hints
	net, err := tutorial.NewNet(c.actv, c.in, c.hidden, c.out)
	if err != nil {
		return failure(id, fmt.Sprintf("チェックの内部エラー: %v", err), ""), false
	}
	store, err := tutorial.NewStore(stream)
	if err != nil {
		return failure(id, fmt.Sprintf("チェックの内部エラー: %v", err), ""), false
	}
	size := c.batch() * c.in
	data := make([]float32, size)
	if !c.zeros {
		for i := range data {
			data[i] = float32(rng.NormFloat64())
		}
	}
	output, err := tutorial.RunNet(net, fn, store, tensors.FromFlatDataAndDimensions(data, c.inputDims...))
	if err != nil {
		return fromRunError(id, c.describe(), err, hints[0]), false
	}
	wantDims := []int{c.batch(), c.out}
	if got := output.Shape().Dimensions; len(got) != 2 || got[0] != wantDims[0] || got[1] != wantDims[1] {
		return failure(id, fmt.Sprintf("入力 %s で、出力の形状の期待値は %s ですが、%s でした。",
			c.describe(), tutorial.FormatDims(wantDims), tutorial.FormatDims(got)), hints[0]), false
	}
	if got := tutorial.TrainableParameters(store); got != c.wantParams {
		return failure(id, fmt.Sprintf("入力 %s で、パラメータ数の期待値は %d ですが、%d でした。モデルの変数: %s。隠れ層ごとに全結合層が 1 つ (Linear_i)、最後に出力層 (Output_Linear) が 1 つ必要です。",
			c.describe(), c.wantParams, got, storeVariables(store)), hints[1]), false
	}
	layers, err := net.ReadLayers(store)
	if err != nil {
		return failure(id, fmt.Sprintf("入力 %s で、層の重みを読めませんでした: %v", c.describe(), err),
			"隠れ層 i は scope.In(\"Linear_%d\", i)、出力層は scope.In(\"Output_Linear\") のスコープで tutorial.Linear を呼んで作ってください。"), false
	}
	act, f := net.Activation, activationFloat64(net.Activation)
	got := tensors.MustCopyFlatData[float32](output)
	for b := range c.batch() {
		x := make([]float64, c.in)
		for j := range x {
			x[j] = float64(data[b*c.in+j])
		}
		want := mlpOracle(layers, f, x, false)
		for i, w := range want {
			v := float64(got[b*c.out+i])
			if closeTo(v, w, mlpTol) {
				continue
			}
			msg := fmt.Sprintf("入力 %s で、サンプル %d の出力 %d の期待値は %.6g ですが、%.6g でした (期待値はモデルの重みを読み出して float64 で計算した順伝播です)。",
				c.describe(), b, i, w, v)
			hint := hints[2]
			switch {
			case len(c.hidden) > 0 && matchesOracle(got, data, c, layers, func(v float64) float64 { return v }, false):
				msg += fmt.Sprintf("活性化関数を適用しない場合の値と一致しています: 各隠れ層のあとに活性化関数 (%s) を適用していますか?", act)
				hint = "隠れ層の全結合層のあとに x = net.Activation.Apply(x) を書きましょう。"
			case matchesOracle(got, data, c, layers, f, true):
				msg += "出力層のあとにも活性化関数を適用した値と一致しています: 出力層 (Output_Linear) には活性化関数を適用しません。"
				hint = "活性化関数は隠れ層のあとだけに適用し、出力層の結果 (logits) はそのまま返しましょう。"
			}
			return failure(id, msg, hint), false
		}
	}
	return Result{}, true
}

// mlpOracle is the forward pass in float64: each layer computes W·h + b;
// hidden layers apply f, and so does the output layer if activateOutput.
func mlpOracle(layers []tutorial.LinearParams, f func(float64) float64, x []float64, activateOutput bool) []float64 {
	h := x
	for l, p := range layers {
		next := make([]float64, p.OutFeatures)
		for i := range next {
			sum := float64(p.Bias[i])
			for j := range h {
				sum += float64(p.At(i, j)) * h[j]
			}
			if l < len(layers)-1 || activateOutput {
				sum = f(sum)
			}
			next[i] = sum
		}
		h = next
	}
	return h
}

// matchesOracle reports whether every output matches the oracle with the
// given activation; it diagnoses common mistakes.
func matchesOracle(got, data []float32, c mlpCase, layers []tutorial.LinearParams, f func(float64) float64, activateOutput bool) bool {
	for b := range c.batch() {
		x := make([]float64, c.in)
		for j := range x {
			x[j] = float64(data[b*c.in+j])
		}
		for i, w := range mlpOracle(layers, f, x, activateOutput) {
			if !closeTo(float64(got[b*c.out+i]), w, mlpTol) {
				return false
			}
		}
	}
	return true
}

// activationFloat64 is the check's own float64 version of each activation,
// written from PyTorch's definitions.
func activationFloat64(a tutorial.Activation) func(float64) float64 {
	switch a.Name {
	case "ReLU":
		return func(x float64) float64 { return math.Max(0, x) }
	case "LeakyReLU":
		return func(x float64) float64 { return math.Max(0, x) + a.NegativeSlope*math.Min(0, x) }
	case "Sigmoid":
		return func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	case "Tanh":
		return math.Tanh
	case "ELU":
		return func(x float64) float64 {
			if x > 0 {
				return x
			}
			return a.Alpha * math.Expm1(x)
		}
	case "GELU":
		if a.Approximate == "tanh" {
			return func(x float64) float64 { return 0.5 * x * (1 + math.Tanh(math.Sqrt(2/math.Pi)*(x+0.044715*x*x*x))) }
		}
		return func(x float64) float64 { return x * 0.5 * (1 + math.Erf(x/math.Sqrt2)) }
	case "Softplus":
		return func(x float64) float64 {
			if a.Beta*x > a.Threshold {
				return x
			}
			return math.Log1p(math.Exp(a.Beta*x)) / a.Beta
		}
	}
	panic(fmt.Sprintf("checks: no float64 oracle for activation %s", a))
}

// storeVariables lists the model's variables and their shapes, for messages.
func storeVariables(store *model.Store) string {
	var parts []string
	for v := range store.IterVariables() {
		if !strings.HasPrefix(v.Name(), "#") {
			parts = append(parts, fmt.Sprintf("%s %v", v.Path(), v.Shape().Dimensions))
		}
	}
	if len(parts) == 0 {
		return "なし"
	}
	return strings.Join(parts, ", ")
}
