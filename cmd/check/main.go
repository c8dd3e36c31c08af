// Command check shows a student's progress on the exercises, with hints.
//
//	go run ./cmd/check                 # your files in pkg/exercises
//	go run ./cmd/check NOTEBOOK.ipynb  # the exercise cells of notebooks
//	go run ./cmd/check -hint 2         # the second hint of the next exercise
//	go run ./cmd/check -watch          # re-run on every save
//	go run ./cmd/check -json           # machine-readable results
//	go run ./cmd/check -lang en        # in English (default: Japanese, or English when LANG is en_*)
//
// It builds your code into a small program and runs every exercise's check
// on it, exactly as the grader does (package internal/grader), so a compile
// error in one file is reported for its exercise and the others still run.
// It prints one line per exercise (合格 / 不合格 / 未着手, or passed / failed
// / not started) and a progress count, the check's message for a failure,
// and graded hints for the next
// exercise to do: the first try shows the first hint, -hint N shows up to the
// Nth, and after every few unsuccessful tries the next hint appears by itself.
// The number of tries is kept in a small file (see -state).
//
// Everything it prints for the student is in one language: -lang ja or
// -lang en, or without the flag English when LANG is en or en_* and
// Japanese otherwise. Its own errors about the machine (saving the state,
// watching files) are in English.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/grader"
	"github.com/nma-go/mlp/internal/i18n"
)

// options are the command's flags.
type options struct {
	hint      int // the hint level asked for (clamped to the levels there are); 0 when none
	exercise  checks.ExerciseID
	watch     bool
	json      bool
	timeout   time.Duration
	statePath string
	notebooks []string
	lang      i18n.Lang // the language of the report; the zero Lang is Japanese
}

func main() {
	var o options
	var lang i18n.Lang
	flag.Var(&lang, "lang", "language of the report: ja or en (default: en when LANG is en_*, else ja)")
	flag.IntVar(&o.hint, "hint", 0, "show hints 1..N of the next exercise (or of -exercise)")
	flag.Func("exercise", "check only this exercise, e.g. 2.1", func(id string) error {
		o.exercise = checks.ExerciseID(id)
		return nil
	})
	flag.BoolVar(&o.watch, "watch", false, "re-run on every save to pkg/exercises (or to the notebooks)")
	flag.BoolVar(&o.json, "json", false, "print the results as JSON")
	flag.DurationVar(&o.timeout, "timeout", grader.DefaultTimeout, "time limit of each exercise's run")
	flag.StringVar(&o.statePath, "state", defaultStatePath(), "file that counts your tries, for the hints")
	flag.Usage = func() {
		l, _ := i18n.Choose(string(lang), os.Getenv)
		fmt.Fprintf(flag.CommandLine.Output(), "%s\n\n", l.Sprintf("tool.check.usage"))
		flag.PrintDefaults()
	}
	flag.Parse()
	o.notebooks = flag.Args()
	o.lang, _ = i18n.Choose(string(lang), os.Getenv) // -lang was checked as it was parsed
	checks.SetLanguage(o.lang)
	if err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "check:", err)
		os.Exit(2)
	}
}

func run(o options, stdout io.Writer) error {
	if o.exercise != "" {
		if _, ok := checks.Find(o.exercise); !ok {
			return errors.New(o.lang.Sprintf("tool.check.no_exercise", o.exercise))
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	g, err := grader.New(grader.Options{Workers: 1, Lang: o.lang, Sandbox: grader.SandboxConfig{Timeout: o.timeout, Mode: grader.PreferBubblewrap}})
	if err != nil {
		return err
	}
	defer g.Close()
	once := checker(ctx, g, o, stdout)
	if !o.watch {
		return once()
	}
	return watch(ctx, g, o, stdout, once)
}

// checker returns the function that checks once and prints the report.
func checker(ctx context.Context, g *grader.Grader, o options, stdout io.Writer) func() error {
	return func() error {
		res, err := checkOnce(ctx, g, o.lang, o.notebooks)
		if err != nil {
			return err
		}
		return report(stdout, res, o)
	}
}

// checkOnce grades pkg/exercises, or the notebooks, with the messages in
// language l.
func checkOnce(ctx context.Context, g *grader.Grader, l i18n.Lang, notebooks []string) (*grader.StudentResult, error) {
	if len(notebooks) == 0 {
		return g.Grade(ctx, grader.Submission{Student: "pkg/exercises", Path: filepath.Join(g.Root(), "pkg", "exercises"), Lang: l}), nil
	}
	// Several notebooks make one submission: each exercise comes from the
	// first notebook that has its cell.
	var merged *grader.Prepared
	for _, nb := range notebooks {
		p, err := g.Prepare(grader.Submission{Student: filepath.Base(nb), Path: nb, Lang: l})
		if err != nil {
			return nil, err
		}
		if merged == nil {
			merged = p
			continue
		}
		for file, src := range p.Sources {
			if merged.Sources[file] == nil {
				merged.Sources[file] = src
			}
		}
	}
	for _, ex := range g.Exercises() {
		if merged.Sources[ex.File] != nil {
			delete(merged.Missing, string(ex.ID))
		}
	}
	return g.GradePrepared(ctx, merged), nil
}

// report prints the results and updates the hint state.
func report(w io.Writer, res *grader.StudentResult, o options) error {
	if res.Error != "" {
		return errors.New(res.Error)
	}
	exercises := res.Exercises
	if o.exercise != "" {
		exercises = nil
		for _, e := range res.Exercises {
			if e.ExerciseID == o.exercise {
				exercises = append(exercises, e)
			}
		}
		if len(exercises) == 0 {
			return errors.New(o.lang.Sprintf("tool.check.not_gradable", o.exercise))
		}
	}
	st, err := loadState(o.statePath)
	if err != nil {
		return err
	}
	focus := nextExercise(exercises)
	var shown []string
	if focus != nil {
		st.recordTry(focus.ExerciseID, checks.HintLevel(o.hint))
		shown = st.hints(o.lang, focus.ExerciseID)
	}
	if err := st.save(o.statePath); err != nil {
		// The hints still work, only the count is lost.
		fmt.Fprintf(os.Stderr, "check: saving the hint state: %v\n", err)
	}
	if o.json {
		return writeJSON(w, o.lang, exercises, focus, shown)
	}
	writeText(w, o.lang, exercises, focus, shown)
	return nil
}

// jsonReport is the -json output.
type jsonReport struct {
	Lang      i18n.Lang               `json:"lang"` // of the messages and hints
	Passed    int                     `json:"passed"`
	Total     int                     `json:"total"`
	Next      checks.ExerciseID       `json:"next,omitempty"` // the exercise the hints are for
	Hints     []string                `json:"hints,omitempty"`
	Exercises []grader.ExerciseResult `json:"exercises"`
}

func writeJSON(w io.Writer, l i18n.Lang, exercises []grader.ExerciseResult, focus *grader.ExerciseResult, shown []string) error {
	r := jsonReport{Lang: l.Or(i18n.Japanese), Total: len(exercises), Exercises: exercises, Hints: shown}
	for _, e := range exercises {
		if e.Passed() {
			r.Passed++
		}
	}
	if focus != nil {
		r.Next = focus.ExerciseID
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// defaultStatePath is where the tries are counted: the user's cache folder.
func defaultStatePath() string {
	if p := os.Getenv("NMA_CHECK_STATE"); p != "" {
		return p
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "nma-go-mlp", "check-state.json")
}
