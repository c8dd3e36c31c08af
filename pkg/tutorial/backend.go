package tutorial

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/gomlx/compute"
	_ "github.com/gomlx/compute/gobackend" // The pure-Go backend: the offline default.

	"github.com/nma-go/mlp/internal/textcap"
)

// BackendEnvVar names the environment variable that selects the backend, as in
// GoMLX itself.
const BackendEnvVar = compute.ConfigEnvVar // "GOMLX_BACKEND"

// DefaultBackendConfig is the backend used when GOMLX_BACKEND is unset: GoMLX's
// pure-Go backend, run op by op. For the tutorial's small graphs the
// sequential executor is faster than the parallel one (docs/PERFORMANCE.md).
const DefaultBackendConfig = "go:ops_sequential"

// fusionEnvVar disables GoMLX's fused ops: for this tutorial's small layers
// the decomposed graph is faster on the Go backend (docs/PERFORMANCE.md).
const fusionEnvVar = "GOMLX_FUSION"

// backendNames lists every backend name GOMLX_BACKEND may start with, and
// whether this binary was built with it.
var backendNames = []string{"go", "xla"}

var (
	backendOnce   sync.Once
	backendCached compute.Backend
	backendErr    error
)

// Backend returns the process-wide GoMLX backend, creating it on first use.
//
// The configuration comes from GOMLX_BACKEND ("go", "go:ops_sequential",
// "xla:cpu", "xla:cuda", ...) and defaults to [DefaultBackendConfig]. XLA is
// only available in binaries built with `-tags xla`, and then only when a PJRT
// plugin is installed: nothing is ever downloaded. An unknown or unavailable
// backend gives an error that lists the valid names and says how to get XLA.
func Backend() (compute.Backend, error) {
	backendOnce.Do(func() {
		backendCached, backendErr = NewBackend(os.Getenv(BackendEnvVar))
	})
	return backendCached, backendErr
}

// MustBackend is like [Backend] but panics on error. It is meant for notebook
// cells and examples, where a panic is reported as the cell's error.
func MustBackend() compute.Backend {
	b, err := Backend()
	if err != nil {
		panic(err)
	}
	return b
}

// NewBackend creates a backend from a GOMLX_BACKEND-style configuration
// ("name" or "name:options"); the empty string means [DefaultBackendConfig].
// Unlike compute.NewWithConfig it never panics.
func NewBackend(config string) (backend compute.Backend, err error) {
	config = strings.TrimSpace(config)
	if config == "" {
		config = DefaultBackendConfig
	}
	if _, set := os.LookupEnv(fusionEnvVar); !set {
		_ = os.Setenv(fusionEnvVar, "0")
	}
	name, _, _ := strings.Cut(config, ":")
	if !slices.Contains(backendNames, name) {
		return nil, fmt.Errorf("backend: unknown %s=%s; valid names are %s (e.g. \"go\", \"xla:cpu\", \"xla:cuda\")",
			BackendEnvVar, quoteForError(config), strings.Join(backendNames, ", "))
	}
	if !slices.Contains(compute.List(), name) {
		return nil, fmt.Errorf("backend: %s=%s asks for %q, which this binary was built without; "+
			"rebuild with `-tags xla` and install a PJRT plugin yourself (set PJRT_PLUGIN_LIBRARY_PATH to its folder); "+
			"nothing is downloaded automatically. Compiled-in backends: %s",
			BackendEnvVar, quoteForError(config), name, strings.Join(compute.List(), ", "))
	}
	defer func() {
		if r := recover(); r != nil {
			backend, err = nil, fmt.Errorf("backend: creating %s failed: %s", quoteForError(config), textcap.Head(fmt.Sprint(r), maxWrappedErrorText))
		}
	}()
	backend, err = compute.NewWithConfig(config)
	if err != nil {
		hint := ""
		if name == "xla" {
			hint = "; install a PJRT plugin and point PJRT_PLUGIN_LIBRARY_PATH at it (nothing is downloaded automatically)"
		}
		return nil, fmt.Errorf("backend: creating %s failed: %w%s", quoteForError(config), capError(err), hint)
	}
	return backend, nil
}

// BackendReport describes the chosen backend in one line, the counterpart of
// the original's set_device message: which backend, whether the SIMD build is
// active, and how to switch.
func BackendReport() string {
	b, err := Backend()
	if err != nil {
		return fmt.Sprintf("backend: unavailable: %v", err)
	}
	config := os.Getenv(BackendEnvVar)
	if config == "" {
		config = DefaultBackendConfig + " (default)"
	}
	return fmt.Sprintf("backend: %s [%s=%s, SIMD build: %s]; set %s=xla:cpu or xla:cuda (built with -tags xla) to use XLA",
		b.Name(), BackendEnvVar, config, simdStatus, BackendEnvVar)
}

// xlaCompiledIn reports whether this binary was built with `-tags xla`.
func xlaCompiledIn() bool { return slices.Contains(compute.List(), "xla") }
