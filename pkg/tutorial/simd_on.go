//go:build goexperiment.simd

package tutorial

const simdStatus = "on"
