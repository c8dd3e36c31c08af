package lif

// torch.arange for a float32 result, as PyTorch 1.13's CPU kernel computes it.
//
// The LIF simulation's refractory test t > t_rest compares float32 times, so
// a time point one ulp off can move a spike by a step when tau_ref is a whole
// number of steps. The grid therefore has to be torch's own, bit for bit, not
// the mathematically nicer float32(i*dt).
//
// torch's arange_kernel (aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp)
// holds start and step as doubles (acc_type<float> on CPU) and fills the
// output with cpu_serial_kernel_vec:
//   - The vectorised loop covers the longest prefix that is a whole number of
//     pairs of vectors (2*lanes values). Each vector starts at index j, a
//     multiple of lanes from the beginning of the range, with the float32
//     base float32(start + step*j), and holds base + k*step for k in
//     [0, lanes), added in double and rounded to float32
//     (Vectorized<float>::arange(base, step)).
//   - The remaining values (fewer than 2*lanes) take the scalar loop:
//     float32(start + step*i), in double.
//   - at::parallel_for splits a range of more than 32,768 values (its grain
//     size) between threads when more than one is available, and each
//     thread's chunk starts its own vectors and its own scalar tail.
//
// lanes is 8 under torch's default CPU dispatch on x86 (AVX2, and also the
// generic "NO AVX" build, whose Vectorized<float> is 32 bytes wide) and 16
// under AVX-512 dispatch (ATEN_CPU_CAPABILITY=avx512). The test oracle
// (testdata/torch/lif_oracle.json, made by scripts/torch_oracle.py) holds
// torch's grids under AVX2, AVX-512 and the generic build on one thread, and
// under AVX2 on two threads; oracle_test.go checks this model against
// every one of them.

const (
	// torchDefaultLanes is the float32 vector width of torch's default CPU
	// dispatch (AVX2 or generic, 256 bits).
	torchDefaultLanes = 8
	// torchGrainSize is at::internal::GRAIN_SIZE: parallel_for runs ranges of
	// at most this many values on one thread.
	torchGrainSize = 32768
)

// torchArangeFloat32 returns the n values of torch.arange(start, start +
// n*step, step) in float32 as torch's CPU kernel builds them with float32
// vectors of the given lanes and the given number of threads (see the file
// comment). n, lanes and threads must be >= 0, >= 1 and >= 1.
func torchArangeFloat32(n int, start, step float64, lanes, threads int) []float32 {
	out := make([]float32, n)
	chunks := 1
	if n > torchGrainSize && threads > 1 {
		// invoke_parallel: min(threads, ceil(n/grain)) chunks of ceil(n/chunks).
		chunks = min(threads, (n+torchGrainSize-1)/torchGrainSize)
	}
	chunkSize := (n + chunks - 1) / max(chunks, 1)
	for begin := 0; begin < n; begin += chunkSize {
		torchArangeChunk(out[begin:min(n, begin+chunkSize)], begin, start, step, lanes)
	}
	return out
}

// torchArangeChunk fills out with the values at indices first, first+1, ...
// as one call of cpu_serial_kernel_vec does: vector pairs, then the scalar
// tail. The explicit float64 and float32 conversions are the roundings of
// the C++ code; they also keep the Go compiler from fusing the multiply and
// the add into an FMA.
func torchArangeChunk(out []float32, first int, start, step float64, lanes int) {
	vectorised := len(out) / (2 * lanes) * (2 * lanes)
	for j := 0; j < vectorised; j += lanes {
		base := float32(start + float64(step*float64(first+j))) // Vectorized<float>::arange's float base
		for k := 0; k < lanes; k++ {
			out[j+k] = float32(float64(base) + float64(float64(k)*step))
		}
	}
	for i := vectorised; i < len(out); i++ {
		out[i] = float32(start + float64(step*float64(first+i)))
	}
}
