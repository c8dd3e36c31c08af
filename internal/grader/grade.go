// Package grader grades students' exercises in isolated child processes.
//
// A submission is a folder of pkg/exercises files or a notebook (see
// [Submission]). Grading one goes:
//
//  1. prepare: read the files, or extract the notebook's exercise cells and
//     fix their imports with golang.org/x/tools/imports;
//  2. check imports: reject files that import what an exercise has no
//     business importing (imports.go);
//  3. build one grading binary with `go build -overlay` (build.go): the
//     student's files, stubs for missing or rejected files and for files that
//     do not compile, and a generated main (package child);
//  4. for each exercise: draw inputs in this process (checks.Exercise.Inputs),
//     run the binary in the sandbox (sandbox.go) with the inputs on a pipe,
//     read its outputs from another pipe, and judge them here
//     (checks.Exercise.Judge). The child never scores itself.
//
// cmd/grade grades a class into a gradebook (gradebook.go); cmd/check runs
// the same pipeline on one student's own files.
package grader

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"math/rand"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/pristine"
	"github.com/nma-go/mlp/internal/textcap"
)

// ModulePath is the module the grader builds submissions against: this
// repository's.
const ModulePath = pristine.ModulePath

// Options configure a [Grader].
type Options struct {
	// Root is the module's root folder; default: found above the working
	// directory.
	Root    string
	Sandbox SandboxConfig
	// Workers is how many submissions are graded at once; default: one per
	// CPU.
	Workers int
	// GoCommand runs the builds; default "go" (it needs the module's
	// toolchain settings, see scripts/env.sh).
	GoCommand string
	// Logf, if set, receives progress messages (English).
	Logf func(format string, args ...any)
	// Lang is the language of the students' messages, for submissions that
	// name none (Submission.Lang); default Japanese.
	Lang i18n.Lang
}

// Grader grades submissions. Create it with [New] and release its temporary
// files with Close.
type Grader struct {
	opts      Options
	exercises []checks.Exercise
	skipped   []string
	builder   *builder
	sandbox   *sandbox
	version   string
	tmp       string
	seq       uint64
	seqMu     sync.Mutex
	statsMu   sync.Mutex
	stats     Stats
}

// Stats says where a grader's time went. The durations are sums over all
// workers, so with several workers they can exceed the wall-clock time.
type Stats struct {
	Builds    int           // grading binaries built (identical submissions share one)
	BuildTime time.Duration // time in go build
	Runs      int           // child processes run
	RunTime   time.Duration // time from starting a child to judging it
	Reused    int           // submissions whose earlier result was kept
}

// Stats returns a snapshot of the grader's statistics.
func (g *Grader) Stats() Stats {
	g.statsMu.Lock()
	defer g.statsMu.Unlock()
	return g.stats
}

func (g *Grader) addStats(f func(s *Stats)) {
	g.statsMu.Lock()
	defer g.statsMu.Unlock()
	f(&g.stats)
}

// New prepares a grader: it finds the module, generates the stubs and
// computes the checks' version.
//
// Before it returns, it checks that the children can be confined (see
// SandboxConfig.Mode) and builds the all-stubs grading binary: a toolchain
// that cannot build the stubs is an error for the instructor, before any
// student is graded.
func New(opts Options) (*Grader, error) {
	if opts.Root == "" {
		root, err := pristine.Root()
		if err != nil {
			return nil, err
		}
		opts.Root = root
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	if opts.GoCommand == "" {
		opts.GoCommand = "go"
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	opts.Lang = opts.Lang.Or(i18n.Japanese)
	g := &Grader{opts: opts}
	g.exercises, g.skipped = gradableExercises(opts.Root)
	if len(g.skipped) > 0 {
		opts.Logf("grader: skipping exercises without files in pkg/exercises and pkg/solutions: %s", strings.Join(g.skipped, ", "))
	}
	var files []string
	var funcs []exerciseFunc
	for _, ex := range g.exercises {
		if !slices.Contains(files, ex.File) {
			files = append(files, ex.File)
		}
		funcs = append(funcs, exerciseFunc{ID: string(ex.ID), Function: ex.Function, File: ex.File})
	}
	stubs, err := loadStubs(opts.Root, files)
	if err != nil {
		return nil, err
	}
	if g.version, err = checksVersion(opts.Root); err != nil {
		return nil, err
	}
	if opts.Sandbox.TempDir == "" {
		opts.Sandbox.TempDir = os.TempDir()
	}
	if g.tmp, err = os.MkdirTemp(opts.Sandbox.TempDir, "nma-grade-build-"); err != nil {
		return nil, err
	}
	// The binaries must be reachable by the unprivileged user.
	if err := os.Chmod(g.tmp, 0o755); err != nil {
		g.Close()
		return nil, err
	}
	launcher, err := buildLauncher(opts.Root, opts.GoCommand, g.tmp)
	if err != nil {
		g.Close()
		return nil, err
	}
	sandboxCfg := opts.Sandbox
	if sandboxCfg.Slots <= 0 {
		sandboxCfg.Slots = opts.Workers
	}
	if g.sandbox, err = newSandbox(context.Background(), sandboxCfg, launcher); err != nil {
		g.Close()
		return nil, err
	}
	g.builder = &builder{root: opts.Root, dir: g.tmp, goCmd: opts.GoCommand, stubs: stubs, funcs: funcs,
		inflight: map[string]*buildInFlight{},
		onBuild:  func(d time.Duration) { g.addStats(func(s *Stats) { s.Builds++; s.BuildTime += d }) }}
	opts.Logf("grader: building the exercise stubs (the first build after a change of Go or GoMLX takes about a minute)")
	if _, err := g.builder.build(context.Background(), map[string][]byte{}); err != nil {
		g.Close()
		return nil, fmt.Errorf("grader: the exercise stubs do not build, so no submission can be graded; fix the toolchain or the repository first:\n%w", err)
	}
	return g, nil
}

// Close removes the grader's temporary files.
func (g *Grader) Close() error { return os.RemoveAll(g.tmp) }

// Exercises are the exercises this grader grades, in the registry's order.
func (g *Grader) Exercises() []checks.Exercise { return g.exercises }

// Confinement describes how the children run.
func (g *Grader) Confinement() Confinement { return g.sandbox.describeConfinement() }

// Version is the checks' version (see checksVersion).
func (g *Grader) Version() string { return g.version }

// Root is the module root the grader builds in.
func (g *Grader) Root() string { return g.opts.Root }

// Prepare reads a submission; it is exported for tools that want the
// content hash before grading. The prepared submission's Lang is the
// submission's, or the grader's.
func (g *Grader) Prepare(sub Submission) (*Prepared, error) {
	sub.Lang = sub.Lang.Or(g.opts.Lang)
	return prepare(g.opts.Root, sub, g.exercises)
}

// GradeAll grades submissions on Workers workers and returns their results
// in order. A submission whose previous result has the same content hash,
// checks version and language is not graded again, unless force is set.
func (g *Grader) GradeAll(ctx context.Context, subs []Submission, previous map[string]*StudentResult, force bool) []*StudentResult {
	return g.GradeAllWithProgress(ctx, subs, previous, force, NewLineProgress(g.opts.Logf))
}

func (g *Grader) gradeOrReuse(ctx context.Context, sub Submission, prev *StudentResult, force bool) *StudentResult {
	p, err := g.Prepare(sub)
	if err != nil {
		return &StudentResult{Student: sub.Student, Path: sub.Path, ChecksVersion: g.version, Error: err.Error(), Lang: sub.Lang.Or(g.opts.Lang)}
	}
	if !force && prev != nil && prev.Error == "" && prev.Hash == p.Hash && prev.ChecksVersion == g.version &&
		prev.Confinement == g.sandbox.confinementKind() && prev.Lang.Or(i18n.Japanese) == p.Lang {
		reused := *prev
		reused.Path = sub.Path
		reused.Cached = true
		g.addStats(func(s *Stats) { s.Reused++ })
		return &reused
	}
	return g.GradePrepared(ctx, p)
}

// Grade grades one submission.
func (g *Grader) Grade(ctx context.Context, sub Submission) *StudentResult {
	p, err := g.Prepare(sub)
	if err != nil {
		return &StudentResult{Student: sub.Student, Path: sub.Path, ChecksVersion: g.version, Error: err.Error(), Lang: sub.Lang.Or(g.opts.Lang)}
	}
	return g.GradePrepared(ctx, p)
}

// GradePrepared grades a prepared submission, with the messages in its
// Lang (or the grader's).
func (g *Grader) GradePrepared(ctx context.Context, p *Prepared) *StudentResult {
	l := p.Lang.Or(g.opts.Lang)
	res := &StudentResult{Student: p.Student, Path: p.Path, Hash: p.Hash, ChecksVersion: g.version,
		Confinement: g.sandbox.confinementKind(), Lang: l}
	rejected := map[string]*Rejection{}
	sources := map[string][]byte{}
	for file, src := range p.Sources {
		if r := checkImports(file, src.Data); r != nil {
			rejected[file] = r
			continue
		}
		sources[file] = src.Data
	}
	// Build only when some exercise will run.
	bin := &built{replaced: map[string][]CompileError{}}
	if len(sources) > 0 {
		var err error
		bin, err = g.builder.build(ctx, sources)
		if err != nil {
			res.Error = err.Error()
			return res
		}
	}
	for _, ex := range g.exercises {
		e := ExerciseResult{Result: checks.Result{ExerciseID: ex.ID, Lang: l}, Title: ex.TitleIn(l), MaxPoints: ex.Points}
		src := p.Sources[ex.File]
		switch {
		case p.Missing[string(ex.ID)] != "":
			e.Status, e.Message = checks.NotImplemented, p.Missing[string(ex.ID)]
			e.addFlag(FlagNotSubmitted)
		case rejected[ex.File] != nil:
			r := rejected[ex.File]
			e.Status = checks.Fail
			e.Message = r.DescribeIn(l, src)
			e.addFlag(r.Flag)
		case bin.replaced[ex.File] != nil:
			e.Status = checks.Fail
			e.Message = compileMessage(l, src, ex, bin.replaced[ex.File])
			e.Hint = l.Sprintf("grader.compile_hint")
			e.addFlag(FlagCompileError)
		default:
			g.runExercise(ctx, l, bin, ex, res.Student, src, &e)
		}
		res.Exercises = append(res.Exercises, e)
	}
	res.finish()
	return res
}

// runExercise runs one exercise in the sandbox and judges its outputs, with
// the messages in language l.
func (g *Grader) runExercise(ctx context.Context, l i18n.Lang, bin *built, ex checks.Exercise, student string, src *Source, e *ExerciseResult) {
	if ex.Grader == nil {
		e.Status = checks.NotImplemented
		e.Message = l.Sprintf("grader.no_grader")
		e.addFlag(FlagNoGrader)
		return
	}
	inputs, err := ex.Inputs(g.rng(student, string(ex.ID)))
	if err != nil {
		e.Status, e.Message = checks.Fail, l.Sprintf("grader.inputs_failed", err.Error())
		return
	}
	start := time.Now()
	defer func() { g.addStats(func(s *Stats) { s.Runs++; s.RunTime += time.Since(start) }) }()
	run, err := g.sandbox.run(ctx, bin.path, []string{string(ex.ID)}, inputs)
	if err != nil {
		e.Status, e.Message = checks.Fail, l.Sprintf("grader.run_failed", err.Error())
		return
	}
	e.Output = withDropped(l, run.output, run.dropped)
	switch env := run.envelope; {
	case run.launchErr != "":
		e.Status, e.Message = checks.Fail, l.Sprintf("grader.launch_failed", run.launchErr)
	case env != nil && env.Error == "":
		r := ex.JudgeIn(l, inputs, env.Outputs)
		r.Message = studentPositions(l, r.Message, ex.File, src)
		e.Result = r
	case env != nil:
		e.Status = checks.Fail
		e.Message = l.Sprintf("grader.call_failed", env.Error)
		e.Hint = l.Sprintf("grader.call_failed_hint")
	default:
		e.Status = checks.Fail
		e.Message, e.Hint = g.describeCrash(l, run, ex.File, src, e)
	}
	if changes := run.workdir.describe(l); changes != "" {
		e.Status = checks.Fail
		e.Message = l.Sprintf("grader.workdir", changes)
		e.Hint = ""
		e.addFlag(FlagWorkdir)
	}
}

// describeCrash explains a child that sent no outputs: what ended it
// (the time limit, the memory limit, a panic, a signal or an exit), and
// where in the student's file a panic happened, in language l.
func (g *Grader) describeCrash(l i18n.Lang, run *runResult, file string, src *Source, e *ExerciseResult) (message, hint string) {
	out := run.output
	switch {
	case run.timedOut:
		e.addFlag(FlagTimeout)
		return l.Sprintf("grader.timeout", g.sandbox.cfg.Timeout), l.Sprintf("grader.timeout_hint")
	case strings.Contains(out, "out of memory") || strings.Contains(out, "cannot allocate memory"):
		e.addFlag(FlagMemory)
		return l.Sprintf("grader.memory", formatBytes(g.sandbox.cfg.MemoryLimit)), l.Sprintf("grader.memory_hint")
	case strings.Contains(out, "panic:"):
		e.addFlag(FlagCrash)
		msg := l.Sprintf("grader.panic", textcap.Head(firstLineWith(out, "panic:"), 300))
		if line, ok := traceLine(out, file); ok {
			msg += fmt.Sprintf(" (%s)", position(l, src, file, line))
		}
		return msg, l.Sprintf("grader.panic_hint")
	case run.signal != "":
		e.addFlag(FlagCrash)
		return l.Sprintf("grader.signal", run.signal), ""
	case run.sent > 0:
		e.addFlag(FlagNoResult)
		return l.Sprintf("grader.unreadable_result"), l.Sprintf("grader.unreadable_result_hint")
	case run.exitCode == 0:
		e.addFlag(FlagNoResult)
		return l.Sprintf("grader.exit_zero"), l.Sprintf("grader.exit_zero_hint")
	default:
		e.addFlag(FlagNoResult)
		return l.Sprintf("grader.exit_code", run.exitCode), l.Sprintf("grader.exit_code_hint")
	}
}

// traceLine finds, in a Go panic's stack trace, the first line of file in
// the student's package.
func traceLine(out, file string) (int, bool) {
	m := regexp.MustCompile(`pkg/exercises/` + regexp.QuoteMeta(file) + `:(\d+)`).FindStringSubmatch(out)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// position is line of file in the student's terms, in language l: a
// notebook cell's line when the file was assembled from a notebook.
func position(l i18n.Lang, src *Source, file string, line int) string {
	if src == nil {
		return l.Sprintf("grader.position.file", file, line)
	}
	return src.PositionIn(l, line)
}

// studentPositions rewrites the core's position of a panic in a message,
// "FILE の N 行目" or "line N of FILE" (the catalog's tutorial.panic_site in
// either language: the child writes Japanese, its default, and a result
// judged in English says it in English), into the student's terms (a
// notebook cell's line) and language l.
func studentPositions(l i18n.Lang, msg, file string, src *Source) string {
	if (src == nil || src.spans == nil) && l == i18n.Japanese && !strings.Contains(msg, "line ") {
		return msg
	}
	re := regexp.MustCompile(regexp.QuoteMeta(file) + ` の (\d+) 行目|line (\d+) of ` + regexp.QuoteMeta(file))
	return re.ReplaceAllStringFunc(msg, func(m string) string {
		sub := re.FindStringSubmatch(m)
		n, err := strconv.Atoi(sub[1] + sub[2])
		if err != nil {
			return m
		}
		return position(l, src, file, n)
	})
}

// rng returns a fresh random source for one exercise of one submission: the
// inputs differ on every run and between students.
func (g *Grader) rng(student, id string) *rand.Rand {
	g.seqMu.Lock()
	g.seq++
	seq := g.seq
	g.seqMu.Unlock()
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%d", student, id, seq, time.Now().UnixNano())
	return rand.New(rand.NewSource(int64(h.Sum64())))
}

// compileMessage formats the compiler's messages about a student's file,
// in language l (the compiler's own words stay as the compiler wrote them).
func compileMessage(l i18n.Lang, src *Source, ex checks.Exercise, errs []CompileError) string {
	var b strings.Builder
	b.WriteString(l.Sprintf("grader.compile.header"))
	const maxShown = 5
	for i, ce := range errs {
		b.WriteString("\n  ")
		if i == maxShown {
			b.WriteString(l.Sprintf("grader.compile.more", len(errs)-maxShown))
			break
		}
		switch {
		case ce.Line < 0:
			b.WriteString(l.Sprintf("grader.compile.build", ce.Message))
		case ce.Line == 0:
			b.WriteString(l.Sprintf("grader.compile.function", ex.Function, ce.Message))
		case src != nil:
			b.WriteString(l.Sprintf("grader.compile.at", src.PositionIn(l, ce.Line), ce.Column, ce.Message))
		default:
			b.WriteString(l.Sprintf("grader.compile.line", ce.Line, ce.Column, ce.Message))
		}
	}
	return b.String()
}

// firstLineWith returns the first line of s that contains substr.
func firstLineWith(s, substr string) string {
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if strings.Contains(sc.Text(), substr) {
			return strings.TrimSpace(sc.Text())
		}
	}
	return ""
}

// formatBytes prints a size in GiB or MiB.
func formatBytes(n uint64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}
