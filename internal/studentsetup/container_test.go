package studentsetup

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The student container and its devcontainer. They cannot be built here (no
// container engine); these tests check what can be checked without one.
const (
	containerfile = "containers/student/Containerfile"
	devcontainer  = ".devcontainer/devcontainer.json"
)

// instruction is one instruction of a Containerfile, continuation lines joined.
type instruction struct {
	Line int    // 1-based line of its first line
	Op   string // FROM, RUN, ...
	Args string
}

// parseContainerfile splits a Containerfile into instructions. It fails the
// test on an unknown instruction or a dangling continuation.
func parseContainerfile(t *testing.T, text string) []instruction {
	t.Helper()
	known := map[string]bool{"ARG": true, "FROM": true, "RUN": true, "USER": true, "WORKDIR": true,
		"ENV": true, "COPY": true, "EXPOSE": true, "CMD": true, "LABEL": true, "ENTRYPOINT": true}
	var out []instruction
	var cur *instruction
	for i, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if cur == nil && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		cont := strings.HasSuffix(trimmed, `\`)
		body := strings.TrimSuffix(trimmed, `\`)
		if cur == nil {
			op, args, _ := strings.Cut(body, " ")
			require.True(t, known[op], "%s:%d: unknown instruction %q", containerfile, i+1, op)
			cur = &instruction{Line: i + 1, Op: op, Args: strings.TrimSpace(args)}
		} else {
			cur.Args += " " + strings.TrimSpace(body)
		}
		if !cont {
			out = append(out, *cur)
			cur = nil
		}
	}
	require.Nil(t, cur, "%s ends inside a continued instruction", containerfile)
	return out
}

// envAssignments parses ENV's NAME=value pairs (values may be double-quoted).
func envAssignments(t *testing.T, args string) map[string]string {
	t.Helper()
	vars := map[string]string{}
	re := regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)`)
	rest := re.ReplaceAllStringFunc(args, func(m string) string {
		sub := re.FindStringSubmatch(m)
		vars[sub[1]] = strings.Trim(sub[2], `"`)
		return ""
	})
	require.Empty(t, strings.TrimSpace(rest), "ENV %s: not NAME=value pairs", args)
	return vars
}

var scriptMention = regexp.MustCompile(`scripts/[A-Za-z0-9_.-]+\.sh`)

// setupAccepts reports setup.sh's exit status for args on a PATH without
// Jupyter: 1 (Jupyter missing) means the options were accepted, 2 that they
// were not.
func setupAccepts(t *testing.T, root string, env []string, args ...string) int {
	t.Helper()
	bash, err := exec.LookPath("bash")
	require.NoError(t, err)
	bin := pathWithout(t, isJupyter, nil)
	env = append([]string{"PATH=" + bin, "HOME=" + t.TempDir()}, env...)
	_, stderr, code := run(t, root, env, bash, append([]string{"scripts/setup.sh"}, args...)...)
	if code != setupMissingExit {
		t.Logf("setup.sh %s:\n%s", strings.Join(args, " "), stderr)
	}
	return code
}

// TestStudentContainerfile checks the recipe's syntax and what it runs: the
// Go image of go.mod's version, shell commands that parse, scripts and COPY
// sources that exist, options that setup.sh accepts, and no download after
// GOPROXY=off.
func TestStudentContainerfile(t *testing.T) {
	root := repoRoot(t)
	data, err := os.ReadFile(filepath.Join(root, containerfile))
	require.NoError(t, err)
	ins := parseContainerfile(t, string(data))
	require.NotEmpty(t, ins)

	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	require.NoError(t, err)
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	require.NotNil(t, goVersion)
	require.Equal(t, "ARG", ins[0].Op)
	assert.Regexp(t, `^GO_IMAGE=docker\.io/library/golang:`+regexp.QuoteMeta(string(goVersion[1]))+`-(bookworm|trixie)$`, ins[0].Args,
		"a Debian Go image of go.mod's version")
	require.Equal(t, "FROM", ins[1].Op)
	assert.Equal(t, "${GO_IMAGE}", ins[1].Args)

	env := map[string]string{}
	var runsSetup, offlineAt, lastRun int
	var cmd []string
	for i, in := range ins {
		switch in.Op {
		case "RUN":
			lastRun = i
			out, err := exec.Command("bash", "-n", "-c", in.Args).CombinedOutput()
			assert.NoError(t, err, "%s:%d: RUN does not parse as shell: %s", containerfile, in.Line, out)
			if strings.Contains(in.Args, "scripts/setup.sh") {
				runsSetup = i
				args := strings.Fields(in.Args[strings.Index(in.Args, "scripts/setup.sh")+len("scripts/setup.sh"):])
				assert.Equal(t, setupMissingExit, setupAccepts(t, root, nil, args...), "%s:%d: setup.sh must accept %q", containerfile, in.Line, args)
			}
		case "ENV":
			for k, v := range envAssignments(t, in.Args) {
				env[k] = v
				if k == "GOPROXY" && v == "off" {
					offlineAt = i
				}
			}
		case "COPY":
			var srcs []string
			for _, f := range strings.Fields(in.Args) {
				if !strings.HasPrefix(f, "--") {
					srcs = append(srcs, f)
				}
			}
			require.GreaterOrEqual(t, len(srcs), 2, "%s:%d: COPY needs a source and a destination", containerfile, in.Line)
			for _, src := range srcs[:len(srcs)-1] {
				_, err := os.Stat(filepath.Join(root, src))
				assert.NoError(t, err, "%s:%d: COPY source", containerfile, in.Line)
			}
		case "CMD":
			require.NoError(t, json.Unmarshal([]byte(in.Args), &cmd), "%s:%d: CMD must be a JSON array", containerfile, in.Line)
		}
		for _, s := range scriptMention.FindAllString(in.Args, -1) {
			assert.FileExists(t, filepath.Join(root, s), "%s:%d names %s", containerfile, in.Line, s)
		}
	}
	assert.NotZero(t, runsSetup, "the image is set up by the students' own scripts/setup.sh")
	assert.Greater(t, offlineAt, runsSetup, "GOPROXY=off comes after the setup that downloads")
	assert.Greater(t, offlineAt, lastRun, "nothing runs after GOPROXY=off")
	assert.Equal(t, "local", env["NMA_GOTOOLCHAIN"], "the image's Go is go.mod's: no toolchain download")
	assert.Equal(t, "simd", env["GOEXPERIMENT"])

	// At run time: setup.sh serves Jupyter on the exposed port, on all interfaces.
	require.NotEmpty(t, cmd)
	assert.Equal(t, []string{"bash", "scripts/setup.sh"}, cmd)
	jupyterArgs := strings.Fields(env["NMA_JUPYTER_ARGS"])
	assert.Contains(t, jupyterArgs, "--ip=0.0.0.0")
	assert.Contains(t, jupyterArgs, "--no-browser")
	var exposed []string
	for _, in := range ins {
		if in.Op == "EXPOSE" {
			exposed = append(exposed, strings.Fields(in.Args)...)
		}
	}
	require.Len(t, exposed, 1)
	assert.Contains(t, jupyterArgs, "--port="+exposed[0])
	assert.Equal(t, setupMissingExit, setupAccepts(t, root, []string{"NMA_JUPYTER_ARGS=" + env["NMA_JUPYTER_ARGS"]}, cmd[2:]...))
}

// TestDevcontainer: the devcontainer builds the student container from the
// repository, opens the checkout where the image set it up (so the warm build
// cache applies to it), as the image's user, forwards Jupyter's port, and runs
// a setup.sh that accepts its options.
func TestDevcontainer(t *testing.T) {
	root := repoRoot(t)
	raw, err := os.ReadFile(filepath.Join(root, devcontainer))
	require.NoError(t, err)
	var dc struct {
		Build struct {
			Dockerfile string `json:"dockerfile"`
			Context    string `json:"context"`
		} `json:"build"`
		WorkspaceMount    string `json:"workspaceMount"`
		WorkspaceFolder   string `json:"workspaceFolder"`
		RemoteUser        string `json:"remoteUser"`
		ForwardPorts      []int  `json:"forwardPorts"`
		PostCreateCommand string `json:"postCreateCommand"`
	}
	require.NoError(t, json.Unmarshal(raw, &dc), "%s must be plain JSON", devcontainer)
	dir := filepath.Join(root, ".devcontainer")
	assert.Equal(t, filepath.Join(root, containerfile), filepath.Join(dir, dc.Build.Dockerfile))
	assert.Equal(t, root, filepath.Join(dir, dc.Build.Context), "the build context is the repository")

	data, err := os.ReadFile(filepath.Join(root, containerfile))
	require.NoError(t, err)
	var workdir, user string
	var exposed []int
	for _, in := range parseContainerfile(t, string(data)) {
		switch in.Op {
		case "WORKDIR":
			workdir = in.Args
		case "USER":
			user = in.Args
		case "EXPOSE":
			p, err := strconv.Atoi(in.Args)
			require.NoError(t, err)
			exposed = append(exposed, p)
		}
	}
	assert.Equal(t, workdir, dc.WorkspaceFolder)
	assert.Contains(t, dc.WorkspaceMount, "target="+workdir+",")
	assert.Equal(t, user, dc.RemoteUser)
	assert.Equal(t, exposed, dc.ForwardPorts)

	words := strings.Fields(dc.PostCreateCommand)
	require.GreaterOrEqual(t, len(words), 2)
	assert.Equal(t, []string{"bash", "scripts/setup.sh"}, words[:2])
	assert.FileExists(t, filepath.Join(root, words[1]))
	assert.Equal(t, setupMissingExit, setupAccepts(t, root, nil, words[2:]...))
}
