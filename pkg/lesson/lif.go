package lesson

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/lif"
	"github.com/nma-go/mlp/pkg/plots"
)

// BEGIN CELL RunLIF

// RunLIF は原作の run_LIF です。一定の入力電流 I (mA) を受ける LIF ニューロンを、
// パラメータ p (lif.Params、原作の T, dt, tau_ref, Rm, Cm, Vth, V_spike) でシミュレーション
// し、時刻点 (ms) と各時刻の膜電位 (V) を返します。パラメータが使えない値のときはエラーを
// 返します。
// RunLIF is the original's run_LIF. It simulates a LIF neuron that receives a
// constant input current I (mA), with the parameters p (lif.Params: the
// original's T, dt, tau_ref, Rm, Cm, Vth, V_spike), and returns the time
// points (ms) and the membrane potential (V) at each of them. It returns an
// error when a parameter has an unusable value.
//
// 原作と同じく、計算はすべて float32 で、演算を一つするごとに float32(...) で丸めます
// (PyTorch のテンソル演算と同じ丸め方です)。時刻点は torch.arange(0, T + dt, dt) と
// ビット単位で同じです。
// As in the original, all the arithmetic is in float32, rounded with
// float32(...) after every single operation (the way PyTorch's tensor
// operations round). The time points are bit for bit those of
// torch.arange(0, T + dt, dt).
func RunLIF(I float64, p lif.Params) (timeMs, vm []float32, err error) {
	if err := lif.CheckCurrent(I); err != nil {
		return nil, nil, err
	}
	timeMs, err = lif.TimeGrid(p) // torch.arange(0, T + dt, dt)
	if err != nil {
		return nil, nil, err
	}
	// 膜電位、はじめはすべて 0
	// The membrane potential, all 0 at first.
	vm = make([]float32, len(timeMs))
	current, invCm, rm, dt := float32(I), float32(1/p.Cm), float32(p.Rm), float32(p.Dt)
	vth, vSpike, tauRef := float32(p.Vth), float32(p.VSpike), float32(p.TauRef)
	// 不応期の終わり (t_rest = 0)
	// The end of the refractory period (t_rest = 0).
	var tRest float32
	for i, t := range timeMs {
		// 不応期が終わっていれば、オイラー法で 1 ステップ進めます:
		// Once the refractory period is over, take one step of Euler's method:
		//	V[i] = V[i-1] + 1/Cm * (-V[i-1]/Rm + I) * dt
		// (t = 0 は t > t_rest を満たさないので、ここに来るのは i >= 1 のときだけです。)
		// (t = 0 does not satisfy t > t_rest, so only i >= 1 gets here.)
		if t > tRest {
			prev := vm[i-1]
			leak := float32(-prev / rm)                // -V[i-1]/Rm
			drive := float32(leak + current)           // ... + I
			step := float32(float32(invCm*drive) * dt) // 1/Cm * (...) * dt
			vm[i] = float32(prev + step)               // V[i-1] + ...
		}
		// しきい値を超えたらスパイク: V_spike を足して、不応期を始めます。
		// When V reaches the threshold, a spike: add V_spike and start the
		// refractory period.
		if vm[i] >= vth {
			vm[i] = float32(vm[i] + vSpike)
			tRest = float32(t + tauRef)
		}
	}
	return timeMs, vm, nil
}

// END CELL RunLIF

// PlotLIFTrace simulates the original's run_LIF(1.5), prints the time grid,
// the times above threshold and the highest potential, and plots the trace
// (06_bonus_lif).
func PlotLIFTrace() {
	// BEGIN CELL PlotLIFTrace
	p := lif.DefaultParams()
	timeMs, vm, err := RunLIF(1.5, p)
	if err != nil {
		panic(err)
	}
	var spikeTimes []float32
	maxV := vm[0]
	for i, v := range vm {
		if v > float32(p.Vth) {
			spikeTimes = append(spikeTimes, timeMs[i])
		}
		maxV = max(maxV, v)
	}
	fmt.Printf("time points: %d (from %g to %g ms)\n", len(timeMs), timeMs[0], timeMs[len(timeMs)-1])
	fmt.Printf("V > Vth at t = %v ms\n", spikeTimes)
	fmt.Printf("max V = %.5f V\n", maxV)
	plots.ShowPlot(lif.TracePlot(timeMs, vm))
	// END CELL PlotLIFTrace
}

// RejectBadLIFParams prints the errors of a zero time step and of a grid too
// large to simulate (06_bonus_lif).
func RejectBadLIFParams() {
	// BEGIN CELL RejectBadLIFParams
	p := lif.DefaultParams()
	p.Dt = 0
	_, _, err := RunLIF(1.5, p)
	fmt.Println(err)

	p = lif.DefaultParams()
	p.T, p.Dt = 1e9, 1e-3
	_, _, err = RunLIF(1.5, p)
	fmt.Println(err)
	// END CELL RejectBadLIFParams
}

// PrintIFCurve prints the spike counts of the transfer curve at the sliders'
// start, R_m = 1 kΩ and τ_ref = 1 ms, simulated with RunLIF (06_bonus_lif).
func PrintIFCurve() {
	// BEGIN CELL PrintIFCurve
	currents, counts, err := lif.IFCurve(RunLIF, 1, 1)
	if err != nil {
		panic(err)
	}
	for i := range currents {
		fmt.Printf("I = %.3f mA: %3d spikes\n", currents[i], counts[i])
	}
	// END CELL PrintIFCurve
}
