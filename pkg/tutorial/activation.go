package tutorial

// Activation functions named by PyTorch-style specification strings.
//
// The original builds its activation with eval('nn.%s' % actv). Here the
// string is parsed, never evaluated: only the activations and arguments
// listed in [AcceptedActivations] are understood, and anything else is an
// error that lists them.

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/layers/activation"
)

// Activation is a parsed activation function, the counterpart of the
// original's nn.ReLU(), nn.LeakyReLU(0.1), ... modules. Build one with
// [ParseActivation]; the zero value is not a valid activation.
//
// Only the fields of the named activation are meaningful; the others are
// zero.
type Activation struct {
	// Name is PyTorch's class name: "ReLU", "LeakyReLU", "Sigmoid", "Tanh",
	// "ELU", "GELU" or "Softplus".
	Name string
	// NegativeSlope is LeakyReLU's slope for x < 0 (PyTorch's default 0.01).
	NegativeSlope float64
	// Alpha is ELU's scale for x <= 0 (default 1.0).
	Alpha float64
	// Approximate is GELU's mode: "none" (exact, with erf; the default) or
	// "tanh".
	Approximate string
	// Beta and Threshold are Softplus's parameters (defaults 1 and 20): it
	// returns log(1 + exp(Beta*x)) / Beta, or x where Beta*x > Threshold.
	Beta, Threshold float64
}

// activationParam describes one argument of an activation's constructor.
type activationParam struct {
	name   string
	isText bool    // a quoted string (GELU's approximate) instead of a number
	number float64 // default of a numeric parameter
	text   string  // default of a text parameter
}

// activationKind describes one accepted activation: its parameters, in
// PyTorch's positional order, and how to store them in an Activation.
type activationKind struct {
	name   string
	params []activationParam
	// build sets the parameters of a; values holds one entry per param, as
	// float64 or string. It returns an error for an out-of-range value.
	build func(a *Activation, values []any) error
}

// activationKinds lists every accepted activation, in the order of
// [AcceptedActivations].
var activationKinds = []activationKind{
	{name: "ReLU", build: func(*Activation, []any) error { return nil }},
	{name: "LeakyReLU", params: []activationParam{{name: "negative_slope", number: 0.01}},
		build: func(a *Activation, v []any) error { a.NegativeSlope = v[0].(float64); return nil }},
	{name: "Sigmoid", build: func(*Activation, []any) error { return nil }},
	{name: "Tanh", build: func(*Activation, []any) error { return nil }},
	{name: "ELU", params: []activationParam{{name: "alpha", number: 1.0}},
		build: func(a *Activation, v []any) error { a.Alpha = v[0].(float64); return nil }},
	{name: "GELU", params: []activationParam{{name: "approximate", isText: true, text: "none"}},
		build: func(a *Activation, v []any) error {
			a.Approximate = v[0].(string)
			if a.Approximate != "none" && a.Approximate != "tanh" {
				return fmt.Errorf("approximate must be 'none' or 'tanh', got %s", quoteForError(a.Approximate))
			}
			return nil
		}},
	{name: "Softplus", params: []activationParam{{name: "beta", number: 1}, {name: "threshold", number: 20}},
		build: func(a *Activation, v []any) error {
			a.Beta, a.Threshold = v[0].(float64), v[1].(float64)
			if a.Beta <= 0 {
				return fmt.Errorf("beta must be > 0, got %s", formatPythonFloat(a.Beta))
			}
			return nil
		}},
}

// AcceptedActivations returns the accepted activation specifications with
// their parameters and defaults, one per activation, e.g.
// "LeakyReLU(negative_slope=0.01)". Arguments may be given by position or by
// keyword, and may be omitted to use the default.
func AcceptedActivations() []string {
	out := make([]string, len(activationKinds))
	for i, kind := range activationKinds {
		parts := make([]string, len(kind.params))
		for j, p := range kind.params {
			if p.isText {
				parts[j] = fmt.Sprintf("%s='%s'", p.name, p.text)
			} else {
				parts[j] = fmt.Sprintf("%s=%s", p.name, formatPythonFloat(p.number))
			}
		}
		out[i] = kind.name + "(" + strings.Join(parts, ", ") + ")"
	}
	return out
}

// acceptedList is the list of accepted specifications for error messages.
func acceptedList() string {
	return "accepted: " + strings.Join(AcceptedActivations(), ", ") +
		` (arguments by position or keyword, e.g. "LeakyReLU(0.1)" or "ELU(alpha=0.5)"; omitted arguments take the default shown)`
}

// ParseActivation parses a PyTorch-style activation specification, the
// string the original passes to eval('nn.%s' % actv). It never evaluates
// anything.
//
// Accepted (see [AcceptedActivations]): ReLU(), LeakyReLU(negative_slope=0.01),
// Sigmoid(), Tanh(), ELU(alpha=1.0), GELU(approximate='none'|'tanh') and
// Softplus(beta=1.0, threshold=20.0). Names are case-sensitive, as in PyTorch;
// an optional "nn." prefix and white space around tokens are allowed.
// Arguments are decimal numbers (or a quoted string for GELU), given by
// position or as keyword=value, positional ones first; omitted ones take the
// default. So "LeakyReLU(0.1)", "LeakyReLU(negative_slope=0.1)" and
// " nn.LeakyReLU( 0.1 ) " are the same activation, and "LeakyReLU()" has
// slope 0.01.
//
// An unknown name, a missing parenthesis, a malformed, non-finite or
// repeated argument, or an out-of-range value (Softplus beta <= 0, GELU
// approximate other than 'none' or 'tanh') gives an error that lists what is
// accepted.
func ParseActivation(spec string) (Activation, error) {
	name, args, err := splitActivationSpec(spec)
	if err != nil {
		return Activation{}, fmt.Errorf("activation: %s: %w; %s", quoteForError(spec), err, acceptedList())
	}
	var kind *activationKind
	for i := range activationKinds {
		if activationKinds[i].name == name {
			kind = &activationKinds[i]
		}
	}
	if kind == nil {
		hint := ""
		for _, k := range activationKinds {
			if strings.EqualFold(k.name, name) {
				hint = fmt.Sprintf(" (names are case-sensitive: did you mean %s?)", k.name)
			}
		}
		return Activation{}, fmt.Errorf("activation: %s: unknown activation %s%s; %s",
			quoteForError(spec), quoteForError(name), hint, acceptedList())
	}
	values, err := bindActivationArgs(kind, args)
	if err == nil {
		a := Activation{Name: kind.name}
		if err = kind.build(&a, values); err == nil {
			return a, nil
		}
	}
	return Activation{}, fmt.Errorf("activation: %s: %s: %w; %s", quoteForError(spec), kind.name, err, acceptedList())
}

// MustParseActivation is like [ParseActivation] but panics on error. It is
// meant for package-level variables and examples with constant specs.
func MustParseActivation(spec string) Activation {
	a, err := ParseActivation(spec)
	if err != nil {
		panic(err)
	}
	return a
}

// activationArg is one argument of a specification, before binding.
type activationArg struct {
	keyword string // empty for a positional argument
	value   string // the number's text, the unquoted string, or the bare word
	isText  bool   // a quoted string
	isWord  bool   // a bare word such as True or tanh, never valid, kept for the error message
}

// splitActivationSpec tokenizes "[nn.]Name(arg, key=arg, ...)".
func splitActivationSpec(spec string) (name string, args []activationArg, err error) {
	s := &specScanner{src: spec}
	s.skipSpace()
	if strings.HasPrefix(s.rest(), "nn.") {
		s.pos += len("nn.")
	}
	name = s.identifier()
	if name == "" {
		if s.done() {
			return "", nil, fmt.Errorf("empty specification")
		}
		return "", nil, fmt.Errorf("expected an activation name at byte %d", s.pos)
	}
	s.skipSpace()
	if s.done() {
		return name, nil, fmt.Errorf("missing parentheses: write %s() (the original's string builds a module, e.g. \"ReLU()\")", clipForError(name))
	}
	if !s.accept('(') {
		return name, nil, fmt.Errorf("expected '(' after %s at byte %d", clipForError(name), s.pos)
	}
	s.skipSpace()
	if s.accept(')') {
		return name, nil, s.expectEnd()
	}
	if s.done() {
		return name, nil, fmt.Errorf("missing closing parenthesis")
	}
	for {
		arg, err := s.argument()
		if err != nil {
			return name, nil, err
		}
		args = append(args, arg)
		s.skipSpace()
		if s.accept(')') {
			return name, args, s.expectEnd()
		}
		if !s.accept(',') {
			if s.done() {
				return name, nil, fmt.Errorf("missing closing parenthesis")
			}
			return name, nil, fmt.Errorf("expected ',' or ')' at byte %d", s.pos)
		}
		s.skipSpace()
		if s.accept(')') { // a trailing comma, as Python allows
			return name, args, s.expectEnd()
		}
	}
}

// specScanner reads a specification byte by byte.
type specScanner struct {
	src string
	pos int
}

func (s *specScanner) done() bool   { return s.pos >= len(s.src) }
func (s *specScanner) rest() string { return s.src[s.pos:] }

func (s *specScanner) skipSpace() {
	for !s.done() && strings.IndexByte(" \t\r\n", s.src[s.pos]) >= 0 {
		s.pos++
	}
}

func (s *specScanner) accept(c byte) bool {
	if !s.done() && s.src[s.pos] == c {
		s.pos++
		return true
	}
	return false
}

// identifier reads [A-Za-z_][A-Za-z0-9_]*, or returns "".
func (s *specScanner) identifier() string {
	start := s.pos
	for !s.done() {
		c := s.src[s.pos]
		letter := c == '_' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
		if !letter && !(s.pos > start && '0' <= c && c <= '9') {
			break
		}
		s.pos++
	}
	return s.src[start:s.pos]
}

func (s *specScanner) expectEnd() error {
	s.skipSpace()
	if !s.done() {
		return fmt.Errorf("unexpected %s after the closing parenthesis", quoteForError(s.rest()))
	}
	return nil
}

// argument reads `value` or `keyword = value`, where value is a number, a
// quoted string or a bare word.
func (s *specScanner) argument() (activationArg, error) {
	var arg activationArg
	if id := s.identifier(); id != "" {
		s.skipSpace()
		if !s.accept('=') {
			arg.value, arg.isWord = id, true
			return arg, nil
		}
		arg.keyword = id
		s.skipSpace()
	}
	if s.done() {
		return arg, fmt.Errorf("missing argument value and closing parenthesis")
	}
	if id := s.identifier(); id != "" {
		arg.value, arg.isWord = id, true
		return arg, nil
	}
	if q := s.src[s.pos]; q == '\'' || q == '"' {
		end := strings.IndexByte(s.src[s.pos+1:], q)
		if end < 0 {
			return arg, fmt.Errorf("unterminated string at byte %d", s.pos)
		}
		arg.value, arg.isText = s.src[s.pos+1:s.pos+1+end], true
		s.pos += end + 2
		return arg, nil
	}
	numStart := s.pos
	for !s.done() && strings.IndexByte("0123456789+-.eE", s.src[s.pos]) >= 0 {
		s.pos++
	}
	arg.value = s.src[numStart:s.pos]
	if !isDecimalNumber(arg.value) {
		if arg.value == "" {
			return arg, fmt.Errorf("expected a number at byte %d, got %s", numStart, quoteForError(s.rest()))
		}
		return arg, fmt.Errorf("malformed number %s", quoteForError(arg.value))
	}
	return arg, nil
}

// isDecimalNumber accepts [+-](digits[.digits]|.digits)[(e|E)[+-]digits],
// the decimal literals of Python, without underscores, hex, inf or nan.
func isDecimalNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	mantissa := digits()
	if i < len(s) && s[i] == '.' {
		i++
		mantissa += digits()
	}
	if mantissa == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// bindActivationArgs matches positional and keyword arguments to the
// parameters of kind, filling in defaults, as Python does for a call.
func bindActivationArgs(kind *activationKind, args []activationArg) ([]any, error) {
	if len(kind.params) == 0 && len(args) > 0 {
		return nil, fmt.Errorf("takes no arguments, got %d (options such as inplace=True are not supported)", len(args))
	}
	if len(args) > len(kind.params) {
		return nil, fmt.Errorf("takes at most %d argument(s), got %d", len(kind.params), len(args))
	}
	values := make([]any, len(kind.params))
	seenKeyword := false
	for i, arg := range args {
		j := i
		if arg.keyword != "" {
			seenKeyword = true
			j = -1
			for k, p := range kind.params {
				if p.name == arg.keyword {
					j = k
				}
			}
			if j < 0 {
				names := make([]string, len(kind.params))
				for k, p := range kind.params {
					names[k] = p.name
				}
				return nil, fmt.Errorf("unknown keyword %s (its parameters: %s)", quoteForError(arg.keyword), strings.Join(names, ", "))
			}
		} else if seenKeyword {
			return nil, fmt.Errorf("positional argument %d follows a keyword argument", i+1)
		}
		if values[j] != nil {
			return nil, fmt.Errorf("%s given more than once", kind.params[j].name)
		}
		p := kind.params[j]
		switch {
		case p.isText && arg.isWord:
			return nil, fmt.Errorf("%s must be a quoted string: write %s='%s'", p.name, p.name, clipForError(arg.value))
		case p.isText && !arg.isText:
			return nil, fmt.Errorf("%s must be a quoted string, got %s", p.name, quoteForError(arg.value))
		case arg.isWord:
			return nil, fmt.Errorf("%s must be a number, got the word %s", p.name, quoteForError(arg.value))
		case p.isText:
			values[j] = arg.value
		case arg.isText:
			return nil, fmt.Errorf("%s must be a number, got the string %s", p.name, quoteForError(arg.value))
		default:
			v, err := strconv.ParseFloat(arg.value, 64)
			if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
				return nil, fmt.Errorf("%s must be a finite number, got %s", p.name, quoteForError(arg.value))
			}
			values[j] = v
		}
	}
	for j, p := range kind.params {
		if values[j] == nil {
			if p.isText {
				values[j] = p.text
			} else {
				values[j] = p.number
			}
		}
	}
	return values, nil
}

// String returns the activation the way PyTorch prints the module, e.g.
// "ReLU()", "LeakyReLU(negative_slope=0.1)", "ELU(alpha=1.0)",
// "GELU(approximate='none')" or "Softplus(beta=1.0, threshold=20.0)". The
// result parses back to the same Activation.
func (a Activation) String() string {
	switch a.Name {
	case "LeakyReLU":
		return fmt.Sprintf("LeakyReLU(negative_slope=%s)", formatPythonFloat(a.NegativeSlope))
	case "ELU":
		return fmt.Sprintf("ELU(alpha=%s)", formatPythonFloat(a.Alpha))
	case "GELU":
		return fmt.Sprintf("GELU(approximate='%s')", a.Approximate)
	case "Softplus":
		return fmt.Sprintf("Softplus(beta=%s, threshold=%s)", formatPythonFloat(a.Beta), formatPythonFloat(a.Threshold))
	case "":
		return "Activation(<invalid: zero value>)"
	default:
		return a.Name + "()"
	}
}

// formatPythonFloat formats v as Python's repr does: the shortest decimal
// that round-trips, with ".0" on integral values and an exponent outside
// [1e-4, 1e16).
func formatPythonFloat(v float64) string {
	if abs := math.Abs(v); abs != 0 && (abs < 1e-4 || abs >= 1e16) {
		return strconv.FormatFloat(v, 'e', -1, 64) // e.g. 1e-05, 1.5e+16
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// Apply applies the activation elementwise to x, of any shape and float
// dtype, returning a node of the same shape:
//
//   - ReLU: max(0, x)
//   - LeakyReLU: x for x >= 0, negative_slope * x otherwise
//   - Sigmoid: 1 / (1 + exp(-x)); Tanh: tanh(x)
//   - ELU: x for x > 0, alpha * (exp(x) - 1) otherwise
//   - GELU: x * Φ(x) with the exact normal CDF Φ (erf), or its tanh
//     approximation when Approximate is "tanh"
//   - Softplus: log(1 + exp(beta*x)) / beta, or x where beta*x > threshold
//
// It panics (as graph functions do) if a is not a valid activation.
func (a Activation) Apply(x *Node) *Node {
	switch a.Name {
	case "ReLU":
		return activation.Relu(x)
	case "LeakyReLU":
		return activation.LeakyReluWith(x, a.NegativeSlope)
	case "Sigmoid":
		return activation.Apply(activation.TypeSigmoid, x)
	case "Tanh":
		return activation.Apply(activation.TypeTanh, x)
	case "ELU":
		// GoMLX has no ELU. Exp(Min(x, 0)) keeps the unused branch of Where
		// finite for large x, so its gradient is never Inf * 0 = NaN.
		zero := ScalarZero(x.Graph(), x.DType())
		negative := MulScalar(AddScalar(Exp(Min(x, zero)), -1), a.Alpha)
		return Where(GreaterThan(x, zero), x, negative)
	case "GELU":
		if a.Approximate == "tanh" {
			return activation.GeluApproximate(x)
		}
		return activation.Gelu(x) // exact: x * 0.5 * (1 + erf(x / √2)), PyTorch's default
	case "Softplus":
		scaled := MulScalar(x, a.Beta)
		// Softplus is GoMLX's stable log(1 + exp(x)); the threshold only
		// mirrors PyTorch, which returns x itself for large inputs.
		return Where(GreaterThan(scaled, Scalar(x.Graph(), x.DType(), a.Threshold)), x, DivScalar(Softplus(scaled), a.Beta))
	default:
		panic(fmt.Errorf("activation: cannot apply %s: build activations with ParseActivation (%s)", clipForError(a.String()), acceptedList()))
	}
}
