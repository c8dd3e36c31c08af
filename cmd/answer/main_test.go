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
	"github.com/nma-go/mlp/internal/i18n"
)

const (
	stub   = "package exercises\n\nfunc Double(x int) int { panic(\"TODO\") }\n"
	answer = "package exercises\n\nfunc Double(x int) int { return 2 * x }\n"
)

func TestRunReportsWhatItDid(t *testing.T) {
	t.Setenv(i18n.EnvVar, "")
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

// The %%script child inherits NMA_MLP_LANG from the kernel: the English
// notebooks set it to en, and run then speaks English; anything else is
// Japanese.
func TestRunSpeaksTheNotebooksLanguage(t *testing.T) {
	tests := []struct {
		env                              string
		unchanged, wrote, edited, syntax []string
	}{
		{
			env:       "ja",
			unchanged: []string{"pkg/exercises/double.go はこのセルと同じ内容です。\n"},
			wrote:     []string{"💾 このセルの答えを pkg/exercises/double.go に保存しました。\n"},
			edited:    []string{"上書きしませんでした", "pkg/exercises/double.go を削除してから"},
			syntax:    []string{"❌ セルに文法の誤りがあるので、pkg/exercises/double.go には保存しませんでした (前の内容のままです)。\n", "   セルの 4 行目: "},
		},
		{
			env:       "en",
			unchanged: []string{"pkg/exercises/double.go is the same as this cell.\n"},
			wrote:     []string{"💾 Saved this cell's answer to pkg/exercises/double.go.\n"},
			edited:    []string{"so it was not overwritten", "delete pkg/exercises/double.go, then run this cell again"},
			syntax:    []string{"❌ The cell has a syntax error, so it was not saved to pkg/exercises/double.go (the file is as it was).\n", "   line 4 of the cell: "},
		},
		{
			env:       "fr",
			unchanged: []string{"pkg/exercises/double.go はこのセルと同じ内容です。\n"},
			wrote:     []string{"に保存しました。\n"},
			edited:    []string{"上書きしませんでした"},
			syntax:    []string{"文法の誤り", "セルの 4 行目"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.env, func(t *testing.T) {
			t.Setenv(i18n.EnvVar, tc.env)
			lang := i18n.FromEnvVar(tc.env)
			target := filepath.Join(t.TempDir(), "double.go")
			require.NoError(t, os.WriteFile(target, []byte(stub), 0o644))
			runCell := func(cell string) (int, string) {
				var out, errOut bytes.Buffer
				code := run(target, answers.Hash([]byte(stub)), strings.NewReader(cell), &out, &errOut)
				assert.Empty(t, errOut.String())
				assert.Empty(t, lang.Foreign(out.String()), "%q is in one language", out.String())
				return code, out.String()
			}
			check := func(got string, want []string) {
				t.Helper()
				for _, w := range want {
					assert.Contains(t, got, w)
				}
			}
			code, out := runCell(stub)
			assert.Equal(t, 0, code)
			check(out, tc.unchanged)
			code, out = runCell(answer)
			assert.Equal(t, 0, code)
			check(out, tc.wrote)
			require.NoError(t, os.WriteFile(target, []byte(answer+"// edited in an editor\n"), 0o644))
			code, out = runCell(answer)
			assert.Equal(t, 0, code)
			check(out, tc.edited)
			code, out = runCell("package exercises\n\nfunc Double(x int) int { return 2 * }\n")
			assert.Equal(t, 1, code)
			check(out, tc.syntax)
		})
	}
}

func TestMessageNamesEveryOutcome(t *testing.T) {
	for _, l := range i18n.Langs {
		for _, o := range []answers.Outcome{answers.Wrote, answers.Unchanged, answers.KeptEdited, answers.KeptAnswer} {
			msg := Message(l, o, "pkg/exercises/mlp.go")
			assert.Contains(t, msg, "pkg/exercises/mlp.go")
			assert.NotContains(t, msg, "unknown outcome")
			assert.NotContains(t, msg, "tool.answer.", "%s: the catalog has the message", l)
			assert.Empty(t, l.Foreign(msg), "%s: %q is in one language", l, msg)
		}
	}
	assert.Equal(t, "pkg/exercises/mlp.go はこのセルと同じ内容です。", Message(i18n.Japanese, answers.Unchanged, "pkg/exercises/mlp.go"),
		"the browser test looks for このセルと同じ内容です")
	assert.Contains(t, Message(i18n.English, answers.KeptAnswer, "pkg/exercises/mlp.go"), "already holds an answer")
}
