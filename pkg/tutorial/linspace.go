package tutorial

// torch.linspace for a float32 result, as PyTorch 1.13's CPU kernel computes
// it. One rule, in two forms: LinspaceFloat32 for Go slices (the sine's
// training points, the spiral's t, the LIF transfer curve's currents) and
// Linspace for graphs (the grid of Exercise 1).
//
// torch's linspace_kernel (aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp)
// rounds start and end to float32 and computes, all in float32,
//
//	step = (end - start) / (steps - 1)
//	value(idx) = start + step*idx          for idx <  steps/2
//	value(idx) = end - step*(steps-idx-1)  for idx >= steps/2
//
// counting the second half back from end so that both ends are exact. It
// fills the output with cpu_serial_kernel_vec: the longest prefix that is a
// whole number of pairs of vectors (2*lanes values) goes vector by vector,
// each vector from its first index j as base = value(j) followed by
// base + k*step for k in [1, lanes) (Vectorized<float>::arange, with k*step
// rounded before the addition); the remaining values are value(idx) one by
// one. Under torch's default dispatch on x86 (AVX2, 8 lanes), built with FMA
// contraction, every value(idx) is one fused multiply-add, rounded once;
// under AVX-512 the vectors hold 16 lanes; the generic "NO AVX" build has 8
// lanes, rounds the product and the sum separately, and computes a vector's
// first value as base + 0*step too (which differs from base only when the
// step overflows: inf*0 is NaN). The test oracle
// (testdata/torch/linspace_oracle.json, made by scripts/torch_oracle.py)
// holds torch's results under all three, and linspace_test.go checks this
// model against every one of them, bit for bit.
//
// Ranges of more than 32,768 values are split between threads when torch
// has several; this models one thread, as the tutorial's sizes (10 and 1000)
// never reach the split.

import (
	"fmt"
	"math"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	. "github.com/gomlx/gomlx/core/graph"
)

// torchDefaultLinspace is torch's default CPU dispatch on x86: AVX2, 8
// float32 lanes, fused multiply-adds.
var torchDefaultLinspace = linspaceDispatch{lanes: 8, fused: true, firstLaneIsBase: true}

// linspaceDispatch is one of torch's CPU builds of linspace_kernel.
type linspaceDispatch struct {
	lanes           int  // float32 values per vector
	fused           bool // value(idx) is one fused multiply-add
	firstLaneIsBase bool // a vector's first value is base itself, not base + 0*step
}

// linspacePoint says how torch computes one value: base = anchor +
// multiplier*step, then base + lane*step if plusLane, else base itself.
type linspacePoint struct {
	fromStart  bool    // the anchor is start (else end)
	multiplier float32 // idx or -(steps-idx-1), as torch's float conversion of the int64
	lane       float32 // k within a vector; 0 for the scalar tail
	plusLane   bool    // the value is base + lane*step
}

// points lists, for each of the n values, how torch computes it.
func (d linspaceDispatch) points(n int) []linspacePoint {
	half := n / 2
	base := func(idx int) linspacePoint {
		if idx < half {
			return linspacePoint{fromStart: true, multiplier: float32(idx)}
		}
		return linspacePoint{multiplier: -float32(n - idx - 1)}
	}
	out := make([]linspacePoint, n)
	vectorised := n / (2 * d.lanes) * (2 * d.lanes)
	for j := 0; j < vectorised; j += d.lanes {
		for k := range d.lanes {
			p := base(j)
			p.lane, p.plusLane = float32(k), k > 0 || !d.firstLaneIsBase
			out[j+k] = p
		}
	}
	for i := vectorised; i < n; i++ {
		out[i] = base(i)
	}
	return out
}

// linspaceStep is torch's float32 step, (end - start) / (steps - 1), each
// operation rounded to float32.
func linspaceStep(start, end float32, n int) float32 {
	return float32(float64(float32(float64(end)-float64(start))) / float64(float32(n-1)))
}

// LinspaceFloat32 returns torch.linspace(start, stop, n) in float32, bit for
// bit as PyTorch 1.13 computes it on x86 under its default dispatch on one
// thread (see the file comment): start and stop are rounded to float32
// first, both ends are exact, and every value matches torch's. It returns
// nil for n <= 0 and [float32(start)] for n == 1.
func LinspaceFloat32(start, stop float64, n int) []float32 {
	return torchDefaultLinspace.float32s(float32(start), float32(stop), n)
}

// float32s is LinspaceFloat32 under dispatch d.
func (d linspaceDispatch) float32s(start, end float32, n int) []float32 {
	if n <= 0 {
		return nil
	}
	if n == 1 {
		return []float32{start}
	}
	step := linspaceStep(start, end, n)
	out := make([]float32, n)
	for i, p := range d.points(n) {
		anchor := end
		if p.fromStart {
			anchor = start
		}
		var base float32
		if d.fused {
			base = fusedMultiplyAdd32(step, p.multiplier, anchor)
		} else {
			base = float32(float64(float32(float64(step)*float64(p.multiplier))) + float64(anchor))
		}
		if !p.plusLane {
			out[i] = base
		} else {
			out[i] = float32(float64(base) + float64(float32(float64(p.lane)*float64(step))))
		}
	}
	return out
}

// fusedMultiplyAdd32 returns a*b + c rounded once to float32, as a float32
// FMA instruction computes it. The product of two float32s is exact in
// float64; the sum is rounded to float64 with round-to-odd (the exact error
// of the addition decides which neighbour), which makes the final rounding to
// float32 the correct one: rounding twice to nearest could land on the wrong
// side of a halfway point.
func fusedMultiplyAdd32(a, b, c float32) float32 {
	product, addend := float64(a)*float64(b), float64(c)
	sum := product + addend
	return float32(roundToOdd(sum, twoSumError(product, addend, sum)))
}

// twoSumError is the exact rounding error of sum = x + y (Knuth's TwoSum):
// x + y == sum + residual exactly, for finite values.
func twoSumError(x, y, sum float64) (residual float64) {
	yPart := sum - x
	return (x - (sum - yPart)) + (y - yPart)
}

// roundToOdd turns sum, the float64 nearest to sum+residual, into whichever
// of the two float64s around sum+residual has an odd last bit. An exact sum
// (residual 0) stays, and so does an infinite one (residual NaN).
func roundToOdd(sum, residual float64) float64 {
	bits := math.Float64bits(sum)
	if !(residual < 0 || residual > 0) || bits&1 == 1 {
		return sum
	}
	if (residual > 0) == (sum > 0) {
		return math.Float64frombits(bits + 1) // away from zero
	}
	return math.Float64frombits(bits - 1) // towards zero
}

// Linspace returns a rank-1 node with n evenly spaced values from the scalar
// nodes start to stop, inclusive: the graph counterpart of torch.linspace.
//
// For float32 it computes each value exactly as LinspaceFloat32 (and torch)
// does, with the fused multiply-adds done in float64 and rounded to odd
// before the final rounding, so the grid of Exercise 1 is torch's, bit for
// bit. Other dtypes get start + i*step with step = (stop - start) / (n - 1).
// It panics (as graph functions do) if n < 2 or start and stop are not
// scalars of the same dtype.
func Linspace(start, stop *Node, n int) *Node {
	if n < 2 {
		panic(fmt.Sprintf("Linspace: n must be >= 2, got %d", n))
	}
	if !start.Shape().IsScalar() || !stop.Shape().IsScalar() || start.DType() != stop.DType() {
		panic(fmt.Sprintf("Linspace: start and stop must be scalars of one dtype, got %s and %s", start.Shape(), stop.Shape()))
	}
	g := start.Graph()
	if start.DType() != dtypes.Float32 {
		steps := Iota(g, shapes.Make(start.DType(), n), 0)
		step := Div(Sub(stop, start), Scalar(g, start.DType(), n-1))
		return Add(start, Mul(steps, step))
	}
	points := torchDefaultLinspace.points(n)
	fromStart, multipliers := make([]bool, n), make([]float32, n)
	lanes, plusLane := make([]float32, n), make([]bool, n)
	for i, p := range points {
		fromStart[i], multipliers[i], lanes[i], plusLane[i] = p.fromStart, p.multiplier, p.lane, p.plusLane
	}
	// A true division: DivScalar would multiply by a rounded 1/(n-1).
	step := Div(Sub(stop, start), Scalar(g, dtypes.Float32, n-1))
	anchor := Where(Const(g, fromStart), BroadcastToDims(start, n), BroadcastToDims(stop, n))
	base := graphFusedMultiplyAdd32(BroadcastToDims(step, n), Const(g, multipliers), anchor)
	vectorValue := Add(base, Mul(Const(g, lanes), step))
	return Where(Const(g, plusLane), vectorValue, base)
}

// graphFusedMultiplyAdd32 is fusedMultiplyAdd32 on float32 nodes of one
// shape, elementwise.
func graphFusedMultiplyAdd32(a, b, c *Node) *Node {
	product := Mul(ConvertDType(a, dtypes.Float64), ConvertDType(b, dtypes.Float64)) // exact
	addend := ConvertDType(c, dtypes.Float64)
	sum := Add(product, addend)
	yPart := Sub(sum, product)
	residual := Add(Sub(product, Sub(sum, yPart)), Sub(addend, yPart)) // twoSumError
	return ConvertDType(graphRoundToOdd(sum, residual), dtypes.Float32)
}

// graphRoundToOdd is roundToOdd on float64 nodes of the same shape.
func graphRoundToOdd(sum, residual *Node) *Node {
	g := sum.Graph()
	bits := Bitcast(sum, dtypes.Int64)
	one := ScalarOne(g, dtypes.Int64)
	even := Equal(BitwiseAnd(bits, one), ScalarZero(g, dtypes.Int64))
	zero := ScalarZero(g, dtypes.Float64)
	inexact := LogicalOr(LessThan(residual, zero), GreaterThan(residual, zero)) // false for NaN
	towardsZero := LogicalXor(GreaterThan(residual, zero), GreaterThan(sum, zero))
	nudge := Where(towardsZero, BroadcastToShape(Neg(one), bits.Shape()), BroadcastToShape(one, bits.Shape()))
	nudged := Bitcast(Add(bits, nudge), dtypes.Float64)
	return Where(LogicalAnd(inexact, even), nudged, sum)
}
