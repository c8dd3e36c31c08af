package checks

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nma-go/mlp/pkg/tutorial"
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
	Message    string     `json:"message"`         // Japanese, for the student
	Hint       string     `json:"hint,omitempty"`  // Japanese, the hint for this failure
	Notes      []string   `json:"notes,omitempty"` // ungraded remarks, e.g. numerical stability
}

// Passed reports whether the exercise passed.
func (r Result) Passed() bool { return r.Status == Pass }

// String formats the result for a student: one line when it passes, the
// message and the hint when it fails.
func (r Result) String() string {
	ex := Lookup(r.ExerciseID)
	head := fmt.Sprintf("%s (%s)", ex.Label(), ex.Title)
	var b strings.Builder
	switch r.Status {
	case Pass:
		fmt.Fprintf(&b, "✅ %s: 合格。%s", head, r.Message)
	case NotImplemented:
		fmt.Fprintf(&b, "⏳ %s: まだ実装されていません。%s", head, r.Message)
	default:
		fmt.Fprintf(&b, "❌ %s: 不合格。%s", head, r.Message)
		if r.Hint != "" {
			fmt.Fprintf(&b, "\nヒント: %s", r.Hint)
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

// fromRunError classifies an error from running a student's implementation:
// an unfinished exercise is "not started", anything else (a panic, a wrong
// shape) is a failure that quotes the error.
func fromRunError(input string, err error, hint string) Result {
	var ni *tutorial.NotImplementedError
	if errors.As(err, &ni) {
		return Result{Status: NotImplemented, Message: fmt.Sprintf("TODO の部分を埋めてください (%s)。", ni.Error())}
	}
	if errors.Is(err, tutorial.ErrNotImplemented) {
		return Result{Status: NotImplemented, Message: err.Error()}
	}
	return failure(fmt.Sprintf("入力 %s で実行に失敗しました: %v", input, err), hint)
}

// protect runs a check body and turns a panic inside the check harness itself
// (for example a student's function that panics outside GoMLX) into a failure.
func protect(body func() Result) (result Result) {
	defer func() {
		if r := recover(); r != nil {
			result = failure(fmt.Sprintf("実装がパニックしました: %v", r),
				"パニックのメッセージにある行を確認してください。")
		}
	}()
	return body()
}
