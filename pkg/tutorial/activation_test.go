package tutorial_test

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// activationTol is the float32 tolerance of Apply against float64 oracles,
// relative to 1 + |want|.
const activationTol = 1e-5

func TestParseActivationAccepted(t *testing.T) {
	tests := []struct {
		spec string
		want tutorial.Activation
		str  string
	}{
		{"ReLU()", tutorial.Activation{Name: "ReLU"}, "ReLU()"},
		{"  ReLU ( )  ", tutorial.Activation{Name: "ReLU"}, "ReLU()"},
		{"nn.ReLU()", tutorial.Activation{Name: "ReLU"}, "ReLU()"},
		{"LeakyReLU(0.1)", tutorial.Activation{Name: "LeakyReLU", NegativeSlope: 0.1}, "LeakyReLU(negative_slope=0.1)"},
		{"LeakyReLU()", tutorial.Activation{Name: "LeakyReLU", NegativeSlope: 0.01}, "LeakyReLU(negative_slope=0.01)"},
		{"LeakyReLU(negative_slope = 0.2,)", tutorial.Activation{Name: "LeakyReLU", NegativeSlope: 0.2}, "LeakyReLU(negative_slope=0.2)"},
		{"LeakyReLU(-1e-5)", tutorial.Activation{Name: "LeakyReLU", NegativeSlope: -1e-5}, "LeakyReLU(negative_slope=-1e-05)"},
		{"LeakyReLU(1)", tutorial.Activation{Name: "LeakyReLU", NegativeSlope: 1}, "LeakyReLU(negative_slope=1.0)"},
		{"Sigmoid()", tutorial.Activation{Name: "Sigmoid"}, "Sigmoid()"},
		{"Tanh()", tutorial.Activation{Name: "Tanh"}, "Tanh()"},
		{"ELU()", tutorial.Activation{Name: "ELU", Alpha: 1}, "ELU(alpha=1.0)"},
		{"ELU(1.0)", tutorial.Activation{Name: "ELU", Alpha: 1}, "ELU(alpha=1.0)"},
		{"ELU(alpha=.5)", tutorial.Activation{Name: "ELU", Alpha: 0.5}, "ELU(alpha=0.5)"},
		{"GELU()", tutorial.Activation{Name: "GELU", Approximate: "none"}, "GELU(approximate='none')"},
		{`GELU(approximate="tanh")`, tutorial.Activation{Name: "GELU", Approximate: "tanh"}, "GELU(approximate='tanh')"},
		{"Softplus()", tutorial.Activation{Name: "Softplus", Beta: 1, Threshold: 20}, "Softplus(beta=1.0, threshold=20.0)"},
		{"Softplus(2, threshold=10)", tutorial.Activation{Name: "Softplus", Beta: 2, Threshold: 10}, "Softplus(beta=2.0, threshold=10.0)"},
		{"\tSoftplus(\n threshold=5 )", tutorial.Activation{Name: "Softplus", Beta: 1, Threshold: 5}, "Softplus(beta=1.0, threshold=5.0)"},
	}
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			got, err := tutorial.ParseActivation(tc.spec)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.str, got.String())
			again, err := tutorial.ParseActivation(got.String())
			require.NoError(t, err, "String() must parse back")
			assert.Equal(t, got, again)
		})
	}
}

func TestParseActivationRejected(t *testing.T) {
	tests := []struct {
		spec     string
		contains string
	}{
		{"", "empty specification"},
		{"   ", "empty specification"},
		{"ReLU", "missing parentheses"},
		{"ReLU(", "missing closing parenthesis"},
		{"LeakyReLU(0.1", "missing closing parenthesis"},
		{"relu()", "did you mean ReLU?"},
		{"Swish()", `unknown activation "Swish"`},
		{"nn.Module()", `unknown activation "Module"`},
		{"ReLU(0.1)", "takes no arguments"},
		{"ReLU(inplace=True)", "inplace=True are not supported"},
		{"ReLU() + 1", "after the closing parenthesis"},
		{"LeakyReLU(0.1, 0.2)", "at most 1 argument"},
		{"LeakyReLU(slope=0.1)", `unknown keyword "slope"`},
		{"LeakyReLU(negative_slope=0.1, negative_slope=0.2)", "at most 1 argument"},
		{"Softplus(threshold=1, 2)", "follows a keyword"},
		{"Softplus(1, beta=2)", "given more than once"},
		{"Softplus(0)", "beta must be > 0"},
		{"LeakyReLU(abc)", `must be a number, got the word "abc"`},
		{"LeakyReLU(1e999)", "finite number"},
		{"LeakyReLU(nan)", "must be a number"},
		{"LeakyReLU(inf)", "must be a number"},
		{"LeakyReLU(=1)", "expected a number"},
		{"LeakyReLU(0.1 0.2)", "expected ',' or ')'"},
		{"LeakyReLU(1..2)", "malformed number"},
		{"LeakyReLU(0x10)", "expected ',' or ')'"},
		{"LeakyReLU('0.1')", "must be a number"},
		{"GELU(approximate=tanh)", "write approximate='tanh'"},
		{"GELU(approximate='erf')", "'none' or 'tanh'"},
		{"GELU(1)", "quoted string"},
		{"GELU('none", "unterminated string"},
		{"__import__('os')", "unknown activation"},
		{"1ReLU()", "expected an activation name"},
	}
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			_, err := tutorial.ParseActivation(tc.spec)
			require.Error(t, err)
			msg := err.Error()
			assert.Contains(t, msg, tc.contains)
			assert.True(t, strings.HasPrefix(msg, "activation: "), msg)
			for _, accepted := range tutorial.AcceptedActivations() {
				assert.Contains(t, msg, accepted, "the error must list what is accepted")
			}
		})
	}
}

// maxActivationErrorBytes bounds ParseActivation's messages, whatever the
// input: each quoted excerpt of the specification is at most about a hundred
// bytes, plus the list of what is accepted.
const maxActivationErrorBytes = 1024

// checkActivationError asserts the shape every ParseActivation error has.
func checkActivationError(t *testing.T, err error) {
	t.Helper()
	msg := err.Error()
	assert.LessOrEqual(t, len(msg), maxActivationErrorBytes, "message starts %.200q", msg)
	assert.True(t, strings.HasPrefix(msg, "activation: "), "message starts %.200q", msg)
	assert.True(t, utf8.ValidString(msg), "message starts %.200q", msg)
	assert.Contains(t, msg, "accepted: ReLU()")
}

func TestParseActivationLongSpecIsShortened(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name, spec, contains string
	}{
		{"name only", strings.Repeat("X", mb), "missing parentheses: write XXX"},
		{"name and a stray character", strings.Repeat("X", mb) + "!", "expected '(' after XXX"},
		{"unknown name", strings.Repeat("X", mb) + "()", "unknown activation"},
		{"case hint", strings.Repeat("r", mb) + "elu()", "unknown activation"},
		{"not a name", strings.Repeat("膜", mb/3), "expected an activation name"},
		{"text after the call", "ReLU()" + strings.Repeat("🧠", mb/4), "after the closing parenthesis"},
		{"keyword", "LeakyReLU(" + strings.Repeat("k", mb) + "=1)", "unknown keyword"},
		{"bare word", "LeakyReLU(" + strings.Repeat("w", mb) + ")", "must be a number, got the word"},
		{"bare word for GELU", "GELU(approximate=" + strings.Repeat("w", mb) + ")", "write approximate='www"},
		{"string for GELU", "GELU('" + strings.Repeat("s", mb) + "')", "'none' or 'tanh'"},
		{"string for a number", "ELU('" + strings.Repeat("s", mb) + "')", "got the string"},
		{"malformed number", "ELU(" + strings.Repeat("1", mb) + "..)", "malformed number"},
		{"huge finite-looking number", "ELU(1e" + strings.Repeat("9", mb) + ")", "finite number"},
		{"invalid UTF-8", "ELU(" + strings.Repeat("\xff", mb) + ")", "expected a number"},
		{"unterminated string", "GELU('" + strings.Repeat("x", mb), "unterminated string"},
		{"many arguments", "Softplus(" + strings.Repeat("1,", mb/2) + ")", "at most 2 argument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tutorial.ParseActivation(tc.spec)
			require.Error(t, err)
			checkActivationError(t, err)
			assert.Contains(t, err.Error(), tc.contains)
			assert.Contains(t, err.Error(), "...", "a shortened quote ends with an ellipsis")
		})
	}
}

func TestAcceptedActivations(t *testing.T) {
	assert.Equal(t, []string{
		"ReLU()", "LeakyReLU(negative_slope=0.01)", "Sigmoid()", "Tanh()", "ELU(alpha=1.0)",
		"GELU(approximate='none')", "Softplus(beta=1.0, threshold=20.0)",
	}, tutorial.AcceptedActivations())
	for _, spec := range tutorial.AcceptedActivations() {
		_, err := tutorial.ParseActivation(spec)
		assert.NoError(t, err, spec)
	}
}

// activationInputs covers both signs, zero, the Softplus threshold and
// values whose naive exp would overflow float32.
var activationInputs = []float32{-200, -20, -5, -1, -0.5, -1e-3, 0, 1e-3, 0.5, 1, 2.5, 5, 9.9, 10.1, 20, 100, 200}

func TestActivationApplyMatchesOracle(t *testing.T) {
	tests := []struct {
		spec   string
		oracle func(x float64) float64
	}{
		{"ReLU()", func(x float64) float64 { return math.Max(0, x) }},
		{"LeakyReLU(0.1)", func(x float64) float64 { return math.Max(0, x) + 0.1*math.Min(0, x) }},
		{"LeakyReLU()", func(x float64) float64 { return math.Max(0, x) + 0.01*math.Min(0, x) }},
		{"Sigmoid()", func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }},
		{"Tanh()", math.Tanh},
		{"ELU()", func(x float64) float64 {
			if x > 0 {
				return x
			}
			return math.Expm1(x)
		}},
		{"ELU(0.5)", func(x float64) float64 {
			if x > 0 {
				return x
			}
			return 0.5 * math.Expm1(x)
		}},
		{"GELU()", func(x float64) float64 { return x * 0.5 * (1 + math.Erf(x/math.Sqrt2)) }},
		{"GELU(approximate='tanh')", func(x float64) float64 {
			return 0.5 * x * (1 + math.Tanh(math.Sqrt(2/math.Pi)*(x+0.044715*x*x*x)))
		}},
		{"Softplus()", func(x float64) float64 {
			if x > 20 {
				return x
			}
			return math.Log1p(math.Exp(x))
		}},
		{"Softplus(beta=2, threshold=10)", func(x float64) float64 {
			if 2*x > 10 {
				return x
			}
			return math.Log1p(math.Exp(2*x)) / 2
		}},
	}
	backend := tutorial.MustBackend()
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			act, err := tutorial.ParseActivation(tc.spec)
			require.NoError(t, err)
			out, err := ExecOnce(backend, func(x *Node) *Node { return act.Apply(x) }, activationInputs)
			require.NoError(t, err)
			got := tensors.MustCopyFlatData[float32](out)
			require.Len(t, got, len(activationInputs))
			for i, x := range activationInputs {
				want := tc.oracle(float64(x))
				assert.False(t, math.IsNaN(float64(got[i])), "%s(%g) is NaN", tc.spec, x)
				assert.InDelta(t, want, float64(got[i]), activationTol*(1+math.Abs(want)), "%s(%g)", tc.spec, x)
			}
		})
	}
}

// The gradient of ELU must stay finite for large inputs, where a naive
// Where(x > 0, x, exp(x) - 1) multiplies an infinite exp by a zero mask.
func TestELUGradientIsFinite(t *testing.T) {
	act := tutorial.MustParseActivation("ELU()")
	out, err := ExecOnce(tutorial.MustBackend(), func(x *Node) *Node {
		return Gradient(ReduceAllSum(act.Apply(x)), x)[0]
	}, []float32{-100, -1, 0.5, 100, 200})
	require.NoError(t, err)
	got := tensors.MustCopyFlatData[float32](out)
	want := []float64{math.Exp(-100), math.Exp(-1), 1, 1, 1}
	for i := range want {
		assert.InDelta(t, want[i], float64(got[i]), 1e-6, "d ELU / dx at input %d", i)
	}
}

func TestActivationZeroValue(t *testing.T) {
	var a tutorial.Activation
	assert.Contains(t, a.String(), "invalid")
	_, err := ExecOnce(tutorial.MustBackend(), func(x *Node) *Node { return a.Apply(x) }, []float32{1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "ParseActivation")
}

// FuzzParseActivation checks that the parser never panics, that every error
// is bounded, and that every accepted specification round-trips through
// String.
func FuzzParseActivation(f *testing.F) {
	for _, seed := range []string{
		"ReLU()", "LeakyReLU(0.1)", "LeakyReLU()", "Sigmoid()", "Tanh()", "ELU()", "ELU(1.0)",
		"GELU()", "Softplus()", " nn.LeakyReLU( negative_slope = -1.5e-3 , ) ",
		"GELU(approximate='tanh')", `GELU(approximate="none")`, "Softplus(2, threshold=10)",
		"ReLU", "ReLU(", "relu()", "LeakyReLU(1e999)", "ELU(alpha=.5e+2)", "Softplus(0)", "",
		"ReLU() + 1", "GELU('none", "LeakyReLU(1..2)", "ELU(\xff)", "膜電位()",
		strings.Repeat("X", 500), "ReLU()" + strings.Repeat("🧠", 100), "GELU(approximate=" + strings.Repeat("w", 300) + ")",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		a, err := tutorial.ParseActivation(spec)
		if err != nil {
			checkActivationError(t, err) // the package prefix, the accepted list, at most maxActivationErrorBytes
			return
		}
		s := a.String()
		b, err := tutorial.ParseActivation(s)
		if err != nil {
			t.Fatalf("%q parsed to %#v, whose String %q does not parse: %v", spec, a, s, err)
		}
		if a != b {
			t.Fatalf("%q parsed to %#v, but its String %q parses to %#v", spec, a, s, b)
		}
		for _, f := range []float64{a.NegativeSlope, a.Alpha, a.Beta, a.Threshold} {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				t.Fatalf("%q gave a non-finite parameter: %#v", spec, a)
			}
		}
	})
}
