package studentsetup

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/nbgen"
	"github.com/nma-go/mlp/internal/pristine"
)

// TestKernelWrapperFindsTheCheckout runs scripts/gonb-kernel.sh with echo in
// place of gonb: inside a checkout of this module (at any depth, past other
// modules' go.mod files) it adds -go_work=ROOT; elsewhere it passes the
// arguments through unchanged.
func TestKernelWrapperFindsTheCheckout(t *testing.T) {
	root := repoRoot(t)
	realRoot, err := filepath.EvalSymlinks(root)
	require.NoError(t, err)
	wrapper := filepath.Join(root, "scripts", "gonb-kernel.sh")

	clone, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	writeFile := func(rel, text string) {
		path := filepath.Join(clone, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	}
	writeFile("mlp/go.mod", "module "+pristine.ModulePath+"\n\ngo 1.27.3\n")
	writeFile("mlp/notebooks/ja/student/x.ipynb", "{}")
	writeFile("mlp/testdata/other/go.mod", "module example.com/other\n")
	writeFile("lookalike/go.mod", "module "+pristine.ModulePath+"x\n")
	require.NoError(t, os.MkdirAll(filepath.Join(clone, "lookalike", "notebooks"), 0o755))
	outside := t.TempDir()

	tests := []struct {
		name, dir, want string
	}{
		{"this checkout's student notebooks", filepath.Join(root, "notebooks", "ja", "student"), "-go_work=" + realRoot},
		{"this checkout's root", root, "-go_work=" + realRoot},
		{"another clone", filepath.Join(clone, "mlp", "notebooks", "ja", "student"), "-go_work=" + filepath.Join(clone, "mlp")},
		{"past another module", filepath.Join(clone, "mlp", "testdata", "other"), "-go_work=" + filepath.Join(clone, "mlp")},
		{"a module whose path only starts alike", filepath.Join(clone, "lookalike", "notebooks"), ""},
		{"outside any checkout", outside, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := run(t, tc.dir, os.Environ(), "sh", wrapper, "echo", "--kernel", "conn.json", "-go_work=")
			require.Equal(t, 0, code, stderr)
			want := "--kernel conn.json -go_work="
			if tc.want != "" {
				want += " " + tc.want
			}
			assert.Equal(t, want, strings.TrimSpace(stdout))
		})
	}
}

// TestHeaderAgreesWithTheScripts: the header cell pins the toolchain that
// go.mod and scripts/env.sh name and the SIMD build, and runs
// scripts/prebuild.sh from the notebook's checkout (two folders up, like its
// `go mod edit`).
func TestHeaderAgreesWithTheScripts(t *testing.T) {
	root := repoRoot(t)
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	require.NoError(t, err)
	goLine := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	require.NotNil(t, goLine)
	toolchain := "go" + string(goLine[1])
	envSh, err := os.ReadFile(filepath.Join(root, "scripts", "env.sh"))
	require.NoError(t, err)
	assert.Contains(t, string(envSh), `GOTOOLCHAIN="${NMA_GOTOOLCHAIN:-`+toolchain+`}"`)
	assert.Contains(t, string(envSh), `GOEXPERIMENT="${GOEXPERIMENT:-simd}"`)

	assert.Equal(t, map[string]string{"GOTOOLCHAIN": toolchain, "GOEXPERIMENT": "simd", nbgen.LangEnv: "ja"}, headerEnv(t, nbgen.HeaderCell))
	assert.FileExists(t, filepath.Join(root, "scripts", "prebuild.sh"))
	for _, target := range nbgen.Targets() {
		header := nbgen.HeaderCellFor(target)
		up := target.RootFromNotebook()
		assert.Contains(t, header, `-replace=github.com/nma-go/mlp=$(realpath "${GONB_DIR}/`+up+`")`)
		assert.Contains(t, header, "\n"+`!bash "${GONB_DIR}/`+up+`/scripts/prebuild.sh" --quiet`)
		assert.FileExists(t, filepath.Join(root, target.Dir(), filepath.FromSlash(up), "scripts", "prebuild.sh"))
		assert.Equal(t, string(target.Lang), headerEnv(t, header)[nbgen.LangEnv], target)
	}
}

// headerEnv returns the variables the header cell sets with %env.
func headerEnv(t *testing.T, header string) map[string]string {
	env := map[string]string{}
	for _, line := range strings.Split(header, "\n") {
		if rest, ok := strings.CutPrefix(line, "%env "); ok {
			name, value, found := strings.Cut(rest, " ")
			require.True(t, found, "header line %q", line)
			env[name] = value
		}
	}
	return env
}

// TestInstallKernelStartsTheWrapper installs the kernel into a scratch
// Jupyter data folder, as the browser test does, and checks the kernel spec:
// gonb started through the copy of scripts/gonb-kernel.sh beside it, with the
// toolchain, the SIMD build and a PATH that holds gonb pinned.
func TestInstallKernelStartsTheWrapper(t *testing.T) {
	if testing.Short() {
		t.Skip("installs gonb and goimports (go install tool)")
	}
	if _, err := exec.LookPath("jupyter"); err != nil {
		if pristine.Strict() {
			t.Fatal("CI is set, so jupyter must be installed")
		}
		t.Skip("jupyter not found")
	}
	root := repoRoot(t)
	data := t.TempDir()
	stdout, stderr, code := run(t, root, append(os.Environ(), "JUPYTER_DATA_DIR="+data), "bash", "scripts/install-kernel.sh")
	require.Equal(t, 0, code, "install-kernel.sh:\n%s\n%s", stdout, stderr)
	kernelDir := filepath.Join(data, "kernels", "gonb")
	raw, err := os.ReadFile(filepath.Join(kernelDir, "kernel.json"))
	require.NoError(t, err)
	var spec struct {
		Argv []string          `json:"argv"`
		Env  map[string]string `json:"env"`
	}
	require.NoError(t, json.Unmarshal(raw, &spec))
	require.GreaterOrEqual(t, len(spec.Argv), 5, "%s", raw)
	wrapper := filepath.Join(kernelDir, "gonb-kernel.sh")
	assert.Equal(t, []string{"/bin/sh", wrapper}, spec.Argv[:2])
	assert.Equal(t, "gonb", filepath.Base(spec.Argv[2]))
	assert.Equal(t, []string{"--kernel", "{connection_file}"}, spec.Argv[3:5])
	installed, err := os.ReadFile(wrapper)
	require.NoError(t, err)
	source, err := os.ReadFile(filepath.Join(root, "scripts", "gonb-kernel.sh"))
	require.NoError(t, err)
	assert.Equal(t, string(source), string(installed), "the kernel's wrapper is a copy of scripts/gonb-kernel.sh")
	assert.Equal(t, headerEnv(t, nbgen.HeaderCell)["GOTOOLCHAIN"], spec.Env["GOTOOLCHAIN"])
	assert.Equal(t, "simd", spec.Env["GOEXPERIMENT"])
	assert.Contains(t, filepath.SplitList(spec.Env["PATH"]), filepath.Dir(spec.Argv[2]), "the kernel's PATH holds gonb (and goimports beside it)")
}
