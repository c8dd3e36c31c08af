package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/nma-go/mlp/internal/nbrun"
)

// DefaultCellTimeout is the longest a single cell may run before the
// notebook counts as hung.
const DefaultCellTimeout = 120 * time.Second

// Notebook is a notebook page open in the classic Notebook UI.
type Notebook struct {
	Page *rod.Page
	Name string // e.g. 01_relu_approximation.ipynb, for messages
}

// HangError reports a cell that did not finish within the per-cell timeout.
type HangError struct {
	Index   int // the cell's index in the notebook (markdown cells included)
	Source  string
	Timeout time.Duration
}

func (e *HangError) Error() string {
	return fmt.Sprintf("browsertest: cell %d did not finish within %s; its source:\n%s", e.Index, e.Timeout, e.Source)
}

// Open navigates page to the notebook and waits until the notebook is loaded
// and its kernel connected.
func Open(ctx context.Context, page *rod.Page, url, name string, timeout time.Duration) (*Notebook, error) {
	if err := page.Context(ctx).Navigate(url); err != nil {
		return nil, fmt.Errorf("browsertest: opening %s: %w", name, err)
	}
	nb := &Notebook{Page: page, Name: name}
	ready := `() => !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded &&
		Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())`
	if err := nb.poll(ctx, timeout, ready); err != nil {
		return nil, fmt.Errorf("browsertest: %s: kernel not connected: %w", name, err)
	}
	return nb, nil
}

// poll evaluates the JS predicate every 200 ms until it is true.
func (nb *Notebook) poll(ctx context.Context, timeout time.Duration, predicate string) error {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := nb.evalBool(ctx, predicate)
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if err != nil {
				return fmt.Errorf("not true within %s (last error: %v)", timeout, err)
			}
			return fmt.Errorf("not true within %s", timeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (nb *Notebook) eval(ctx context.Context, js string, args ...any) (*proto.RuntimeRemoteObject, error) {
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return nb.Page.Context(cctx).Eval(js, args...)
}

func (nb *Notebook) evalBool(ctx context.Context, js string, args ...any) (bool, error) {
	res, err := nb.eval(ctx, js, args...)
	if err != nil {
		return false, err
	}
	return res.Value.Bool(), nil
}

// ExecuteAll runs every cell, as Cell > Run All does.
func (nb *Notebook) ExecuteAll(ctx context.Context) error {
	_, err := nb.eval(ctx, `() => { Jupyter.notebook.execute_all_cells(); return true }`)
	return err
}

// cellState is a code cell's prompt, as the page shows it.
type cellState struct {
	Index  int    `json:"index"`
	Busy   bool   `json:"busy"`
	Source string `json:"source"`
}

const busyJS = `() => Jupyter.notebook.get_cells().map((c, i) => ({index: i,
	busy: c.cell_type === 'code' && c.input_prompt_number === '*',
	source: c.cell_type === 'code' ? c.get_text() : ''})).filter(c => c.busy)`

// WaitIdle waits until no code cell's input prompt shows "*". Cells run one
// after the other, so the first busy cell is the running one: if it stays
// the first busy cell for longer than cellTimeout, WaitIdle returns a
// *HangError with its index and source. If until is not nil, it is checked on
// every poll, and WaitIdle returns (false, nil) as soon as it reports true;
// otherwise it returns (true, nil) when the notebook is idle.
func (nb *Notebook) WaitIdle(ctx context.Context, cellTimeout time.Duration, until func() (bool, error)) (idle bool, err error) {
	current, since := -1, time.Now()
	for {
		res, err := nb.eval(ctx, busyJS)
		if err != nil {
			return false, fmt.Errorf("browsertest: %s: reading cell prompts: %w", nb.Name, err)
		}
		var busy []cellState
		if err := res.Value.Unmarshal(&busy); err != nil {
			return false, fmt.Errorf("browsertest: %s: %w", nb.Name, err)
		}
		if len(busy) == 0 {
			return true, nil
		}
		if busy[0].Index != current {
			current, since = busy[0].Index, time.Now()
		} else if time.Since(since) > cellTimeout {
			return false, &HangError{Index: busy[0].Index, Source: busy[0].Source, Timeout: cellTimeout}
		}
		if until != nil {
			done, err := until()
			if err != nil {
				return false, err
			}
			if done {
				return false, nil
			}
		}
		select {
		case <-ctx.Done():
			return false, ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
	}
}

// Interrupt interrupts the kernel (the toolbar's stop button).
func (nb *Notebook) Interrupt(ctx context.Context) error {
	_, err := nb.eval(ctx, `() => { Jupyter.notebook.kernel.interrupt(); return true }`)
	return err
}

// Cell is a cell of the page after execution.
type Cell struct {
	Index      int               `json:"index"`
	Type       string            `json:"type"`
	Source     string            `json:"source"`
	Prompt     any               `json:"prompt"`     // the execution count; nil if the cell never ran
	Outputs    []nbrun.RawOutput `json:"outputs"`    // from the output area's model (nbformat JSON)
	Images     int               `json:"images"`     // rendered <img> (loaded, non-empty) and <svg> in the output area
	OutputText string            `json:"outputText"` // the output area's visible text
}

// Cells reads every cell's state from the page.
func (nb *Notebook) Cells(ctx context.Context) ([]Cell, error) {
	res, err := nb.eval(ctx, `() => Jupyter.notebook.get_cells().map((c, i) => {
		const out = c.output_area ? c.output_area.element[0] : null;
		let images = 0;
		if (out) {
			out.querySelectorAll('img').forEach(img => { if (img.complete && img.naturalWidth > 0) images++; });
			images += out.querySelectorAll('svg').length;
		}
		return {index: i, type: c.cell_type, source: c.get_text(),
			prompt: c.cell_type === 'code' ? (c.input_prompt_number === undefined ? null : c.input_prompt_number) : null,
			outputs: c.output_area ? c.output_area.outputs : [],
			images: images, outputText: out ? out.innerText : ''};
	})`)
	if err != nil {
		return nil, fmt.Errorf("browsertest: %s: reading cells: %w", nb.Name, err)
	}
	var cells []Cell
	if err := res.Value.Unmarshal(&cells); err != nil {
		return nil, fmt.Errorf("browsertest: %s: decoding cells: %w", nb.Name, err)
	}
	return cells, nil
}

// Executed converts the page's cells to nbrun's, so that the browser test
// judges them by the headless run's rules: nbrun.Problems for failures
// (error outputs, "exit status N", cells that never ran) and
// nbrun.Cell.DisplaysFigure for the cells that must show an image.
func Executed(cells []Cell) []nbrun.Cell {
	out := make([]nbrun.Cell, len(cells))
	for i, c := range cells {
		_, ran := c.Prompt.(float64)
		out[i] = nbrun.Cell{Index: c.Index, Type: c.Type, Source: c.Source, Ran: ran}
		for _, o := range c.Outputs {
			out[i].Outputs = append(out[i].Outputs, o.Output())
		}
	}
	return out
}

// cellElementJS returns cell i's element, or (with part) an element inside it.
const cellElementJS = `(i, part) => { const c = Jupyter.notebook.get_cell(i); if (!c) return null;
	return part ? c.element[0].querySelector(part) : c.element[0]; }`

// ScreenshotCell saves a PNG of cell index (input and output) into path.
func (nb *Notebook) ScreenshotCell(ctx context.Context, index int, path string) error {
	return nb.screenshot(ctx, rod.Eval(cellElementJS, index, ""), fmt.Sprintf("cell %d", index), path)
}

// ScreenshotOutput saves a PNG of cell index's output area into path.
func (nb *Notebook) ScreenshotOutput(ctx context.Context, index int, path string) error {
	return nb.screenshot(ctx, rod.Eval(cellElementJS, index, ".output_wrapper"), fmt.Sprintf("cell %d's output", index), path)
}

// ScreenshotElement saves a PNG of the element matching the CSS selector
// into path.
func (nb *Notebook) ScreenshotElement(ctx context.Context, selector, path string) error {
	return nb.screenshot(ctx, rod.Eval(`(sel) => document.querySelector(sel)`, selector), selector, path)
}

// screenshot scrolls the element that js returns into view (the classic UI
// scrolls inside #site) and saves a PNG of it into path.
func (nb *Notebook) screenshot(ctx context.Context, js *rod.EvalOptions, what, path string) error {
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	el, err := nb.Page.Context(cctx).ElementByJS(js)
	if err != nil {
		return fmt.Errorf("browsertest: %s: finding %s: %w", nb.Name, what, err)
	}
	if _, err := el.Eval(`() => this.scrollIntoView({block: "start"})`); err != nil {
		return fmt.Errorf("browsertest: %s: scrolling to %s: %w", nb.Name, what, err)
	}
	png, err := el.Screenshot(proto.PageCaptureScreenshotFormatPng, 0)
	if err != nil {
		return fmt.Errorf("browsertest: %s: screenshot of %s: %w", nb.Name, what, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, png, 0o644)
}

// ElementText returns the text of the element with the given id, and
// whether it exists.
func (nb *Notebook) ElementText(ctx context.Context, id string) (string, bool, error) {
	res, err := nb.eval(ctx, `(id) => { const e = document.getElementById(id); return e ? [true, e.textContent] : [false, ""] }`, id)
	if err != nil {
		return "", false, err
	}
	arr := res.Value.Arr()
	if len(arr) != 2 {
		return "", false, fmt.Errorf("browsertest: unexpected result %v", res.Value)
	}
	return arr[1].Str(), arr[0].Bool(), nil
}

// ElementAttr returns an attribute of the element with the given id ("" if
// the element or attribute is missing).
func (nb *Notebook) ElementAttr(ctx context.Context, id, attr string) (string, error) {
	res, err := nb.eval(ctx, `(id, attr) => { const e = document.getElementById(id); return e ? (e.getAttribute(attr) || "") : "" }`, id, attr)
	if err != nil {
		return "", err
	}
	return res.Value.Str(), nil
}

// SetRange moves the <input type="range"> with the given id to value, the
// way a user's drag ends: it sets the value and dispatches "input" and
// "change" events.
func (nb *Notebook) SetRange(ctx context.Context, id string, value int) error {
	ok, err := nb.evalBool(ctx, `(id, v) => { const e = document.getElementById(id); if (!e) return false;
		e.value = String(v);
		e.dispatchEvent(new Event('input', {bubbles: true}));
		e.dispatchEvent(new Event('change', {bubbles: true}));
		return true }`, id, value)
	if err != nil {
		return fmt.Errorf("browsertest: %s: moving #%s: %w", nb.Name, id, err)
	}
	if !ok {
		return fmt.Errorf("browsertest: %s: no element #%s", nb.Name, id)
	}
	return nil
}

// Click clicks the element with the given id (a DOM click, as a user's).
func (nb *Notebook) Click(ctx context.Context, id string) error {
	ok, err := nb.evalBool(ctx, `(id) => { const e = document.getElementById(id); if (!e) return false; e.click(); return true }`, id)
	if err != nil {
		return fmt.Errorf("browsertest: %s: clicking #%s: %w", nb.Name, id, err)
	}
	if !ok {
		return fmt.Errorf("browsertest: %s: no element #%s", nb.Name, id)
	}
	return nil
}

// WaitFor polls cond every 200 ms until it returns true, an error, or the
// timeout passes (then it returns an error that names what).
func WaitFor(ctx context.Context, timeout time.Duration, what string, cond func() (bool, error)) error {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := cond()
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("browsertest: %s: not within %s", what, timeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}
