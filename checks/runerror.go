package checks

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/gomlx/compute/dtypes"
	. "github.com/gomlx/gomlx/core/graph"

	"github.com/nma-go/mlp/internal/textcap"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// runError is a JSON-serializable record of an implementation's failure to
// run on one input: what the judge needs to explain it to the student in
// either language, in process and in the grader's parent alike. The core's
// errors are English, for developers; a student reads [runError.result]
// instead, which names the unfinished blank, the returned value that is
// wrong, or where the code panicked and what the panic said.
type runError struct {
	// Message is the error's text as the core wrote it, for logs.
	Message        string `json:"message"`
	NotImplemented bool   `json:"not_implemented,omitempty"`
	// Exercise, Blank, BlankID and BlankArgs are set when the error holds
	// a *tutorial.NotImplementedError: its Exercise, its Blank, and its
	// Name's ID and arguments.
	Exercise  string `json:"exercise,omitempty"`
	Blank     string `json:"blank,omitempty"`
	BlankID   string `json:"blank_id,omitempty"`
	BlankArgs []any  `json:"blank_args,omitempty"`
	// Output is set when the implementation returned a value of the wrong
	// shape or dtype, or nil, which the core refuses.
	Output *outputProblem `json:"output,omitempty"`
	// Cause is what the innermost error of the chain says: a panic's own
	// words, without the wrappers of the core and GoMLX around it.
	Cause string `json:"cause,omitempty"`
	// File and Line are where in the student's file a panic happened, when
	// the core recorded it (tutorial.PanicSiteOf).
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// newRunError records err, with returned, what the implementation returned
// in that run (nil when it did not return); it returns nil for a nil err.
func newRunError(err error, returned *watch) *runError {
	if err == nil {
		return nil
	}
	r := &runError{Message: err.Error(), NotImplemented: errors.Is(err, tutorial.ErrNotImplemented)}
	var ni *tutorial.NotImplementedError
	if errors.As(err, &ni) {
		r.Exercise, r.Blank, r.BlankID, r.BlankArgs = ni.Exercise, ni.Blank, ni.Name.ID, ni.Name.Args
		return r
	}
	r.Output = returned.problem()
	r.Cause = innermost(err).Error()
	if site, ok := tutorial.PanicSiteOf(err); ok {
		r.File, r.Line = site.File, site.Line
	}
	return r
}

// innermost is the last error of err's chain (followed through single
// Unwrap methods).
func innermost(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// Error implements error, and Is makes errors.Is(r, tutorial.ErrNotImplemented)
// true for an unfinished exercise.
func (r *runError) Error() string { return r.Message }

// Is implements errors.Is.
func (r *runError) Is(target error) bool {
	return r.NotImplemented && target == tutorial.ErrNotImplemented
}

// notImplemented rebuilds the *tutorial.NotImplementedError of an
// unfinished exercise, or returns nil.
func (r *runError) notImplemented() *tutorial.NotImplementedError {
	if r.Exercise == "" && r.Blank == "" && r.BlankID == "" {
		return nil
	}
	ni := &tutorial.NotImplementedError{Exercise: r.Exercise, Blank: r.Blank}
	if r.BlankID != "" {
		ni.Name = tutorial.Blank(r.BlankID, jsonArgs(r.BlankArgs)...)
	}
	return ni
}

// jsonArgs undoes what JSON does to a message's arguments: whole numbers
// come back as float64, and become ints again (a %d needs one).
func jsonArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if f, ok := a.(float64); ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			a = int(f)
		}
		out[i] = a
	}
	return out
}

// result is the result for a run that failed on input (described in
// language l), in l: not started for an unfinished exercise, otherwise a
// failure with hint.
func (r *runError) result(l Lang, input, hint string) Result {
	if ni := r.notImplemented(); ni != nil {
		return Result{Status: NotImplemented, Message: l.Sprintf("check.run.todo", ni.BlankIn(l))}
	}
	if r.NotImplemented {
		return Result{Status: NotImplemented, Message: l.Sprintf("check.run.todo_any")}
	}
	if r.Output != nil {
		return failure(r.Output.describe(l, input), hint)
	}
	if r.File != "" {
		return failure(l.Sprintf("check.run.failed_at", input, r.reason(l), l.Sprintf("tutorial.panic_site", r.File, r.Line)), hint)
	}
	return failure(l.Sprintf("check.run.failed", input, r.reason(l)), hint)
}

// reason says in language l why the run failed: a sentence of the catalog
// for the core's errors that students make happen, otherwise the error's
// own words, quoted as code.
func (r *runError) reason(l Lang) string {
	cause := r.Cause
	if cause == "" {
		cause = r.Message
	}
	for _, k := range knownCauses {
		if m := k.pattern.FindStringSubmatch(cause); m != nil {
			return l.Sprintf(k.id, k.args(m)...)
		}
	}
	return codeSpan(cause)
}

// knownCauses are the errors of the core that a student's code makes happen
// (tutorial.Linear and tutorial.TakeRows, called with the wrong sizes), each
// with the message that says it in the student's language. The patterns
// match the whole text of the core's error; a test makes sure they still
// match what the core writes.
var knownCauses = []struct {
	pattern *regexp.Regexp
	id      string
	args    func(m []string) []any
}{
	{regexp.MustCompile(`^linear (\S*): x has shape \(\w+\)(\[[^\]]*\]), want \[batch, (\d+)\] \(inFeatures=\d+\)$`),
		"check.run.reason.linear_input", func(m []string) []any { return []any{m[1], m[2], atoi(m[3])} }},
	{regexp.MustCompile(`^linear (\S*): the sizes must be > 0, got inFeatures=(-?\d+), outFeatures=(-?\d+)$`),
		"check.run.reason.linear_sizes", func(m []string) []any { return []any{m[1], atoi(m[2]), atoi(m[3])} }},
	{regexp.MustCompile(`^TakeRows: index (-?\d+) at position (\d+) is out of range \[0, (\d+)\)$`),
		"check.run.reason.take_rows", func(m []string) []any { return []any{atoi(m[1]), atoi(m[2]), atoi(m[3])} }},
}

// atoi is strconv.Atoi for digits a pattern matched.
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// maxQuoted bounds the text a message quotes from an error.
const maxQuoted = 300

// codeSpan quotes text that is not ours (an error's or a panic's own words,
// in whatever language they came) for a message: on one line, between
// backquotes, at most maxQuoted bytes of it.
func codeSpan(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	text = strings.ReplaceAll(text, "`", "'")
	return "`" + textcap.Head(text, maxQuoted) + "`"
}

// outputProblem says what was wrong with a value an implementation
// returned: nil, or of the wrong dtype or shape.
type outputProblem struct {
	// Name names the value by its identifier in the stub ("reluActs").
	Name      string `json:"name"`
	Nil       bool   `json:"nil,omitempty"`
	DType     string `json:"dtype,omitempty"`
	WantDType string `json:"want_dtype,omitempty"`
	Dims      []int  `json:"dims,omitempty"`
	WantDims  []int  `json:"want_dims,omitempty"`
}

// describe says the problem on input in language l.
func (p *outputProblem) describe(l Lang, input string) string {
	switch {
	case p.Nil:
		return l.Sprintf("check.run.output_nil", input, p.Name)
	case p.DType != p.WantDType:
		return l.Sprintf("check.run.output_dtype", input, p.Name, p.DType, p.WantDType)
	}
	return l.Sprintf("check.run.output_shape", input, p.Name, formatShape(l, p.Dims), formatShape(l, p.WantDims))
}

// formatShape writes dimensions as the stubs do, "[9, 1000]"; a scalar's
// are "[]", with the word.
func formatShape(l Lang, dims []int) string {
	if len(dims) == 0 {
		return l.Sprintf("check.run.scalar")
	}
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = strconv.Itoa(d)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// wantOutput is what an exercise's contract wants of one returned value.
type wantOutput struct {
	name  string // its identifier in the stub
	dtype dtypes.DType
	dims  []int
}

// watch records the values an implementation returned in a run, inside the
// graph function that calls it, and what the exercise wants of them; after
// a run that the core refused, [watch.problem] says which value is wrong. A
// nil watch records nothing.
type watch struct {
	got  []returned
	want []wantOutput
}

// returned is the dtype and shape of a returned value, or nil.
type returned struct {
	isNil bool
	dtype dtypes.DType
	dims  []int
}

// record notes the values returned (their dtypes and shapes, read at once,
// while their graph is being built) and what they should be, in the same
// order.
func (w *watch) record(want []wantOutput, got ...*Node) {
	w.want, w.got = want, make([]returned, len(got))
	for i, node := range got {
		if node == nil {
			w.got[i] = returned{isNil: true}
			continue
		}
		w.got[i] = returned{dtype: node.DType(), dims: append([]int(nil), node.Shape().Dimensions...)}
	}
}

// problem is the first returned value that is not what the exercise wants,
// or nil when they all are (or nothing was returned).
func (w *watch) problem() *outputProblem {
	if w == nil {
		return nil
	}
	for i, want := range w.want {
		if i >= len(w.got) {
			break
		}
		p := &outputProblem{Name: want.name, WantDType: strings.ToLower(want.dtype.String()), WantDims: want.dims}
		got := w.got[i]
		if got.isNil {
			p.Nil = true
			return p
		}
		p.DType, p.Dims = strings.ToLower(got.dtype.String()), got.dims
		if p.DType != p.WantDType || !equalDims(p.Dims, p.WantDims) {
			return p
		}
	}
	return nil
}

// equalDims reports whether a and b are the same dimensions (nil and empty
// both mean a scalar's).
func equalDims(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// harnessText is a check harness's panic value or error as a message quotes
// it.
func harnessText(v any) string { return codeSpan(fmt.Sprint(v)) }
