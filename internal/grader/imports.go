package grader

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"

	"github.com/nma-go/mlp/internal/i18n"
)

// The import policy. An exercise is a pure graph function: it needs fmt,
// math, sort and GoMLX, not the network, other programs or the runtime's
// internals. The sandbox (confine.go) is what contains a child; this policy
// is the first line in front of it, and what tells the student, before
// anything runs, that a package has no place in an exercise. The grader
// rejects, before building, a file that imports anything outside the exact
// list below; its exercises score zero and the
// file is replaced by its stub, so the rest of the submission is graded.
//
// Two kinds of rejection are told apart: importing the reference solutions or
// the checks is recorded as plagiarism ([FlagPlagiarism]); anything else is a
// forbidden import ([FlagForbiddenImport]).
//
// Why an allowlist: a denylist of os/exec, syscall, unsafe and net is not
// enough. go/build and go/importer start the go command from a GOROOT the
// caller may set; golang.org/x/sys/unix wraps every system call; unsafe
// enables //go:linkname; embed reads files at build time; cgo runs C.
//
// reflect is allowed: without unsafe it grants no new capability (it cannot
// reach package-level functions by name or write unexported fields), and the
// child never scores itself, so reading the checks' values gains nothing.
//
// os is allowed, so that os.Exit, writing files and the like are contained at
// run time (the sandbox, its private working directory, limits) rather than
// hidden by a static rule; its process functions, os.StartProcess and
// os.FindProcess, are rejected by a syntax check of the selectors, as no
// exercise has a use for them.

// allowedImports is the exact list of packages an exercise may import: the
// standard-library packages an exercise can use that the all-stubs grading
// binary already links, our core, and the GoMLX packages of graph building
// and models. There are no prefixes: a package below an allowed one (for
// example a test helper such as core/graph/graphtest, which links XLA's
// native loader) is not allowed. TestAllowedImports checks that each package
// here builds and adds no dependency beyond the all-stubs binary's.
var allowedImports = map[string]bool{
	// The standard library.
	"bufio": true, "bytes": true, "cmp": true, "encoding/binary": true, "encoding/json": true,
	"errors": true, "fmt": true, "io": true, "iter": true, "log": true, "maps": true, "math": true,
	"math/big": true, "math/bits": true, "math/cmplx": true, "math/rand": true, "math/rand/v2": true,
	"os": true, "path": true, "path/filepath": true, "reflect": true, "slices": true, "sort": true,
	"strconv": true, "strings": true, "sync": true, "sync/atomic": true, "time": true,
	"unicode": true, "unicode/utf16": true, "unicode/utf8": true,
	// The tutorial's core.
	"github.com/nma-go/mlp/pkg/tutorial": true,
	// GoMLX: graphs, tensors, models and layers.
	"github.com/gomlx/gomlx/core/graph":           true,
	"github.com/gomlx/gomlx/core/tensors":         true,
	"github.com/gomlx/gomlx/ml/model":             true,
	"github.com/gomlx/gomlx/ml/model/initializer": true,
	"github.com/gomlx/gomlx/ml/layers":            true,
	"github.com/gomlx/gomlx/ml/layers/activation": true,
	"github.com/gomlx/gomlx/ml/nn":                true,
	"github.com/gomlx/compute/dtypes":             true,
	"github.com/gomlx/compute/shapes":             true,
}

// plagiarismPrefixes are the packages holding the answers or the grading.
var plagiarismPrefixes = []string{
	"github.com/nma-go/mlp/pkg/solutions",
	"github.com/nma-go/mlp/checks",
	"github.com/nma-go/mlp/internal/",
}

// forbiddenReasons explains why well-known packages are rejected, as
// message IDs of the catalog; other packages outside the allowlist get a
// generic reason.
var forbiddenReasons = map[string]string{
	"os/exec":       "grader.import.reason.exec",
	"syscall":       "grader.import.reason.syscall",
	"unsafe":        "grader.import.reason.unsafe",
	"C":             "grader.import.reason.cgo",
	"net":           "grader.import.reason.net",
	"os/signal":     "grader.import.reason.signal",
	"plugin":        "grader.import.reason.plugin",
	"runtime/cgo":   "grader.import.reason.runtime_cgo",
	"runtime":       "grader.import.reason.runtime",
	"embed":         "grader.import.reason.embed",
	"go/build":      "grader.import.reason.go_command",
	"go/importer":   "grader.import.reason.go_command",
	"runtime/debug": "grader.import.reason.runtime",
}

// forbiddenOSFunctions are the os functions rejected by the syntax check,
// with the message ID of the reason.
var forbiddenOSFunctions = map[string]string{
	"StartProcess": "grader.import.reason.exec",
	"FindProcess":  "grader.import.reason.find_process",
}

// Rejection is why a file was rejected before building.
type Rejection struct {
	Flag    Flag   // FlagPlagiarism or FlagForbiddenImport
	Line    int    // line in the file
	Subject string // the import path or the selector
	Message string // in Japanese, for the student, without the position; MessageIn for another language
	// message is Message's ID in the catalog, and args its arguments; a
	// reason among them is a message ID of its own (a reasonID).
	message string
	args    []any
}

// reasonID is an argument of a Rejection's message that is itself a
// message.
type reasonID string

// newRejection builds a rejection with the message id.
func newRejection(flag Flag, line int, subject, id string, args ...any) *Rejection {
	r := &Rejection{Flag: flag, Line: line, Subject: subject, message: id, args: args}
	r.Message = r.MessageIn(i18n.Japanese)
	return r
}

// MessageIn is the message in language l.
func (r *Rejection) MessageIn(l i18n.Lang) string {
	args := make([]any, len(r.args))
	for i, a := range r.args {
		if id, ok := a.(reasonID); ok {
			a = l.Sprintf(string(id))
		}
		args[i] = a
	}
	return l.Sprintf(r.message, args...)
}

// Describe formats the rejection for the student in Japanese: see
// [Rejection.DescribeIn].
func (r *Rejection) Describe(src *Source) string { return r.DescribeIn(i18n.Japanese, src) }

// DescribeIn formats the rejection for the student in language l, with the
// position where src (the file's source, nil for a bare file name) puts
// Line.
func (r *Rejection) DescribeIn(l i18n.Lang, src *Source) string {
	if src == nil {
		return l.Sprintf("grader.import.at_line", r.Line, r.MessageIn(l))
	}
	return fmt.Sprintf("%s: %s", src.PositionIn(l, r.Line), r.MessageIn(l))
}

// checkImports applies the import policy to one Go source file. It returns
// nil for an acceptable file, and also for a file that does not parse: the
// compiler reports that better.
func checkImports(filename string, src []byte) *Rejection {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	osNames := map[string]bool{}
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		line := fset.Position(spec.Pos()).Line
		if r := judgeImport(path, line); r != nil {
			return r
		}
		if path == "os" {
			name := "os"
			if spec.Name != nil {
				name = spec.Name.Name
			}
			if name == "." {
				return newRejection(FlagForbiddenImport, line, `. "os"`, "grader.import.dot_os")
			}
			osNames[name] = true
		}
	}
	var found *Rejection
	ast.Inspect(f, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok || !osNames[pkg.Name] {
			return true
		}
		if why, bad := forbiddenOSFunctions[sel.Sel.Name]; bad {
			line := fset.Position(sel.Pos()).Line
			found = newRejection(FlagForbiddenImport, line, "os."+sel.Sel.Name, "grader.import.os_function", sel.Sel.Name, reasonID(why))
		}
		return true
	})
	return found
}

// judgeImport applies the policy to one import path.
func judgeImport(path string, line int) *Rejection {
	for _, p := range plagiarismPrefixes {
		if path == p || strings.HasPrefix(path, strings.TrimSuffix(p, "/")+"/") {
			return newRejection(FlagPlagiarism, line, path, "grader.import.plagiarism", path)
		}
	}
	if allowedImport(path) {
		return nil
	}
	why := forbiddenReasons[path]
	if why == "" && (path == "net" || strings.HasPrefix(path, "net/")) {
		why = forbiddenReasons["net"]
	}
	if why != "" {
		return newRejection(FlagForbiddenImport, line, path, "grader.import.forbidden", path, reasonID(why))
	}
	return newRejection(FlagForbiddenImport, line, path, "grader.import.not_allowed", path)
}

// allowedImport reports whether the policy allows path.
func allowedImport(path string) bool { return allowedImports[path] }
