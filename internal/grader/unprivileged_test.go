//go:build linux

package grader

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// unprivilegedEnv marks the test binary's run as an unprivileged user, so
// that it does not start another.
const unprivilegedEnv = "NMA_GRADER_TEST_UNPRIVILEGED"

// unprivilegedTests are the tests that run again as an unprivileged user.
const unprivilegedTests = "^(TestCorpus|TestSandboxContainsEscapes|TestSaboteurAmongVictims|TestChildBinaryIsStatic)$"

// TestUnprivileged runs the corpus, the escapes and the saboteur again as
// the user nobody, the way an instructor without root grades: bubblewrap
// then creates the namespaces unprivileged, and the grader and every child
// share one uid. It needs root (to become nobody) and runuser, and its own
// module and build caches that nobody can read and write: a copy of the
// module cache (hard links where the file system allows) and a cold build
// cache.
func TestUnprivileged(t *testing.T) {
	if testing.Short() {
		t.Skip("grades the corpus again with a cold build cache")
	}
	if os.Getenv(unprivilegedEnv) != "" {
		t.Skip("already the unprivileged run")
	}
	if os.Geteuid() != 0 {
		t.Skip("the tests already run unprivileged")
	}
	runuser, err := exec.LookPath("runuser")
	if err != nil {
		t.Skip("runuser not found")
	}
	goCmd, err := exec.LookPath("go")
	require.NoError(t, err)
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	modCache := goEnv(t, "GOMODCACHE")

	// Everything nobody needs lives under one folder it can reach.
	home, err := os.MkdirTemp("", "nma-grader-unprivileged-")
	require.NoError(t, err)
	t.Cleanup(func() { _ = exec.Command("rm", "-rf", home).Run() })
	require.NoError(t, os.Chmod(home, 0o755))
	mods := filepath.Join(home, "mod")
	if out, err := exec.Command("cp", "-al", modCache, mods).CombinedOutput(); err != nil {
		t.Logf("hard links failed (%v: %s); copying the module cache", err, out)
		out, err := exec.Command("cp", "-a", modCache, mods).CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
	self, err := os.Executable()
	require.NoError(t, err)
	testBin := filepath.Join(home, "grader.test")
	out, err := exec.Command("cp", self, testBin).CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.NoError(t, os.Chmod(testBin, 0o755))
	for _, d := range []string{"cache", "tmp", "home"} {
		require.NoError(t, os.Mkdir(filepath.Join(home, d), 0o755))
	}
	out, err = exec.Command("chown", "-R", "nobody:", filepath.Join(home, "cache"), filepath.Join(home, "tmp"), filepath.Join(home, "home")).CombinedOutput()
	require.NoError(t, err, "%s", out)

	// The go command of this test is often the toolchain in the module
	// cache (GOTOOLCHAIN): use its copy.
	goDir := filepath.Dir(goCmd)
	if rel, err := filepath.Rel(modCache, goDir); err == nil && !strings.HasPrefix(rel, "..") {
		goDir = filepath.Join(mods, rel)
	}
	env := []string{
		unprivilegedEnv + "=1",
		"PATH=" + goDir + ":/usr/local/go/bin:/usr/local/bin:/usr/bin:/bin",
		"HOME=" + filepath.Join(home, "home"),
		"TMPDIR=" + filepath.Join(home, "tmp"),
		"GOMODCACHE=" + mods,
		"GOCACHE=" + filepath.Join(home, "cache"),
		"GOFLAGS=-mod=readonly",
		"GOPROXY=off",
		"GOTOOLCHAIN=" + goEnv(t, "GOTOOLCHAIN"),
		"GOEXPERIMENT=" + goEnv(t, "GOEXPERIMENT"),
	}
	cmd := exec.Command(runuser, "-u", "nobody", "--", "env", "-i")
	cmd.Args = append(cmd.Args, env...)
	cmd.Args = append(cmd.Args, testBin, "-test.run", unprivilegedTests, "-test.v", "-test.timeout", "40m")
	cmd.Dir = filepath.Join(root, "internal", "grader")
	output, err := cmd.CombinedOutput()
	t.Logf("unprivileged run:\n%s", tailLines(string(output), 60))
	require.NoError(t, err, "the tests fail as an unprivileged user")
	for _, name := range []string{"TestCorpus", "TestSandboxContainsEscapes", "TestSaboteurAmongVictims", "TestChildBinaryIsStatic"} {
		require.Contains(t, string(output), "--- PASS: "+name+" ", "%s ran and passed as nobody", name)
	}
}

// goEnv is one setting of go env.
func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	require.NoError(t, err)
	return strings.TrimSpace(string(out))
}

// tailLines is the last n lines of s.
func tailLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
