package lif

// The simulation itself: the original's run_LIF on torch's time grid.

// Simulate simulates the original's run_LIF(I, T, dt, tau_ref, Rm, Cm, Vth,
// V_spike) for a constant input current I (mA) and returns the time points
// (ms) and the membrane potential (V) at each of them. It returns an error,
// and no trace, if the parameters fail Validate, the current is NaN, infinite
// or too large for float32, or the trace would exceed MaxPoints.
//
// Outside the refractory period each step is the forward Euler update
//
//	V[n] = V[n-1] + (1/Cm) * (-V[n-1]/Rm + I) * dt
//
// and when V[n] >= Vth the neuron spikes: V[n] += V_spike and the refractory
// period runs until t_rest = t[n] + tau_ref. Steps with t <= t_rest are
// skipped, so V keeps the 0 it was initialised with there.
//
// The original's quirks are reproduced on purpose:
//   - There is no explicit reset: after a spike V drops to 0 only because the
//     skipped samples were never written, and the first step after the
//     refractory period starts again from that 0.
//   - The time grid is torch.arange(0, T+dt, dt) (see NumPoints): it may
//     end one step after T, or short of T when dt does not divide it.
//   - plot_IF_curve passes T = 1000 and dt = 1 as Python ints, so its time
//     tensor is int64 and t + tau_ref promotes to float32. The float32 grid
//     here holds the same integers (exactly, below 2^24), so every comparison
//     and every t_rest comes out the same.
//   - The refractory test is t > t_rest with t_rest = 0 at the start, so the
//     first sample (t = 0) is never updated and stays 0.
//   - At i = 0 the original's update reads Vm[i-1] = Vm[-1], Python's last element;
//     this code does the same, although t = 0 never passes the test above.
//   - The threshold test (V >= Vth) runs at every sample, inside or outside the
//     refractory period, and a spike sample is left at V + V_spike, so it is
//     the sample that counts as "V > Vth".
//   - All arithmetic is float32, as with the original's float32 tensors: Python
//     numbers (I, Rm, 1/Cm, dt, Vth, V_spike, tau_ref) are rounded to float32
//     and each tensor operation rounds its result to float32 (no fused
//     multiply-add).
//   - The time points are torch.arange's as PyTorch 1.13 computes them on CPU
//     under its default dispatch, single-threaded: in blocks of 8, each from a
//     float32 base float32(j*dt) plus k*dt in float64, with a scalar tail of
//     float32(i*dt) (see arange.go). Many are 1 ulp away from
//     float32(i*dt) (107 of the 501 for the defaults), and with tau_ref a
//     whole number of steps that moves spikes: the refractory test
//     t > t_rest is then a knife edge.
//
// The traces equal torch's own (the sweep in testdata/torch/lif_oracle.json:
// every spike index, every voltage). They can differ from a given machine's
// torch where its grid differs: under AVX-512 dispatch (blocks of 16), and
// for grids of more than 32,768 points when torch runs on several threads
// (docs/REFERENCE.md, "Where LIF fidelity depends on the machine").
//
// With float32 time, t stops increasing once dt is below half an ulp of t
// (T/dt beyond about 2^24); the original's float32 grid has the same limit.
func Simulate(current float64, p Params) (timeMs []float32, vm []float32, err error) {
	if err := validateFloat32("current I", current); err != nil {
		return nil, nil, err
	}
	n, err := NumPoints(p)
	if err != nil {
		return nil, nil, err
	}
	timeMs = timeGrid(n, p.Dt)
	vm = make([]float32, n)
	simulateOnGrid(timeMs, vm, float32(current), p, nil)
	return timeMs, vm, nil
}

// timeGrid returns torch.arange(0, T+dt, dt)'s n values in float32 as
// torch's CPU kernel computes them under its default dispatch (8-wide
// vectors) on one thread; see torchArangeFloat32.
func timeGrid(n int, dt float64) []float32 {
	return torchArangeFloat32(n, 0, dt, torchDefaultLanes, 1)
}

// simulateOnGrid runs the original's loop over the time grid, writing vm (all zeros
// on entry), and appends to *spikes, if spikes is not nil, the index of each
// sample where the spike branch ran. Every float32(...) conversion marks one
// rounding of a torch float32 operation; the conversions also keep the Go
// compiler from fusing a multiply and an add into one FMA, which torch does
// not do across operations.
func simulateOnGrid(timeMs, vm []float32, current float32, p Params, spikes *[]int) {
	n := len(vm)
	var (
		invCm  = float32(1 / p.Cm) // Python's 1/Cm is a double; torch casts the scalar to float32
		rm     = float32(p.Rm)
		dt     = float32(p.Dt)
		vth    = float32(p.Vth)
		vSpike = float32(p.VSpike)
		tauRef = float32(p.TauRef)
		tRest  float32 // t_rest = 0
	)
	for i, t := range timeMs {
		if t > tRest {
			prev := vm[(i-1+n)%n]            // Vm[i-1]; Vm[-1] (the last element) at i = 0
			leak := float32(-prev / rm)      // -Vm[i-1]/Rm
			drive := float32(leak + current) // ... + I
			scaled := float32(invCm * drive) // 1/Cm * (...)
			step := float32(scaled * dt)     // ... * dt
			vm[i] = float32(prev + step)     // Vm[i-1] + ...
		}
		if vm[i] >= vth {
			vm[i] = float32(vm[i] + vSpike)
			tRest = float32(t + tauRef)
			if spikes != nil {
				*spikes = append(*spikes, i)
			}
		}
	}
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
