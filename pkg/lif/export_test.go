package lif

// Test-only access to the LIF internals, for the torch oracle tests.

// TorchArangeFloat32 is torchArangeFloat32.
var TorchArangeFloat32 = torchArangeFloat32

// SimulateWithSpikes is Simulate that also returns the indices of the samples where
// the spike branch ran (the oracle records them from torch).
func SimulateWithSpikes(current float64, p Params) (timeMs, vm []float32, spikes []int, err error) {
	timeMs, vm, err = Simulate(current, p)
	if err != nil {
		return nil, nil, nil, err
	}
	clear(vm)
	spikes = []int{}
	simulateOnGrid(timeMs, vm, float32(current), p, &spikes)
	return timeMs, vm, spikes, nil
}
