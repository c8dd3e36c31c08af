package tutorial

import (
	"math"
	"math/rand"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The torch dispatches of linspace_kernel that the oracle records, by the
// name torch.__config__.show() gives them.
var linspaceDispatches = map[string]linspaceDispatch{
	"AVX2":   torchDefaultLinspace,
	"AVX512": {lanes: 16, fused: true, firstLaneIsBase: true},
	"NO AVX": {lanes: 8},
}

// TorchLinspaceFloat32 is linspace under the torch dispatch named
// capability, for the external oracle test; false for an unknown name.
func TorchLinspaceFloat32(capability string, start, end float32, n int) ([]float32, bool) {
	d, ok := linspaceDispatches[capability]
	if !ok {
		return nil, false
	}
	return d.float32s(start, end, n), true
}

// A product just below a float32 halfway point, which float64 rounds onto
// the halfway point: rounding a*b + c twice (float64, then float32) gives
// the even neighbour above, rounding once the odd one below.
var (
	halfwayA = float32(math.Ldexp(1+math.Ldexp(1, -23), -24)) // 2^-24 (1 + 2^-23)
	halfwayB = float32(1 - math.Ldexp(1, -23))                // 1 - 2^-23
	halfwayC = float32(1 + math.Ldexp(1, -23))                // 1 + 2^-23, odd last bit
)

func TestFusedMultiplyAdd32(t *testing.T) {
	tests := []struct {
		name    string
		a, b, c float32
		want    float32
	}{
		{"exact", 1.5, 2, 0.25, 3.25},
		{"one rounding below a halfway point", halfwayA, halfwayB, halfwayC, halfwayC},
		{"the same, negated", -halfwayA, halfwayB, -halfwayC, -halfwayC},
		{"cancellation to zero", 2, 3, -6, 0},
		{"overflow", math.MaxFloat32, 2, 0, float32(math.Inf(1))},
	}
	backend := MustBackend()
	fma := MustNewExec(backend, func(a, b, c *Node) *Node { return graphFusedMultiplyAdd32(a, b, c) })
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, fusedMultiplyAdd32(tc.a, tc.b, tc.c), "Go")
			got := fma.MustCall([]float32{tc.a}, []float32{tc.b}, []float32{tc.c})[0].Value().([]float32)
			assert.Equal(t, tc.want, got[0], "graph")
		})
	}
	// Rounding twice would give the neighbour above: the case is sharp.
	assert.NotEqual(t, halfwayC, float32(math.FMA(float64(halfwayA), float64(halfwayB), float64(halfwayC))))
}

// TestFusedMultiplyAdd32Random compares the Go and graph versions with each
// other and with math.FMA, rounded twice, which is right except at the
// halfway points: they agree on random inputs of every magnitude.
func TestFusedMultiplyAdd32Random(t *testing.T) {
	rng := rand.New(rand.NewSource(2021))
	const n = 20000
	a, b, c := make([]float32, n), make([]float32, n), make([]float32, n)
	random := func() float32 {
		return float32(rng.NormFloat64() * math.Ldexp(1, rng.Intn(60)-30))
	}
	for i := range a {
		a[i], b[i], c[i] = random(), random(), random()
	}
	fma := MustNewExec(MustBackend(), func(a, b, c *Node) *Node { return graphFusedMultiplyAdd32(a, b, c) })
	graph := fma.MustCall(a, b, c)[0].Value().([]float32)
	for i := range a {
		want := float32(math.FMA(float64(a[i]), float64(b[i]), float64(c[i])))
		require.Equal(t, want, fusedMultiplyAdd32(a[i], b[i], c[i]), "Go: %v*%v + %v", a[i], b[i], c[i])
		require.Equal(t, want, graph[i], "graph: %v*%v + %v", a[i], b[i], c[i])
	}
}
