# Sourced by the Makefile's recipes and the scripts: the Go toolchain settings
# this module needs. GoMLX v0.28.16 needs Go 1.27; machines whose Go env file
# pins GOTOOLCHAIN=local would otherwise refuse to build. GOEXPERIMENT=simd
# enables GoMLX's SIMD kernels (about 1.5-2x faster training).
export GOTOOLCHAIN="${NMA_GOTOOLCHAIN:-go1.27.3}"
export GOEXPERIMENT="${GOEXPERIMENT:-simd}"
GOBIN_DIR="$(go env GOBIN)"
[ -n "$GOBIN_DIR" ] || GOBIN_DIR="$(go env GOPATH)/bin"
export PATH="$GOBIN_DIR:$PATH"
