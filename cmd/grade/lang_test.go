package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/grader"
	"github.com/nma-go/mlp/internal/i18n"
)

func TestGradeLanguage(t *testing.T) {
	env := func(lang string) func(string) string {
		return func(k string) string { return map[string]string{"LANG": lang}[k] }
	}
	tests := []struct {
		name string
		args []string
		lang string
		want i18n.Lang
	}{
		{"default", nil, "", i18n.Japanese},
		{"LANG en_US", nil, "en_US.UTF-8", i18n.English},
		{"LANG C", nil, "C.UTF-8", i18n.Japanese},
		{"-lang wins", []string{"-lang", "ja"}, "en_US.UTF-8", i18n.Japanese},
		{"-lang en", []string{"-lang", "en"}, "", i18n.English},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := parseGradeArgs(append(tc.args, "-out", "g.csv", "sub"), &bytes.Buffer{}, env(tc.lang))
			require.NoError(t, err)
			assert.Equal(t, tc.want, cfg.lang)
			assert.Equal(t, tc.want, cfg.options(nil).Lang)
		})
	}
	var printed bytes.Buffer
	_, err := parseGradeArgs([]string{"-lang", "fr", "-out", "g.csv", "sub"}, &printed, noEnv)
	assert.ErrorIs(t, err, errUsage)
	assert.Contains(t, printed.String(), `invalid value "fr" for flag -lang: i18n: unknown language "fr" (want ja or en)`)
}

// TestGradeWritesEnglishFeedback grades with -lang en and a roster whose
// lang column asks for Japanese for one student: that student's feedback is
// Japanese, the other's English, and the summary English.
func TestGradeWritesEnglishFeedback(t *testing.T) {
	if testing.Short() {
		t.Skip("builds grading binaries")
	}
	dir := t.TempDir()
	roster := filepath.Join(dir, "roster.csv")
	require.NoError(t, os.WriteFile(roster, []byte("id,name,email,submission,lang\n"+
		"s1,Ann Lee,ann@example.org,partly_correct,\n"+
		"s2,山田 太郎,taro@example.jp,compile_error,ja\n"), 0o644))
	out := filepath.Join(dir, "g.csv")
	var logged []string
	logf := func(format string, args ...any) {
		logged = append(logged, strings.TrimSpace(fmt.Sprintf(format, args...)))
	}
	args := []string{"-lang", "en", "-roster", roster, "-out", out, "-workers", "2", "-timeout", "20s",
		"../../testdata/submissions/partly_correct", "../../testdata/submissions/compile_error"}
	cfg, err := parseGradeArgs(args, &bytes.Buffer{}, noEnv)
	require.NoError(t, err)
	require.NoError(t, run(context.Background(), cfg, cfg.options(logf), grader.NewLineProgress(logf), logf))

	english, err := os.ReadFile(filepath.Join(dir, "feedback", "s1.md"))
	require.NoError(t, err)
	assert.Contains(t, string(english), "# Grading results: Ann Lee (s1)")
	assert.Contains(t, string(english), "This matches the sum of the losses")
	assert.NotRegexp(t, regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}]`), string(english))
	japanese, err := os.ReadFile(filepath.Join(dir, "feedback", "s2.md"))
	require.NoError(t, err)
	assert.Contains(t, string(japanese), "# 採点結果: 山田 太郎 (s2)")
	assert.Contains(t, string(japanese), "コンパイルエラー")
	assert.Contains(t, strings.Join(logged, "\n"), "summary: 2 students, 2 graded")
}
