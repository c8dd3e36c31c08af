//go:build unix

package grader

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/nma-go/mlp/internal/grader/launch"
)

// The confinement. Every child runs under bubblewrap (bwrap, the sandbox
// under Flatpak) in namespaces of its own:
//
//   - user: it is uid and gid 65534 inside, with no capabilities, and may not
//     create further user namespaces (--disable-userns);
//   - pid: it sees only its own processes, so it can signal neither the
//     grader nor a classmate's child; killing bwrap ends the namespace;
//   - network: no interface but its own loopback, so no connection leaves it;
//   - ipc, uts and cgroup;
//   - mount: a file system that holds only the grading binary (read-only,
//     at [sandboxBinary]), a minimal /dev, its own /proc, a size-limited
//     /tmp and its private working directory at [sandboxWorkdir]. Nothing of
//     the repository, the module cache, the host's /proc or other
//     submissions exists in it.
//
// When the grader is root, the launcher also drops to an unprivileged user
// before it starts bwrap: each worker slot has a uid of its own
// (SandboxConfig.UIDBase plus the slot), so process limits and file
// ownership are never shared between two children that run at once.

// Where things are inside the sandbox.
const (
	sandboxBinary  = "/grade/child"
	sandboxProbe   = "/grade/probe"
	sandboxWorkdir = "/work"
	sandboxUID     = 65534
	sandboxTmpSize = 64 << 20
)

// ConfinementMode says whether the children must run under bubblewrap.
type ConfinementMode int

const (
	// RequireBubblewrap refuses to grade without a working bubblewrap (the
	// default, for cmd/grade).
	RequireBubblewrap ConfinementMode = iota
	// PreferBubblewrap uses bubblewrap when it works and runs unconfined
	// otherwise (cmd/check, where students run their own code).
	PreferBubblewrap
	// Unconfined never uses bubblewrap (cmd/grade -unconfined); every
	// result is flagged [FlagUnconfined].
	Unconfined
)

// Confinement describes how the children of a grader run; the gradebook
// records it.
type Confinement struct {
	Sandbox string `json:"sandbox"`           // "bubblewrap" or "none"
	Version string `json:"version,omitempty"` // e.g. "bubblewrap 0.8.0"
	Detail  string `json:"detail"`            // namespaces, users and limits, in English
}

// Confined reports whether the children run in a sandbox.
func (c Confinement) Confined() bool { return c.Sandbox == "bubblewrap" }

// String is the confinement in one line.
func (c Confinement) String() string {
	if c.Version != "" {
		return c.Version + ": " + c.Detail
	}
	return c.Sandbox + ": " + c.Detail
}

// bubblewrap is a bwrap binary that was found to work.
type bubblewrap struct {
	path, version string
}

// findBubblewrap locates bwrap: path if set, else on PATH.
func findBubblewrap(path string) (string, error) {
	if path == "" {
		path = "bwrap"
	}
	return exec.LookPath(path)
}

// bwrapArgs are bwrap's arguments to run exe (already inside, at inside)
// with args in the sandbox, working directory work (a host folder) mounted
// writable at [sandboxWorkdir]. bind lists host files to mount read-only at
// inside paths.
func bwrapArgs(bind map[string]string, work string, env []string, inside string, args []string) []string {
	a := []string{
		"--unshare-all", "--unshare-user", "--disable-userns",
		"--uid", strconv.Itoa(sandboxUID), "--gid", strconv.Itoa(sandboxUID),
		"--hostname", "grader",
		"--die-with-parent", "--new-session",
		"--cap-drop", "ALL",
	}
	for host, in := range bind {
		a = append(a, "--ro-bind", host, in)
	}
	a = append(a,
		"--dev", "/dev",
		"--proc", "/proc",
		"--size", strconv.Itoa(sandboxTmpSize), "--tmpfs", "/tmp",
		"--bind", work, sandboxWorkdir,
		"--chdir", sandboxWorkdir,
		"--clearenv",
	)
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		a = append(a, "--setenv", k, v)
	}
	a = append(a, "--", inside)
	return append(a, args...)
}

// probeBubblewrap runs a no-op sandbox the way every child will run: the
// launcher (with limits and, as root, the change of user) starts bwrap,
// which runs the launcher itself in probe mode. It returns bwrap's version,
// or an error that says how to fix the machine.
func (s *sandbox) probeBubblewrap(ctx context.Context, bwrap string) (string, error) {
	version := "bubblewrap of unknown version"
	if out, err := exec.Command(bwrap, "--version").Output(); err == nil {
		version = strings.TrimSpace(string(out))
	}
	work, err := newWorkdir(s.cfg.TempDir, s.owner(0))
	if err != nil {
		return "", err
	}
	defer work.remove()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	args := bwrapArgs(map[string]string{s.launcher: sandboxProbe}, work.dir, nil, sandboxProbe, []string{"-probe"})
	res, err := s.start(ctx, 0, bwrap, args, nil, nil, work.dir)
	if err != nil {
		return "", err
	}
	if strings.Contains(res.output, launch.ProbeOutput) && res.exitCode == 0 {
		return version, nil
	}
	return "", fmt.Errorf("grader: bubblewrap (%s, %s) is installed but cannot start a sandbox on this machine:\n  %s\n%s",
		bwrap, version, strings.TrimSpace(strings.ReplaceAll(res.output, "\n", "\n  ")), userNamespaceDiagnosis())
}

// errNoBubblewrap explains what to do when bwrap is missing.
func errNoBubblewrap(err error) error {
	return fmt.Errorf("grader: bubblewrap (bwrap) was not found (%v). The grader runs every student's code "+
		"inside it, so that no submission can read the answers or touch a classmate's run.\n"+
		"  Install it: apt-get install bubblewrap (Debian, Ubuntu), dnf install bubblewrap (Fedora).\n"+
		"  To grade anyway without confinement, pass -unconfined: every row is then flagged %q", err, FlagUnconfined)
}

// userNamespaceDiagnosis names the likely reasons why an unprivileged user
// namespace cannot be created, reading what the kernel exposes.
func userNamespaceDiagnosis() string {
	var causes []string
	if v, ok := readSysctl("/proc/sys/kernel/apparmor_restrict_unprivileged_userns"); ok && v != "0" {
		causes = append(causes, "AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = "+v+
			", the default on Ubuntu 23.10 and later, and on GitHub's recent Ubuntu runners): "+
			"run `sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`, or install an AppArmor profile that allows bwrap to use them")
	}
	if v, ok := readSysctl("/proc/sys/kernel/unprivileged_userns_clone"); ok && v == "0" {
		causes = append(causes, "the kernel forbids unprivileged user namespaces (kernel.unprivileged_userns_clone = 0): run `sysctl -w kernel.unprivileged_userns_clone=1`")
	}
	if v, ok := readSysctl("/proc/sys/user/max_user_namespaces"); ok && v == "0" {
		causes = append(causes, "user namespaces are disabled (user.max_user_namespaces = 0): raise it, e.g. `sysctl -w user.max_user_namespaces=15000`")
	}
	seccomp := "a seccomp profile may forbid creating namespaces (unshare, clone with namespace flags)"
	if status, err := os.ReadFile("/proc/self/status"); err == nil && bytes.Contains(status, []byte("Seccomp:\t2")) {
		seccomp = "this process runs under a seccomp filter, which may forbid creating namespaces"
	}
	causes = append(causes, seccomp+": Docker's and containerd's default profiles do. Run the container with "+
		"--security-opt seccomp=unconfined (Docker) or securityContext.seccompProfile.type: Unconfined (Kubernetes), "+
		"or a profile that allows unshare and clone")
	var b strings.Builder
	b.WriteString("Likely causes:")
	for _, c := range causes {
		b.WriteString("\n  - " + c)
	}
	b.WriteString("\nTo grade anyway without confinement, pass -unconfined: every row is then flagged \"" + string(FlagUnconfined) + "\".")
	return b.String()
}

// readSysctl reads a one-line file under /proc/sys.
func readSysctl(path string) (string, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(string(data)), true
}

// confinementKind is Confinement.Sandbox, for each result.
func (s *sandbox) confinementKind() string {
	if s.bwrap == nil {
		return "none"
	}
	return "bubblewrap"
}

// describeConfinement says, in English, what the sandbox does, for the
// gradebook.
func (s *sandbox) describeConfinement() Confinement {
	limits := fmt.Sprintf("limits: address space %s, file size %s, %d open files, CPU %ds, timeout %s",
		formatBytes(s.cfg.MemoryLimit), formatBytes(maxFileSize), maxOpenFiles, s.cpuSeconds(), s.cfg.Timeout)
	if s.drop {
		limits += fmt.Sprintf(", %d processes per child", maxProcesses)
	}
	users := "children run as the grader's user"
	if s.drop {
		users = fmt.Sprintf("children run as uid %d+slot (one uid per worker)", s.cfg.UIDBase)
	}
	if s.bwrap == nil {
		return Confinement{Sandbox: "none", Detail: "no namespaces; " + users + "; " + limits}
	}
	return Confinement{Sandbox: "bubblewrap", Version: s.bwrap.version,
		Detail: fmt.Sprintf("user, pid, ipc, uts, net and cgroup namespaces; uid %d inside without capabilities; "+
			"read-only binary, own /proc, %s /tmp, private working directory; %s; %s",
			sandboxUID, formatBytes(sandboxTmpSize), users, limits)}
}
