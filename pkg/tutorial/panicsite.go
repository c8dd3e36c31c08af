package tutorial

import (
	"errors"
	"fmt"
	"path"
	"runtime"
	"strings"

	"github.com/nma-go/mlp/internal/i18n"
)

// studentPackages are the packages whose frames name the place of a panic:
// the students' exercises, and the reference solutions run the same way.
var studentPackages = []string{
	"github.com/nma-go/mlp/pkg/exercises.",
	"github.com/nma-go/mlp/pkg/solutions.",
}

// PanicSite is where in a student's file a panic happened.
type PanicSite struct {
	File string // base name, e.g. "relu_approx.go"
	Line int
}

// String is the site in the student's terms, in the default language of the
// catalog (internal/i18n): "relu_approx.go の 27 行目", or in an English
// notebook "line 27 of relu_approx.go". A grading child always writes the
// Japanese form, which the grader rewrites into the student's language.
func (s PanicSite) String() string {
	return i18n.Default().Sprintf("tutorial.panic_site", s.File, s.Line)
}

// panicSite finds the innermost frame of the current goroutine's stack that
// belongs to a student's package. Called from a deferred function while a
// panic unwinds, the stack still holds the frames that panicked.
func panicSite() (PanicSite, bool) {
	pcs := make([]uintptr, 128)
	n := runtime.Callers(2, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		for _, p := range studentPackages {
			if strings.HasPrefix(f.Function, p) {
				return PanicSite{File: path.Base(f.File), Line: f.Line}, true
			}
		}
		if !more {
			return PanicSite{}, false
		}
	}
}

// sitedError is a panic's error with the place in the student's file where
// it happened.
type sitedError struct {
	err  error
	site PanicSite
}

func (e *sitedError) Error() string { return fmt.Sprintf("%v (%s)", e.err, e.site) }
func (e *sitedError) Unwrap() error { return e.err }

// withPanicSite adds the student's line to err when the stack being unwound
// has one, unless err already carries a site.
func withPanicSite(err error) error {
	var sited *sitedError
	if errors.As(err, &sited) {
		return err
	}
	if site, ok := panicSite(); ok {
		return &sitedError{err: err, site: site}
	}
	return err
}
