package checks

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strconv"
)

// Grader is the check of one exercise split into three phases, so that a
// process running a student's code never scores itself.
//
//  1. Inputs, in the grader (the parent): draws the inputs, the original's and
//     fresh random ones, and encodes them as JSON.
//  2. Compute, in the child process that holds the student's code: runs an
//     implementation on the inputs and encodes its outputs as JSON. It only
//     computes; it never compares.
//  3. Judge, in the parent again: compares the outputs with values computed
//     here from the inputs and returns the [Result], in the language asked
//     for ([Exercise.JudgeIn]).
//
// Each exercise's check file defines its grader, and its [Registry] entry
// holds it; the phases are called through the entry ([Exercise.Inputs],
// [Exercise.Compute], [Exercise.Judge]), which gives the judge the
// exercise's hints and stamps the result with its ID. The in-process check of
// each exercise (e.g. [ApproximateFunction]) is the same three phases run in
// one process. Only this package implements Grader.
type Grader interface {
	inputsJSON(rng *rand.Rand) ([]byte, error)
	computeJSON(impl any, inputs []byte) ([]byte, error)
	judgeJSON(l Lang, inputs, outputs []byte, hints Hints) Result
	inProcess(l Lang, impl any, rng *rand.Rand, hints Hints) Result
}

// errNoGrader is returned for an exercise whose entry has no grader.
func errNoGrader(id ExerciseID) error {
	return fmt.Errorf("checks: exercise %q has no grader", id)
}

// Inputs is phase 1: it draws the inputs of one grading run from rng.
func (e Exercise) Inputs(rng *rand.Rand) ([]byte, error) {
	if e.Grader == nil {
		return nil, errNoGrader(e.ID)
	}
	data, err := e.Grader.inputsJSON(rng)
	if err != nil {
		return nil, fmt.Errorf("checks: exercise %s: %w", e.ID, err)
	}
	return data, nil
}

// Compute is phase 2: it runs impl, a function with the exercise's signature
// (e.g. exercises.ApproximateFunction), on inputs and returns its outputs. An
// implementation that fails or panics is recorded in the outputs; the error
// is for inputs that do not decode or an impl of the wrong type.
func (e Exercise) Compute(impl any, inputs []byte) ([]byte, error) {
	if e.Grader == nil {
		return nil, errNoGrader(e.ID)
	}
	data, err := e.Grader.computeJSON(impl, inputs)
	if err != nil {
		return nil, fmt.Errorf("checks: exercise %s: %w", e.ID, err)
	}
	return data, nil
}

// Judge is phase 3 with the messages in Japanese: [Exercise.JudgeIn].
func (e Exercise) Judge(inputs, outputs []byte) Result { return e.JudgeIn(Japanese, inputs, outputs) }

// JudgeIn is phase 3: it scores outputs against inputs, and writes the
// result's messages in language l (its Lang field says which). It never
// panics, whatever the outputs hold: a forged or truncated output is a
// failure.
func (e Exercise) JudgeIn(l Lang, inputs, outputs []byte) Result {
	l = l.Or(Japanese)
	if e.Grader == nil {
		return Result{ExerciseID: e.ID, Status: NotImplemented, Message: l.Sprintf("check.no_check"), Lang: l}
	}
	r := e.Grader.judgeJSON(l, inputs, outputs, e.HintsIn(l))
	r.ExerciseID, r.Lang = e.ID, l
	return r
}

// checkInProcess runs exercise id's three phases in this process, on fn,
// with the messages in the language of [SetLanguage].
func checkInProcess(id ExerciseID, fn any, rng *rand.Rand) Result {
	l := Language()
	e := Lookup(id)
	if e.Grader == nil {
		return Result{ExerciseID: id, Status: Fail, Message: l.Sprintf("check.internal_error", harnessText(errNoGrader(id))), Lang: l}
	}
	r := e.Grader.inProcess(l, fn, rng, e.HintsIn(l))
	r.ExerciseID, r.Lang = id, l
	return r
}

// phases implements [Grader] from three typed functions. F is the exercise's
// function type, In and Out its JSON-serializable inputs and outputs. The
// judge quotes hints, the exercise's; the ID of its results is set by the
// [Exercise] that holds the grader.
type phases[F, In, Out any] struct {
	draw    func(rng *rand.Rand) In
	compute func(fn F, in In) Out
	judge   func(l Lang, in In, out Out, hints Hints) Result
}

func (p phases[F, In, Out]) inputsJSON(rng *rand.Rand) ([]byte, error) {
	data, err := json.Marshal(p.draw(rng))
	if err != nil {
		return nil, fmt.Errorf("encoding inputs: %w", err)
	}
	return data, nil
}

func (p phases[F, In, Out]) computeJSON(impl any, inputs []byte) ([]byte, error) {
	fn, err := implementationAs[F](impl)
	if err != nil {
		return nil, err
	}
	var in In
	if err := json.Unmarshal(inputs, &in); err != nil {
		return nil, fmt.Errorf("decoding inputs: %w", err)
	}
	data, err := json.Marshal(p.compute(fn, in))
	if err != nil {
		return nil, fmt.Errorf("encoding outputs: %w", err)
	}
	return data, nil
}

func (p phases[F, In, Out]) judgeJSON(l Lang, inputs, outputs []byte, hints Hints) Result {
	var in In
	if err := json.Unmarshal(inputs, &in); err != nil {
		return failure(l.Sprintf("check.inputs_unreadable", harnessText(err)), "")
	}
	var out Out
	if err := json.Unmarshal(outputs, &out); err != nil {
		return failure(l.Sprintf("check.outputs_unreadable", harnessText(err)), "")
	}
	return protect(l, func() Result { return p.judge(l, in, out, hints) })
}

// inProcess runs the three phases in one process, without JSON: the
// in-process check.
func (p phases[F, In, Out]) inProcess(l Lang, impl any, rng *rand.Rand, hints Hints) Result {
	fn, err := implementationAs[F](impl)
	if err != nil {
		return failure(l.Sprintf("check.internal_error", harnessText(err)), "")
	}
	return protect(l, func() Result {
		in := p.draw(rng)
		return p.judge(l, in, p.compute(fn, in), hints)
	})
}

// implementationAs converts impl to the exercise's function type F. A plain
// function value (exercises.ApproximateFunction) has an unnamed type, so it is
// converted rather than asserted.
func implementationAs[F any](impl any) (F, error) {
	if fn, ok := impl.(F); ok {
		return fn, nil
	}
	var zero F
	want := reflect.TypeFor[F]()
	v := reflect.ValueOf(impl)
	if !v.IsValid() || !v.Type().ConvertibleTo(want) {
		return zero, fmt.Errorf("the implementation has type %T, want %s", impl, want)
	}
	if v.Kind() == reflect.Func && v.IsNil() {
		return zero, fmt.Errorf("the implementation is a nil function")
	}
	return v.Convert(want).Interface().(F), nil
}

// float32s is a float32 vector that survives JSON with NaN and ±Inf, which
// encoding/json rejects: those are written as the strings "NaN", "+Inf" and
// "-Inf". A wrong answer may well hold NaN, and must reach the judge intact.
type float32s []float32

// MarshalJSON implements json.Marshaler.
func (v float32s) MarshalJSON() ([]byte, error) {
	if v == nil {
		return []byte("null"), nil
	}
	buf := make([]byte, 0, 2+len(v)*10)
	buf = append(buf, '[')
	for i, f := range v {
		if i > 0 {
			buf = append(buf, ',')
		}
		switch x := float64(f); {
		case math.IsNaN(x):
			buf = append(buf, `"NaN"`...)
		case math.IsInf(x, 1):
			buf = append(buf, `"+Inf"`...)
		case math.IsInf(x, -1):
			buf = append(buf, `"-Inf"`...)
		default:
			buf = strconv.AppendFloat(buf, x, 'g', -1, 32)
		}
	}
	return append(buf, ']'), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (v *float32s) UnmarshalJSON(data []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if raw == nil {
		*v = nil
		return nil
	}
	out := make(float32s, len(raw))
	for i, r := range raw {
		var s string
		if json.Unmarshal(r, &s) == nil {
			f, err := strconv.ParseFloat(s, 32)
			if err != nil {
				return fmt.Errorf("checks: element %d: %q is not a number", i, s)
			}
			out[i] = float32(f)
			continue
		}
		var f float32
		if err := json.Unmarshal(r, &f); err != nil {
			return fmt.Errorf("checks: element %d: %w", i, err)
		}
		out[i] = f
	}
	*v = out
	return nil
}

// float32Matrix is a float32 matrix that survives JSON like [float32s].
type float32Matrix [][]float32

// MarshalJSON implements json.Marshaler.
func (m float32Matrix) MarshalJSON() ([]byte, error) {
	if m == nil {
		return []byte("null"), nil
	}
	rows := make([]float32s, len(m))
	for i, r := range m {
		rows[i] = r
	}
	return json.Marshal(rows)
}

// UnmarshalJSON implements json.Unmarshaler.
func (m *float32Matrix) UnmarshalJSON(data []byte) error {
	var rows []float32s
	if err := json.Unmarshal(data, &rows); err != nil {
		return err
	}
	if rows == nil {
		*m = nil
		return nil
	}
	out := make(float32Matrix, len(rows))
	for i, r := range rows {
		out[i] = r
	}
	*m = out
	return nil
}
