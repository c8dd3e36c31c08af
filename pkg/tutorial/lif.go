package tutorial

// The bonus section: a leaky integrate-and-fire (LIF) neuron and its
// transfer (f-I) curve.
//
// This file is plain Go, not GoMLX: the Euler simulation is a sequential loop
// over scalars, each step depending on the one before, so a graph framework
// would only add compilation and dispatch overhead per step without any
// parallelism to exploit.

import (
	"fmt"
	"math"
)

// LIFParams holds the parameters of the seed's run_LIF, in its units.
type LIFParams struct {
	T      float64 // total simulated time (ms); the trace covers [0, T] (see RunLIF for the last point)
	Dt     float64 // Euler time step (ms)
	TauRef float64 // refractory period after a spike (ms)
	Rm     float64 // membrane resistance (kOhm)
	Cm     float64 // membrane capacitance (uF)
	Vth    float64 // spike threshold (V)
	VSpike float64 // jump added to V at a spike (V)
}

// DefaultLIFParams returns the seed's defaults for run_LIF: T = 50 ms,
// dt = 0.1 ms, tau_ref = 10 ms, Rm = 1 kOhm, Cm = 10 uF, Vth = 1 V and
// V_spike = 0.5 V.
func DefaultLIFParams() LIFParams {
	return LIFParams{T: 50, Dt: 0.1, TauRef: 10, Rm: 1, Cm: 10, Vth: 1, VSpike: 0.5}
}

// MaxLIFPoints is the largest trace RunLIF builds. A trace holds 8 bytes per
// point (float32 time and voltage), so this caps one run at 800 MB.
const MaxLIFPoints = 100_000_000

// Validate reports the first parameter that RunLIF cannot use: dt <= 0,
// T < 0, tau_ref < 0, Rm <= 0, Cm <= 0, or any value that is NaN, infinite,
// or too large for float32 (the simulation runs in float32, as the seed does).
// Messages use the seed's parameter names.
func (p LIFParams) Validate() error {
	fields := []struct {
		name  string
		value float64
	}{
		{"T", p.T}, {"dt", p.Dt}, {"tau_ref", p.TauRef}, {"Rm", p.Rm},
		{"Cm", p.Cm}, {"Vth", p.Vth}, {"V_spike", p.VSpike},
	}
	for _, f := range fields {
		if err := lifCheckFloat32(f.name, f.value); err != nil {
			return err
		}
	}
	switch {
	case p.Dt <= 0:
		return fmt.Errorf("lif: dt must be > 0, got %g", p.Dt)
	case p.T < 0:
		return fmt.Errorf("lif: T must be >= 0, got %g", p.T)
	case p.TauRef < 0:
		return fmt.Errorf("lif: tau_ref must be >= 0, got %g", p.TauRef)
	case p.Rm <= 0:
		return fmt.Errorf("lif: Rm must be > 0, got %g", p.Rm)
	case p.Cm <= 0:
		return fmt.Errorf("lif: Cm must be > 0, got %g", p.Cm)
	}
	return nil
}

// lifCheckFloat32 rejects NaN, ±Inf and values that overflow float32.
func lifCheckFloat32(name string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("lif: %s must be finite, got %g", name, v)
	}
	if math.Abs(v) > math.MaxFloat32 {
		return fmt.Errorf("lif: %s must fit in float32 (|x| <= %g), got %g", name, math.MaxFloat32, v)
	}
	return nil
}

// LIFNumPoints returns the number of time points of a run with these
// parameters, as torch.arange(0, T+dt, dt) counts them: ceil((T+dt)/dt), with
// T+dt and the division in float64. Because T+dt is rounded first, the count
// is sometimes one more than T/dt+1 (T = 20, dt = 0.01 gives 2002 points, the
// last at 20.01 ms); T = 50, dt = 0.1 gives 501. When dt does not divide T the
// grid stops at the last multiple of dt below T+dt (T = 10, dt = 0.3 gives 35
// points, up to 10.2 ms). It returns an error for invalid parameters or for a
// trace longer than MaxLIFPoints, checked before anything is allocated.
func LIFNumPoints(p LIFParams) (int, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	end := p.T + p.Dt                   // Python adds T + dt in double before calling arange
	size := math.Ceil((end - 0) / p.Dt) // torch's arange size for a float dtype: ceil((end-start)/step) in double
	if !(size <= MaxLIFPoints) {        // also catches +Inf
		return 0, fmt.Errorf("lif: T = %g with dt = %g needs %s time points, %s bytes (%.3g GB) of float32 time and voltage; the limit is %d points",
			p.T, p.Dt, lifFormatCount(size), lifFormatCount(8*size), 8*size/1e9, MaxLIFPoints)
	}
	return int(size), nil
}

// lifFormatCount writes a whole number of points or bytes in full up to
// 10^15 and in 3 significant digits beyond (dt = 1e-300 would otherwise give
// a 300-digit count).
func lifFormatCount(x float64) string {
	if x < 1e15 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.3g", x)
}

// RunLIF simulates the seed's run_LIF(I, T, dt, tau_ref, Rm, Cm, Vth,
// V_spike) for a constant input current I (mA) and returns the time points
// (ms) and the membrane potential (V) at each of them. It returns an error,
// and no trace, if the parameters fail Validate, the current is NaN, infinite
// or too large for float32, or the trace would exceed MaxLIFPoints.
//
// Outside the refractory period each step is the forward Euler update
//
//	V[n] = V[n-1] + (1/Cm) * (-V[n-1]/Rm + I) * dt
//
// and when V[n] >= Vth the neuron spikes: V[n] += V_spike and the refractory
// period runs until t_rest = t[n] + tau_ref. Steps with t <= t_rest are
// skipped, so V keeps the 0 it was initialised with there.
//
// The seed's quirks are reproduced on purpose:
//   - There is no explicit reset: after a spike V drops to 0 only because the
//     skipped samples were never written, and the first step after the
//     refractory period starts again from that 0.
//   - The time grid is torch.arange(0, T+dt, dt) (see LIFNumPoints): it may
//     end one step after T, or short of T when dt does not divide it.
//   - plot_IF_curve passes T = 1000 and dt = 1 as Python ints, so its time
//     tensor is int64 and t + tau_ref promotes to float32. The float32 grid
//     here holds the same integers (exactly, below 2^24), so every comparison
//     and every t_rest comes out the same.
//   - The refractory test is t > t_rest with t_rest = 0 at the start, so the
//     first sample (t = 0) is never updated and stays 0.
//   - At i = 0 the seed's update reads Vm[i-1] = Vm[-1], Python's last element;
//     this code does the same, although t = 0 never passes the test above.
//   - The threshold test (V >= Vth) runs at every sample, inside or outside the
//     refractory period, and a spike sample is left at V + V_spike, so it is
//     the sample that counts as "V > Vth".
//   - All arithmetic is float32, as with the seed's float32 tensors: Python
//     numbers (I, Rm, 1/Cm, dt, Vth, V_spike, tau_ref) are rounded to float32
//     and each tensor operation rounds its result to float32 (no fused
//     multiply-add).
//   - The time points are torch.arange's as PyTorch 1.13 computes them on CPU
//     under its default dispatch, single-threaded: in blocks of 8, each from a
//     float32 base float32(j*dt) plus k*dt in float64, with a scalar tail of
//     float32(i*dt) (see lif_arange.go). Many are 1 ulp away from
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
// (T/dt beyond about 2^24); the seed's float32 grid has the same limit.
func RunLIF(current float64, p LIFParams) (timeMs []float32, vm []float32, err error) {
	if err := lifCheckFloat32("current I", current); err != nil {
		return nil, nil, err
	}
	n, err := LIFNumPoints(p)
	if err != nil {
		return nil, nil, err
	}
	timeMs = lifTimeGrid(n, p.Dt)
	vm = make([]float32, n)
	lifSimulate(timeMs, vm, float32(current), p, nil)
	return timeMs, vm, nil
}

// lifTimeGrid returns torch.arange(0, T+dt, dt)'s n values in float32 as
// torch's CPU kernel computes them under its default dispatch (8-wide
// vectors) on one thread; see torchArangeFloat32.
func lifTimeGrid(n int, dt float64) []float32 {
	return torchArangeFloat32(n, 0, dt, torchDefaultLanes, 1)
}

// lifSimulate runs the seed's loop over the time grid, writing vm (all zeros
// on entry), and appends to *spikes, if spikes is not nil, the index of each
// sample where the spike branch ran. Every float32(...) conversion marks one
// rounding of a torch float32 operation; the conversions also keep the Go
// compiler from fusing a multiply and an add into one FMA, which torch does
// not do across operations.
func lifSimulate(timeMs, vm []float32, current float32, p LIFParams, spikes *[]int) {
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
// float32), the seed's torch.sum(Vm > Vth). Because a spike sample is left at
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

// The seed's plot_IF_curve settings.
const (
	IFCurveT           = 1000 // total simulated time (ms)
	IFCurveDt          = 1    // time step (ms)
	IFCurveVth         = 1    // spike threshold (V)
	IFCurveMaxCurrent  = 2    // Is_max (mA)
	IFCurveNumCurrents = 10   // the number of currents in linspace(0, Is_max, 10)
)

// IFCurveParams returns the parameters plot_IF_curve passes to run_LIF for a
// slider setting (rm, tauRef): T = 1000 ms, dt = 1 ms, Vth = 1 V, and
// run_LIF's defaults Cm = 10 uF and V_spike = 0.5 V.
func IFCurveParams(rm, tauRef float64) LIFParams {
	p := DefaultLIFParams()
	p.T, p.Dt, p.Vth = IFCurveT, IFCurveDt, IFCurveVth
	p.Rm, p.TauRef = rm, tauRef
	return p
}

// IFCurveCurrents returns the seed's input currents torch.linspace(0, 2, 10)
// in float32, as torch computes them (see lifLinspace32).
func IFCurveCurrents() []float32 {
	return lifLinspace32(0, IFCurveMaxCurrent, IFCurveNumCurrents)
}

// IFCurve computes the seed's transfer (f-I) curve for membrane resistance
// rm (kOhm) and refractory period tauRef (ms): for each current of
// IFCurveCurrents it runs RunLIF with IFCurveParams(rm, tauRef) and counts the
// samples with V > Vth. It returns the currents, the counts (one per current)
// and an error if the parameters are invalid (for example rm <= 0).
//
// For rm = 1 and tauRef = 1 the counts are 0, 0, 0, 0, 0, 43, 66, 91, 111, 125.
func IFCurve(rm, tauRef float64) (currents []float32, spikeCounts []int, err error) {
	currents = IFCurveCurrents()
	asFloat64 := make([]float64, len(currents))
	for i, c := range currents {
		asFloat64[i] = float64(c)
	}
	spikeCounts, err = IFCurveWith(IFCurveParams(rm, tauRef), asFloat64)
	if err != nil {
		return nil, nil, err
	}
	return currents, spikeCounts, nil
}

// IFCurveWith runs RunLIF once per current with the parameters p and returns,
// for each, the number of samples with V > p.Vth (see CountAbove). Currents are
// rounded to float32, as the seed's tensor elements are. It returns an error
// naming the first invalid parameter or current; an empty currents slice gives
// an empty result.
func IFCurveWith(p LIFParams, currents []float64) (spikeCounts []int, err error) {
	n, err := LIFNumPoints(p)
	if err != nil {
		return nil, err
	}
	for i, c := range currents {
		if err := lifCheckFloat32(fmt.Sprintf("current I[%d]", i), c); err != nil {
			return nil, err
		}
	}
	// One grid and one voltage buffer serve every current: the grid does not
	// depend on I, and the voltage buffer is zeroed before each run.
	timeMs := lifTimeGrid(n, p.Dt)
	vm := make([]float32, n)
	spikeCounts = make([]int, len(currents))
	for k, c := range currents {
		clear(vm)
		lifSimulate(timeMs, vm, float32(c), p, nil)
		spikeCounts[k] = CountAbove(vm, p.Vth)
	}
	return spikeCounts, nil
}

// lifLinspace32 returns torch.linspace(start, end, steps) in float32 as
// torch's CPU kernel computes it: step = (end-start)/(steps-1) in float32; the
// first half is start + step*i and the second half end - step*(steps-1-i),
// counting back from end so both ends are exact. torch's x86 kernels are
// compiled with FMA enabled and GCC contracts each of these expressions into
// one fused multiply-add, so each value is rounded once (torch 1.12 prints
// linspace(-0.5, 0.5, 11)[5] as -7.4506e-09, the fused result, not 0). Here
// the product and sum are exact in float64 (a 24-bit step times a small
// integer, plus an end of similar magnitude), then rounded once to float32.
// For linspace(0, 2, 10) this gives I[6] = 1.33333337 where two roundings
// would give 1.33333325; the IF counts agree for both over the whole slider
// range. This is torch's scalar loop, which computes every value when steps
// < 16 (the tutorial's 10, checked against torch in lif_oracle_test.go);
// longer ranges go through torch's vector loop, which rounds differently and
// which this does not reproduce. It returns nil for steps <= 0.
func lifLinspace32(start, end float32, steps int) []float32 {
	if steps <= 0 {
		return nil
	}
	out := make([]float32, steps)
	if steps == 1 {
		out[0] = start
		return out
	}
	step := float32(float32(end-start) / float32(steps-1))
	half := steps / 2
	for i := range out {
		if i < half {
			out[i] = float32(math.FMA(float64(step), float64(float32(i)), float64(start)))
		} else {
			k := float32(steps - 1 - i)
			out[i] = float32(math.FMA(-float64(step), float64(k), float64(end)))
		}
	}
	return out
}
