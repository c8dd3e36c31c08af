package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/nma-go/mlp/internal/grader"
	"github.com/nma-go/mlp/internal/i18n"
)

// outputConfig are the flags that grading and merging share: what to
// write, in which format, for which roster.
type outputConfig struct {
	out, jsonOut, feedback string
	roster                 string
	format                 grader.Format
	bom                    bool
	canvasAssignment       string
	moodleItem             string
	quiet                  bool
	langFlag               i18n.Lang // -lang as given, empty without it
	lang                   i18n.Lang // the run's language, set by resolve
}

// defaultMoodleItem names Moodle's grade column when -moodle-item is not
// given; the import's mapping page maps it to any grade item.
const defaultMoodleItem = "W1D3 MLP"

func (o *outputConfig) register(fs *flag.FlagSet) {
	fs.StringVar(&o.out, "out", "", "CSV gradebook to write (required)")
	fs.StringVar(&o.jsonOut, "json", "", "JSON gradebook with every message (default: -out with .json)")
	fs.StringVar(&o.feedback, "feedback", "", `folder for the students' feedback files (default: "feedback" next to -out; "-" for none)`)
	fs.StringVar(&o.roster, "roster", "", "class list, a CSV file with the columns id,name,email,submission and optionally lang (ja or en, the student's feedback language; see docs/GRADING.md)")
	fs.Func("format", "layout of -out: plain, canvas (Canvas's gradebook import) or moodle (Moodle's gradebook import)", func(s string) error {
		f, err := grader.ParseFormat(s)
		o.format = f
		return err
	})
	fs.BoolVar(&o.bom, "bom", false, "start each CSV with a UTF-8 byte order mark, so that Excel (Japanese Excel too) reads it as UTF-8")
	fs.StringVar(&o.canvasAssignment, "canvas-assignment", "", `-format canvas: the assignment column, "Name (id)" to match an existing assignment (a header that matches none creates one)`)
	fs.StringVar(&o.moodleItem, "moodle-item", defaultMoodleItem, "-format moodle: the name of the grade column (and of its feedback column)")
	fs.BoolVar(&o.quiet, "q", false, "no progress lines (the summary still prints)")
	fs.Var(&o.langFlag, "lang", "language of the feedback and the summary: ja or en (default: en when LANG is en_*, else ja); a roster's lang column sets it per student")
}

// resolve fills the defaults and checks the combination; getenv supplies
// LANG, the language without -lang.
func (o *outputConfig) resolve(getenv func(string) string) error {
	if o.out == "" {
		return errors.New("-out is required")
	}
	o.lang, _ = i18n.Choose(string(o.langFlag), getenv) // -lang was checked as it was parsed
	if o.format == "" {
		o.format = grader.FormatPlain
	}
	if o.jsonOut == "" {
		o.jsonOut = strings.TrimSuffix(o.out, filepath.Ext(o.out)) + ".json"
	}
	if o.feedback == "" {
		o.feedback = filepath.Join(filepath.Dir(o.out), "feedback")
	}
	switch o.format {
	case grader.FormatCanvas:
		if o.canvasAssignment == "" {
			return errors.New(`-format canvas needs -canvas-assignment "Name (id)": the column to import into`)
		}
	case grader.FormatMoodle:
		if o.roster == "" {
			return errors.New("-format moodle needs -roster: Moodle's import matches the roster's id (ID number) or email")
		}
	}
	return nil
}

// exportOptions are the grader's options for -format.
func (o *outputConfig) exportOptions() grader.ExportOptions {
	opts := grader.ExportOptions{Format: o.format, BOM: o.bom}
	switch o.format {
	case grader.FormatCanvas:
		opts.Assignment = o.canvasAssignment
	case grader.FormatMoodle:
		opts.Assignment = o.moodleItem
	}
	return opts
}

// gradeConfig is the command line of a grading run.
type gradeConfig struct {
	outputConfig
	timeout    time.Duration
	memoryMiB  uint64
	workers    int
	force      bool
	uidBase    int
	unconfined bool
	bwrap      string
	repo       string
	shardSpec  string
	shard      grader.Shard
	paths      []string
}

// gradeUsage is the first line of the command's help.
const gradeUsage = "usage: grade -out gradebook.csv [flags] SUBMISSION|DOWNLOAD.zip...\n       grade merge -out gradebook.csv [flags] SHARD.json...\n\n"

// newGradeFlags declares the grading run's flags.
func newGradeFlags(w io.Writer) (*flag.FlagSet, *gradeConfig) {
	c := &gradeConfig{}
	fs := flag.NewFlagSet("grade", flag.ContinueOnError)
	fs.SetOutput(w)
	c.register(fs)
	fs.DurationVar(&c.timeout, "timeout", grader.DefaultTimeout, "time limit of each exercise's run")
	fs.Uint64Var(&c.memoryMiB, "mem", grader.DefaultMemoryLimit>>20, "address-space limit of each run, in MiB (RLIMIT_AS)")
	fs.IntVar(&c.workers, "workers", runtime.NumCPU(), "submissions graded at once")
	fs.BoolVar(&c.force, "force", false, "grade every submission, even those unchanged since the last run")
	fs.IntVar(&c.uidBase, "uid-base", grader.DefaultUIDBase, "when the grader is root, worker slot i runs its children as uid and gid uid-base+i")
	fs.BoolVar(&c.unconfined, "unconfined", false, "grade without bubblewrap (not recommended: a submission can then read the answers and disturb its classmates); every row is flagged \"unconfined\"")
	fs.StringVar(&c.bwrap, "bwrap", "", "the bubblewrap binary (default: bwrap on PATH)")
	fs.StringVar(&c.repo, "repo", "", "root of the nma-go/mlp checkout to build against (default: found above the working directory)")
	fs.StringVar(&c.shardSpec, "shard", "", "grade only shard i of n (i/n, i from 0), or /n with i from $"+grader.ShardIndexVariable+" (a Kubernetes Indexed Job); merge the shards' JSON with grade merge")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), gradeUsage)
		fs.PrintDefaults()
	}
	return fs, c
}

// parseGradeArgs parses and checks a grading run's command line; getenv
// supplies JOB_COMPLETION_INDEX.
func parseGradeArgs(args []string, w io.Writer, getenv func(string) string) (*gradeConfig, error) {
	fs, c := newGradeFlags(w)
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	c.paths = fs.Args()
	if err := c.resolve(getenv); err != nil {
		return nil, err
	}
	if len(c.paths) == 0 {
		return nil, errors.New("no submissions given")
	}
	shard, err := grader.ParseShard(c.shardSpec, getenv)
	if err != nil {
		return nil, err
	}
	c.shard = shard
	return c, nil
}

// options are the grader's options for the run.
func (c *gradeConfig) options(logf func(string, ...any)) grader.Options {
	mode := grader.RequireBubblewrap
	if c.unconfined {
		mode = grader.Unconfined
	}
	return grader.Options{
		Root:    c.repo,
		Workers: c.workers,
		Logf:    logf,
		Lang:    c.lang,
		Sandbox: grader.SandboxConfig{Timeout: c.timeout, MemoryLimit: c.memoryMiB << 20, UIDBase: c.uidBase,
			Mode: mode, Bubblewrap: c.bwrap},
	}
}

// mergeConfig is the command line of grade merge.
type mergeConfig struct {
	outputConfig
	shards []string
}

// mergeUsage is the first line of grade merge's help.
const mergeUsage = "usage: grade merge -out gradebook.csv [flags] SHARD.json...\n"

// newMergeFlags declares grade merge's flags.
func newMergeFlags(w io.Writer) (*flag.FlagSet, *mergeConfig) {
	c := &mergeConfig{}
	fs := flag.NewFlagSet("grade merge", flag.ContinueOnError)
	fs.SetOutput(w)
	c.register(fs)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), mergeUsage+"\n"+
			"Combines the JSON gradebooks of the shards of one class (grade -shard i/n) into one CSV,\n"+
			"JSON and feedback set. It refuses shards graded with different checks or confinement,\n"+
			"and reports missing or duplicate shards.\n\n")
		fs.PrintDefaults()
	}
	return fs, c
}

// parseMergeArgs parses and checks grade merge's command line; LANG comes
// from the environment.
func parseMergeArgs(args []string, w io.Writer) (*mergeConfig, error) {
	fs, c := newMergeFlags(w)
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	c.shards = fs.Args()
	if err := c.resolve(os.Getenv); err != nil {
		return nil, err
	}
	if len(c.shards) == 0 {
		return nil, errors.New("no shard gradebooks given")
	}
	for _, s := range c.shards {
		if abs(s) == abs(c.jsonOut) {
			return nil, fmt.Errorf("-json %s is also a shard to merge; write the merged gradebook elsewhere", c.jsonOut)
		}
	}
	return c, nil
}

// parseFlags parses args; flag prints its own complaints, so its errors
// are wrapped in errUsage (except -h's ErrHelp).
func parseFlags(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return err
	}
	return fmt.Errorf("%w: %v", errUsage, err)
}

func abs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}
