//go:build !goexperiment.simd

package tutorial

const simdStatus = "off (build with GOEXPERIMENT=simd for about 1.5-2x faster training)"
