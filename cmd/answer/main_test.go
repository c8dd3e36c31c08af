package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/answers"
)

func TestRunReportsWhatItDid(t *testing.T) {
	const stub = "package exercises\n\nfunc Double(x int) int { panic(\"TODO\") }\n"
	const answer = "package exercises\n\nfunc Double(x int) int { return 2 * x }\n"
	target := filepath.Join(t.TempDir(), "double.go")
	require.NoError(t, os.WriteFile(target, []byte(stub), 0o644))
	hash := answers.Hash([]byte(stub))

	runCell := func(cell string) (int, string) {
		var out, errOut bytes.Buffer
		code := run(target, hash, strings.NewReader(cell), &out, &errOut)
		assert.Empty(t, errOut.String())
		return code, out.String()
	}
	code, out := runCell(stub)
	assert.Equal(t, 0, code)
	assert.Equal(t, "pkg/exercises/double.go はこのセルと同じ内容です。\n", out)

	code, out = runCell(answer)
	assert.Equal(t, 0, code)
	assert.Equal(t, "💾 このセルの答えを pkg/exercises/double.go に保存しました。\n", out)

	require.NoError(t, os.WriteFile(target, []byte(answer+"// edited in an editor\n"), 0o644))
	code, out = runCell(answer)
	assert.Equal(t, 0, code, "keeping the editor's answer is not an error: Run All goes on with it")
	assert.Contains(t, out, "上書きしませんでした")
	assert.Contains(t, out, "pkg/exercises/double.go を削除してから")

	code, out = runCell("package exercises\n\nfunc Double(x int) int { return 2 * }\n")
	assert.Equal(t, 1, code, "a cell that does not parse fails, so the notebook shows it")
	assert.Contains(t, out, "文法の誤り")
	assert.Contains(t, out, "セルの 4 行目")
}

func TestMessageNamesEveryOutcome(t *testing.T) {
	for _, o := range []answers.Outcome{answers.Wrote, answers.Unchanged, answers.KeptEdited, answers.KeptAnswer} {
		msg := Message(o, "pkg/exercises/mlp.go")
		assert.Contains(t, msg, "pkg/exercises/mlp.go")
		assert.NotContains(t, msg, "unknown outcome")
	}
}
