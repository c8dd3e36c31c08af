package lif

// The parameters of run_LIF and the size of the trace they ask for.

import (
	"fmt"
	"math"
)

// Params holds the parameters of the original's run_LIF, in its units.
type Params struct {
	T      float64 // total simulated time (ms); the trace covers [0, T] (see TimeGrid for the last point)
	Dt     float64 // Euler time step (ms)
	TauRef float64 // refractory period after a spike (ms)
	Rm     float64 // membrane resistance (kOhm)
	Cm     float64 // membrane capacitance (uF)
	Vth    float64 // spike threshold (V)
	VSpike float64 // jump added to V at a spike (V)
}

// DefaultParams returns the original's defaults for run_LIF: T = 50 ms,
// dt = 0.1 ms, tau_ref = 10 ms, Rm = 1 kOhm, Cm = 10 uF, Vth = 1 V and
// V_spike = 0.5 V.
func DefaultParams() Params {
	return Params{T: 50, Dt: 0.1, TauRef: 10, Rm: 1, Cm: 10, Vth: 1, VSpike: 0.5}
}

// MaxPoints is the largest trace a simulation builds (see TimeGrid). A trace holds 8 bytes per
// point (float32 time and voltage), so this caps one run at 800 MB.
const MaxPoints = 100_000_000

// Validate reports the first parameter that the simulation cannot use: dt <= 0,
// T < 0, tau_ref < 0, Rm <= 0, Cm <= 0, or any value that is NaN, infinite,
// or too large for float32 (the simulation runs in float32, as the original does).
// Messages use the original's parameter names.
func (p Params) Validate() error {
	fields := []struct {
		name  string
		value float64
	}{
		{"T", p.T}, {"dt", p.Dt}, {"tau_ref", p.TauRef}, {"Rm", p.Rm},
		{"Cm", p.Cm}, {"Vth", p.Vth}, {"V_spike", p.VSpike},
	}
	for _, f := range fields {
		if err := validateFloat32(f.name, f.value); err != nil {
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

// validateFloat32 rejects NaN, ±Inf and values that overflow float32.
func validateFloat32(name string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("lif: %s must be finite, got %g", name, v)
	}
	if math.Abs(v) > math.MaxFloat32 {
		return fmt.Errorf("lif: %s must fit in float32 (|x| <= %g), got %g", name, math.MaxFloat32, v)
	}
	return nil
}

// NumPoints returns the number of time points of a run with these
// parameters, as torch.arange(0, T+dt, dt) counts them: ceil((T+dt)/dt), with
// T+dt and the division in float64. Because T+dt is rounded first, the count
// is sometimes one more than T/dt+1 (T = 20, dt = 0.01 gives 2002 points, the
// last at 20.01 ms); T = 50, dt = 0.1 gives 501. When dt does not divide T the
// grid stops at the last multiple of dt below T+dt (T = 10, dt = 0.3 gives 35
// points, up to 10.2 ms). It returns an error for invalid parameters or for a
// trace longer than MaxPoints, checked before anything is allocated.
func NumPoints(p Params) (int, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	end := p.T + p.Dt                   // Python adds T + dt in double before calling arange
	size := math.Ceil((end - 0) / p.Dt) // torch's arange size for a float dtype: ceil((end-start)/step) in double
	if !(size <= MaxPoints) {           // also catches +Inf
		return 0, fmt.Errorf("lif: T = %g with dt = %g needs %s time points, %s bytes (%.3g GB) of float32 time and voltage; the limit is %d points",
			p.T, p.Dt, formatCount(size), formatCount(8*size), 8*size/1e9, MaxPoints)
	}
	return int(size), nil
}

// formatCount writes a whole number of points or bytes in full up to
// 10^15 and in 3 significant digits beyond (dt = 1e-300 would otherwise give
// a 300-digit count).
func formatCount(x float64) string {
	if x < 1e15 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.3g", x)
}
