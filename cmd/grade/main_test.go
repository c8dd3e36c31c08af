package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/grader"
)

// TestGradeWritesTheGradebookAndSkipsUnchanged grades two submissions twice
// through the command's run function: the second run reuses both results,
// and -force grades them again.
func TestGradeWritesTheGradebookAndSkipsUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("builds grading binaries")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "grades", "gradebook.csv")
	jsonOut := filepath.Join(dir, "grades", "gradebook.json")
	feedback := filepath.Join(dir, "grades", "feedback")
	subs := []string{"../../testdata/submissions/correct", "../../testdata/submissions/os_exit"}

	var mu sync.Mutex
	var logged []string
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, fmt.Sprintf(format, args...))
	}
	args := append([]string{"-out", out, "-json", jsonOut, "-feedback", feedback, "-workers", "2", "-timeout", "20s"}, subs...)
	require.NoError(t, runArgs(t, args, logf))

	f, err := os.Open(out)
	require.NoError(t, err)
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, "correct", rows[1][0])
	assert.Equal(t, rows[1][len(rows[1])-4], rows[1][len(rows[1])-3], "correct has full marks")
	assert.Equal(t, "os_exit", rows[2][0])
	assert.Contains(t, rows[2][len(rows[2])-2], "no-result")
	for _, s := range []string{"correct", "os_exit"} {
		data, err := os.ReadFile(filepath.Join(feedback, s+".md"))
		require.NoError(t, err)
		assert.Contains(t, string(data), "# 採点結果: "+s)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, "grades", ".*"))
	assert.Empty(t, leftovers)
	gb, err := grader.ReadGradebook(jsonOut)
	require.NoError(t, err)
	assert.Equal(t, "bubblewrap", gb.Confinement.Sandbox, "the gradebook records the confinement")

	logged = nil
	require.NoError(t, runArgs(t, args, logf))
	assert.Contains(t, strings.Join(logged, "\n"), "(2 unchanged)")

	logged = nil
	require.NoError(t, runArgs(t, append([]string{"-force"}, args...), logf))
	assert.Contains(t, strings.Join(logged, "\n"), "(0 unchanged)")
	assert.Contains(t, strings.Join(logged, "\n"), "集計: 学生 2 人、採点 2 人", "the summary is in the run's language, Japanese by default")
}

// runArgs grades as the command would with args, reporting lines (the
// progress, the summary) to logf.
func runArgs(t *testing.T, args []string, logf func(string, ...any)) error {
	t.Helper()
	cfg, err := parseGradeArgs(args, io.Discard, func(string) string { return "" })
	require.NoError(t, err)
	return run(context.Background(), cfg, cfg.options(logf), grader.NewLineProgress(logf), logf)
}

func TestGradeRejectsTwoSubmissionsWithOneName(t *testing.T) {
	dir := t.TempDir()
	err := runArgs(t, []string{"-out", filepath.Join(dir, "g.csv"), "-feedback", "-", "a/alice", "b/alice"}, t.Logf)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `two submissions are named "alice"`)
}

// An output that cannot be written is found before anything is graded.
func TestGradeChecksTheOutputsFirst(t *testing.T) {
	dir := t.TempDir()
	notADir := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(notADir, nil, 0o644))
	var logged []string
	logf := func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }
	tests := []struct{ name, out, feedback string }{
		{"gradebook under a file", filepath.Join(notADir, "g.csv"), "-"},
		{"gradebook is a folder", dir, "-"},
		{"feedback under a file", filepath.Join(dir, "g.csv"), filepath.Join(notADir, "feedback")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := runArgs(t, []string{"-out", tc.out, "-json", strings.TrimSuffix(tc.out, ".csv") + ".json", "-feedback", tc.feedback,
				"../../testdata/submissions/correct"}, logf)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "cannot write")
			assert.Empty(t, logged, "nothing was built or graded")
		})
	}
}
