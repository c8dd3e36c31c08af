package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/grader"
	"github.com/nma-go/mlp/internal/pristine"
)

func TestHintsAreGraded(t *testing.T) {
	const id = checks.ApproximateFunctionID
	const total = 3 // gentle, pointed, explicit
	path := filepath.Join(t.TempDir(), "state.json")

	st, err := loadState(path)
	require.NoError(t, err)
	st.recordTry(id, 0)
	require.Equal(t, []string{"ヒント 1/3: " + checks.Lookup(id).Hints.Gentle}, st.hints(checks.Japanese, id), "the first try shows the gentle hint")
	require.NoError(t, st.save(path))

	tests := []struct {
		name      string
		tries     int              // further tries
		asked     checks.HintLevel // -hint N
		wantLevel int
	}{
		{"a second try keeps one hint", 1, 0, 1},
		{"-hint 2 shows two", 0, 2, 2},
		{"asking is remembered", 1, 0, 2},
		{"more than there are shows all", 0, 99, total},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := loadState(path)
			require.NoError(t, err)
			for range tc.tries {
				st.recordTry(id, 0)
			}
			if tc.asked > 0 {
				st.recordTry(id, tc.asked)
			}
			got := st.hints(checks.Japanese, id)
			require.Len(t, got, tc.wantLevel)
			last := checks.HintLevel(tc.wantLevel)
			assert.Equal(t, fmt.Sprintf("ヒント %d/3: %s", last, checks.Lookup(id).Hints.At(last)), got[len(got)-1])
			require.NoError(t, st.save(path))
		})
	}

	assert.Empty(t, newHintState().hints(checks.Japanese, "9.9"), "an exercise not in the registry has no hints")

	fresh := newHintState()
	for range triesPerHint + 1 {
		fresh.recordTry(checks.MLPForwardID, 0)
	}
	assert.Equal(t, checks.PointedHint, fresh.level(checks.MLPForwardID), "after %d unsuccessful tries the pointed hint appears", triesPerHint)
}

func TestCorruptStateStartsAfresh(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, os.WriteFile(path, []byte("{not json"), 0o644))
	st, err := loadState(path)
	require.NoError(t, err)
	assert.Empty(t, st.Tries)
}

func TestWriteText(t *testing.T) {
	results := []grader.ExerciseResult{
		{Result: checks.Result{ExerciseID: "1", Status: checks.Pass, Message: "ok"}},
		{Result: checks.Result{ExerciseID: "2", Status: checks.Fail, Message: "入力 X で期待値は 1 ですが 2 でした。", Hint: "層を確認"}},
		{Result: checks.Result{ExerciseID: "2.1", Status: checks.NotImplemented, Message: "TODO"}},
	}
	var buf bytes.Buffer
	focus := nextExercise(results)
	require.NotNil(t, focus)
	assert.Equal(t, checks.MLPForwardID, focus.ExerciseID)
	writeText(&buf, checks.Japanese, results, focus, []string{"ヒント 1/3: まず..."})
	out := buf.String()
	for _, want := range []string{
		"進み具合: 1/3 問合格 [■□□]",
		"✅ 演習 1", ": 合格",
		"❌ 演習 2", ": 不合格", "     入力 X で期待値は 1 ですが 2 でした。", "チェックからのヒント: 層を確認",
		"⏳ 演習 2.1", ": 未着手",
		"次の演習: 演習 2", "ヒント 1/3", "go run ./cmd/check -hint 2",
	} {
		assert.Contains(t, out, want)
	}
	buf.Reset()
	writeText(&buf, checks.Japanese, results[:1], nil, nil)
	assert.Contains(t, buf.String(), "すべての演習に合格しました")
}

// syncBuffer is a bytes.Buffer safe for the watcher's goroutine.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestWatchReRunsAfterAnEdit copies the module, starts -watch on its stubs,
// saves the reference answer of Exercise 1 into the copy's pkg/exercises and
// waits for the second run to report the pass, with the screen cleared in
// between and the hint state advanced.
func TestWatchReRunsAfterAnEdit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the grading binary twice")
	}
	root := copyModule(t)
	g, err := grader.New(grader.Options{Root: root, Workers: 1})
	require.NoError(t, err)
	defer g.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &syncBuffer{}
	o := options{watch: true, exercise: "1", statePath: filepath.Join(t.TempDir(), "state.json")}
	done := make(chan error, 1)
	go func() { done <- watch(ctx, g, o, out, checker(ctx, g, o, out)) }()

	waitFor(t, out, func(s string) bool { return strings.Contains(s, "保存されるたびに") }, "the first run")
	first := out.String()
	assert.Contains(t, first, "⏳ 演習 1")
	assert.Contains(t, first, "ヒント 1/")
	assert.Equal(t, 1, strings.Count(first, clearScreen))

	answer, err := os.ReadFile(filepath.Join(root, "pkg", "solutions", "relu_approx.go"))
	require.NoError(t, err)
	answer = bytes.Replace(answer, []byte("package solutions"), []byte("package exercises"), 1)
	require.NoError(t, os.WriteFile(filepath.Join(root, "pkg", "exercises", "relu_approx.go"), answer, 0o644))

	waitFor(t, out, func(s string) bool { return strings.Count(s, "保存されるたびに") == 2 }, "the run after the edit")
	second := out.String()[len(first):]
	assert.Contains(t, second, clearScreen)
	assert.Contains(t, second, "✅ 演習 1")
	assert.Contains(t, second, "すべての演習に合格しました")

	cancel()
	require.NoError(t, <-done)
}

// waitFor polls the output until cond holds, failing after a generous limit
// (builds on a busy machine); the test asserts nothing about durations.
func waitFor(t *testing.T, out *syncBuffer, cond func(string) bool, what string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Minute)
	for !cond(out.String()) {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s; output so far:\n%s", what, out.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// copyModule copies what a grading build needs (go.mod, go.sum and the Go
// files of checks, internal and pkg) to a temporary folder.
func copyModule(t *testing.T) string {
	t.Helper()
	src, err := pristine.Root()
	require.NoError(t, err)
	dst := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum"} {
		copyFile(t, filepath.Join(src, f), filepath.Join(dst, f))
	}
	for _, dir := range []string{"checks", "internal", "pkg"} {
		err := filepath.WalkDir(filepath.Join(src, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") {
				return nil
			}
			rel, err := filepath.Rel(src, path)
			if err != nil {
				return err
			}
			copyFile(t, path, filepath.Join(dst, rel))
			return nil
		})
		require.NoError(t, err)
	}
	// The copy starts from the shipped stub, whatever the checkout holds.
	stub, err := os.ReadFile(filepath.Join(src, "pkg", "exercises", "relu_approx.go"))
	require.NoError(t, err)
	if !bytes.Contains(stub, []byte("tutorial.TODO(")) {
		t.Skip("pkg/exercises/relu_approx.go is solved in this checkout")
	}
	return dst
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(to), 0o755))
	in, err := os.Open(from)
	require.NoError(t, err)
	defer in.Close()
	out, err := os.Create(to)
	require.NoError(t, err)
	_, err = io.Copy(out, in)
	require.NoError(t, err)
	require.NoError(t, out.Close())
}

func TestWriteTextInEnglish(t *testing.T) {
	results := []grader.ExerciseResult{
		{Result: checks.Result{ExerciseID: "1", Status: checks.Pass, Message: "ok", Lang: checks.English}},
		{Result: checks.Result{ExerciseID: "2", Status: checks.Fail, Message: "On X, the output should be 1, but it was 2.", Hint: "check the layers", Lang: checks.English}},
		{Result: checks.Result{ExerciseID: "2.1", Status: checks.NotImplemented, Message: "TODO", Lang: checks.English}},
	}
	st := newHintState()
	st.recordTry(checks.MLPForwardID, 0)
	hints := st.hints(checks.English, checks.MLPForwardID)
	require.Equal(t, []string{"Hint 1/3: " + checks.Lookup(checks.MLPForwardID).HintsIn(checks.English).Gentle}, hints)
	var buf bytes.Buffer
	writeText(&buf, checks.English, results, nextExercise(results), hints)
	out := buf.String()
	for _, want := range []string{
		"Progress: 1/3 exercises passed [■□□]",
		"✅ Exercise 1   Function approximation with ReLUs: passed",
		"❌ Exercise 2   A general MLP: failed", "     On X, the output should be 1, but it was 2.", "Hint from the check: check the layers",
		"⏳ Exercise 2.1 Cross-entropy loss of a batch: not started",
		"Next exercise: Exercise 2 (A general MLP), the function MLPForward", "Hint 1/3: ", "go run ./cmd/check -lang en -hint 2",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotRegexp(t, `[\p{Han}\p{Hiragana}\p{Katakana}]`, out)
	buf.Reset()
	writeText(&buf, checks.English, results[:1], nil, nil)
	assert.Contains(t, buf.String(), "🎉 You passed every exercise!")
}
