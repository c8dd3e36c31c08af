package tutorial

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewBackend(t *testing.T) {
	tests := []struct {
		config  string
		wantErr []string
	}{
		{config: ""},
		{config: "go"},
		{config: "go:ops_sequential"},
		{config: "tpu", wantErr: []string{"unknown GOMLX_BACKEND=\"tpu\"", "go, xla"}},
		{config: "cuda", wantErr: []string{"valid names are go, xla"}},
	}
	for _, tc := range tests {
		t.Run(tc.config, func(t *testing.T) {
			b, err := NewBackend(tc.config)
			if tc.wantErr == nil {
				require.NoError(t, err)
				assert.NotEmpty(t, b.Name())
				return
			}
			require.Error(t, err)
			for _, s := range tc.wantErr {
				assert.Contains(t, err.Error(), s)
			}
		})
	}
}

func TestXLAWithoutBuildTagSaysHowToGetIt(t *testing.T) {
	if xlaCompiledIn() {
		t.Skip("built with -tags xla")
	}
	_, err := NewBackend("xla:cpu")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "-tags xla")
	assert.Contains(t, err.Error(), "PJRT_PLUGIN_LIBRARY_PATH")
	assert.Contains(t, err.Error(), "nothing is downloaded")
}

func TestBackendReport(t *testing.T) {
	report := BackendReport()
	assert.Contains(t, report, "backend:")
	assert.Contains(t, report, "SIMD build:")
}
