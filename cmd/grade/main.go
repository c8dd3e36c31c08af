// Command grade grades a class's exercise submissions into a gradebook.
//
//	go run ./cmd/grade -out gradebook.csv SUBMISSION...
//
// Each SUBMISSION is a folder holding a student's pkg/exercises files (or
// notebooks), or one notebook (.ipynb); the student's name is the folder's or
// the notebook's. Every submission is built into its own grading binary with
// `go build -overlay` and run exercise by exercise in a child process
// confined by bubblewrap; the grader draws the inputs and judges the outputs
// itself (see package internal/grader and docs/GRADING.md). Without a
// working bubblewrap it refuses to grade, and says why, unless -unconfined
// is given.
//
// It writes the CSV gradebook (-out), the same with every message as JSON
// (-json, default: -out with .json), and one feedback file per student
// (-feedback, default: a "feedback" folder next to -out). Results whose
// submission and checks are unchanged since the last run are reused unless
// -force is given.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/nma-go/mlp/internal/grader"
)

func main() {
	out := flag.String("out", "", "CSV gradebook to write (required)")
	jsonOut := flag.String("json", "", "JSON gradebook with every message (default: -out with .json)")
	feedback := flag.String("feedback", "", `folder for the students' feedback files (default: "feedback" next to -out; "-" for none)`)
	timeout := flag.Duration("timeout", grader.DefaultTimeout, "time limit of each exercise's run")
	memory := flag.Uint64("mem", grader.DefaultMemoryLimit>>20, "address-space limit of each run, in MiB (RLIMIT_AS)")
	workers := flag.Int("workers", runtime.NumCPU(), "submissions graded at once")
	force := flag.Bool("force", false, "grade every submission, even those unchanged since the last run")
	uidBase := flag.Int("uid-base", grader.DefaultUIDBase, "when the grader is root, worker slot i runs its children as uid and gid uid-base+i")
	unconfined := flag.Bool("unconfined", false, "grade without bubblewrap (not recommended: a submission can then read the answers and disturb its classmates); every row is flagged \"unconfined\"")
	bwrap := flag.String("bwrap", "", "the bubblewrap binary (default: bwrap on PATH)")
	quiet := flag.Bool("q", false, "no progress lines")
	repo := flag.String("repo", "", "root of the nma-go/mlp checkout to build against (default: found above the working directory)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: grade -out gradebook.csv [flags] SUBMISSION...\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *jsonOut == "" {
		*jsonOut = strings.TrimSuffix(*out, filepath.Ext(*out)) + ".json"
	}
	if *feedback == "" {
		*feedback = filepath.Join(filepath.Dir(*out), "feedback")
	}
	mode := grader.RequireBubblewrap
	if *unconfined {
		mode = grader.Unconfined
	}
	logf := log.New(os.Stderr, "", 0).Printf
	if *quiet {
		logf = func(string, ...any) {}
	}
	if err := run(*out, *jsonOut, *feedback, flag.Args(), *force, grader.Options{
		Root:    *repo,
		Workers: *workers,
		Logf:    logf,
		Sandbox: grader.SandboxConfig{Timeout: *timeout, MemoryLimit: *memory << 20, UIDBase: *uidBase,
			Mode: mode, Bubblewrap: *bwrap},
	}); err != nil {
		fmt.Fprintln(os.Stderr, "grade:", err)
		os.Exit(1)
	}
}

func run(out, jsonOut, feedbackDir string, paths []string, force bool, opts grader.Options) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	subs := make([]grader.Submission, len(paths))
	seen := map[string]string{}
	for i, p := range paths {
		subs[i] = grader.NewSubmission(p)
		if other, dup := seen[subs[i].Student]; dup {
			return fmt.Errorf("two submissions are named %q: %s and %s", subs[i].Student, other, p)
		}
		seen[subs[i].Student] = p
	}
	// Every output must be writable before anything is graded.
	targets := []string{out, jsonOut}
	if feedbackDir != "-" {
		targets = append(targets, filepath.Join(feedbackDir, ".probe"))
	}
	if err := grader.CheckWritable(targets...); err != nil {
		return err
	}
	g, err := grader.New(opts)
	if err != nil {
		return err
	}
	defer g.Close()
	opts.Logf("confinement: %s", g.Confinement())
	previous, err := grader.ReadGradebook(jsonOut)
	if err != nil {
		return err
	}
	start := time.Now()
	results := g.GradeAll(ctx, subs, previous.ByStudent(), force)
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted; %s left as it was", out)
	}
	// Students graded earlier but not in this run stay in the gradebook.
	graded := map[string]bool{}
	for _, r := range results {
		graded[r.Student] = true
	}
	for _, r := range previous.Students {
		if !graded[r.Student] {
			results = append(results, r)
		}
	}
	gb := grader.NewGradebook(g.Version(), g.Exercises(), results)
	gb.Confinement = g.Confinement()
	csvData, err := gb.CSV()
	if err != nil {
		return err
	}
	jsonData, err := gb.JSON()
	if err != nil {
		return err
	}
	if feedbackDir != "-" {
		for _, r := range results {
			if graded[r.Student] {
				if err := grader.WriteFileAtomic(filepath.Join(feedbackDir, grader.FeedbackFileName(r.Student)), grader.Feedback(r)); err != nil {
					return err
				}
			}
		}
	}
	if err := grader.WriteFileAtomic(jsonOut, jsonData); err != nil {
		return err
	}
	if err := grader.WriteFileAtomic(out, csvData); err != nil {
		return err
	}
	cached := 0
	for _, r := range results {
		if r.Cached {
			cached++
		}
	}
	st := g.Stats()
	opts.Logf("graded %d submissions (%d unchanged) in %.1fs; wrote %s and %s", len(subs), cached, time.Since(start).Seconds(), out, jsonOut)
	opts.Logf("time: %d builds %.1fs, %d runs %.1fs (sums over %d workers)", st.Builds, st.BuildTime.Seconds(), st.Runs, st.RunTime.Seconds(), opts.Workers)
	return nil
}
