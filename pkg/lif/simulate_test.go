package lif_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/lif"
)

// refPrintTol is half a unit in the last digit docs/REFERENCE.md prints for
// the run_LIF(1.5) voltages (6 significant digits; 1.50345 has only 5
// decimals).
const refPrintTol = 5e-6

// scalarArange is torch.arange(0, T+dt, dt) as a scalar loop would build it
// in float32, written from torch's definition: ceil((end-start)/step) points
// in float64, and each value start + step*i in float64 rounded to float32.
// torch 1.13's CPU kernel does this only for the tail of a range (see
// torchArange).
func scalarArange(T, dt float64) []float32 {
	end := T + dt
	n := int(math.Ceil(end / dt))
	out := make([]float32, n)
	for i := range out {
		out[i] = float32(0 + dt*float64(i))
	}
	return out
}

// torchArange is the grid torch 1.13 builds on CPU under the given vector
// width on one thread (checked bit for bit against torch in
// oracle_test.go).
func torchArange(T, dt float64, lanes int) []float32 {
	return lif.TorchArangeFloat32(len(scalarArange(T, dt)), 0, dt, lanes, 1)
}

// originalRunLIF is the test oracle: the original's run_LIF transcribed line by line
// into float32 Go, on a given time grid. Each float32(...) is the rounding of
// one torch float32 operation; Python numbers become float32 scalars. It also
// returns the indices where the spike branch ran.
func originalRunLIF(time []float32, I float32, dt, tauRef, Rm, Cm, Vth, VSpike float64) (Vm []float32, spikes []int) {
	// Vm = torch.zeros(len(time))
	Vm = make([]float32, len(time))
	spikes = []int{}
	// t_rest = 0
	var tRest float32
	// for i, t in enumerate(time):
	for i, t := range time {
		// if t > t_rest:
		if t > tRest {
			// Vm[i] = Vm[i-1] + 1/Cm*(-Vm[i-1]/Rm + I) * dt   (Vm[-1] is the last element)
			prev := Vm[(i+len(Vm)-1)%len(Vm)]
			a := float32(-prev / float32(Rm))
			b := float32(a + I)
			c := float32(float32(1/Cm) * b)
			d := float32(c * float32(dt))
			Vm[i] = float32(prev + d)
		}
		// if Vm[i] >= Vth:
		if Vm[i] >= float32(Vth) {
			// Vm[i] += V_spike
			Vm[i] = float32(Vm[i] + float32(VSpike))
			// t_rest = t + tau_ref
			tRest = float32(t + float32(tauRef))
			spikes = append(spikes, i)
		}
	}
	return Vm, spikes
}

// oracleRun runs originalRunLIF on torch's default-dispatch grid for the
// parameters p.
func oracleRun(I float32, p lif.Params) (time, Vm []float32) {
	time = torchArange(p.T, p.Dt, 8)
	Vm, _ = originalRunLIF(time, I, p.Dt, p.TauRef, p.Rm, p.Cm, p.Vth, p.VSpike)
	return time, Vm
}

// originalIFCurrents is torch.linspace(0, 2, 10) in float32 as torch 1.13 on x86
// returns it (each value rounded once; see tutorial.LinspaceFloat32).
var originalIFCurrents = []float32{
	0, 0.222222224, 0.444444448, 0.666666687, 0.888888896,
	1.11111116, 1.33333337, 1.55555558, 1.77777779, 2,
}

// oracleIFCurve is plot_IF_curve's loop: for each current a run with
// T = 1000, dt = 1, Vth = 1 and spike_counts += [torch.sum(Vm > Vth)].
func oracleIFCurve(Rm, tauRef float64, currents []float32) []int {
	time := torchArange(1000, 1, 8)
	counts := make([]int, 0, len(currents))
	for _, I := range currents {
		Vm, _ := originalRunLIF(time, I, 1, tauRef, Rm, 10, 1, 0.5)
		count := 0
		for _, v := range Vm {
			if v > 1 {
				count++
			}
		}
		counts = append(counts, count)
	}
	return counts
}

func samplesAbove(timeMs, vm []float32, vth float32) []float32 {
	var out []float32
	for i, v := range vm {
		if v > vth {
			out = append(out, timeMs[i])
		}
	}
	return out
}

func maxOf(vm []float32) float32 {
	m := vm[0]
	for _, v := range vm {
		m = max(m, v)
	}
	return m
}

// runLIFWithSpikes is RunLIF that also returns the indices of the samples
// where the spike branch ran, which the torch oracle records. With V_spike >= 0
// they are the samples with V >= Vth after the step: a spike sample is left
// at V + V_spike >= Vth, and any other sample is below Vth.
func runLIFWithSpikes(t *testing.T, current float64, p lif.Params) (timeMs, vm []float32, spikes []int, err error) {
	t.Helper()
	require.GreaterOrEqual(t, p.VSpike, 0.0, "spikes are read from the trace only for V_spike >= 0")
	timeMs, vm, err = lesson.RunLIF(current, p)
	if err != nil {
		return nil, nil, nil, err
	}
	spikes = []int{}
	for i, v := range vm {
		if v >= float32(p.Vth) {
			spikes = append(spikes, i)
		}
	}
	return timeMs, vm, spikes, nil
}

// TestRunLIFReference checks the docs/REFERENCE.md row "run_LIF(1.5)".
func TestRunLIFReference(t *testing.T) {
	timeMs, vm, err := lesson.RunLIF(1.5, lif.DefaultParams())
	require.NoError(t, err)
	require.Len(t, timeMs, 501, "run_LIF(1.5): 501 time points")
	require.Len(t, vm, 501)

	assert.Equal(t, []float32{11, 32}, samplesAbove(timeMs, vm, 1), "run_LIF(1.5): V > Vth at t = 11.0 and 32.0 ms")
	tests := []struct {
		name string
		got  float32
		want float64
	}{
		{"max V", maxOf(vm), 1.50345},
		{"V[1]", vm[1], 0.015},
		{"V[10]", vm[10], 0.143427},
		{"V[100]", vm[100], 0.950952},
		{"V[500]", vm[500], 0.828715},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, float64(tc.got), refPrintTol, "run_LIF(1.5) %s: got %.7g; want %g", tc.name, tc.got, tc.want)
		})
	}
	assert.Equal(t, float32(0), vm[0], "t = 0 is never updated (t > t_rest is false)")
	assert.Equal(t, float32(50), timeMs[500], "the last time point is T")
}

// TestRunLIFMatchesOracle compares whole traces, bit for bit, with the
// line-by-line transcription of the original.
func TestRunLIFMatchesOracle(t *testing.T) {
	with := func(f func(*lif.Params)) lif.Params {
		p := lif.DefaultParams()
		f(&p)
		return p
	}
	tests := []struct {
		name    string
		current float64
		p       lif.Params
	}{
		{"defaults I=1.5", 1.5, lif.DefaultParams()},
		{"defaults I=2", 2, lif.DefaultParams()},
		{"subthreshold I=0.9", 0.9, lif.DefaultParams()},
		{"zero current", 0, lif.DefaultParams()},
		{"negative current", -1.3, lif.DefaultParams()},
		{"Rm=1.7 I=1.3", 1.3, with(func(p *lif.Params) { p.Rm = 1.7 })},
		{"Rm=3.3 I=0.7 T=200", 0.7, with(func(p *lif.Params) { p.Rm, p.T = 3.3, 200 })},
		// With dt/Cm = 1 the rounding of -V/Rm reaches V undamped.
		{"Rm=3.3 Cm=0.1 I=0.25", 0.25, with(func(p *lif.Params) { p.Rm, p.Cm = 3.3, 0.1 })},
		{"Rm=0.37 I=4 dt=0.07", 4, with(func(p *lif.Params) { p.Rm, p.Dt = 0.37, 0.07 })},
		{"Rm=7.9 Cm=2.2 I=0.45", 0.45, with(func(p *lif.Params) { p.Rm, p.Cm = 7.9, 2.2 })},
		{"Cm=3 tau_ref=2.5", 1.2, with(func(p *lif.Params) { p.Cm, p.TauRef = 3, 2.5 })},
		{"tau_ref=0", 1.5, with(func(p *lif.Params) { p.TauRef = 0 })},
		{"tau_ref < dt", 3, with(func(p *lif.Params) { p.TauRef = 0.05 })},
		{"dt=0.05 T=100", 1.1, with(func(p *lif.Params) { p.Dt, p.T = 0.05, 100 })},
		{"dt=0.3 T=10", 4, with(func(p *lif.Params) { p.Dt, p.T = 0.3, 10 })},
		{"Vth=0", 0.5, with(func(p *lif.Params) { p.Vth = 0 })},
		{"IF setting Rm=50 tau=2.5", 1.11111116, lif.IFCurveParams(50, 2.5)},
		{"T=0", 1.5, with(func(p *lif.Params) { p.T = 0 })},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			timeMs, vm, err := lesson.RunLIF(tc.current, tc.p)
			require.NoError(t, err)
			wantTime, wantVm := oracleRun(float32(tc.current), tc.p)
			require.Equal(t, wantTime, timeMs, "time grid")
			assert.Equal(t, wantVm, vm, "membrane potential")
		})
	}
}

// TestRunLIFTimeGrid: RunLIF's grid is torch's default-dispatch grid, whose
// points are at most 1 ulp from float32(i*dt) and from the AVX-512 grid, and
// the tutorial's own run (docs/REFERENCE.md, "run_LIF(1.5)") gives the same
// voltages on all three.
func TestRunLIFTimeGrid(t *testing.T) {
	p := lif.DefaultParams()
	timeMs, vm, err := lesson.RunLIF(1.5, p)
	require.NoError(t, err)
	require.Equal(t, torchArange(p.T, p.Dt, 8), timeMs, "torch's 8-lane grid")
	tests := []struct {
		name string
		grid []float32
	}{
		{"scalar loop", scalarArange(p.T, p.Dt)},
		{"AVX-512, 16 lanes", torchArange(p.T, p.Dt, 16)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			differ := 0
			for i := range tc.grid {
				if tc.grid[i] != timeMs[i] {
					differ++
					ulps := int64(math.Float32bits(tc.grid[i])) - int64(math.Float32bits(timeMs[i]))
					assert.LessOrEqual(t, max(ulps, -ulps), int64(1), "t[%d]: %v vs %v", i, tc.grid[i], timeMs[i])
				}
			}
			assert.Positive(t, differ, "the grids differ somewhere (otherwise this test proves nothing)")
			other, _ := originalRunLIF(tc.grid, 1.5, p.Dt, p.TauRef, p.Rm, p.Cm, p.Vth, p.VSpike)
			assert.Equal(t, vm, other)
		})
	}
}

// TestRunLIFGridMovesSpikes: with tau_ref a whole number of steps the
// refractory test t > t_rest is a knife edge, and the scalar grid moves a
// spike where torch's grid does not (the case comes from the torch oracle's
// sweep, "sweep Rm=1.7 Cm=3 dt=0.1 tau_ref=2 I=2.5").
func TestRunLIFGridMovesSpikes(t *testing.T) {
	p := lif.Params{T: 15, Dt: 0.1, TauRef: 2, Rm: 1.7, Cm: 3, Vth: 1, VSpike: 0.5}
	_, _, spikes, err := runLIFWithSpikes(t, 2.5, p)
	require.NoError(t, err)
	_, onScalar := originalRunLIF(scalarArange(p.T, p.Dt), 2.5, p.Dt, p.TauRef, p.Rm, p.Cm, p.Vth, p.VSpike)
	_, onTorch := originalRunLIF(torchArange(p.T, p.Dt, 8), 2.5, p.Dt, p.TauRef, p.Rm, p.Cm, p.Vth, p.VSpike)
	assert.Equal(t, onTorch, spikes)
	assert.NotEqual(t, onScalar, spikes)
}

func TestNumPoints(t *testing.T) {
	tests := []struct {
		name     string
		T, dt    float64
		want     int
		wantLast float32
	}{
		{"original defaults", 50, 0.1, 501, 50},
		{"IF curve", 1000, 1, 1001, 1000},
		{"T=20 dt=0.01 ends one step past T", 20, 0.01, 2002, 20.01},
		{"T=0", 0, 0.1, 1, 0},
		{"T=10 dt=0.3 stops below T", 10, 0.3, 35, 10.2},
		{"dt larger than T", 1, 5, 2, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := lif.DefaultParams()
			p.T, p.Dt = tc.T, tc.dt
			got, err := lif.NumPoints(p)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got, "got %d points; want %d", got, tc.want)
			assert.Len(t, scalarArange(tc.T, tc.dt), tc.want, "oracle grid")
			timeMs, _, err := lesson.RunLIF(1, p)
			require.NoError(t, err)
			require.Len(t, timeMs, tc.want)
			assert.Equal(t, tc.wantLast, timeMs[len(timeMs)-1], "last time point")
		})
	}
}

// TestIFCurveReference checks the docs/REFERENCE.md row "transfer curve,
// R_m = 1, tau_ref = 1".
func TestIFCurveReference(t *testing.T) {
	currents, counts, err := lif.IFCurve(lesson.RunLIF, 1, 1)
	require.NoError(t, err)
	assert.Equal(t, originalIFCurrents, currents, "torch.linspace(0, 2, 10) in float32")
	assert.Equal(t, []int{0, 0, 0, 0, 0, 43, 66, 91, 111, 125}, counts,
		"transfer curve, R_m = 1, tau_ref = 1")
}

func TestIFCurveMatchesOracle(t *testing.T) {
	tests := []struct{ rm, tauRef float64 }{
		{1, 1}, {5, 1}, {10, 5}, {50, 2.5}, {100, 100}, {1.7, 3.3}, {100, 1}, {2.3, 97.1},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("Rm=%g tau_ref=%g", tc.rm, tc.tauRef), func(t *testing.T) {
			currents, counts, err := lif.IFCurve(lesson.RunLIF, tc.rm, tc.tauRef)
			require.NoError(t, err)
			require.Len(t, currents, 10)
			assert.Equal(t, oracleIFCurve(tc.rm, tc.tauRef, originalIFCurrents), counts)
		})
	}
}

// TestIFCurveCurrentRoundingDoesNotMatter: torch rounds I[6] of
// linspace(0, 2, 10) once (1.33333337, a fused multiply-add, which
// tutorial.LinspaceFloat32 reproduces); rounding it twice (1.33333325) would
// give the same counts over the slider range (a coarse sample of it here), so
// the transfer curve does not hang on that detail.
func TestIFCurveCurrentRoundingDoesNotMatter(t *testing.T) {
	if testing.Short() {
		t.Skip("slow-ish scan")
	}
	once, twice := []float32{1.33333337}, []float32{1.33333325}
	for rm := 1.0; rm <= 100; rm += 0.7 {
		for tauRef := 1.0; tauRef <= 100; tauRef += 0.7 {
			a, b := oracleIFCurve(rm, tauRef, once), oracleIFCurve(rm, tauRef, twice)
			if a[0] != b[0] {
				t.Fatalf("Rm=%g tau_ref=%g: %d vs %d", rm, tauRef, a[0], b[0])
			}
		}
	}
}

func TestIFCurveWith(t *testing.T) {
	p := lif.IFCurveParams(1, 1)
	counts, err := lif.IFCurveWith(lesson.RunLIF, p, []float64{1.5, 0.5, 1.5})
	require.NoError(t, err)
	_, vm, err := lesson.RunLIF(1.5, p)
	require.NoError(t, err)
	want := lif.CountAbove(vm, 1)
	assert.Equal(t, []int{want, 0, want}, counts, "one count per current, in order")

	counts, err = lif.IFCurveWith(lesson.RunLIF, p, nil)
	require.NoError(t, err)
	assert.Empty(t, counts)
}

func TestIFCurveNeedsASimulator(t *testing.T) {
	_, _, err := lif.IFCurve(nil, 1, 1)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "lif: the simulator is nil")
}

func TestCountAbove(t *testing.T) {
	tests := []struct {
		name string
		vm   []float32
		vth  float64
		want int
	}{
		{"empty", nil, 1, 0},
		{"strictly above", []float32{0, 1, 1.5, 0.99, 2}, 1, 2},
		{"negative threshold", []float32{-1, 0, -0.5}, -0.75, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, lif.CountAbove(tc.vm, tc.vth))
		})
	}
}

// maxLIFErrorBytes bounds the LIF messages: they quote only numbers, in %g
// or, for counts beyond 10^15, in 3 significant digits.
const maxLIFErrorBytes = 300

func TestLIFBadInput(t *testing.T) {
	with := func(f func(*lif.Params)) lif.Params {
		p := lif.DefaultParams()
		f(&p)
		return p
	}
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name    string
		current float64
		p       lif.Params
		want    string
	}{
		{"dt = 0", 1.5, with(func(p *lif.Params) { p.Dt = 0 }), "lif: dt must be > 0, got 0"},
		{"dt < 0", 1.5, with(func(p *lif.Params) { p.Dt = -0.1 }), "lif: dt must be > 0, got -0.1"},
		{"T < 0", 1.5, with(func(p *lif.Params) { p.T = -1 }), "lif: T must be >= 0, got -1"},
		{"Cm = 0", 1.5, with(func(p *lif.Params) { p.Cm = 0 }), "lif: Cm must be > 0, got 0"},
		{"Cm < 0", 1.5, with(func(p *lif.Params) { p.Cm = -10 }), "lif: Cm must be > 0, got -10"},
		{"Rm = 0", 1.5, with(func(p *lif.Params) { p.Rm = 0 }), "lif: Rm must be > 0, got 0"},
		{"Rm < 0", 1.5, with(func(p *lif.Params) { p.Rm = -1 }), "lif: Rm must be > 0, got -1"},
		{"tau_ref < 0", 1.5, with(func(p *lif.Params) { p.TauRef = -2 }), "lif: tau_ref must be >= 0, got -2"},
		{"NaN current", nan, lif.DefaultParams(), "lif: current I must be finite, got NaN"},
		{"+Inf current", inf, lif.DefaultParams(), "lif: current I must be finite, got +Inf"},
		{"-Inf current", -inf, lif.DefaultParams(), "lif: current I must be finite, got -Inf"},
		{"current overflows float32", 1e39, lif.DefaultParams(), "lif: current I must fit in float32"},
		{"NaN T", 1.5, with(func(p *lif.Params) { p.T = nan }), "lif: T must be finite, got NaN"},
		{"Inf T", 1.5, with(func(p *lif.Params) { p.T = inf }), "lif: T must be finite, got +Inf"},
		{"NaN dt", 1.5, with(func(p *lif.Params) { p.Dt = nan }), "lif: dt must be finite, got NaN"},
		{"NaN tau_ref", 1.5, with(func(p *lif.Params) { p.TauRef = nan }), "lif: tau_ref must be finite, got NaN"},
		{"NaN Rm", 1.5, with(func(p *lif.Params) { p.Rm = nan }), "lif: Rm must be finite, got NaN"},
		{"Inf Rm", 1.5, with(func(p *lif.Params) { p.Rm = inf }), "lif: Rm must be finite, got +Inf"},
		{"NaN Cm", 1.5, with(func(p *lif.Params) { p.Cm = nan }), "lif: Cm must be finite, got NaN"},
		{"NaN Vth", 1.5, with(func(p *lif.Params) { p.Vth = nan }), "lif: Vth must be finite, got NaN"},
		{"-Inf Vth", 1.5, with(func(p *lif.Params) { p.Vth = -inf }), "lif: Vth must be finite, got -Inf"},
		{"NaN V_spike", 1.5, with(func(p *lif.Params) { p.VSpike = nan }), "lif: V_spike must be finite, got NaN"},
		{"Cm overflows float32", 1.5, with(func(p *lif.Params) { p.Cm = 1e300 }), "lif: Cm must fit in float32"},
		{"too many points", 1.5, with(func(p *lif.Params) { p.T, p.Dt = 1e7, 0.01 }),
			"lif: T = 1e+07 with dt = 0.01 needs 1000000001 time points, 8000000008 bytes (8 GB) of float32 time and voltage; the limit is 100000000 points"},
		{"points overflow int", 1.5, with(func(p *lif.Params) { p.T, p.Dt = 1e38, 1e-30 }), "needs 1e+68 time points, 8e+68 bytes"},
		// A count in full would have 302 digits.
		{"dt = 1e-300", 1.5, with(func(p *lif.Params) { p.Dt = 1e-300 }),
			"lif: T = 50 with dt = 1e-300 needs 5e+301 time points, 4e+302 bytes (4e+293 GB) of float32 time and voltage; the limit is 100000000 points"},
		{"extreme float32 range", 1.5, with(func(p *lif.Params) { p.T, p.Dt = math.MaxFloat32, 1e-320 }), "time points"},
		{"points overflow float64", 1.5, with(func(p *lif.Params) { p.T, p.Dt = math.MaxFloat32, 5e-324 }), "needs +Inf time points"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			timeMs, vm, err := lesson.RunLIF(tc.current, tc.p)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "lif: "), "got %q", err)
			assert.LessOrEqual(t, len(err.Error()), maxLIFErrorBytes, "got %q", err)
			assert.Nil(t, timeMs)
			assert.Nil(t, vm)
		})
	}
}

// FuzzNumPoints: whatever the parameters, NumPoints either accepts
// them with a count within MaxPoints or gives a bounded "lif: " error.
func FuzzNumPoints(f *testing.F) {
	f.Add(50.0, 0.1, 10.0, 1.0, 10.0)
	f.Add(50.0, 1e-300, 10.0, 1.0, 10.0)
	f.Add(math.MaxFloat32, 5e-324, 0.0, 1e-45, 1e38)
	f.Add(-1.0, math.NaN(), math.Inf(1), -0.0, 0.0)
	f.Fuzz(func(t *testing.T, T, dt, tauRef, rm, cm float64) {
		p := lif.Params{T: T, Dt: dt, TauRef: tauRef, Rm: rm, Cm: cm, Vth: 1, VSpike: 0.5}
		n, err := lif.NumPoints(p)
		if err != nil {
			assert.True(t, strings.HasPrefix(err.Error(), "lif: "), "got %q", err)
			assert.LessOrEqual(t, len(err.Error()), maxLIFErrorBytes, "got %q", err)
			return
		}
		assert.True(t, n >= 1 && n <= lif.MaxPoints, "got %d points", n)
	})
}

func TestIFCurveBadInput(t *testing.T) {
	tests := []struct {
		name         string
		rm, tauRef   float64
		wantContains string
	}{
		{"Rm = 0", 0, 1, "lif: Rm must be > 0, got 0"},
		{"Rm NaN", math.NaN(), 1, "lif: Rm must be finite, got NaN"},
		{"tau_ref Inf", 1, math.Inf(1), "lif: tau_ref must be finite, got +Inf"},
		{"tau_ref < 0", 1, -1, "lif: tau_ref must be >= 0, got -1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			currents, counts, err := lif.IFCurve(lesson.RunLIF, tc.rm, tc.tauRef)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantContains)
			assert.Nil(t, currents)
			assert.Nil(t, counts)
		})
	}

	_, err := lif.IFCurveWith(lesson.RunLIF, lif.IFCurveParams(1, 1), []float64{1, math.NaN()})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "lif: current I[1] must be finite, got NaN")
}

// Example_runLIF simulates the original's run_LIF(1.5) with the lesson's
// RunLIF and lists the samples above threshold: the spikes.
func Example_runLIF() {
	timeMs, vm, err := lesson.RunLIF(1.5, lif.DefaultParams())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("time points:", len(timeMs))
	for i, v := range vm {
		if v > 1 {
			fmt.Printf("spike at t = %.1f ms (V = %.5f)\n", timeMs[i], v)
		}
	}
	// Output:
	// time points: 501
	// spike at t = 11.0 ms (V = 1.50345)
	// spike at t = 32.0 ms (V = 1.50345)
}

// ExampleIFCurve computes the transfer curve for the sliders' starting values.
func ExampleIFCurve() {
	currents, counts, err := lif.IFCurve(lesson.RunLIF, 1, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range currents {
		fmt.Printf("I = %.3f mA: %d spikes\n", currents[i], counts[i])
	}
	// Output:
	// I = 0.000 mA: 0 spikes
	// I = 0.222 mA: 0 spikes
	// I = 0.444 mA: 0 spikes
	// I = 0.667 mA: 0 spikes
	// I = 0.889 mA: 0 spikes
	// I = 1.111 mA: 43 spikes
	// I = 1.333 mA: 66 spikes
	// I = 1.556 mA: 91 spikes
	// I = 1.778 mA: 111 spikes
	// I = 2.000 mA: 125 spikes
}
