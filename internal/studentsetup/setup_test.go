package studentsetup

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The Japanese lines scripts/setup.sh prints for what is missing.
const (
	jupyterMissing   = "Jupyter Notebook が見つかりません"
	notebookMissing  = "jupyter はありますが、Notebook が入っていません"
	goMissing        = "Go (1.21 以降) が見つかりません"
	goTooOld         = "Go (1.21 以降) が必要ですが、入っているのは go1.19.8 です"
	debianJupyter    = "Debian/Ubuntu: sudo apt-get install jupyter-notebook jupyter-nbconvert"
	macJupyter       = "macOS: brew install pipx && pipx ensurepath && pipx install --include-deps notebook"
	debianGo         = "Debian/Ubuntu: sudo apt-get install golang-go"
	macGo            = "macOS: brew install go"
	nothingChanged   = "まだ何も変更していません"
	unknownOption    = "不明なオプションです: --bogus"
	setupMissingExit = 1
	setupOptionExit  = 2
)

func isJupyter(name string) bool { return strings.HasPrefix(name, "jupyter") }

// TestSetupSaysWhatIsMissing runs scripts/setup.sh on a PATH that lacks
// Jupyter (and, in some cases, Go): it must name what is missing, say how to
// install it on Debian/Ubuntu and macOS, exit 1, and change nothing (no
// kernel spec, nothing in HOME).
func TestSetupSaysWhatIsMissing(t *testing.T) {
	root := repoRoot(t)
	bash, err := exec.LookPath("bash")
	require.NoError(t, err)
	tests := []struct {
		name    string
		drop    func(string) bool
		fakes   map[string]string
		args    []string
		want    []string
		notWant []string
		code    int
	}{
		{
			name: "no jupyter", drop: isJupyter,
			want:    []string{jupyterMissing, debianJupyter, macJupyter, nothingChanged},
			notWant: []string{"Go (1.21 以降)"},
			code:    setupMissingExit,
		},
		{
			name: "no jupyter on macOS", drop: isJupyter,
			fakes:   map[string]string{"uname": `echo Darwin`},
			want:    []string{jupyterMissing, macJupyter, nothingChanged},
			notWant: []string{"Debian/Ubuntu:"},
			code:    setupMissingExit,
		},
		{
			name: "jupyter without the notebook server", drop: isJupyter,
			fakes:   map[string]string{"jupyter": `[ "$1" = notebook ] && { echo "No such subcommand: notebook" >&2; exit 1; }; exit 0`},
			want:    []string{notebookMissing, debianJupyter, nothingChanged},
			notWant: []string{"Go (1.21 以降)"},
			code:    setupMissingExit,
		},
		{
			name: "neither go nor jupyter",
			drop: func(n string) bool { return isJupyter(n) || n == "go" || n == "gofmt" },
			want: []string{goMissing, debianGo, macGo, jupyterMissing, debianJupyter, nothingChanged},
			code: setupMissingExit,
		},
		{
			name:  "go too old, no jupyter",
			drop:  isJupyter,
			fakes: map[string]string{"go": `[ "$1 $2" = "env GOVERSION" ] && { echo go1.19.8; exit 0; }; echo "fake go: $*" >&2; exit 1`},
			want:  []string{goTooOld, debianGo, jupyterMissing, nothingChanged},
			code:  setupMissingExit,
		},
		{
			name: "options are checked first", drop: isJupyter,
			args: []string{"--bogus"},
			want: []string{unknownOption},
			code: setupOptionExit,
		},
		{
			name: "the container's options are accepted", drop: isJupyter,
			args: []string{"--no-open", "--", "--ip=0.0.0.0", "--no-browser"},
			want: []string{jupyterMissing},
			code: setupMissingExit,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bin := pathWithout(t, tc.drop, tc.fakes)
			home, data := t.TempDir(), t.TempDir()
			env := []string{"PATH=" + bin, "HOME=" + home, "JUPYTER_DATA_DIR=" + data}
			args := append([]string{filepath.Join(root, "scripts", "setup.sh")}, tc.args...)
			stdout, stderr, code := run(t, t.TempDir(), env, bash, args...)
			assert.Equal(t, tc.code, code, "exit status; stderr:\n%s", stderr)
			for _, w := range tc.want {
				assert.Contains(t, stderr, w)
			}
			for _, w := range tc.notWant {
				assert.NotContains(t, stderr, w)
			}
			assert.Empty(t, stdout, "nothing may start before the checks pass")
			// The go command keeps its own telemetry counters in HOME on every
			// run (`go env GOVERSION` included); anything else would be setup's.
			var changed []string
			for _, f := range filesUnder(t, home) {
				if !strings.HasPrefix(f, filepath.Join(home, ".config", "go", "telemetry")+string(filepath.Separator)) {
					changed = append(changed, f)
				}
			}
			assert.Empty(t, changed, "setup must change nothing in HOME when something is missing")
			assert.Empty(t, filesUnder(t, data), "setup must not install a kernel when something is missing")
		})
	}
}

// TestMakeNotebookRunsSetup: `make notebook` is the setup script.
func TestMakeNotebookRunsSetup(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "Makefile"))
	require.NoError(t, err)
	assert.Contains(t, string(data), "\nnotebook:\n\tbash scripts/setup.sh $(ARGS)\n")
	assert.Regexp(t, `(?m)^\.PHONY:.* notebook( |$)`, string(data))
}
