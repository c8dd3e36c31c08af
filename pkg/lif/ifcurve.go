package lif

// The transfer (f-I) curve of plot_IF_curve: spike counts over a range of
// input currents.

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// The original's plot_IF_curve settings.
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
func IFCurveParams(rm, tauRef float64) Params {
	p := DefaultParams()
	p.T, p.Dt, p.Vth = IFCurveT, IFCurveDt, IFCurveVth
	p.Rm, p.TauRef = rm, tauRef
	return p
}

// IFCurveCurrents returns the original's input currents torch.linspace(0, 2, 10)
// in float32, as torch computes them (see tutorial.LinspaceFloat32).
func IFCurveCurrents() []float32 {
	return tutorial.LinspaceFloat32(0, IFCurveMaxCurrent, IFCurveNumCurrents)
}

// IFCurve computes the original's transfer (f-I) curve for membrane resistance
// rm (kOhm) and refractory period tauRef (ms), as plot_IF_curve does: for each
// current of IFCurveCurrents it runs simulate (the lesson's RunLIF, the
// original's run_LIF) with IFCurveParams(rm, tauRef) and counts the samples
// with V > Vth. It returns the currents, the counts (one per current) and an
// error if the parameters are invalid (for example rm <= 0) or simulate is nil.
//
// For rm = 1 and tauRef = 1 the counts are 0, 0, 0, 0, 0, 43, 66, 91, 111, 125.
func IFCurve(simulate Simulator, rm, tauRef float64) (currents []float32, spikeCounts []int, err error) {
	currents = IFCurveCurrents()
	asFloat64 := make([]float64, len(currents))
	for i, c := range currents {
		asFloat64[i] = float64(c)
	}
	spikeCounts, err = IFCurveWith(simulate, IFCurveParams(rm, tauRef), asFloat64)
	if err != nil {
		return nil, nil, err
	}
	return currents, spikeCounts, nil
}

// IFCurveWith runs simulate once per current with the parameters p and
// returns, for each, the number of samples with V > p.Vth (see CountAbove).
// Currents are rounded to float32, as the original's tensor elements are. It
// checks the parameters and every current before it simulates anything, and
// returns an error naming the first invalid one; an empty currents slice gives
// an empty result.
func IFCurveWith(simulate Simulator, p Params, currents []float64) (spikeCounts []int, err error) {
	if simulate == nil {
		return nil, fmt.Errorf("lif: the simulator is nil; pass the lesson's RunLIF")
	}
	if _, err := NumPoints(p); err != nil {
		return nil, err
	}
	for i, c := range currents {
		if err := validateFloat32(fmt.Sprintf("current I[%d]", i), c); err != nil {
			return nil, err
		}
	}
	spikeCounts = make([]int, len(currents))
	for k, c := range currents {
		_, vm, err := simulate(float64(float32(c)), p)
		if err != nil {
			return nil, err
		}
		spikeCounts[k] = CountAbove(vm, p.Vth)
	}
	return spikeCounts, nil
}
