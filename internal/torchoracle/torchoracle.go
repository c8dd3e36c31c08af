// Package torchoracle reads the PyTorch oracles that scripts/torch_oracle.py
// writes under a package's testdata/torch/, for the tests of pkg/tutorial
// and pkg/lif. The oracles hold torch's own results, so the tests compare
// with torch without needing it.
//
// Lists of float32 values are written as the shortest decimals that read
// back to the same float32 ([Float32s]); long tensors are written as the
// SHA-256 of their little-endian bytes ([SHA256]).
package torchoracle

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"
)

// Load decodes the oracle file at path into v, failing the test with the
// command that regenerates it when the file is missing or malformed.
func Load(t testing.TB, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("torchoracle: %v (regenerate it with /usr/bin/python3 scripts/torch_oracle.py)", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("torchoracle: decoding %s: %v", path, err)
	}
}

// Float32s reads float32 values written as shortest decimals, failing the
// test on one that is not a number.
func Float32s(t testing.TB, numbers []json.Number) []float32 {
	t.Helper()
	out := make([]float32, len(numbers))
	for i, n := range numbers {
		v, err := strconv.ParseFloat(string(n), 32)
		if err != nil {
			t.Fatalf("torchoracle: value %d: %v", i, err)
		}
		out[i] = float32(v)
	}
	return out
}

// SHA256 is the oracles' digest of a float32 tensor: the hex SHA-256 of its
// values as little-endian bytes, in row-major order.
func SHA256(values []float32) string {
	buf := make([]byte, 4*len(values))
	for i, v := range values {
		binary.LittleEndian.PutUint32(buf[4*i:], math.Float32bits(v))
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}
