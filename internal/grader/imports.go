package grader

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
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

// forbiddenReasons explains, in Japanese, why well-known packages are
// rejected; other packages outside the allowlist get a generic reason.
var forbiddenReasons = map[string]string{
	"os/exec":       "サブプロセスの起動",
	"syscall":       "システムコールの直接呼び出し",
	"unsafe":        "メモリの安全性を破る操作",
	"C":             "cgo (C のコード)",
	"net":           "ネットワーク通信",
	"os/signal":     "シグナルの操作",
	"plugin":        "プラグインの読み込み",
	"runtime/cgo":   "cgo",
	"runtime":       "ランタイムの操作",
	"embed":         "ビルド時のファイル埋め込み",
	"go/build":      "go コマンドの起動",
	"go/importer":   "go コマンドの起動",
	"runtime/debug": "ランタイムの操作",
}

// forbiddenOSFunctions are the os functions rejected by the syntax check.
var forbiddenOSFunctions = map[string]string{
	"StartProcess": "サブプロセスの起動",
	"FindProcess":  "他のプロセスへのシグナル送信",
}

// Rejection is why a file was rejected before building.
type Rejection struct {
	Flag    Flag   // FlagPlagiarism or FlagForbiddenImport
	Line    int    // line in the file
	Subject string // the import path or the selector
	Message string // Japanese, for the student, without the position
}

// Describe formats the rejection for the student, with the position where
// src (the file's source, nil for a bare file name) puts Line.
func (r *Rejection) Describe(src *Source) string {
	if src == nil {
		return fmt.Sprintf("%d 行目: %s", r.Line, r.Message)
	}
	return fmt.Sprintf("%s: %s", src.Position(r.Line), r.Message)
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
				return &Rejection{Flag: FlagForbiddenImport, Line: line, Subject: `. "os"`,
					Message: "os をドット import しています。採点では os は os.Xxx の形でだけ使えます。"}
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
			found = &Rejection{Flag: FlagForbiddenImport, Line: line, Subject: "os." + sel.Sel.Name,
				Message: fmt.Sprintf("os.%s は使えません (%s は採点では禁止です)。", sel.Sel.Name, why)}
		}
		return true
	})
	return found
}

// judgeImport applies the policy to one import path.
func judgeImport(path string, line int) *Rejection {
	for _, p := range plagiarismPrefixes {
		if path == p || strings.HasPrefix(path, strings.TrimSuffix(p, "/")+"/") {
			return &Rejection{Flag: FlagPlagiarism, Line: line, Subject: path,
				Message: fmt.Sprintf("模範解答または採点のパッケージ %q を import しています。剽窃の疑いとして記録しました。演習は自分で解いてください。", path)}
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
		return &Rejection{Flag: FlagForbiddenImport, Line: line, Subject: path,
			Message: fmt.Sprintf("パッケージ %q は使えません (%s は採点では禁止です)。", path, why)}
	}
	return &Rejection{Flag: FlagForbiddenImport, Line: line, Subject: path,
		Message: fmt.Sprintf("パッケージ %q は演習では使えません。使えるのは fmt, math, sort などの標準パッケージ、GoMLX のグラフとモデルのパッケージ、pkg/tutorial です。", path)}
}

// allowedImport reports whether the policy allows path.
func allowedImport(path string) bool { return allowedImports[path] }
