package lif_test

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/torchoracle"
	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/lif"
)

// The torch oracle: testdata/torch/lif_oracle.json, written by
// scripts/torch_oracle.py from PyTorch 1.13 itself (Debian's python3-torch).
// These tests read it and never run torch.

const torchOraclePath = "testdata/torch/lif_oracle.json"

// torchVmTol bounds |V_go - V_torch| at every sample of every oracle run.
const torchVmTol = 1e-6

type torchOracle struct {
	TorchVersion  string            `json:"torch_version"`
	CPUCapability string            `json:"cpu_capability"`
	NumThreads    int               `json:"num_threads"`
	Arange        []torchGridRecord `json:"arange"`
	LIF           []torchLIFRecord  `json:"lif"`
	IFCurves      []torchIFRecord   `json:"if_curves"`
}

type torchGridRecord struct {
	T, Dt            float64
	Points           int
	Capability       string
	Threads          int
	SHA256           string
	DifferFromScalar int `json:"differ_from_scalar"`
}

type torchLIFRecord struct {
	Name                     string
	I, T, Dt                 float64
	TauRef                   float64 `json:"tau_ref"`
	Rm, Cm, Vth              float64
	VSpike                   float64 `json:"V_spike"`
	Points                   int
	GridSHA256               string `json:"grid_sha256"`
	Spikes                   []int
	SpikesOnScalarGridDiffer bool `json:"spikes_on_scalar_grid_differ"`
	CountAbove               int  `json:"count_above"`
	Vm                       []json.Number
}

type torchIFRecord struct {
	Rm       float64
	TauRef   float64 `json:"tau_ref"`
	Currents []json.Number
	Counts   []int
}

func (r torchLIFRecord) params() lif.Params {
	return lif.Params{T: r.T, Dt: r.Dt, TauRef: r.TauRef, Rm: r.Rm, Cm: r.Cm, Vth: r.Vth, VSpike: r.VSpike}
}

func loadTorchOracle(t *testing.T) torchOracle {
	t.Helper()
	var o torchOracle
	torchoracle.Load(t, torchOraclePath, &o)
	require.NotEmpty(t, o.Arange)
	require.NotEmpty(t, o.LIF)
	require.NotEmpty(t, o.IFCurves)
	return o
}

// lanesOf is the float32 vector width of a torch CPU dispatch, as
// torch.__config__.show() names it.
func lanesOf(t *testing.T, capability string) int {
	t.Helper()
	switch capability {
	case "AVX2", "NO AVX":
		return 8
	case "AVX512":
		return 16
	}
	t.Fatalf("unknown torch CPU capability %q", capability)
	return 0
}

// TestTorchOracleProvenance: the oracle comes from the torch and dispatch
// that RunLIF (the lesson's run_LIF) is meant to match.
func TestTorchOracleProvenance(t *testing.T) {
	o := loadTorchOracle(t)
	assert.Regexp(t, `^1\.13\.`, o.TorchVersion)
	assert.Contains(t, []string{"AVX2", "NO AVX"}, o.CPUCapability, "the default dispatch: 8 float32 lanes")
	assert.Equal(t, 1, o.NumThreads)
}

// TestTorchArangeMatchesOracle checks the grid bit for bit against torch's
// arange: the default dispatch on one thread through NumPoints and
// RunLIF, and every other recorded dispatch and thread count through the
// grid model, which backs docs/REFERENCE.md's section on where fidelity
// depends on the machine.
func TestTorchArangeMatchesOracle(t *testing.T) {
	o := loadTorchOracle(t)
	kinds := map[string]int{}
	for _, g := range o.Arange {
		lanes := lanesOf(t, g.Capability)
		kinds[fmt.Sprintf("%d lanes, %d threads", lanes, g.Threads)]++
		t.Run(fmt.Sprintf("T=%g dt=%g %s threads=%d", g.T, g.Dt, g.Capability, g.Threads), func(t *testing.T) {
			p := lif.DefaultParams()
			p.T, p.Dt = g.T, g.Dt
			n, err := lif.NumPoints(p)
			require.NoError(t, err)
			require.Equal(t, g.Points, n, "number of points: torch's ceil((T+dt)/dt)")

			grid := lif.TorchArangeFloat32(n, 0, g.Dt, lanes, g.Threads)
			assert.Equal(t, g.SHA256, torchoracle.SHA256(grid), "grid bits")
			differ := 0
			for i, v := range grid {
				if v != float32(g.Dt*float64(i)) {
					differ++
				}
			}
			assert.Equal(t, g.DifferFromScalar, differ, "points where torch differs from float32(i*dt)")

			if lanes == 8 && (g.Threads == 1 || n <= 32768) {
				timeMs, _, err := lesson.RunLIF(1, p)
				require.NoError(t, err)
				assert.Equal(t, g.SHA256, torchoracle.SHA256(timeMs), "RunLIF's grid bits")
			}
		})
	}
	// The oracle must cover what the reference doc claims.
	for _, kind := range []string{"8 lanes, 1 threads", "16 lanes, 1 threads", "8 lanes, 2 threads"} {
		// (The generic "NO AVX" build also counts as 8 lanes.)
		assert.Positive(t, kinds[kind], "the oracle has no grid with %s", kind)
	}
}

// TestRunLIFMatchesTorch compares the lesson's RunLIF with the original run_LIF as torch
// ran it, over the whole sweep: the grid bit for bit, every spike index
// exactly, and every voltage within torchVmTol.
func TestRunLIFMatchesTorch(t *testing.T) {
	o := loadTorchOracle(t)
	for _, r := range o.LIF {
		t.Run(r.Name, func(t *testing.T) {
			timeMs, vm, spikes, err := runLIFWithSpikes(t, r.I, r.params())
			require.NoError(t, err)
			require.Len(t, timeMs, r.Points)
			assert.Equal(t, r.GridSHA256, torchoracle.SHA256(timeMs), "time grid bits")
			assert.Equal(t, r.Spikes, spikes, "spike indices")
			assert.Equal(t, r.CountAbove, lif.CountAbove(vm, r.Vth), "samples with V > Vth")
			want := torchoracle.Float32s(t, r.Vm)
			require.Len(t, vm, len(want))
			worst, at := 0.0, -1
			for i := range want {
				if d := math.Abs(float64(vm[i]) - float64(want[i])); d > worst || math.IsNaN(d) {
					worst, at = d, i
				}
			}
			if at >= 0 {
				assert.LessOrEqual(t, worst, torchVmTol, "max |V - V_torch| at sample %d: got %.9g; want %.9g",
					at, vm[at], want[at])
			}
		})
	}
}

// TestTorchOracleSeesTheGrid makes sure the sweep is sharp enough to tell
// torch's grid from float32(i*dt): on some of its runs the scalar grid moves a
// spike, according to torch and to the original transcribed in Go.
func TestTorchOracleSeesTheGrid(t *testing.T) {
	o := loadTorchOracle(t)
	torchSays, goSays := 0, 0
	for _, r := range o.LIF {
		if r.SpikesOnScalarGridDiffer {
			torchSays++
		}
		grid := scalarArange(r.T, r.Dt)
		_, spikes := originalRunLIF(grid, float32(r.I), r.Dt, r.TauRef, r.Rm, r.Cm, r.Vth, r.VSpike)
		if !assert.ObjectsAreEqual(r.Spikes, spikes) {
			goSays++
		}
	}
	assert.Positive(t, torchSays, "no run where torch's own scalar grid changes a spike")
	assert.Equal(t, torchSays, goSays, "runs where the scalar grid changes a spike: torch vs the Go transcription")
}

// TestIFCurveMatchesTorch compares IFCurve with plot_IF_curve's counts as
// torch computed them, for the tutorial's starting sliders and a few other
// (Rm, tau_ref) pairs.
func TestIFCurveMatchesTorch(t *testing.T) {
	o := loadTorchOracle(t)
	for _, r := range o.IFCurves {
		t.Run(fmt.Sprintf("Rm=%g tau_ref=%g", r.Rm, r.TauRef), func(t *testing.T) {
			currents, counts, err := lif.IFCurve(lesson.RunLIF, r.Rm, r.TauRef)
			require.NoError(t, err)
			assert.Equal(t, torchoracle.Float32s(t, r.Currents), currents, "torch.linspace(0, 2, 10)")
			assert.Equal(t, r.Counts, counts, "spike counts")
		})
	}
}
