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
// The blank is Name when a stub named it with [Blank], and otherwise the
// plain text Blank; [NotImplementedError.BlankIn] gives it in a language.
type NotImplementedError struct {
	Exercise string    // e.g. "Exercise 1"
	Blank    string    // what the placeholder stands for, as plain text
	Name     BlankName // what the placeholder stands for, as a catalog message
}

// Error implements error. Like every error of this package it is in English
// (for developers and logs): the text students read comes from
// [NotImplementedError.BlankIn] and [NotImplementedError.ExerciseIn].
func (e *NotImplementedError) Error() string {
	return fmt.Sprintf("not implemented: %s: %s is still a TODO placeholder", e.Exercise, e.BlankIn(i18n.English))
}

// Is makes errors.Is(err, ErrNotImplemented) true.
func (e *NotImplementedError) Is(target error) bool { return target == ErrNotImplemented }

// BlankIn is the blank's name in language l: Name's message, or the plain
// text Blank. A plain text that an earlier stub wrote (such as "b (the ReLU
// biases)", which students' saved answers still hold) is read as the catalog
// message it matches, so it too comes out in l; any other text is returned
// as it is.
func (e *NotImplementedError) BlankIn(l i18n.Lang) string {
	if !e.Name.IsZero() {
		return e.Name.In(l)
	}
	if name, ok := legacyBlank(e.Blank); ok {
		return name.In(l)
	}
	return e.Blank
}

// ExerciseIn is the exercise's label in language l: "演習 2.1" or "Exercise
// 2.1" for an Exercise of the form "Exercise 2.1", and Exercise as it is
// otherwise.
func (e *NotImplementedError) ExerciseIn(l i18n.Lang) string { return exerciseLabel(l, e.Exercise) }

// notImplemented is the error of a TODO placeholder named blank.
func notImplemented[B TODOBlank](exercise string, blank B) *NotImplementedError {
	if name, ok := any(blank).(BlankName); ok {
		return &NotImplementedError{Exercise: exercise, Name: name}
	}
	return &NotImplementedError{Exercise: exercise, Blank: fmt.Sprint(blank)}
}

// TODO marks a blank in an exercise that the student must fill in, the Go
// counterpart of the original's `...`. It compiles anywhere a graph node is
// expected and panics with a *NotImplementedError when reached; the core turns
// that panic into an error. The blank is named by a catalog message, as the
// stubs name it:
//
//	b := tutorial.TODO(exercise, tutorial.Blank("blank.relu.biases"), xTrain)
//
// or by plain text, as in the stubs of earlier versions (see [TODOBlank]).
// The optional inputs name the nodes the blank is computed from; they
// document the blank and keep the stub compiling.
func TODO[B TODOBlank](exercise string, blank B, inputs ...*Node) *Node {
	panic(notImplemented(exercise, blank))
}

// TODOValue is [TODO] for blanks that are not graph nodes (ints, slices,
// layers): TODOValue[int](exercise, Blank("blank.split.test_size")).
func TODOValue[T any, B TODOBlank](exercise string, blank B) T {
	panic(notImplemented(exercise, blank))
}

// PanicSiteOf returns where in a student's file the panic that err reports
// happened, as the core recorded it while the panic unwound (see
// [PanicSite]), and false when err records none: it did not come from a
// panic, or the panic was outside the students' packages.
func PanicSiteOf(err error) (PanicSite, bool) {
	var sited *sitedError
	if errors.As(err, &sited) {
		return sited.site, true
	}
	return PanicSite{}, false
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
// which exercise to finish first and which blank is still a TODO, for the
// student: in the default language of the catalog (i18n.Default: the one
// checks.SetLanguage set, or else NMA_MLP_LANG's, Japanese unless an English
// notebook chose English), with no word of the other language. It then
// returns true, so the cell can return and the notebook goes on. Any other
// error is a real failure: it panics, so that the cell shows it.
func FinishFirst(err error) bool {
	if err == nil {
		return false
	}
	l := i18n.Default()
	var ni *NotImplementedError
	if errors.As(err, &ni) {
		fmt.Println(l.Sprintf("tutorial.finish_first", ni.ExerciseIn(l), ni.BlankIn(l)))
		return true
	}
	if errors.Is(err, ErrNotImplemented) {
		fmt.Println(l.Sprintf("tutorial.finish_first_any"))
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
