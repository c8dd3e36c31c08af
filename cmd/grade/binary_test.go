package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/grader"
)

// The grade command, built once for the tests that run it as a separate
// process.
var (
	binaryOnce sync.Once
	binaryDir  string
	binaryPath string
	binaryErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binaryDir != "" {
		os.RemoveAll(binaryDir)
	}
	os.Exit(code)
}

// gradeBinary builds cmd/grade and returns its path.
func gradeBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		binaryDir, binaryErr = os.MkdirTemp("", "nma-grade-test-")
		if binaryErr != nil {
			return
		}
		binaryPath = filepath.Join(binaryDir, "grade")
		out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, binaryErr)
	return binaryPath
}

// readPTY reads a pseudo-terminal's output until its other side closes
// (Linux then answers EIO).
func readPTY(ptmx *os.File) string {
	var out bytes.Buffer
	_, err := io.Copy(&out, ptmx)
	if err != nil && !errors.Is(err, syscall.EIO) {
		out.WriteString("\n(read error: " + err.Error() + ")")
	}
	return out.String()
}

// On a terminal, grade draws a progress bar with the count and an estimate
// of the time left, and prints the summary; in a pipe it prints one line
// per student instead.
func TestProgressOnATerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and grading binaries")
	}
	bin := gradeBinary(t)
	subs := []string{filepath.Join(corpusDir, "correct"), filepath.Join(corpusDir, "partly_correct"), filepath.Join(corpusDir, "compile_error")}
	args := func(dir string) []string {
		return append([]string{"-lang", "en", "-workers", "2", "-timeout", "20s", "-out", filepath.Join(dir, "g.csv"), "-feedback", "-"}, subs...)
	}

	cmd := exec.Command(bin, args(t.TempDir())...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 160})
	require.NoError(t, err)
	text := readPTY(ptmx)
	ptmx.Close()
	require.NoError(t, cmd.Wait(), text)
	for _, want := range []string{"confinement: bubblewrap", "grading [0/3]", "grading [3/3] 100%",
		"summary: 3 students, 3 graded", "flags: compile-error 1 (compile_error)", "ex1    (10 pts: 2, 0 pts: 1) passed 2/3"} {
		assert.Contains(t, text, want)
	}
	assert.Regexp(t, `grading \[[12]/3\] +\d+% \|[^|]*\| +\[\d+s:\d+s\]`, text, "the elapsed time and the estimate of the time left")
	assert.NotContains(t, text, "correct: 40/40", "no line per student on a terminal")

	piped, err := exec.Command(bin, args(t.TempDir())...).CombinedOutput()
	require.NoError(t, err, "%s", piped)
	assert.Contains(t, string(piped), "correct: 40/40 [] (")
	assert.Contains(t, string(piped), "compile_error: 0/40 [compile-error] (")
	assert.Contains(t, string(piped), "summary: 3 students, 3 graded")
	assert.NotContains(t, string(piped), "grading [")
}

// shardCorpus is the part of the corpus the shard test grades: every kind
// of result, and shards of 2, 5 and 5 submissions.
var shardCorpus = []string{"correct", "partly_correct", "compile_error", "panic_in_goroutine", "os_exit", "import_solutions",
	"subprocess", "write_files", "infinite_loop", "notebook_instructor.ipynb", "wrong_package", "import_gonum"}

// grade -shard i/3 in three processes, then grade merge, equals one
// unsharded run: the same scores and flags for every student.
func TestShardsEqualOneRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and grading binaries")
	}
	bin := gradeBinary(t)
	var subs []string
	for _, s := range shardCorpus {
		subs = append(subs, filepath.Join(corpusDir, s))
	}
	common := []string{"-lang", "en", "-timeout", "5s", "-feedback", "-", "-q"}
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole", "gradebook.csv")
	out, err := exec.Command(bin, append(append(common, "-workers", "2", "-out", whole), subs...)...).CombinedOutput()
	require.NoError(t, err, "%s", out)

	// Three shards at once, as three pods would; shard 2 takes its index
	// from JOB_COMPLETION_INDEX, as in a Kubernetes Indexed Job.
	var shardJSON []string
	var wg sync.WaitGroup
	outputs := make([][]byte, 3)
	errs := make([]error, 3)
	for i := range 3 {
		spec := fmt.Sprintf("%d/3", i)
		env := os.Environ()
		if i == 2 {
			spec = "/3"
			env = append(env, grader.ShardIndexVariable+"=2")
		}
		csvPath := filepath.Join(dir, "shards", fmt.Sprintf("shard-%d.csv", i))
		shardJSON = append(shardJSON, strings.TrimSuffix(csvPath, ".csv")+".json")
		cmd := exec.Command(bin, append(append(common, "-workers", "1", "-shard", spec, "-out", csvPath), subs...)...)
		cmd.Env = env
		wg.Add(1)
		go func() {
			defer wg.Done()
			outputs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for i := range 3 {
		require.NoError(t, errs[i], "shard %d: %s", i, outputs[i])
	}
	merged := filepath.Join(dir, "merged", "gradebook.csv")
	out, err = exec.Command(bin, append([]string{"merge", "-lang", "en", "-out", merged}, shardJSON...)...).CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), fmt.Sprintf("summary: %d students, %d graded", len(subs), len(subs)))

	// Each shard holds only its own students, and together all of them.
	seen := map[string]int{}
	for i, p := range shardJSON {
		gb, err := grader.ReadShard(p)
		require.NoError(t, err)
		assert.Equal(t, grader.Shard{Index: i, Count: 3}, *gb.Shard)
		assert.NotEmpty(t, gb.Students, "shard %d", i)
		for _, r := range gb.Students {
			assert.Equal(t, i, grader.ShardOf(r.Student, 3), r.Student)
			seen[r.Student]++
		}
	}
	assert.Len(t, seen, len(subs))

	// The merge equals the unsharded run: the CSV byte for byte, and in
	// the JSON every score, status and flag.
	wantCSV, err := os.ReadFile(whole)
	require.NoError(t, err)
	gotCSV, err := os.ReadFile(merged)
	require.NoError(t, err)
	assert.Equal(t, string(wantCSV), string(gotCSV))
	want, err := grader.ReadGradebook(filepath.Join(dir, "whole", "gradebook.json"))
	require.NoError(t, err)
	got, err := grader.ReadGradebook(filepath.Join(dir, "merged", "gradebook.json"))
	require.NoError(t, err)
	assert.Equal(t, want.ChecksVersion, got.ChecksVersion)
	assert.Equal(t, want.Confinement, got.Confinement)
	assert.Equal(t, grades(want), grades(got))
	flagged := map[grader.Flag]bool{}
	for _, r := range want.Students {
		for _, f := range r.Flags {
			flagged[f] = true
		}
	}
	for _, f := range []grader.Flag{grader.FlagCompileError, grader.FlagCrash, grader.FlagNoResult, grader.FlagPlagiarism,
		grader.FlagForbiddenImport, grader.FlagWorkdir, grader.FlagTimeout} {
		assert.True(t, flagged[f], "the compared run has a %s", f)
	}
	feedback, err := os.ReadDir(filepath.Join(dir, "merged", "feedback"))
	require.NoError(t, err)
	assert.Len(t, feedback, len(subs), "the merge writes every student's feedback (the shards wrote none)")
}

// grades lists every student's total, flags, and each exercise's status,
// points and flags, in a comparable form.
func grades(gb *grader.Gradebook) []string {
	var lines []string
	for _, r := range gb.Students {
		flags := fmt.Sprint(r.Flags)
		line := fmt.Sprintf("%s %d/%d %s error=%q", r.Student, r.Total, r.MaxTotal, flags, r.Error)
		for _, e := range r.Exercises {
			line += fmt.Sprintf(" | %s %s %d/%d %v", e.ExerciseID, e.Status, e.Points, e.MaxPoints, e.Flags)
		}
		lines = append(lines, line)
	}
	sort.Strings(lines)
	return lines
}
