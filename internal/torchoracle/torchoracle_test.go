package torchoracle

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSHA256(t *testing.T) {
	// sha256 of no bytes, and of the bytes 00 00 80 3f (1.0 little-endian),
	// as Python's hashlib.sha256(struct.pack('<f', 1.0)) gives them.
	assert.Equal(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", SHA256(nil))
	assert.Equal(t, "e00e5eb9444182f352323374ef4e08ebcb784725fdd4fd612d7730540b3e0c8c", SHA256([]float32{1}))
	assert.NotEqual(t, SHA256([]float32{0}), SHA256([]float32{float32(math.Copysign(0, -1))}), "the digest sees the sign of zero")
}

func TestFloat32sAndLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "oracle.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"x": [0, 0.69813174, -1e-45, 3.4028235e38]}`), 0o644))
	var o struct{ X []json.Number }
	Load(t, path, &o)
	assert.Equal(t, []float32{0, 0.69813174, -1e-45, math.MaxFloat32}, Float32s(t, o.X))
}
