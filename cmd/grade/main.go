// Command grade grades a class's exercise submissions into a gradebook.
//
//	go run ./cmd/grade -out gradebook.csv SUBMISSION...
//	go run ./cmd/grade -roster roster.csv -format canvas -canvas-assignment "MLP (123)" -out grades.csv download.zip
//	go run ./cmd/grade -shard 1/3 -out shard-1.csv SUBMISSION...   # one of three machines
//	go run ./cmd/grade merge -out gradebook.csv shard-0.json shard-1.json shard-2.json
//
// Each SUBMISSION is a folder holding a student's pkg/exercises files (or
// notebooks), or one notebook (.ipynb); the student's name is the folder's or
// the notebook's. A zip, or a folder whose entries an LMS named (Moodle's
// "Name_12345_assignsubmission_file_mlp.go", Canvas's
// "name_12345_67890_mlp.go"), is a bulk download: its files are grouped by
// student, and -roster maps each to a student of the class list.
//
// Every submission is built into its own grading binary with
// `go build -overlay` and run exercise by exercise in a child process
// confined by bubblewrap; the grader draws the inputs and judges the outputs
// itself (see package internal/grader and docs/GRADING.md). Without a
// working bubblewrap it refuses to grade, and says why, unless -unconfined
// is given.
//
// It writes the CSV gradebook (-out, in -format plain, canvas or moodle),
// the same with every message as JSON (-json, default: -out with .json), and
// one feedback file per student (-feedback, default: a "feedback" folder
// next to -out). The feedback and the summary are in -lang ja or -lang en
// (without it, English when LANG is en_* and Japanese otherwise), and a
// roster's lang column sets a student's feedback language; the progress
// lines and errors are in English. Results whose submission, checks and
// language are unchanged since the last run are reused unless -force is
// given. On a terminal it shows a
// progress bar, elsewhere one line per student, and at the end a summary.
//
// -shard i/n grades only the students whose ID hashes to shard i, so that n
// machines (a Kubernetes Indexed Job, a CI matrix; see deploy/) share a
// class; grade merge puts their JSON gradebooks back together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/nma-go/mlp/internal/grader"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var err error
	if len(os.Args) > 1 && os.Args[1] == "merge" {
		err = mergeMain(os.Args[2:], os.Stderr)
	} else {
		err = gradeMain(ctx, os.Args[1:], os.Stderr)
	}
	switch {
	case errors.Is(err, flag.ErrHelp):
		os.Exit(0)
	case errors.Is(err, errUsage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "grade:", err)
		os.Exit(1)
	}
}

// errUsage marks a command line that flag has already complained about.
var errUsage = errors.New("bad command line")

// gradeMain runs a grading run with the command line args.
func gradeMain(ctx context.Context, args []string, stderr *os.File) error {
	cfg, err := parseGradeArgs(args, stderr, os.Getenv)
	if err != nil {
		return usageError(err, stderr, gradeUsage)
	}
	progress, summaryf := newConsole(stderr, cfg.quiet)
	return run(ctx, cfg, cfg.options(progress.Logf), progress, summaryf)
}

// mergeMain runs grade merge with the command line args.
func mergeMain(args []string, stderr *os.File) error {
	cfg, err := parseMergeArgs(args, stderr)
	if err != nil {
		return usageError(err, stderr, mergeUsage)
	}
	progress, summaryf := newConsole(stderr, cfg.quiet)
	return runMerge(cfg, progress.Logf, summaryf)
}

// usageError prints a command-line mistake, unless flag has printed it.
func usageError(err error, w io.Writer, usage string) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	if !errors.Is(err, errUsage) {
		fmt.Fprintf(w, "grade: %v\n%s", err, usage)
	}
	return errUsage
}

// newConsole is where a run reports: a progress bar on a terminal, and
// lines elsewhere (a log, a pipe, TERM=dumb); with quiet, nothing but the
// summary, which summaryf prints.
func newConsole(stderr *os.File, quiet bool) (progress grader.Progress, summaryf func(string, ...any)) {
	logf := log.New(stderr, "", 0).Printf
	switch {
	case quiet:
		return grader.NewLineProgress(func(string, ...any) {}), logf
	case term.IsTerminal(int(stderr.Fd())) && os.Getenv("TERM") != "dumb":
		p := grader.NewBarProgress(stderr)
		return p, p.Logf
	default:
		return grader.NewLineProgress(logf), logf
	}
}
