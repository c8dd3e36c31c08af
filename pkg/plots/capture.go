package plots

import "sync"

var (
	captureMu sync.Mutex
	capture   func(*Figure) error
)

// CaptureDisplayed makes [Display], outside a notebook, hand every figure to
// fn instead of doing nothing, until the returned stop is called. The
// headless run (cmd/tutorial) uses it to write to files the figures that the
// notebooks' cells show inline, running the cells' own code. Only one capture
// is active at a time: a later call replaces an earlier one. Inside a notebook
// Display shows the figure as always and fn is not called.
func CaptureDisplayed(fn func(*Figure) error) (stop func()) {
	captureMu.Lock()
	defer captureMu.Unlock()
	capture = fn
	return func() {
		captureMu.Lock()
		defer captureMu.Unlock()
		capture = nil
	}
}

// displayOutsideNotebook is what Display does outside a notebook.
func displayOutsideNotebook(f *Figure) error {
	captureMu.Lock()
	fn := capture
	captureMu.Unlock()
	if fn == nil {
		return nil
	}
	return fn(f)
}
