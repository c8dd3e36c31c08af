package lif

// What the simulation needs besides its loop: the time grid and the checks.
// The loop itself, the original's run_LIF, is the lesson's RunLIF (pkg/lesson),
// shown in the notebook; the functions here take it as a Simulator.

// Simulator is the signature of the original's run_LIF(I, T, dt, tau_ref, Rm,
// Cm, Vth, V_spike), the lesson's RunLIF: for a constant input current I (mA)
// it returns the time points (ms) and the membrane potential (V) at each of
// them, or an error, and no trace, if the parameters fail Validate, the
// current fails CheckCurrent, or the trace would exceed MaxPoints.
//
// RunLIF reproduces the original's quirks on purpose:
//   - Outside the refractory period each step is the forward Euler update
//     V[n] = V[n-1] + (1/Cm) * (-V[n-1]/Rm + I) * dt, and when V[n] >= Vth
//     the neuron spikes: V[n] += V_spike and the refractory period runs until
//     t_rest = t[n] + tau_ref. Steps with t <= t_rest are skipped.
//   - There is no explicit reset: after a spike V drops to 0 only because the
//     skipped samples were never written, and the first step after the
//     refractory period starts again from that 0.
//   - The refractory test is t > t_rest with t_rest = 0 at the start, so the
//     first sample (t = 0) is never updated and stays 0. (The original's
//     update at i = 0 would read Vm[-1], Python's last element; it never runs.)
//   - The threshold test (V >= Vth) runs at every sample, inside or outside the
//     refractory period, and a spike sample is left at V + V_spike, so it is
//     the sample that counts as "V > Vth".
//   - All arithmetic is float32, as with the original's float32 tensors: Python
//     numbers (I, Rm, 1/Cm, dt, Vth, V_spike, tau_ref) are rounded to float32
//     and each tensor operation rounds its result to float32 (no fused
//     multiply-add; an explicit float32(...) conversion forbids Go to fuse).
//   - The time grid is torch.arange(0, T+dt, dt) (see [TimeGrid]).
//
// The traces equal torch's own (the sweep in testdata/torch/lif_oracle.json:
// every spike index, every voltage). They can differ from a given machine's
// torch where its grid differs: under AVX-512 dispatch (blocks of 16), and
// for grids of more than 32,768 points when torch runs on several threads
// (docs/REFERENCE.md, "Where LIF fidelity depends on the machine").
type Simulator func(current float64, p Params) (timeMs, vm []float32, err error)

// TimeGrid returns the time points (ms) of a run with parameters p, the
// original's torch.arange(0, T+dt, dt) in float32, as PyTorch 1.13 computes
// them on CPU under its default dispatch, single-threaded: NumPoints(p)
// values, in blocks of 8, each from a float32 base float32(j*dt) plus k*dt in
// float64, with a scalar tail of float32(i*dt) (see arange.go). Many are 1 ulp
// away from float32(i*dt) (107 of the 501 for the defaults), and with tau_ref
// a whole number of steps that moves spikes: the refractory test t > t_rest
// is then a knife edge.
//
// The grid may end one step after T, or short of T when dt does not divide it
// (see NumPoints). plot_IF_curve passes T = 1000 and dt = 1 as Python ints, so
// its time tensor is int64 and t + tau_ref promotes to float32; the float32
// grid here holds the same integers (exactly, below 2^24), so every comparison
// and every t_rest comes out the same. With float32 time, t stops increasing
// once dt is below half an ulp of t (T/dt beyond about 2^24); the original's
// float32 grid has the same limit.
//
// It returns an error for invalid parameters or a grid longer than MaxPoints,
// checked before anything is allocated.
func TimeGrid(p Params) ([]float32, error) {
	n, err := NumPoints(p)
	if err != nil {
		return nil, err
	}
	return timeGrid(n, p.Dt), nil
}

// CheckCurrent reports an input current that the simulation cannot use: NaN,
// infinite, or too large for float32 (the simulation runs in float32).
func CheckCurrent(current float64) error {
	return validateFloat32("current I", current)
}

// timeGrid returns torch.arange(0, T+dt, dt)'s n values in float32 as
// torch's CPU kernel computes them under its default dispatch (8-wide
// vectors) on one thread; see torchArangeFloat32.
func timeGrid(n int, dt float64) []float32 {
	return torchArangeFloat32(n, 0, dt, torchDefaultLanes, 1)
}

// CountAbove returns the number of samples with v > vth (vth rounded to
// float32), the original's torch.sum(Vm > Vth). Because a spike sample is left at
// V + V_spike and the samples after it are held at 0, this is the number of
// spikes in the tutorial's settings (Vth > 0, V_spike > 0, tau_ref >= dt); with
// tau_ref < dt a spike can be followed by more samples above threshold.
func CountAbove(vm []float32, vth float64) int {
	th := float32(vth)
	count := 0
	for _, v := range vm {
		if v > th {
			count++
		}
	}
	return count
}
