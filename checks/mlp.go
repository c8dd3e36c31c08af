package checks

import (
	"fmt"
	"math"
	"math/rand"
	"slices"
	"strings"
	"time"

	"github.com/gomlx/compute/dtypes"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// Golden numbers of Exercise 2, measured from the original (docs/REFERENCE.md).
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

// mlpCase is one configuration of the Exercise 2 check, with the input and
// the weights the check chose for it.
type mlpCase struct {
	// Name is the message ID of the case's name, and Random the number of
	// a random configuration (0 for the others).
	Name       string `json:"name"`
	Random     int    `json:"random,omitempty"`
	Actv       string `json:"activation"`
	In         int    `json:"in"`
	Out        int    `json:"out"`
	Hidden     []int  `json:"hidden"`
	InputDims  []int  `json:"input_dims"` // the input given to the net, before flattening
	Zeros      bool   `json:"zeros"`      // the original's torch.zeros input
	WantParams int    `json:"want_params"`
	// Input holds the input's values, flat (zeros for the original's).
	Input float32s `json:"input"`
	// Layers are the weights the check sets before the graded run, in
	// PyTorch's layout, hidden layers first; see computeMLPForward.
	Layers []mlpLayer `json:"layers"`
	// Stream seeds the store in which the net first creates its variables.
	Stream string `json:"stream"`
}

// mlpLayer is one dense layer's values: Weight is row-major [out, in].
type mlpLayer struct {
	Weight float32s `json:"weight"`
	Bias   float32s `json:"bias"`
}

func (c mlpCase) describe(l Lang) string {
	hidden := make([]string, len(c.Hidden))
	for i, h := range c.Hidden {
		hidden[i] = fmt.Sprint(h)
	}
	input := l.Sprintf("check.mlp.input.random")
	if c.Zeros {
		input = l.Sprintf("check.mlp.input.zeros")
	}
	name := l.Sprintf(c.Name)
	if c.Random > 0 {
		name = l.Sprintf(c.Name, c.Random)
	}
	return l.Sprintf("check.mlp.describe", name, c.Actv, c.In,
		strings.Join(hidden, ", "), c.Out, tutorial.FormatDims(c.InputDims), input)
}

// batch is the number of rows after flattening.
func (c mlpCase) batch() int {
	size := 1
	for _, d := range c.InputDims {
		size *= d
	}
	return size / c.In
}

// layerParams are the case's weights as the core's LinearParams.
func (c mlpCase) layerParams() []tutorial.LinearParams {
	sizes := append(append([]int{c.In}, c.Hidden...), c.Out)
	params := make([]tutorial.LinearParams, len(c.Layers))
	for l, layer := range c.Layers {
		name := tutorial.OutputLayerName
		if l < len(c.Hidden) {
			name = tutorial.HiddenLayerName(l)
		}
		params[l] = tutorial.LinearParams{Name: name, InFeatures: sizes[l], OutFeatures: sizes[l+1], Weight: layer.Weight, Bias: layer.Bias}
	}
	return params
}

// mlpInputs are the inputs of one run of the Exercise 2 check.
type mlpInputs struct {
	Cases []mlpCase `json:"cases"`
}

// mlpOutput is what an implementation did on one case.
type mlpOutput struct {
	// Err is the error of a run, InternalError a problem of the check.
	Err           *runError `json:"error,omitempty"`
	InternalError string    `json:"internal_error,omitempty"`
	// Params and Variables describe the store after the first run.
	Params    int    `json:"params"`
	Variables string `json:"variables"`
	// LayersError says why the layers' variables could not be read or set,
	// and MissingLayer names the first layer whose variables are not in the
	// store, when that is why.
	LayersError  string `json:"layers_error,omitempty"`
	MissingLayer string `json:"missing_layer,omitempty"`
	// OutputDims and Output are the logits of the graded run.
	OutputDims []int    `json:"output_dims,omitempty"`
	Output     float32s `json:"output,omitempty"`
}

// mlpOutputs are the outputs of the cases in order, up to the first that
// fails to run.
type mlpOutputs struct {
	Cases []mlpOutput `json:"cases"`
}

// mlpGrader is the three-phase check of Exercise 2 (see [Grader]); its
// [Registry] entry holds it.
var mlpGrader = phases[tutorial.MLPForwardFn, mlpInputs, mlpOutputs]{
	draw:    drawMLPInputs,
	compute: computeMLPForward,
	judge:   judgeMLPForward,
}

// MLPForward checks an implementation of Exercise 2.
//
// It builds the original's Net("LeakyReLU(0.1)", 2, [100, 10, 5], 1) and runs
// it on zeros(100, 2): the output must have shape (100, 1) and the model 1371
// parameters. It then runs a linear model (no hidden layer) on a rank-3 input
// and mlpRandomCases random configurations drawn now. Each net runs twice:
// first as the implementation initialises it, to count its parameters and
// find its layers; then with weights the check chose, so that every output
// can be compared with a forward pass computed here with float64 loops.
func MLPForward(fn tutorial.MLPForwardFn) Result {
	return checkMLPForward(fn, rand.New(rand.NewSource(time.Now().UnixNano())))
}

func checkMLPForward(fn tutorial.MLPForwardFn, rng *rand.Rand) Result {
	return checkInProcess(MLPForwardID, fn, rng)
}

// drawMLPInputs is phase 1: the configurations, their inputs and weights.
func drawMLPInputs(rng *rand.Rand) mlpInputs {
	cases := []mlpCase{
		{Name: "check.case.original_example", Actv: mlpReferenceActivation, In: mlpReferenceInputs, Hidden: mlpReferenceHidden,
			Out: mlpReferenceOutputs, InputDims: []int{mlpReferenceBatch, mlpReferenceInputs}, Zeros: true, WantParams: mlpReferenceParameters},
		{Name: "check.case.original_example", Actv: mlpReferenceActivation, In: mlpReferenceInputs, Hidden: mlpReferenceHidden,
			Out: mlpReferenceOutputs, InputDims: []int{7, mlpReferenceInputs}, WantParams: mlpReferenceParameters},
		{Name: "check.mlp.case.linear", Actv: "ReLU()", In: 3, Out: 2, InputDims: []int{2, 5, 3}, WantParams: 3*2 + 2},
	}
	for i := range mlpRandomCases {
		cases = append(cases, randomMLPCase(rng, i+1))
	}
	for i := range cases {
		c := &cases[i]
		c.Stream = fmt.Sprintf("check-mlp/%d", i)
		c.Input = make(float32s, c.batch()*c.In)
		if !c.Zeros {
			for j := range c.Input {
				c.Input[j] = float32(rng.NormFloat64())
			}
		}
		// Uniform in ±1/√in, like nn.Linear's initialisation.
		sizes := append(append([]int{c.In}, c.Hidden...), c.Out)
		for l := range len(sizes) - 1 {
			in, out := sizes[l], sizes[l+1]
			bound := 1 / math.Sqrt(float64(in))
			layer := mlpLayer{Weight: make(float32s, out*in), Bias: make(float32s, out)}
			for j := range layer.Weight {
				layer.Weight[j] = float32(bound * (2*rng.Float64() - 1))
			}
			for j := range layer.Bias {
				layer.Bias[j] = float32(bound * (2*rng.Float64() - 1))
			}
			c.Layers = append(c.Layers, layer)
		}
	}
	return mlpInputs{Cases: cases}
}

// randomMLPCase draws a small net and an input of rank 2 or 3.
func randomMLPCase(rng *rand.Rand, number int) mlpCase {
	c := mlpCase{Name: "check.mlp.case.random", Random: number, Actv: mlpActivations[rng.Intn(len(mlpActivations))],
		In: 1 + rng.Intn(5), Out: 1 + rng.Intn(4)}
	for range 1 + rng.Intn(3) {
		c.Hidden = append(c.Hidden, 1+rng.Intn(12))
	}
	if rng.Intn(2) == 0 {
		c.InputDims = []int{2 + rng.Intn(7), c.In}
	} else {
		c.InputDims = []int{1 + rng.Intn(3), 1 + rng.Intn(3), c.In}
	}
	params := 0
	prev := c.In
	for _, h := range append(append([]int(nil), c.Hidden...), c.Out) {
		params += (prev + 1) * h
		prev = h
	}
	c.WantParams = params
	return c
}

// computeMLPForward is phase 2: it runs fn on every case, up to the first
// that fails to run.
func computeMLPForward(fn tutorial.MLPForwardFn, in mlpInputs) mlpOutputs {
	var out mlpOutputs
	for _, c := range in.Cases {
		o := runMLPCase(fn, c)
		out.Cases = append(out.Cases, o)
		if o.Err != nil || o.InternalError != "" || o.LayersError != "" {
			break
		}
	}
	return out
}

// runMLPCase runs one configuration twice: once as the implementation
// initialises it, then with the case's weights set in the layers it made.
func runMLPCase(fn tutorial.MLPForwardFn, c mlpCase) mlpOutput {
	net, err := tutorial.NewNet(c.Actv, c.In, c.Hidden, c.Out)
	if err != nil {
		return mlpOutput{InternalError: err.Error()}
	}
	store, err := tutorial.NewStore(c.Stream)
	if err != nil {
		return mlpOutput{InternalError: err.Error()}
	}
	input := tensors.FromFlatDataAndDimensions([]float32(c.Input), c.InputDims...)
	var returned watch
	watched := func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		logits := fn(net, scope, x)
		returned.record([]wantOutput{{"logits", dtypes.Float32, []int{x.Shape().Dim(0), net.OutputFeatureNum}}}, logits)
		return logits
	}
	if _, err := tutorial.RunNet(net, watched, store, input); err != nil {
		return mlpOutput{Err: newRunError(err, &returned)}
	}
	// No variables is "", which the judge says in the student's language.
	o := mlpOutput{Params: tutorial.TrainableParameters(store), Variables: tutorial.DescribeVariables(store, "")}
	if _, err := net.ReadLayers(store); err != nil {
		o.LayersError, o.MissingLayer = err.Error(), missingLayer(store, c.layerParams())
		return o
	}
	for _, p := range c.layerParams() {
		if err := tutorial.WriteLinear(store, p); err != nil {
			o.LayersError = err.Error()
			return o
		}
	}
	output, err := tutorial.RunNet(net, watched, store, input)
	if err != nil {
		o.Err = newRunError(err, &returned)
		return o
	}
	o.OutputDims = output.Shape().Dimensions
	o.Output = tensors.MustCopyFlatData[float32](output)
	return o
}

// missingLayer names the first of layers whose weights and biases (the
// variables that tutorial.Linear makes in the scope of the layer's name)
// are not in store with a value, or returns "" when they all are.
func missingLayer(store *model.Store, layers []tutorial.LinearParams) string {
	for _, p := range layers {
		for _, v := range []string{"weights", "biases"} {
			if v := store.GetVariable(model.JoinPath(layerScope(p.Name), "dense", v)); v == nil || !v.HasValue() {
				return p.Name
			}
		}
	}
	return ""
}

// layerScope is the scope path of the layer named name.
func layerScope(name string) string { return "/" + name }

// judgeMLPForward is phase 3: shapes, parameter counts and every output
// against the float64 oracle over the case's weights.
func judgeMLPForward(l Lang, in mlpInputs, out mlpOutputs, hints Hints) Result {
	for i, c := range in.Cases {
		if i >= len(out.Cases) {
			return failure(l.Sprintf("check.no_result", c.describe(l)), "")
		}
		o := out.Cases[i]
		switch {
		case o.InternalError != "":
			return failure(l.Sprintf("check.internal_error", codeSpan(o.InternalError)), "")
		case o.Err != nil:
			return o.Err.result(l, c.describe(l), hints.Gentle)
		case o.Params != c.WantParams:
			variables := o.Variables
			if variables == "" {
				variables = l.Sprintf("check.mlp.no_variables")
			}
			return failure(l.Sprintf("check.mlp.params", c.describe(l), c.WantParams, o.Params, variables), hints.Pointed)
		case o.MissingLayer != "":
			variables := o.Variables
			if variables == "" {
				variables = l.Sprintf("check.mlp.no_variables")
			}
			return failure(l.Sprintf("check.mlp.layer_missing", c.describe(l), o.MissingLayer,
				model.JoinPath(layerScope(o.MissingLayer), "dense"), variables), l.Sprintf("check.mlp.layers_hint"))
		case o.LayersError != "":
			return failure(l.Sprintf("check.mlp.layers", c.describe(l), codeSpan(o.LayersError)), l.Sprintf("check.mlp.layers_hint"))
		}
		wantDims := []int{c.batch(), c.Out}
		if !slices.Equal(o.OutputDims, wantDims) || len(o.Output) != c.batch()*c.Out {
			return failure(l.Sprintf("check.mlp.shape",
				c.describe(l), tutorial.FormatDims(wantDims), tutorial.FormatDims(o.OutputDims)), hints.Gentle)
		}
		if r, ok := compareMLPOutputs(l, hints, c, o.Output); !ok {
			return r
		}
	}
	return Result{Status: Pass,
		Message: l.Sprintf("check.mlp.pass", len(in.Cases), mlpReferenceActivation, mlpReferenceParameters, len(in.Cases)-3)}
}

// compareMLPOutputs compares the logits with the oracle and names the common
// mistakes.
func compareMLPOutputs(l Lang, hints Hints, c mlpCase, got []float32) (Result, bool) {
	net, err := tutorial.NewNet(c.Actv, c.In, c.Hidden, c.Out)
	if err != nil {
		return failure(l.Sprintf("check.internal_error", harnessText(err)), ""), false
	}
	layers := c.layerParams()
	data := []float32(c.Input)
	act, f := net.Activation, activationFloat64(net.Activation)
	for b := range c.batch() {
		x := make([]float64, c.In)
		for j := range x {
			x[j] = float64(data[b*c.In+j])
		}
		want := mlpOracle(layers, f, x, false)
		for i, w := range want {
			v := float64(got[b*c.Out+i])
			if closeTo(v, w, mlpTol) {
				continue
			}
			msg := l.Sprintf("check.mlp.output", c.describe(l), b, i, w, v)
			hint := hints.Explicit
			switch {
			case len(c.Hidden) > 0 && matchesOracle(got, data, c, layers, func(v float64) float64 { return v }, false):
				msg += l.Sprintf("check.mlp.no_activation", act)
				hint = l.Sprintf("check.mlp.no_activation_hint")
			case matchesOracle(got, data, c, layers, f, true):
				msg += l.Sprintf("check.mlp.activated_output")
				hint = l.Sprintf("check.mlp.activated_output_hint")
			}
			return failure(msg, hint), false
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
		x := make([]float64, c.In)
		for j := range x {
			x[j] = float64(data[b*c.In+j])
		}
		for i, w := range mlpOracle(layers, f, x, activateOutput) {
			if !closeTo(float64(got[b*c.Out+i]), w, mlpTol) {
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
