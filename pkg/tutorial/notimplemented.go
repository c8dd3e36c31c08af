package tutorial

import (
	"errors"
	"fmt"
	"strings"

	. "github.com/gomlx/gomlx/core/graph"

	"github.com/nma-go/mlp/internal/i18n"
)

// ErrNotImplemented is matched (with errors.Is) by every error that comes from
// an exercise that still has a TODO placeholder.
var ErrNotImplemented = errors.New("not implemented")

// NotImplementedError says which exercise, and which blank in it, is missing.
type NotImplementedError struct {
	Exercise string // e.g. "Exercise 1"
	Blank    string // what the placeholder stands for
}

// Error implements error.
func (e *NotImplementedError) Error() string {
	return fmt.Sprintf("not implemented: %s: %s is still a TODO placeholder", e.Exercise, e.Blank)
}

// Is makes errors.Is(err, ErrNotImplemented) true.
func (e *NotImplementedError) Is(target error) bool { return target == ErrNotImplemented }

// TODO marks a blank in an exercise that the student must fill in, the Go
// counterpart of the original's `...`. It compiles anywhere a graph node is
// expected and panics with a *NotImplementedError when reached; the core turns
// that panic into an error. The optional inputs name the nodes the blank is
// computed from; they document the blank and keep the stub compiling.
func TODO(exercise, blank string, inputs ...*Node) *Node {
	panic(&NotImplementedError{Exercise: exercise, Blank: blank})
}

// TODOValue is [TODO] for blanks that are not graph nodes (ints, slices,
// layers).
func TODOValue[T any](exercise, blank string) T {
	panic(&NotImplementedError{Exercise: exercise, Blank: blank})
}

// callSafely runs fn and converts a panic into an error. A panic that carries
// an error keeps it in the chain, so errors.Is(err, ErrNotImplemented) works
// for unfinished exercises.
func callSafely(what string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = fmt.Errorf("%s: panic: %w", what, withPanicSite(e))
			} else {
				err = fmt.Errorf("%s: panic: %w", what, withPanicSite(fmt.Errorf("%v", r)))
			}
		}
	}()
	return fn()
}

// rethrowAsError is deferred inside graph-building functions that call student
// code: it re-panics any panic value as an error, with the line of the
// student's file where it happened (see panicSite). GoMLX's Exec handles error
// panics from graph functions cleanly, but a non-error panic value (e.g.
// panic("boom")) can leave it blocked.
func rethrowAsError() {
	if r := recover(); r != nil {
		if e, ok := r.(error); ok {
			panic(withPanicSite(e))
		}
		panic(withPanicSite(fmt.Errorf("%v", r)))
	}
}

// FinishFirst is for notebook cells that need a finished exercise. It returns
// false when err is nil. When err says an exercise is unfinished, it prints
// (for the student, in the language of checks.SetLanguage: Japanese unless
// an English notebook chose English) which exercise to finish first and
// returns true, so the cell can return and the notebook goes on. Any other
// error is a real failure: it panics, so that the cell shows it.
func FinishFirst(err error) bool {
	if err == nil {
		return false
	}
	l := i18n.Default()
	var ni *NotImplementedError
	if errors.As(err, &ni) {
		fmt.Println(l.Sprintf("tutorial.finish_first", exerciseLabel(l, ni.Exercise), ni.Blank))
		return true
	}
	if errors.Is(err, ErrNotImplemented) {
		fmt.Println(l.Sprintf("tutorial.finish_first_any", err))
		return true
	}
	panic(err)
}

// exerciseLabel turns "Exercise 2.1" into the label of language l: "演習 2.1"
// or "Exercise 2.1".
func exerciseLabel(l i18n.Lang, name string) string {
	if rest, ok := strings.CutPrefix(name, "Exercise "); ok {
		return l.Sprintf("check.exercise.label", rest)
	}
	return name
}
