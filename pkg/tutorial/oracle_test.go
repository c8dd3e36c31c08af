package tutorial_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/torchoracle"
)

// loadTorchCases returns the "cases" of the torch oracle file name under
// testdata/torch/ (see scripts/torch_oracle.py), at least one.
func loadTorchCases[T any](t *testing.T, name string) []T {
	t.Helper()
	var o struct{ Cases []T }
	torchoracle.Load(t, filepath.Join("testdata", "torch", name), &o)
	require.NotEmpty(t, o.Cases, name)
	return o.Cases
}
