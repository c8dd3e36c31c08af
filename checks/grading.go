package checks

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strconv"
	"sync"

	"github.com/nma-go/mlp/pkg/tutorial"
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
//     here from the inputs and returns the [Result], in Japanese.
//
// The in-process check of each exercise (e.g. [ApproximateFunction]) is the
// same three phases run in one process. Graders are looked up by exercise ID
// with [GraderFor]; each exercise's check file registers its own.
type Grader interface {
	// ExerciseID is the registry ID of the exercise, e.g. "1".
	ExerciseID() string
	// Inputs draws the inputs of one grading run from rng.
	Inputs(rng *rand.Rand) ([]byte, error)
	// Compute runs impl, a function with the exercise's signature (e.g.
	// exercises.ApproximateFunction), on inputs and returns its outputs. An
	// implementation that fails or panics is recorded in the outputs; the
	// error is for inputs that do not decode or an impl of the wrong type.
	Compute(impl any, inputs []byte) ([]byte, error)
	// Judge scores outputs against inputs. It never panics, whatever the
	// outputs hold: a forged or truncated output is a failure.
	Judge(inputs, outputs []byte) Result
}

var (
	gradersMu sync.RWMutex
	graders   = map[string]Grader{}
)

// registerGrader makes g available to [GraderFor]. Each exercise's check file
// calls it from init. It panics on a duplicate ID.
func registerGrader(g Grader) {
	gradersMu.Lock()
	defer gradersMu.Unlock()
	if _, dup := graders[g.ExerciseID()]; dup {
		panic(fmt.Sprintf("checks: grader for exercise %q registered twice", g.ExerciseID()))
	}
	graders[g.ExerciseID()] = g
}

// GraderFor returns the grader of exercise id, and false if the exercise has
// no three-phase check yet.
func GraderFor(id string) (Grader, bool) {
	gradersMu.RLock()
	defer gradersMu.RUnlock()
	g, ok := graders[id]
	return g, ok
}

// phases implements [Grader] from three typed functions. F is the exercise's
// function type, In and Out its JSON-serializable inputs and outputs.
type phases[F, In, Out any] struct {
	id      string
	draw    func(rng *rand.Rand) In
	compute func(fn F, in In) Out
	judge   func(in In, out Out) Result
}

// ExerciseID implements [Grader].
func (p phases[F, In, Out]) ExerciseID() string { return p.id }

// Inputs implements [Grader].
func (p phases[F, In, Out]) Inputs(rng *rand.Rand) ([]byte, error) {
	data, err := json.Marshal(p.draw(rng))
	if err != nil {
		return nil, fmt.Errorf("checks: exercise %s: encoding inputs: %w", p.id, err)
	}
	return data, nil
}

// Compute implements [Grader].
func (p phases[F, In, Out]) Compute(impl any, inputs []byte) ([]byte, error) {
	fn, err := implementationAs[F](p.id, impl)
	if err != nil {
		return nil, err
	}
	var in In
	if err := json.Unmarshal(inputs, &in); err != nil {
		return nil, fmt.Errorf("checks: exercise %s: decoding inputs: %w", p.id, err)
	}
	data, err := json.Marshal(p.compute(fn, in))
	if err != nil {
		return nil, fmt.Errorf("checks: exercise %s: encoding outputs: %w", p.id, err)
	}
	return data, nil
}

// Judge implements [Grader].
func (p phases[F, In, Out]) Judge(inputs, outputs []byte) Result {
	var in In
	if err := json.Unmarshal(inputs, &in); err != nil {
		return failure(p.id, fmt.Sprintf("採点の入力を読めません (採点側の問題です): %v", err), "")
	}
	var out Out
	if err := json.Unmarshal(outputs, &out); err != nil {
		return failure(p.id, fmt.Sprintf("実装の出力を読めません: %v", err), "")
	}
	return protect(p.id, func() Result { return p.judge(in, out) })
}

// check runs the three phases in one process: the in-process check.
func (p phases[F, In, Out]) check(fn F, rng *rand.Rand) Result {
	return protect(p.id, func() Result {
		in := p.draw(rng)
		return p.judge(in, p.compute(fn, in))
	})
}

// implementationAs converts impl to the exercise's function type F. A plain
// function value (exercises.ApproximateFunction) has an unnamed type, so it is
// converted rather than asserted.
func implementationAs[F any](id string, impl any) (F, error) {
	if fn, ok := impl.(F); ok {
		return fn, nil
	}
	var zero F
	want := reflect.TypeFor[F]()
	v := reflect.ValueOf(impl)
	if !v.IsValid() || !v.Type().ConvertibleTo(want) {
		return zero, fmt.Errorf("checks: exercise %s: the implementation has type %T, want %s", id, impl, want)
	}
	if v.Kind() == reflect.Func && v.IsNil() {
		return zero, fmt.Errorf("checks: exercise %s: the implementation is a nil function", id)
	}
	return v.Convert(want).Interface().(F), nil
}

// runError is a JSON-serializable record of an implementation's failure to
// run on one input, so that the parent can classify it as [fromRunError]
// does in process.
type runError struct {
	Message        string `json:"message"`
	NotImplemented bool   `json:"not_implemented,omitempty"`
	// Exercise and Blank are set when the error holds a
	// *tutorial.NotImplementedError.
	Exercise string `json:"exercise,omitempty"`
	Blank    string `json:"blank,omitempty"`
}

// newRunError records err, or returns nil for a nil err.
func newRunError(err error) *runError {
	if err == nil {
		return nil
	}
	r := &runError{Message: err.Error(), NotImplemented: errors.Is(err, tutorial.ErrNotImplemented)}
	var ni *tutorial.NotImplementedError
	if errors.As(err, &ni) {
		r.Exercise, r.Blank = ni.Exercise, ni.Blank
	}
	return r
}

// Error implements error, and Is makes errors.Is(r, tutorial.ErrNotImplemented)
// true for an unfinished exercise.
func (r *runError) Error() string { return r.Message }

// Is implements errors.Is.
func (r *runError) Is(target error) bool {
	return r.NotImplemented && target == tutorial.ErrNotImplemented
}

// err rebuilds an error that [fromRunError] classifies as the original was.
func (r *runError) err() error {
	if r.Exercise != "" || r.Blank != "" {
		return &tutorial.NotImplementedError{Exercise: r.Exercise, Blank: r.Blank}
	}
	return r
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
