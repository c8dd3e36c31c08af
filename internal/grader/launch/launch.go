//go:build unix

// Package launch is the first program of every grading run: it applies the
// resource limits, drops root privileges, and then execs the grading binary,
// so that all of it, the student's package initialisers included, runs
// confined.
//
// It is built as its own small binary (internal/grader/launcher) rather than
// run from the grader's executable: it starts in about a millisecond, and it
// imports nothing but the standard library.
package launch

import (
	"encoding/json"
	"fmt"
	"os"
	"syscall"
)

// EnvVar carries the [Spec], as JSON, from the grader to the launcher.
const EnvVar = "NMA_GRADER_LAUNCH"

// FailureExitCode is the launcher's exit code when it cannot confine or
// start the child; its message on stderr starts with "grader launcher:".
const FailureExitCode = 125

// ProbeOutput is what the launcher prints when started as `launcher -probe`.
const ProbeOutput = "nma-grader-probe ok"

// Spec is what the launcher does before it execs the child.
type Spec struct {
	Exe    string   `json:"exe"`    // the grading binary
	Args   []string `json:"args"`   // its arguments, without argv[0]
	Env    []string `json:"env"`    // its whole environment
	Limits []Limit  `json:"limits"` // setrlimit calls, soft = hard
	Drop   bool     `json:"drop"`   // change to UID and GID (the launcher runs as root)
	UID    int      `json:"uid"`
	GID    int      `json:"gid"`
}

// Limit is one resource limit.
type Limit struct {
	Resource int    `json:"resource"` // syscall.RLIMIT_*
	Value    uint64 `json:"value"`
}

// Main applies the Spec in the environment and execs the child; it never
// returns. Everything it does is undone by nothing: limits and credentials
// pass to the child through exec.
func Main() {
	if len(os.Args) == 2 && os.Args[1] == "-probe" {
		// The grader checks that a sandbox starts by running this binary in
		// one; see ProbeOutput.
		fmt.Println(ProbeOutput)
		os.Exit(0)
	}
	spec := os.Getenv(EnvVar)
	if spec == "" {
		fail("%s is not set; this program is started by the grader", EnvVar)
	}
	var s Spec
	if err := json.Unmarshal([]byte(spec), &s); err != nil {
		fail("bad spec: %v", err)
	}
	for _, l := range s.Limits {
		if err := syscall.Setrlimit(l.Resource, &syscall.Rlimit{Cur: l.Value, Max: l.Value}); err != nil {
			fail("setrlimit(%d, %d): %v", l.Resource, l.Value, err)
		}
	}
	if s.Drop {
		if err := syscall.Setgroups(nil); err != nil {
			fail("setgroups: %v", err)
		}
		if err := syscall.Setgid(s.GID); err != nil {
			fail("setgid(%d): %v", s.GID, err)
		}
		if err := syscall.Setuid(s.UID); err != nil {
			fail("setuid(%d): %v", s.UID, err)
		}
		if os.Getuid() == 0 || os.Geteuid() == 0 {
			fail("still root after setuid(%d)", s.UID)
		}
		// A change of credentials clears the parent-death signal.
		if err := setParentDeathSignal(); err != nil {
			fail("%v", err)
		}
	}
	err := syscall.Exec(s.Exe, append([]string{s.Exe}, s.Args...), s.Env)
	fail("exec %s: %v", s.Exe, err)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "grader launcher: "+format+"\n", args...)
	os.Exit(FailureExitCode)
}
