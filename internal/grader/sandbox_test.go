//go:build unix

package grader

import (
	"bufio"
	"bytes"
	"context"
	"debug/elf"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// escapeReport is one line of testdata/escape's output.
type escapeReport struct {
	Attempt string `json:"attempt"`
	OK      bool   `json:"ok"`
	Detail  string `json:"detail"`
}

// TestSandboxContainsEscapes runs a child that skips the import policy
// (testdata/escape uses syscall, net and os/exec) in the sandbox, and checks
// that every way out is closed: the host's loopback network, a secret file,
// a classmate's folder, a process of the host, the parent, a shell, new
// namespaces, mounts, its own binary and the repository. A copy of itself
// that it writes to /tmp runs, but confined the same way.
func TestSandboxContainsEscapes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the grader and a hostile child")
	}
	g := newTestGrader(t)
	require.True(t, g.Confinement().Confined(), "the tests run under bubblewrap: %s", g.Confinement())
	bin := buildEscape(t, g)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	var accepted atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	secret := filepath.Join(t.TempDir(), "solutions.go")
	require.NoError(t, os.WriteFile(secret, []byte("the answer"), 0o644))
	victim := t.TempDir()
	require.NoError(t, os.Chmod(victim, 0o777))
	sleeper := exec.Command("sleep", "60")
	require.NoError(t, sleeper.Start())
	defer sleeper.Process.Kill()

	port := ln.Addr().(*net.TCPAddr).Port
	run, err := g.sandbox.run(context.Background(), bin, []string{
		"-port", strconv.Itoa(port), "-secret", secret, "-victim", victim, "-pid", strconv.Itoa(sleeper.Process.Pid)}, nil)
	require.NoError(t, err)
	reports := map[string]escapeReport{}
	sc := bufio.NewScanner(strings.NewReader(run.output))
	for sc.Scan() {
		var r escapeReport
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Attempt != "" {
			reports[r.Attempt] = r
		}
	}
	require.Contains(t, reports, "native-copy", "the child ran to its end:\n%s", run.output)

	for _, attempt := range []string{"dial-host-loopback", "read-secret", "write-victim", "kill-host-process",
		"exec-shell", "new-user-namespace", "mount", "remount-binary-writable",
		"write-own-binary", "see-repository"} {
		r, ok := reports[attempt]
		if assert.True(t, ok, "no report of %s:\n%s", attempt, run.output) {
			assert.False(t, r.OK, "the child succeeded at %s: %s", attempt, r.Detail)
		}
	}
	for _, attempt := range []string{"identity", "native-copy-runs"} {
		r := reports[attempt]
		assert.Contains(t, r.Detail, "uid=65534", "%s: the child is not root", attempt)
		assert.Contains(t, r.Detail, "capeff=0000000000000000", "%s: the child has no capability", attempt)
	}
	assert.Contains(t, reports["signal-parent"].Detail, "ppid=1", "the child's parent is the sandbox's own init, not the grader")
	assert.Equal(t, "2", reports["processes-visible"].Detail, "the child sees only bwrap's init and itself")
	assert.Zero(t, accepted.Load(), "no connection reached the host's listener")
	entries, err := os.ReadDir(victim)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing was written into the classmate's folder")
	assert.NoError(t, sleeper.Process.Signal(syscall.Signal(0)), "the host's process is still running")
}

// buildEscape builds testdata/escape the way the grader builds children.
func buildEscape(t *testing.T, g *Grader) string {
	t.Helper()
	out := filepath.Join(g.tmp, "escape")
	cmd := exec.Command(g.opts.GoCommand, "build", "-trimpath", "-buildvcs=false", "-o", out, "./internal/grader/testdata/escape")
	cmd.Dir = g.opts.Root
	cmd.Env = buildEnv()
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", msg)
	require.NoError(t, os.Chmod(out, 0o755))
	return out
}

// TestChildBinaryIsStatic checks the all-stubs grading binary: static (no
// ELF interpreter, so it starts in a sandbox that holds nothing else) and
// free of this machine's paths (-trimpath).
func TestChildBinaryIsStatic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the grader")
	}
	g := newTestGrader(t)
	b, err := g.builder.build(context.Background(), map[string][]byte{})
	require.NoError(t, err)
	f, err := elf.Open(b.path)
	require.NoError(t, err)
	defer f.Close()
	for _, p := range f.Progs {
		assert.NotEqual(t, elf.PT_INTERP, p.Type, "the grading binary has an ELF interpreter: it is dynamically linked")
	}
	data, err := os.ReadFile(b.path)
	require.NoError(t, err)
	assert.False(t, bytes.Contains(data, []byte(g.Root())), "the grading binary holds the repository's path %s", g.Root())
}

// TestWithoutBubblewrap: cmd/grade refuses and says how to install it;
// cmd/check runs unconfined; -unconfined flags every row.
func TestWithoutBubblewrap(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the grader")
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	missing := filepath.Join(t.TempDir(), "no-bwrap-here")
	_, err = New(Options{Root: root, Workers: 1, Sandbox: SandboxConfig{Bubblewrap: missing}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "apt-get install bubblewrap")
	assert.Contains(t, err.Error(), "-unconfined")

	// The children's user runs it: its folder must be reachable.
	brokenDir, err := os.MkdirTemp("", "nma-broken-bwrap-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(brokenDir) })
	require.NoError(t, os.Chmod(brokenDir, 0o755))
	broken := filepath.Join(brokenDir, "bwrap")
	require.NoError(t, os.WriteFile(broken, []byte("#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n"), 0o755))
	_, err = New(Options{Root: root, Workers: 1, Sandbox: SandboxConfig{Bubblewrap: broken}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "setting up uid map: Permission denied", "the error quotes bwrap")
	assert.Contains(t, err.Error(), "seccomp", "the error names the likely causes")

	for _, mode := range []ConfinementMode{PreferBubblewrap, Unconfined} {
		g, err := New(Options{Root: root, Workers: 1, Sandbox: SandboxConfig{Bubblewrap: missing, Mode: mode, Timeout: corpusTimeout}})
		require.NoError(t, err)
		defer g.Close()
		assert.False(t, g.Confinement().Confined())
		r := g.Grade(context.Background(), NewSubmission(filepath.Join(corpusDir, "correct")))
		require.Empty(t, r.Error)
		assert.Equal(t, r.MaxTotal, r.Total, "an unconfined run still grades")
		assert.Equal(t, []Flag{FlagUnconfined}, r.Flags)
		assert.Equal(t, "none", r.Confinement)
	}
}

// TestBrokenToolchainStopsBeforeGrading: when the stubs do not build, New
// fails with an instructor's error instead of giving every student zero.
func TestBrokenToolchainStopsBeforeGrading(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the launcher")
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	goCmd, err := exec.LookPath("go")
	require.NoError(t, err)
	wrapper := filepath.Join(t.TempDir(), "go")
	// A go command that builds the launcher but no grading binary.
	script := "#!/bin/sh\ncase \"$*\" in *-overlay*) echo 'go: broken toolchain' >&2; exit 1;; esac\nexec " + goCmd + " \"$@\"\n"
	require.NoError(t, os.WriteFile(wrapper, []byte(script), 0o755))
	_, err = New(Options{Root: root, Workers: 1, GoCommand: wrapper})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the exercise stubs do not build")
	assert.Contains(t, err.Error(), "broken toolchain")
}
