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
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nma-go/mlp/internal/grader/child"
	"github.com/nma-go/mlp/internal/grader/launch"
)

// The sandbox. Every exercise of every submission runs in its own child
// process:
//
//   - in a fresh temporary working directory holding one canary file, and
//     with HOME and TMPDIR in a second fresh directory; afterwards the
//     working directory must hold the canary, unchanged, and nothing else;
//   - with a timeout, after which its whole process group is killed;
//   - under resource limits: address space (RLIMIT_AS), file size, open
//     files, core dumps, CPU time, and, once unprivileged, processes;
//   - when the grader runs as root, as an unprivileged user (nobody by
//     default), so that file permissions and process limits apply;
//   - with a minimal environment;
//   - talking to the grader only through two pipes the grader created:
//     inputs on fd 3, outputs on fd 4. Its stdout and stderr are kept for the
//     feedback and never scored.
//
// Limits and the change of user must be in place before any of the student's
// code runs, and package initialisers run before main. So every run starts
// with the launcher (internal/grader/launcher, built once per grader), which
// applies them and then execs the grading binary.

// canaryName is the file every working directory starts with.
const canaryName = "README_採点用.txt"

// canaryText is its content.
const canaryText = "このファイルは採点のためのものです。変更・削除しないでください。\n"

// SandboxConfig sets the confinement of the children.
type SandboxConfig struct {
	Timeout     time.Duration // per child; default 60 s
	MemoryLimit uint64        // RLIMIT_AS in bytes; default 4 GiB
	// User is the unprivileged user the children run as when the grader is
	// root; default "nobody". It is ignored when the grader is not root.
	User string
	// TempDir is where working directories are made; default os.TempDir().
	TempDir string
	// GOMAXPROCS of each child; default 1, since the grader runs one child per
	// core.
	GOMAXPROCS int
}

// Default sandbox settings.
const (
	DefaultTimeout     = 60 * time.Second
	DefaultMemoryLimit = 4 << 30
	defaultUser        = "nobody"
	maxFileSize        = 64 << 20
	maxOpenFiles       = 256
	maxProcesses       = 4096
	keptOutputBytes    = 16 << 10
)

// sandbox runs grading binaries.
type sandbox struct {
	cfg      SandboxConfig
	launcher string // the launcher binary
	drop     bool
	uid, gid int
}

func newSandbox(cfg SandboxConfig, launcher string) (*sandbox, error) {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MemoryLimit == 0 {
		cfg.MemoryLimit = DefaultMemoryLimit
	}
	if cfg.User == "" {
		cfg.User = defaultUser
	}
	if cfg.TempDir == "" {
		cfg.TempDir = os.TempDir()
	}
	if cfg.GOMAXPROCS <= 0 {
		cfg.GOMAXPROCS = 1
	}
	s := &sandbox{cfg: cfg, launcher: launcher}
	if os.Geteuid() == 0 {
		u, err := user.Lookup(cfg.User)
		if err != nil {
			return nil, fmt.Errorf("grader: running as root, the children must run as an unprivileged user: %w (create it, or pass another with -user)", err)
		}
		s.uid, _ = strconv.Atoi(u.Uid)
		s.gid, _ = strconv.Atoi(u.Gid)
		if s.uid == 0 {
			return nil, fmt.Errorf("grader: user %q is root; choose an unprivileged user", cfg.User)
		}
		s.drop = true
	}
	return s, nil
}

// runResult is what one child did.
type runResult struct {
	envelope  *child.Envelope // nil when the child sent nothing usable
	timedOut  bool
	exitCode  int    // -1 when killed by a signal
	signal    string // the signal that killed it, if any
	output    string // the beginning of stdout and stderr
	workdir   string // what changed in the working directory, or ""
	launchErr string // the launcher's own failure, an instructor's problem
	duration  time.Duration
}

// run runs binary with args, sends inputs on fd 3 and reads the envelope from
// fd 4.
func (s *sandbox) run(ctx context.Context, binary string, args []string, inputs []byte) (*runResult, error) {
	start := time.Now()
	top, err := os.MkdirTemp(s.cfg.TempDir, "nma-grade-run-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(top)
	work, home := filepath.Join(top, "work"), filepath.Join(top, "home")
	for _, d := range []string{work, home} {
		if err := os.Mkdir(d, 0o700); err != nil {
			return nil, err
		}
	}
	canary := filepath.Join(work, canaryName)
	if err := os.WriteFile(canary, []byte(canaryText), 0o644); err != nil {
		return nil, err
	}
	if s.drop {
		for _, p := range []string{top, work, home, canary} {
			if err := os.Chown(p, s.uid, s.gid); err != nil {
				return nil, err
			}
		}
	}
	if err := os.Chmod(top, 0o755); err != nil {
		return nil, err
	}

	spec := launch.Spec{
		Exe:  binary,
		Args: args,
		Env: []string{
			"PATH=/usr/local/bin:/usr/bin:/bin",
			"HOME=" + home, "TMPDIR=" + home,
			"LANG=C.UTF-8",
			"GOMAXPROCS=" + strconv.Itoa(s.cfg.GOMAXPROCS),
			"GOTRACEBACK=single",
		},
		Limits: []launch.Limit{
			{Resource: syscall.RLIMIT_AS, Value: s.cfg.MemoryLimit},
			{Resource: syscall.RLIMIT_CORE, Value: 0},
			{Resource: syscall.RLIMIT_FSIZE, Value: maxFileSize},
			{Resource: syscall.RLIMIT_NOFILE, Value: maxOpenFiles},
			{Resource: syscall.RLIMIT_CPU, Value: uint64(2*s.cfg.Timeout/time.Second) + 5},
		},
		Drop: s.drop, UID: s.uid, GID: s.gid,
	}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GOMLX_") {
			spec.Env = append(spec.Env, kv)
		}
	}
	if s.drop {
		// RLIMIT_NPROC counts the user's processes and threads; root ignores it.
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
	cmd.Dir = work
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
	// Whatever the child started goes with it.
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
	_ = outR.SetReadDeadline(time.Now().Add(2 * time.Second))
	<-readDone
	res.duration = time.Since(start)
	res.output = output.String()
	res.exitCode = cmd.ProcessState.ExitCode()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		res.signal = ws.Signal().String()
	}
	var exitErr *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exitErr) && !errors.Is(waitErr, exec.ErrWaitDelay) {
		return nil, fmt.Errorf("grader: waiting for the child: %w", waitErr)
	}
	if res.exitCode == launch.FailureExitCode && strings.Contains(res.output, "grader launcher:") {
		res.launchErr = strings.TrimSpace(res.output)
	}
	res.envelope = decodeEnvelope(envelopeData)
	res.workdir = workdirChanges(work)
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

// workdirChanges describes, in Japanese, how the working directory differs
// from the canary alone; "" when it does not.
func workdirChanges(work string) string {
	entries, err := os.ReadDir(work)
	if err != nil {
		return fmt.Sprintf("作業ディレクトリを読めません (%v)", err)
	}
	var problems []string
	canaryFound := false
	for _, e := range entries {
		if e.Name() == canaryName {
			canaryFound = true
			data, err := os.ReadFile(filepath.Join(work, canaryName))
			if err != nil || string(data) != canaryText {
				problems = append(problems, fmt.Sprintf("%s を書き換えました", canaryName))
			}
			continue
		}
		problems = append(problems, fmt.Sprintf("%s を作りました", e.Name()))
	}
	if !canaryFound {
		problems = append(problems, fmt.Sprintf("%s を削除しました", canaryName))
	}
	return strings.Join(problems, "、")
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

func (h *headBuffer) String() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.dropped > 0 {
		return h.buf.String() + fmt.Sprintf("\n... (%d バイト省略)", h.dropped)
	}
	return h.buf.String()
}
