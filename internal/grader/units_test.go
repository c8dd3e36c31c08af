package grader

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/nbgen"
)

func TestImportPolicy(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantFlag Flag // "" for accepted
		contains string
	}{
		{"graph, tutorial and the standard library", `import (
	"fmt"
	"math"
	"math/rand"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/layers/activation"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/nma-go/mlp/pkg/tutorial"
)`, "", ""},
		{"os is contained at run time", `import "os"
func f() { os.Exit(0) }`, "", ""},
		{"reflect cannot escape without unsafe", `import "reflect"`, "", ""},
		{"solutions", `import "github.com/nma-go/mlp/pkg/solutions"`, FlagPlagiarism, "剽窃"},
		{"checks", `import c "github.com/nma-go/mlp/checks"`, FlagPlagiarism, "剽窃"},
		{"the grader", `import _ "github.com/nma-go/mlp/internal/grader/child"`, FlagPlagiarism, "剽窃"},
		{"os/exec", `import "os/exec"`, FlagForbiddenImport, "サブプロセスの起動"},
		{"syscall", `import "syscall"`, FlagForbiddenImport, "システムコール"},
		{"unsafe", `import _ "unsafe"`, FlagForbiddenImport, "メモリの安全性"},
		{"cgo", `import "C"`, FlagForbiddenImport, "cgo"},
		{"net", `import "net"`, FlagForbiddenImport, "ネットワーク"},
		{"net/http", `import "net/http"`, FlagForbiddenImport, "ネットワーク"},
		{"os/signal", `import "os/signal"`, FlagForbiddenImport, "シグナル"},
		{"plugin", `import "plugin"`, FlagForbiddenImport, "プラグイン"},
		{"go/build runs the go command", `import "go/build"`, FlagForbiddenImport, "go コマンド"},
		{"embed", `import _ "embed"`, FlagForbiddenImport, "埋め込み"},
		{"x/sys", `import "golang.org/x/sys/unix"`, FlagForbiddenImport, "演習では使えません"},
		{"another module", `import "github.com/go-zeromq/zmq4"`, FlagForbiddenImport, "演習では使えません"},
		{"os.StartProcess", `import "os"
func f() { os.StartProcess("/bin/sh", nil, nil) }`, FlagForbiddenImport, "os.StartProcess"},
		{"os.StartProcess renamed", `import o "os"
var start = o.StartProcess`, FlagForbiddenImport, "os.StartProcess"},
		{"os.FindProcess", `import "os"
func f() { p, _ := os.FindProcess(1); p.Kill() }`, FlagForbiddenImport, "os.FindProcess"},
		{"dot-imported os", `import . "os"`, FlagForbiddenImport, "ドット import"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := checkImports("x.go", []byte("package exercises\n\n"+tc.src+"\n"))
			if tc.wantFlag == "" {
				assert.Nil(t, r)
				return
			}
			require.NotNil(t, r)
			assert.Equal(t, tc.wantFlag, r.Flag)
			assert.Contains(t, r.Message, tc.contains)
			assert.Positive(t, r.Line)
		})
	}
	assert.Nil(t, checkImports("x.go", []byte("package exercises\nfunc (")), "a file that does not parse is left to the compiler")
}

func TestNotebookAssemblyMapsLinesToCells(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	cells := []nbgen.Cell{
		{Type: "markdown", Source: "# 演習"},
		{Type: "code", Source: "import \"fmt\"\n\n%%\nfmt.Println(1)"},
		{Type: "code", Tags: nbgen.ExerciseTags("1"), Source: "import . \"github.com/gomlx/gomlx/core/graph\"\n\n" +
			"func ApproximateFunction(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {\n" +
			"\tn := tutorial.ApproximationGridSize\n" + // needs an import goimports adds
			"\tundefinedThing()\n" +
			"\treturn nil, nil, nil\n}"},
	}
	data, err := nbgen.MarshalNotebook(cells)
	require.NoError(t, err)
	sources, err := notebookSources(root, "my.ipynb", data, checks.Registry)
	require.NoError(t, err)
	src := sources["relu_approx.go"]
	require.NotNil(t, src)
	text := string(src.Data)
	assert.Contains(t, text, `"github.com/nma-go/mlp/pkg/tutorial"`, "goimports adds the missing import")
	assert.NotContains(t, text, `"fmt"`, "goimports drops the other cells' unused imports")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.Contains(l, "undefinedThing()") {
			assert.Equal(t, "my.ipynb の演習 1 のセル (3 番目のセル) の 5 行目", src.Position(i+1))
		}
	}
	assert.Len(t, sources, 1, "only the exercise cells are extracted")
}

func TestBlankGoNBCommands(t *testing.T) {
	assert.Equal(t, "\nx := 1\n\n", blankGoNBCommands("%%\nx := 1\n!echo hi\n"))
}

func TestAttributeCompileErrors(t *testing.T) {
	mainLines := map[int]string{10: "relu_approx.go", 11: "mlp.go"}
	stderr := strings.Join([]string{
		"# github.com/nma-go/mlp/pkg/exercises",
		"/tmp/b/key/src/relu_approx.go:27:6: declared and not used: unused",
		"\t/tmp/b/key/src/mlp.go:5:6: other declaration of helper",
		"# github.com/nma-go/mlp/internal/grader/childmain",
		"/tmp/b/key/src/childmain.go:11:8: undefined: exercises.MLPForward",
		"pkg/tutorial/x.go:1:1: not ours",
		"../b/key/src/relu_approx.go:30:2: relative to the build directory",
	}, "\n")
	got := attributeCompileErrors(stderr, "/tmp/b/key/src", "/tmp/repo", mainLines)
	assert.Equal(t, []CompileError{{Line: 27, Column: 6, Message: "declared and not used: unused"},
		{Line: 30, Column: 2, Message: "relative to the build directory"}}, got["relu_approx.go"])
	assert.Equal(t, []CompileError{{Line: 5, Column: 6, Message: "other declaration of helper"}, {Message: "undefined: exercises.MLPForward"}}, got["mlp.go"])
	assert.Len(t, got, 2)
}

func TestStubsCompileShapeAndHideTheReference(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	exercises, _ := gradableExercises(root)
	require.NotEmpty(t, exercises)
	for _, ex := range exercises {
		ref, err := os.ReadFile(filepath.Join(root, "pkg", "solutions", ex.File))
		require.NoError(t, err)
		stub, err := makeStub(filepath.Join(root, "pkg", "exercises", ex.File), ref)
		require.NoError(t, err, ex.File)
		s := string(stub)
		assert.Contains(t, s, "package exercises", ex.File)
		assert.Contains(t, s, "func "+ex.Function+"(", ex.File)
		assert.Contains(t, s, "replaced by its stub", ex.File)
		assert.Nil(t, checkImports(ex.File, stub), "a stub passes the import policy")
	}
}

func TestWorkdirChanges(t *testing.T) {
	newWork := func(t *testing.T) *workdir {
		w, err := newWorkdir(t.TempDir(), [2]int{-1, -1})
		require.NoError(t, err)
		t.Cleanup(w.remove)
		return w
	}
	canary := func(w *workdir) string { return filepath.Join(w.dir, canaryName) }
	tests := []struct {
		name     string
		leave    func(t *testing.T, w *workdir)
		contains string // "" for unchanged
	}{
		{"untouched", func(*testing.T, *workdir) {}, ""},
		{"new file", func(t *testing.T, w *workdir) {
			require.NoError(t, os.WriteFile(filepath.Join(w.dir, "x.txt"), nil, 0o644))
		}, "x.txt を作りました"},
		{"canary changed", func(t *testing.T, w *workdir) {
			require.NoError(t, os.WriteFile(canary(w), []byte("changed"), 0o644))
		}, "書き換えました"},
		{"canary deleted", func(t *testing.T, w *workdir) {
			require.NoError(t, os.Remove(canary(w)))
		}, "削除しました"},
		{"canary is a link to an endless file", func(t *testing.T, w *workdir) {
			require.NoError(t, os.Remove(canary(w)))
			require.NoError(t, os.Symlink("/dev/zero", canary(w)))
		}, "書き換えました"},
		{"canary is a link to the original text", func(t *testing.T, w *workdir) {
			orig := filepath.Join(t.TempDir(), "orig")
			require.NoError(t, os.WriteFile(orig, []byte(canaryText), 0o644))
			require.NoError(t, os.Remove(canary(w)))
			require.NoError(t, os.Symlink(orig, canary(w)))
		}, "書き換えました"},
		{"canary is a FIFO", func(t *testing.T, w *workdir) {
			require.NoError(t, os.Remove(canary(w)))
			require.NoError(t, syscall.Mkfifo(canary(w), 0o644))
		}, "書き換えました"},
		{"canary is a folder", func(t *testing.T, w *workdir) {
			require.NoError(t, os.Remove(canary(w)))
			require.NoError(t, os.Mkdir(canary(w), 0o755))
		}, "書き換えました"},
		{"thousands of files", func(t *testing.T, w *workdir) {
			for i := range 2000 {
				require.NoError(t, os.WriteFile(filepath.Join(w.dir, fmt.Sprintf("f%04d", i)), nil, 0o644))
			}
		}, "個以上のファイルを作りました"},
		{"a name with control characters and no end", func(t *testing.T, w *workdir) {
			require.NoError(t, os.WriteFile(filepath.Join(w.dir, "\x1b[31m"+strings.Repeat("長", 80)), nil, 0o644))
		}, "?[31m長"},
		{"an unreadable folder", func(t *testing.T, w *workdir) {
			sub := filepath.Join(w.dir, "locked", "deeper")
			require.NoError(t, os.MkdirAll(sub, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(sub, "f"), nil, 0o644))
			require.NoError(t, os.Chmod(filepath.Join(w.dir, "locked"), 0))
		}, "locked を作りました"},
		{"the working directory itself locked", func(t *testing.T, w *workdir) {
			require.NoError(t, os.Chmod(w.dir, 0))
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWork(t)
			tc.leave(t, w)
			got := w.changes()
			if tc.name == "the working directory itself locked" {
				if os.Geteuid() != 0 {
					assert.Contains(t, got, "読めなく")
				}
			} else if tc.contains == "" {
				assert.Empty(t, got)
			} else {
				assert.Contains(t, got, tc.contains)
			}
			assert.LessOrEqual(t, len(got), (maxShownEntries+2)*(maxShownName+60), "the report is bounded")
			w.remove()
			_, err := os.Lstat(w.top)
			assert.True(t, os.IsNotExist(err), "everything the child left is removed")
		})
	}
}

func TestHeadBufferKeepsTheBeginning(t *testing.T) {
	h := &headBuffer{limit: 5}
	n, err := h.Write([]byte("abc"))
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	_, _ = h.Write([]byte("defgh"))
	assert.Equal(t, "abcde\n... (3 バイト省略)", h.String())
}

func TestDecodeEnvelope(t *testing.T) {
	assert.Nil(t, decodeEnvelope(nil))
	assert.Nil(t, decodeEnvelope([]byte("PASS\n")))
	env := decodeEnvelope([]byte(`{"exercise":"1","outputs":{"cases":[]}}` + "\ntrailing"))
	require.NotNil(t, env)
	assert.Equal(t, "1", env.Exercise)
}

func TestFeedbackFileName(t *testing.T) {
	assert.Equal(t, "a_b.md", FeedbackFileName("a/b"))
}
