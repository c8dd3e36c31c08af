package grader

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
)

// corpusDir holds one submission per case of the grader's issue (hostile and
// broken code, notebooks), plus correct and partly correct ones.
const corpusDir = "../../testdata/submissions"

// corpusTimeout is the per-run time limit in the test: short, so that the
// infinite loop ends soon. No assertion depends on how long anything takes.
const corpusTimeout = 10 * time.Second

// expectation is what one exercise of one submission must get.
type expectation struct {
	status   checks.Status
	flags    []Flag   // exactly these flags
	contains []string // substrings of the message
}

// corpus lists every submission and its expected grade per exercise. An
// exercise not listed must be graded "not submitted" (0 points).
var corpus = map[string]map[string]expectation{
	"correct": {
		"1":   {status: checks.Pass, contains: []string{"期待値と一致しました"}},
		"2":   {status: checks.Pass, contains: []string{"1371"}},
		"2.1": {status: checks.Pass, contains: []string{"0.34672750"}},
		"2.3": {status: checks.Pass, contains: []string{"800"}},
	},
	"partly_correct": {
		"1":   {status: checks.Pass},
		"2.1": {status: checks.Fail, contains: []string{"損失の合計"}},
	},
	"prints_and_passes": {
		"1": {status: checks.Pass},
	},
	"compile_error": {
		"1": {status: checks.Fail, flags: []Flag{FlagCompileError},
			contains: []string{"コンパイルエラー", "relu_approx.go の 27 行目", "declared and not used: unused", `cannot use "not an int"`}},
	},
	"panic": {
		"1": {status: checks.Fail, contains: []string{"実行に失敗しました", "index out of range", "(relu_approx.go の 20 行目)"}},
	},
	"panic_in_goroutine": {
		"1": {status: checks.Fail, flags: []Flag{FlagCrash}, contains: []string{"パニックで終了しました", "boom in a goroutine", "(relu_approx.go の 24 行目)"}},
	},
	"infinite_loop": {
		"1": {status: checks.Fail, flags: []Flag{FlagTimeout}, contains: []string{"制限時間 (10s)"}},
	},
	"os_exit": {
		"1": {status: checks.Fail, flags: []Flag{FlagNoResult}, contains: []string{"結果を返さずに、終了コード 0 で終了しました"}},
	},
	"fake_pass": {
		// The forged envelope on fd 4 decodes, and the judge finds no outputs in it.
		"1": {status: checks.Fail, contains: []string{"の結果がありません"}},
	},
	"alloc_10gb": {
		"1": {status: checks.Fail, flags: []Flag{FlagMemory}, contains: []string{"メモリの上限 (4 GiB)"}},
	},
	"write_files": {
		"1": {status: checks.Fail, flags: []Flag{FlagWorkdir}, contains: []string{"grades.csv を作りました"}},
	},
	"delete_files": {
		"1": {status: checks.Fail, flags: []Flag{FlagWorkdir}, contains: []string{canaryName + " を削除しました"}},
	},
	"import_solutions": {
		"1": {status: checks.Fail, flags: []Flag{FlagPlagiarism}, contains: []string{"剽窃", "pkg/solutions", "relu_approx.go の 6 行目"}},
	},
	"import_checks": {
		"1": {status: checks.Fail, flags: []Flag{FlagPlagiarism}, contains: []string{"剽窃", "github.com/nma-go/mlp/checks"}},
	},
	"subprocess": {
		"1": {status: checks.Fail, flags: []Flag{FlagForbiddenImport}, contains: []string{`"os/exec"`, "サブプロセスの起動"}},
	},
	"subprocess_startprocess": {
		"1": {status: checks.Fail, flags: []Flag{FlagForbiddenImport}, contains: []string{"os.StartProcess", "サブプロセスの起動"}},
	},
	"notebook_instructor": {
		"1": {status: checks.Pass},
	},
	"notebook_missing_imports": {
		"1": {status: checks.Pass},
	},
	// Hostile submissions that attack classmates, the grader or the answers;
	// each is otherwise correct. Graded in the same run as everyone else.
	"saboteur": {
		// It kills what it can see and writes into every working directory
		// it can find: in its sandbox, nothing but itself.
		"1":   {status: checks.Pass},
		"2":   {status: checks.Pass},
		"2.1": {status: checks.Pass},
		"2.3": {status: checks.Pass},
	},
	"signals": {
		// It signals its parent and every pid: the grader is not among them;
		// the only process it can kill is itself (with the interrupt or the
		// kill, whichever reaches one of its own threads first).
		"2": {status: checks.Fail, flags: []Flag{FlagCrash}, contains: []string{"プログラムがシグナル ("}},
	},
	"read_secrets": {
		// It finds none of the answers or classmates' files; its feedback is
		// checked for leaks below.
		"2.1": {status: checks.Fail, contains: []string{"符号が逆"}},
	},
	"network": {
		"2.3": {status: checks.Fail, flags: []Flag{FlagForbiddenImport}, contains: []string{`"net"`, "ネットワーク"}},
	},
	"surprising_workdir": {
		// A canary turned into a link to /dev/zero, a thousand files, a
		// locked tree: reported, and never followed or read whole.
		"1": {status: checks.Fail, flags: []Flag{FlagWorkdir}, contains: []string{canaryName + " を書き換えました", "個以上のファイルを作りました"}},
	},
	"native_code": {
		// A test helper below an allowed package links XLA's loader and
		// os/exec: the list is exact.
		"2": {status: checks.Fail, flags: []Flag{FlagForbiddenImport}, contains: []string{"graphtest", "mlp.go の 5 行目"}},
	},
	"all_allowed_imports": {
		"1": {status: checks.Pass},
	},
	"import_gonum": {
		// A package off the list costs its file only.
		"1": {status: checks.Fail, flags: []Flag{FlagForbiddenImport}, contains: []string{"gonum.org/v1/gonum/floats"}},
		"2": {status: checks.Pass},
	},
	"wrong_package": {
		// A build failure the compiler pins on no line is charged to the file
		// that causes it, and the others are graded.
		"1":   {status: checks.Pass},
		"2.3": {status: checks.Fail, flags: []Flag{FlagCompileError}, contains: []string{"ビルドが失敗します", "found packages"}},
	},
	"notebook_broken_cell": {
		"1": {status: checks.Fail, flags: []Flag{FlagCompileError},
			contains: []string{"notebook_broken_cell.ipynb の演習 1 のセル (5 番目のセル) の 25 行目", "syntax error"}},
	},
}

// corpusSubmissions lists the corpus and checks that every entry has an
// expectation and vice versa.
func corpusSubmissions(t *testing.T) []Submission {
	entries, err := os.ReadDir(corpusDir)
	require.NoError(t, err)
	var subs []Submission
	for _, e := range entries {
		sub := NewSubmission(filepath.Join(corpusDir, e.Name()))
		_, ok := corpus[sub.Student]
		require.True(t, ok, "testdata submission %s has no expectation in corpus", e.Name())
		subs = append(subs, sub)
	}
	require.Len(t, subs, len(corpus), "every corpus expectation needs a submission in %s", corpusDir)
	return subs
}

func newTestGrader(t *testing.T) *Grader {
	t.Helper()
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	g, err := New(Options{Root: root, Workers: 2, Sandbox: SandboxConfig{Timeout: corpusTimeout}, Logf: t.Logf})
	require.NoError(t, err)
	t.Cleanup(func() { _ = g.Close() })
	return g
}

// TestCorpus grades the whole hostile corpus in parallel and checks every
// exercise's status, points, flags and message.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs ~20 grading binaries")
	}
	g := newTestGrader(t)
	subs := corpusSubmissions(t)
	results := g.GradeAll(context.Background(), subs, nil, false)
	require.Len(t, results, len(subs))
	for _, r := range results {
		t.Run(r.Student, func(t *testing.T) {
			require.Empty(t, r.Error)
			require.Len(t, r.Exercises, len(g.Exercises()))
			want := corpus[r.Student]
			total := 0
			for _, e := range r.Exercises {
				w, listed := want[string(e.ExerciseID)]
				if !listed {
					w = expectation{status: checks.NotImplemented, flags: []Flag{FlagNotSubmitted}}
				}
				assert.Equal(t, w.status, e.Status, "exercise %s: %s", e.ExerciseID, e.Message)
				assert.ElementsMatch(t, w.flags, e.Flags, "exercise %s: %s", e.ExerciseID, e.Message)
				for _, s := range w.contains {
					assert.Contains(t, e.Message, s, "exercise %s", e.ExerciseID)
				}
				wantPoints := 0
				if w.status == checks.Pass {
					wantPoints = e.MaxPoints
				}
				assert.Equal(t, wantPoints, e.Points, "exercise %s", e.ExerciseID)
				total += wantPoints
			}
			assert.Equal(t, total, r.Total)
			assert.NotEmpty(t, r.Hash)
			assert.Equal(t, g.Version(), r.ChecksVersion)
		})
	}
	byStudent := map[string]*StudentResult{}
	for _, r := range results {
		byStudent[r.Student] = r
	}

	t.Run("output is kept but never scored", func(t *testing.T) {
		fake := byStudent["fake_pass"].Exercise("1")
		assert.Contains(t, fake.Output, "PASS")
		assert.Contains(t, fake.Output, "合格")
		printed := byStudent["prints_and_passes"].Exercise("1")
		assert.Contains(t, printed.Output, "debug: uid=")
	})
	t.Run("children run unprivileged in a sandbox", func(t *testing.T) {
		out := byStudent["prints_and_passes"].Exercise("1").Output
		assert.Contains(t, out, "debug: uid=65534 cwd=/work home=/tmp")
		assert.Contains(t, out, "CapEff:\t0000000000000000", "the child has no capability")
	})
	t.Run("no feedback and no gradebook field holds an answer or a classmate's file", func(t *testing.T) {
		gb := NewGradebook(g.Version(), g.Exercises(), results)
		jsonData, err := gb.JSON()
		require.NoError(t, err)
		csvData, err := gb.CSV()
		require.NoError(t, err)
		texts := map[string]string{"gradebook.json": string(jsonData), "gradebook.csv": string(csvData)}
		for _, r := range results {
			texts[FeedbackFileName(r.Student)] = string(Feedback(r))
		}
		assertNoLeaks(t, g.Root(), texts)
		secrets := byStudent["read_secrets"].Exercise("2.1").Output
		assert.Contains(t, secrets, "=== end of the search", "the reader ran to its end")
		for _, classmate := range []string{"harmClassmates", "signalEveryone", "trapWorkdir", "testdata/submissions"} {
			assert.NotContains(t, secrets, classmate, "the reader saw a classmate's code or the grader's arguments")
		}
	})
	t.Run("a compile error costs only its file", func(t *testing.T) {
		// The other exercises' stubs built: their results are "not submitted",
		// not a build failure of the whole submission.
		r := byStudent["compile_error"]
		assert.Empty(t, r.Error)
		assert.Equal(t, []Flag{FlagCompileError}, r.Flags)
	})
	t.Run("the subprocess never ran", func(t *testing.T) {
		_, err := os.Stat("/tmp/pwned")
		assert.True(t, os.IsNotExist(err), "/tmp/pwned exists")
	})

	t.Run("gradebook", func(t *testing.T) {
		gb := NewGradebook(g.Version(), g.Exercises(), results)
		data, err := gb.CSV()
		require.NoError(t, err)
		rows, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
		require.NoError(t, err)
		require.Len(t, rows, len(results)+1)
		header := rows[0]
		assert.Equal(t, "student", header[0])
		assert.Equal(t, "ex1", header[1])
		assert.Equal(t, []string{"total", "max", "flags", "error"}, header[len(header)-4:])
		names := make([]string, 0, len(rows)-1)
		for _, row := range rows[1:] {
			names = append(names, row[0])
			if row[0] == "import_solutions" {
				assert.Contains(t, row[len(row)-2], string(FlagPlagiarism))
			}
		}
		assert.True(t, sort.StringsAreSorted(names))

		dir := t.TempDir()
		path := filepath.Join(dir, "gradebook.json")
		jsonData, err := gb.JSON()
		require.NoError(t, err)
		require.NoError(t, WriteFileAtomic(path, jsonData))
		back, err := ReadGradebook(path)
		require.NoError(t, err)
		assert.Len(t, back.Students, len(results))
		leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp*"))
		assert.Empty(t, leftovers, "the atomic write leaves no temporary file")

		feedback := string(Feedback(byStudent["compile_error"]))
		assert.Contains(t, feedback, "# 採点結果: compile_error")
		assert.Contains(t, feedback, "relu_approx.go の 27 行目")
		assert.Contains(t, string(Feedback(byStudent["import_solutions"])), "剽窃")
	})

	t.Run("re-run skips unchanged submissions unless forced", func(t *testing.T) {
		previous := map[string]*StudentResult{}
		for _, r := range results {
			previous[r.Student] = r
		}
		some := []Submission{subs[0], subs[1]}
		again := g.GradeAll(context.Background(), some, previous, false)
		for _, r := range again {
			assert.True(t, r.Cached, r.Student)
		}
		stale := *previous[subs[0].Student]
		stale.ChecksVersion = "older"
		again = g.GradeAll(context.Background(), some[:1], map[string]*StudentResult{subs[0].Student: &stale}, false)
		assert.False(t, again[0].Cached, "a new checks version regrades")
	})
}

func mustAbs(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	require.NoError(t, err)
	return abs
}

// The corpus's flags cover every way a run can go wrong.
func TestCorpusCoversEveryFlag(t *testing.T) {
	// FlagUnconfined has its own test (TestWithoutBubblewrap).
	seen := map[Flag]bool{FlagNotSubmitted: true, FlagNoGrader: true, FlagUnconfined: true}
	for _, exercises := range corpus {
		for _, e := range exercises {
			for _, f := range e.flags {
				seen[f] = true
			}
		}
	}
	for _, f := range []Flag{FlagCompileError, FlagForbiddenImport, FlagPlagiarism, FlagTimeout, FlagMemory,
		FlagCrash, FlagNoResult, FlagWorkdir} {
		assert.True(t, seen[f], "no corpus case for flag %s", f)
	}
}
