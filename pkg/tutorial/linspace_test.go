package tutorial_test

import (
	"fmt"
	"math"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/torchoracle"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// torchLinspaceCase is one torch.linspace(start, end, steps) in float32 under
// one CPU dispatch.
type torchLinspaceCase struct {
	Start, End float64
	Steps      int
	Capability string
	SHA256     string
}

func (c torchLinspaceCase) String() string {
	return fmt.Sprintf("linspace(%g, %g, %d) %s", c.Start, c.End, c.Steps, c.Capability)
}

// TestLinspaceFloat32MatchesTorch checks every value bit for bit against
// torch: LinspaceFloat32 under the default dispatch, and the model of the
// other recorded dispatches (AVX-512, generic), which shows that the file
// comment describes torch's kernel and not one build of it.
func TestLinspaceFloat32MatchesTorch(t *testing.T) {
	dispatches := map[string]int{}
	for _, c := range loadTorchCases[torchLinspaceCase](t, "linspace_oracle.json") {
		dispatches[c.Capability]++
		got, ok := tutorial.TorchLinspaceFloat32(c.Capability, float32(c.Start), float32(c.End), c.Steps)
		require.True(t, ok, "unknown torch CPU capability %q", c.Capability)
		require.Len(t, got, c.Steps, "%s", c)
		assert.Equal(t, c.SHA256, torchoracle.SHA256(got), "%s", c)
		if c.Capability == "AVX2" {
			assert.Equal(t, c.SHA256, torchoracle.SHA256(tutorial.LinspaceFloat32(c.Start, c.End, c.Steps)), "LinspaceFloat32: %s", c)
		}
	}
	for _, capability := range []string{"AVX2", "AVX512", "NO AVX"} {
		assert.Positive(t, dispatches[capability], "the oracle has no linspace under %s", capability)
	}
}

// TestLinspaceMatchesTorch runs the graph Linspace on every default-dispatch
// case of the oracle with at least 2 points and compares the bits.
func TestLinspaceMatchesTorch(t *testing.T) {
	backend := tutorial.MustBackend()
	checked := 0
	for _, c := range loadTorchCases[torchLinspaceCase](t, "linspace_oracle.json") {
		if c.Capability != "AVX2" || c.Steps < 2 {
			continue
		}
		exec := MustNewExec(backend, func(start, end *Node) *Node { return tutorial.Linspace(start, end, c.Steps) })
		got := exec.MustCall(float32(c.Start), float32(c.End))[0].Value().([]float32)
		assert.Equal(t, c.SHA256, torchoracle.SHA256(got), "%s", c)
		exec.Finalize()
		checked++
	}
	assert.Greater(t, checked, 400, "graph cases checked")
}

func TestLinspaceFloat32(t *testing.T) {
	tests := []struct {
		name        string
		start, stop float64
		n           int
		want        []float32
	}{
		{"none", 0, 1, 0, nil},
		{"negative count", 0, 1, -3, nil},
		{"one point is start", 2.5, 7, 1, []float32{2.5}},
		{"two points are the ends", -1, 3, 2, []float32{-1, 3}},
		// The original's I = linspace(0, 2, 10): I[6] is rounded once.
		{"the transfer curve's currents", 0, 2, 10, []float32{0, 0.222222224, 0.444444448, 0.666666687, 0.888888896,
			1.11111116, 1.33333337, 1.55555558, 1.77777779, 2}},
		// x_train[1] is (float32(2π)/9 in float32), not float32(2π/9).
		{"the sine's training points", 0, 2 * math.Pi, 10, []float32{0, 0.69813174, 1.3962635, 2.0943952, 2.792527,
			3.4906585, 4.1887903, 4.886922, 5.585054, 6.2831855}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tutorial.LinspaceFloat32(tc.start, tc.stop, tc.n))
		})
	}
}

func TestLinspaceGraph(t *testing.T) {
	backend := tutorial.MustBackend()
	float32Grid := MustNewExec(backend, func(a, b *Node) *Node { return tutorial.Linspace(a, b, 5) })
	out := float32Grid.MustCall(float32(-1), float32(1))
	assert.Equal(t, []float32{-1, -0.5, 0, 0.5, 1}, out[0].Value())
	float64Grid := MustNewExec(backend, func(a, b *Node) *Node { return tutorial.Linspace(a, b, 3) })
	out = float64Grid.MustCall(2.0, 3.0)
	assert.Equal(t, []float64{2, 2.5, 3}, out[0].Value(), "other dtypes: start + i*step")

	tests := []struct {
		name string
		fn   func(a, b *Node) *Node
		want string
	}{
		{"one point", func(a, b *Node) *Node { return tutorial.Linspace(a, b, 1) }, "n must be >= 2, got 1"},
		{"mixed dtypes", func(a, b *Node) *Node { return tutorial.Linspace(a, ConvertDType(b, a.DType()+1), 4) }, "scalars of one dtype"},
		{"not scalars", func(a, b *Node) *Node { return tutorial.Linspace(BroadcastToDims(a, 2), b, 4) }, "scalars of one dtype"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			exec := MustNewExec(backend, tc.fn)
			var err error
			panicked := func() (value any) {
				defer func() { value = recover() }()
				_, err = exec.Call(float32(0), float32(1))
				return nil
			}()
			assert.Contains(t, fmt.Sprint(err, panicked), tc.want, "graph functions panic; Exec may report it as an error")
		})
	}
}
