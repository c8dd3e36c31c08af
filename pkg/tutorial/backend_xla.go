//go:build xla

package tutorial

// Built with `-tags xla`: register GoMLX's XLA backend. Its PJRT plugins are
// not bundled and never downloaded (we do not import its autoinstall
// package); users install one and set PJRT_PLUGIN_LIBRARY_PATH.
import _ "github.com/gomlx/go-xla/compute/xla"
