package checks

import (
	"fmt"
	"strings"
)

// Status is the outcome of a check.
type Status string

// The possible outcomes of a check.
const (
	Pass           Status = "pass"
	Fail           Status = "fail"
	NotImplemented Status = "not_implemented"
)

// Result is what a check reports about one exercise.
type Result struct {
	ExerciseID ExerciseID `json:"exercise"` // e.g. "1"
	Status     Status     `json:"status"`
	Message    string     `json:"message"`         // for the student, in Lang
	Hint       string     `json:"hint,omitempty"`  // the hint for this failure, in Lang
	Notes      []string   `json:"notes,omitempty"` // ungraded remarks, e.g. numerical stability
	// Lang is the language of Message, Hint and Notes; empty means
	// Japanese, as in results written before there was a choice.
	Lang Lang `json:"lang,omitempty"`
}

// Passed reports whether the exercise passed.
func (r Result) Passed() bool { return r.Status == Pass }

// String formats the result for a student, in the result's language: one
// line when it passes, the message and the hint when it fails.
func (r Result) String() string {
	l := r.Lang.Or(Japanese)
	ex := Lookup(r.ExerciseID)
	label, title := ex.LabelIn(l), ex.TitleIn(l)
	var b strings.Builder
	switch r.Status {
	case Pass:
		l.Fprintf(&b, "check.result.pass", label, title, r.Message)
	case NotImplemented:
		l.Fprintf(&b, "check.result.not_implemented", label, title, r.Message)
	default:
		l.Fprintf(&b, "check.result.fail", label, title, r.Message)
		if r.Hint != "" {
			b.WriteString("\n" + l.Sprintf("check.result.hint", r.Hint))
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "\n📝 %s", n)
	}
	return b.String()
}

// Print writes the result to standard output, for notebook cells.
func (r Result) Print() { fmt.Println(r.String()) }

// failure builds a failed result. Like every result a judge builds, it has
// no ExerciseID: [Exercise.Judge] sets it.
func failure(message, hint string) Result {
	return Result{Status: Fail, Message: message, Hint: hint}
}

// protect runs a check body and turns a panic inside the check harness itself
// (for example a student's function that panics outside GoMLX) into a failure.
func protect(l Lang, body func() Result) (result Result) {
	defer func() {
		if r := recover(); r != nil {
			result = failure(l.Sprintf("check.run.panicked", harnessText(r)), l.Sprintf("check.run.panicked_hint"))
		}
	}()
	return body()
}
