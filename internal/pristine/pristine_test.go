package pristine

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeclaredModule(t *testing.T) {
	tests := []struct {
		name, goMod, want string
	}{
		{"plain", "module github.com/nma-go/mlp\n\ngo 1.27\n", ModulePath},
		{"quoted, with a comment", "// the tutorial\nmodule \"github.com/nma-go/mlp\" // Go edition\n", ModulePath},
		{"a longer path is another module", "module github.com/nma-go/mlpx\n", "github.com/nma-go/mlpx"},
		{"no module directive", "go 1.27\n", ""},
		{"a word that starts with module", "modules are fun\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, declaredModule([]byte(tc.goMod)))
		})
	}
}

// TestRootSkipsOtherModules: from inside another module nested in the
// repository, Root still finds the repository; outside it, it says so.
func TestRootSkipsOtherModules(t *testing.T) {
	repo := t.TempDir()
	nested := filepath.Join(repo, "scratch")
	deeper := filepath.Join(nested, "deeper")
	require.NoError(t, os.MkdirAll(deeper, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module "+ModulePath+"\n\ngo 1.27\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(nested, "go.mod"), []byte("module example.com/scratch\n"), 0o644))

	for _, start := range []string{repo, nested, deeper} {
		got, err := rootFrom(start)
		require.NoError(t, err, start)
		assert.Equal(t, repo, got, "from %s", start)
	}
	_, err := rootFrom(t.TempDir())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no go.mod of "+ModulePath)

	here, err := Root()
	require.NoError(t, err, "the tests run inside the repository")
	assert.FileExists(t, filepath.Join(here, "go.mod"))
}

// TestEditedOutsideGit: a copy of the repository without git (a tarball, a
// snapshot) counts as pristine, as the doc says, whatever the files hold.
func TestEditedOutsideGit(t *testing.T) {
	t.Setenv("CI", "")
	copyDir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(copyDir, "go.mod"), []byte("module "+ModulePath+"\n"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(copyDir, "pkg", "exercises"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(copyDir, "pkg", "exercises", "mlp.go"), []byte("package exercises // solved\n"), 0o644))
	t.Chdir(copyDir)
	assert.False(t, Edited("pkg/exercises/mlp.go"))
}
