//go:build unix

package grader

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nma-go/mlp/internal/grader/child"
	"github.com/nma-go/mlp/internal/grader/launch"
	"github.com/nma-go/mlp/internal/i18n"
)

// The sandbox. Every exercise of every submission runs in its own child
// process:
//
//   - under bubblewrap, in namespaces of its own (confine.go), unless the
//     grader was told to run unconfined;
//   - in a private working directory holding one canary file (workdir.go),
//     with HOME and TMPDIR on a size-limited /tmp of its own;
//   - with a timeout, after which bwrap, and with it the whole PID
//     namespace, is killed;
//   - under resource limits: address space (RLIMIT_AS), file size, open
//     files, core dumps, CPU time, and, when the grader is root, processes;
//   - when the grader is root, as an unprivileged uid of its worker slot;
//   - with a minimal environment;
//   - talking to the grader only through two pipes the grader created:
//     inputs on fd 3, outputs on fd 4. Its stdout and stderr are kept for the
//     feedback and never scored.
//
// Limits and the change of user must be in place before any of the student's
// code runs, and package initialisers run before main. So every run starts
// with the launcher (internal/grader/launcher, built once per grader), which
// applies them and then execs bwrap, which starts the grading binary.

// SandboxConfig sets the confinement of the children.
type SandboxConfig struct {
	Timeout     time.Duration // per child; default 60 s
	MemoryLimit uint64        // RLIMIT_AS in bytes; default 4 GiB
	// UIDBase is the first of the unprivileged uids the children run as when
	// the grader is root: worker slot i runs as UIDBase+i (gid likewise).
	// Default 1900000000, a range no distribution gives to users. It is
	// ignored when the grader is not root.
	UIDBase int
	// TempDir is where working directories are made; default os.TempDir().
	TempDir string
	// GOMAXPROCS of each child; default 1, since the grader runs one child per
	// core.
	GOMAXPROCS int
	// Mode says whether bubblewrap is required (default), preferred or not
	// used.
	Mode ConfinementMode
	// Bubblewrap is the bwrap binary; default: bwrap on PATH.
	Bubblewrap string
	// Slots is how many children may run at once; default 1. Each has its
	// own uid when the grader is root.
	Slots int
}

// Default sandbox settings.
const (
	DefaultTimeout     = 60 * time.Second
	DefaultMemoryLimit = 4 << 30
	DefaultUIDBase     = 1900000000
	maxFileSize        = 64 << 20
	maxOpenFiles       = 256
	maxProcesses       = 1024
	keptOutputBytes    = 16 << 10
)

// sandbox runs grading binaries.
type sandbox struct {
	cfg      SandboxConfig
	launcher string      // the launcher binary
	bwrap    *bubblewrap // nil when unconfined
	drop     bool        // the grader is root: change to a slot's uid
	slots    chan int    // free worker slots
}

func newSandbox(ctx context.Context, cfg SandboxConfig, launcher string) (*sandbox, error) {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MemoryLimit == 0 {
		cfg.MemoryLimit = DefaultMemoryLimit
	}
	if cfg.UIDBase <= 0 {
		cfg.UIDBase = DefaultUIDBase
	}
	if cfg.TempDir == "" {
		cfg.TempDir = os.TempDir()
	}
	if cfg.GOMAXPROCS <= 0 {
		cfg.GOMAXPROCS = 1
	}
	if cfg.Slots <= 0 {
		cfg.Slots = 1
	}
	s := &sandbox{cfg: cfg, launcher: launcher, drop: os.Geteuid() == 0, slots: make(chan int, cfg.Slots)}
	for i := range cfg.Slots {
		s.slots <- i
	}
	if cfg.Mode == Unconfined {
		return s, nil
	}
	path, err := findBubblewrap(cfg.Bubblewrap)
	if err == nil {
		var version string
		if version, err = s.probeBubblewrap(ctx, path); err == nil {
			s.bwrap = &bubblewrap{path: path, version: version}
			return s, nil
		}
	} else {
		err = errNoBubblewrap(err)
	}
	if cfg.Mode == PreferBubblewrap {
		return s, nil
	}
	return nil, err
}

// owner is the uid and gid of slot's children on the host, or -1s when the
// grader does not change user.
func (s *sandbox) owner(slot int) [2]int {
	if !s.drop {
		return [2]int{-1, -1}
	}
	return [2]int{s.cfg.UIDBase + slot, s.cfg.UIDBase + slot}
}

// cpuSeconds is the RLIMIT_CPU of a child.
func (s *sandbox) cpuSeconds() int { return int(2*s.cfg.Timeout/time.Second) + 5 }

// runResult is what one child did.
type runResult struct {
	envelope  *child.Envelope // nil when the child sent nothing usable
	sent      int             // bytes the child wrote on its outputs pipe
	timedOut  bool
	exitCode  int    // -1 when killed by a signal
	signal    string // the signal that killed it, if any
	output    string // the beginning of stdout and stderr
	dropped   int    // how many bytes of stdout and stderr output leaves out
	workdir   workdirChanges
	launchErr string // the launcher's own failure, an instructor's problem
	duration  time.Duration
}

// run runs binary with args in a fresh sandbox, sends inputs on fd 3 and
// reads the envelope from fd 4.
func (s *sandbox) run(ctx context.Context, binary string, args []string, inputs []byte) (*runResult, error) {
	var slot int
	select {
	case slot = <-s.slots:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { s.slots <- slot }()
	work, err := newWorkdir(s.cfg.TempDir, s.owner(slot))
	if err != nil {
		return nil, err
	}
	defer work.remove()
	var exe string
	var exeArgs, env []string
	if s.bwrap != nil {
		exe = s.bwrap.path
		exeArgs = bwrapArgs(map[string]string{binary: sandboxBinary}, work.dir,
			s.childEnv("/tmp"), sandboxBinary, args)
	} else {
		exe, exeArgs, env = binary, args, s.childEnv(work.dir)
	}
	res, err := s.start(ctx, slot, exe, exeArgs, env, inputs, work.dir)
	if err != nil {
		return nil, err
	}
	res.workdir = work.inspect()
	return res, nil
}

// childEnv is the grading binary's whole environment, with home as HOME
// and TMPDIR.
func (s *sandbox) childEnv(home string) []string {
	env := []string{
		"PATH=/grade",
		"HOME=" + home, "TMPDIR=" + home,
		"LANG=C.UTF-8",
		"GOMAXPROCS=" + strconv.Itoa(s.cfg.GOMAXPROCS),
		"GOTRACEBACK=single",
	}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GOMLX_") {
			env = append(env, kv)
		}
	}
	return env
}

// start runs the launcher in dir, which confines itself and execs exe with
// args (bwrap, or the grading binary when unconfined) and env (nil: an empty
// environment, bwrap sets the child's), and waits for it within the timeout.
func (s *sandbox) start(ctx context.Context, slot int, exe string, args, env []string, inputs []byte, dir string) (*runResult, error) {
	start := time.Now()
	owner := s.owner(slot)
	spec := launch.Spec{
		Exe:  exe,
		Args: args,
		Env:  env,
		Limits: []launch.Limit{
			{Resource: syscall.RLIMIT_AS, Value: s.cfg.MemoryLimit},
			{Resource: syscall.RLIMIT_CORE, Value: 0},
			{Resource: syscall.RLIMIT_FSIZE, Value: maxFileSize},
			{Resource: syscall.RLIMIT_NOFILE, Value: maxOpenFiles},
			{Resource: syscall.RLIMIT_CPU, Value: uint64(s.cpuSeconds())},
		},
		Drop: s.drop, UID: owner[0], GID: owner[1],
	}
	if s.drop {
		// RLIMIT_NPROC counts the uid's processes and threads; the slot's uid
		// is the child's alone. Root ignores it.
		spec.Limits = append(spec.Limits, launch.Limit{Resource: launch.RlimitNPROC, Value: maxProcesses})
	}
	specJSON, err := json.Marshal(spec)
	if err != nil {
		return nil, err
	}
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, err
	}
	defer outR.Close()
	cmd := exec.Command(s.launcher)
	cmd.Env = []string{launch.EnvVar + "=" + string(specJSON)}
	cmd.Dir = dir
	cmd.ExtraFiles = []*os.File{inR, outW}
	output := &headBuffer{limit: keptOutputBytes}
	cmd.Stdout, cmd.Stderr = output, output
	cmd.SysProcAttr = launch.SysProcAttr()
	cmd.WaitDelay = time.Second
	err = cmd.Start()
	inR.Close()
	outW.Close()
	if err != nil {
		inW.Close()
		return nil, fmt.Errorf("grader: starting the launcher: %w", err)
	}
	pgid := cmd.Process.Pid
	go func() {
		// The child may never read, or close fd 3 early; neither matters.
		_, _ = inW.Write(inputs)
		inW.Close()
	}()
	var envelopeData []byte
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		envelopeData, _ = io.ReadAll(io.LimitReader(outR, child.MaxMessageBytes))
	}()
	waitDone := make(chan error, 1)
	go func() { waitDone <- cmd.Wait() }()

	res := &runResult{}
	timer := time.NewTimer(s.cfg.Timeout)
	defer timer.Stop()
	var waitErr error
	select {
	case waitErr = <-waitDone:
	case <-timer.C:
		res.timedOut = true
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		waitErr = <-waitDone
	case <-ctx.Done():
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-waitDone
		return nil, ctx.Err()
	}
	// Whatever the child started goes with it: bwrap's death ends the PID
	// namespace; unconfined, the process group is killed.
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	_ = outR.SetReadDeadline(time.Now().Add(2 * time.Second))
	<-readDone
	res.duration = time.Since(start)
	res.output, res.dropped = output.kept()
	res.exitCode = cmd.ProcessState.ExitCode()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		res.signal = ws.Signal().String()
	} else if s.bwrap != nil && exe == s.bwrap.path && res.exitCode > 128 && res.exitCode <= 128+64 {
		// bwrap exits with 128+N when its child dies of signal N.
		res.signal = syscall.Signal(res.exitCode - 128).String()
	}
	var exitErr *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exitErr) && !errors.Is(waitErr, exec.ErrWaitDelay) {
		return nil, fmt.Errorf("grader: waiting for the child: %w", waitErr)
	}
	if res.exitCode == launch.FailureExitCode && strings.Contains(res.output, "grader launcher:") {
		res.launchErr = strings.TrimSpace(res.output)
	}
	res.sent = len(envelopeData)
	res.envelope = decodeEnvelope(envelopeData)
	return res, nil
}

// decodeEnvelope reads the first JSON value the child sent, or returns nil.
func decodeEnvelope(data []byte) *child.Envelope {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	var env child.Envelope
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&env); err != nil {
		return nil
	}
	return &env
}

// headBuffer keeps the first limit bytes written to it and counts the rest.
type headBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	limit   int
	dropped int
}

func (h *headBuffer) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	room := h.limit - h.buf.Len()
	if room > len(p) {
		room = len(p)
	}
	if room > 0 {
		h.buf.Write(p[:room])
	}
	h.dropped += len(p) - max(room, 0)
	return len(p), nil
}

// kept is what the buffer kept, and how many bytes it dropped.
func (h *headBuffer) kept() (string, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.buf.String(), h.dropped
}

// String is what the buffer kept, with a line in Japanese saying how much
// it dropped (see withDropped).
func (h *headBuffer) String() string {
	kept, dropped := h.kept()
	return withDropped(i18n.Japanese, kept, dropped)
}

// withDropped is the kept output, followed when dropped > 0 by a line in
// language l saying how many bytes were left out.
func withDropped(l i18n.Lang, kept string, dropped int) string {
	if dropped > 0 {
		return kept + "\n" + l.Sprintf("grader.output_dropped", dropped)
	}
	return kept
}
