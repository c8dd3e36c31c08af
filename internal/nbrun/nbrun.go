// Package nbrun executes the tutorial's notebooks headless with the real GoNB
// kernel (through Jupyter's nbconvert) and reports every problem a cell shows.
//
// Execute runs a notebook with a per-cell timeout, in a fresh temporary
// folder (GoNB's build folders and its cache package live under TMPDIR, so a
// stale cached model can never let a broken notebook pass). A cell that
// times out is reported with its index and source.
//
// This package also holds the rules for judging an executed notebook, which
// the browser test (internal/browsertest) and the site (internal/site) apply
// too: [Cell.Failure] says when a cell failed, [Problems] lists the failed
// cells, and [Cell.DisplaysFigure] says which cells must show an image.
package nbrun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nma-go/mlp/internal/textcap"
)

// DefaultCellTimeout is the per-cell limit: a hung cell fails after it.
const DefaultCellTimeout = 120 * time.Second

// Prerequisites checks that Jupyter, the GoNB kernel, gonb and goimports are
// installed, and returns an error that says how to install what is missing.
func Prerequisites() error {
	var missing []string
	if _, err := exec.LookPath("jupyter"); err != nil {
		missing = append(missing, "jupyter (Debian/Ubuntu: apt-get install jupyter-nbconvert jupyter-notebook)")
	} else {
		if !gonbKernelInstalled() {
			missing = append(missing, "the GoNB kernel spec (run scripts/install-kernel.sh)")
		}
		if err := exec.Command("jupyter", "nbconvert", "--version").Run(); err != nil {
			missing = append(missing, "nbconvert (apt-get install jupyter-nbconvert)")
		}
	}
	for _, tool := range []string{"gonb", "goimports"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool+" on PATH (run scripts/install-kernel.sh and add $(go env GOPATH)/bin to PATH)")
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("nbrun: missing %s", strings.Join(missing, "; "))
	}
	return nil
}

// gonbKernelInstalled looks for kernels/gonb/kernel.json in Jupyter's data
// paths (Debian's Jupyter has no kernelspec command).
func gonbKernelInstalled() bool {
	out, err := exec.Command("jupyter", "--paths", "--json").Output()
	if err != nil {
		return false
	}
	var paths struct {
		Data []string `json:"data"`
	}
	if json.Unmarshal(out, &paths) != nil {
		return false
	}
	for _, dir := range paths.Data {
		if _, err := os.Stat(filepath.Join(dir, "kernels", "gonb", "kernel.json")); err == nil {
			return true
		}
	}
	return false
}

// Options configure Execute.
type Options struct {
	CellTimeout time.Duration // per cell; zero means DefaultCellTimeout
	ScratchDir  string        // TMPDIR for the kernel; empty means a new temporary folder
	To          string        // nbconvert output format: "notebook" (default) or "html"
	ExtraArgs   []string      // more nbconvert arguments
	Env         []string      // extra environment variables for the kernel
}

// Result is an executed notebook.
type Result struct {
	Path     string        // the executed notebook (or HTML page)
	Cells    []Cell        // the executed cells (only for To == "notebook")
	Stderr   string        // nbconvert's standard error
	Duration time.Duration // wall time
}

// Cell is an executed code or markdown cell.
type Cell struct {
	Index   int
	Type    string
	Source  string
	Tags    []string
	Outputs []Output
	Ran     bool // the cell has an execution count
}

// Output is one output of a cell.
type Output struct {
	Type  string            // stream, display_data, execute_result, error
	Name  string            // stdout / stderr for streams
	Text  string            // stream text, error traceback, or text/plain
	Data  map[string]string // display data by MIME type (text values only)
	Ename string
}

// Text returns everything the cell printed (streams and text/plain data).
func (c Cell) Text() string {
	var b strings.Builder
	for _, o := range c.Outputs {
		b.WriteString(o.Text)
		if html, ok := o.Data["text/html"]; ok {
			b.WriteString(html)
		}
	}
	return b.String()
}

// HasImage reports whether the cell displayed an image.
func (c Cell) HasImage() bool {
	for _, o := range c.Outputs {
		for mime := range o.Data {
			if strings.HasPrefix(mime, "image/") {
				return true
			}
		}
		if strings.Contains(o.Data["text/html"], "<img") || strings.Contains(o.Data["text/html"], "<svg") {
			return true
		}
	}
	return false
}

// Execute runs the notebook at path with nbconvert and the GoNB kernel,
// writing the result into outDir. Cell errors do not stop execution
// (--allow-errors), so that Problems can report all of them; a timeout does.
func Execute(ctx context.Context, path, outDir string, opts Options) (*Result, error) {
	timeout := opts.CellTimeout
	if timeout <= 0 {
		timeout = DefaultCellTimeout
	}
	to := opts.To
	if to == "" {
		to = "notebook"
	}
	scratch := opts.ScratchDir
	if scratch == "" {
		var err error
		if scratch, err = os.MkdirTemp("", "nbrun-*"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(scratch)
	}
	args := []string{"nbconvert", "--to", to, "--execute", "--allow-errors",
		"--ExecutePreprocessor.kernel_name=gonb",
		fmt.Sprintf("--ExecutePreprocessor.timeout=%d", int(timeout.Seconds())),
		"--output-dir", outDir}
	args = append(args, opts.ExtraArgs...)
	args = append(args, path)
	var stderr bytes.Buffer
	var err error
	start := time.Now()
	// A kernel that dies before it answers kernel_info ran no cell, so one
	// more start is safe; it happens, rarely, when many kernels start at
	// once on a loaded machine.
	for attempt := 1; attempt <= kernelStartAttempts; attempt++ {
		stderr.Reset()
		cmd := exec.CommandContext(ctx, "jupyter", args...)
		cmd.Env = append(os.Environ(), "TMPDIR="+scratch, "JUPYTER_RUNTIME_DIR="+filepath.Join(scratch, "runtime"))
		cmd.Env = append(cmd.Env, opts.Env...)
		cmd.Stderr = &stderr
		cmd.Stdout = &stderr
		if err = cmd.Run(); err == nil || !KernelDidNotStart(stderr.String()) || ctx.Err() != nil {
			break
		}
	}
	res := &Result{Stderr: stderr.String(), Duration: time.Since(start)}
	base := strings.TrimSuffix(filepath.Base(path), ".ipynb")
	if to == "notebook" {
		res.Path = filepath.Join(outDir, base+".ipynb")
	} else {
		res.Path = filepath.Join(outDir, base+"."+to)
	}
	if err != nil {
		return res, fmt.Errorf("nbrun: %s: nbconvert failed: %w\n%s", filepath.Base(path), err, describeFailure(path, res.Stderr, timeout))
	}
	if to == "notebook" {
		data, err := os.ReadFile(res.Path)
		if err != nil {
			return res, err
		}
		if res.Cells, err = ParseCells(data); err != nil {
			return res, err
		}
	}
	return res, nil
}

// kernelStartAttempts is how often Execute starts nbconvert when the kernel
// dies before running any cell.
const kernelStartAttempts = 2

// KernelDidNotStart reports whether nbconvert's output says that the kernel
// died before it answered kernel_info, that is, before any cell ran.
func KernelDidNotStart(stderr string) bool {
	return strings.Contains(stderr, "Kernel died before replying to kernel_info")
}

// describeFailure extracts the useful part of nbconvert's error output: the
// failing cell's source and the error, or the timeout.
func describeFailure(path, stderr string, timeout time.Duration) string {
	if i := strings.Index(stderr, "CellTimeoutError"); i >= 0 || strings.Contains(stderr, "timed out") {
		cell := "(source not found in nbconvert's output)"
		if m := timeoutPreview.FindStringSubmatch(stderr); m != nil {
			cell = m[1]
		}
		return fmt.Sprintf("cell %s did not finish within %s; its source:\n%s", cellIndexOf(path, cell), timeout, cell)
	}
	if i := strings.LastIndex(stderr, "An error occurred while executing the following cell"); i >= 0 {
		return textcap.Tail(stderr[i:], 4000)
	}
	return textcap.Tail(stderr, 4000)
}

// timeoutPreview matches nbclient's preview of a timed-out cell.
var timeoutPreview = regexp.MustCompile(`(?s)preview of the cell contents:\n-+\n(.*?)\n-+`)

// cellIndexOf finds the index of the cell with the given source in the
// notebook at path, or "?" when it cannot tell.
func cellIndexOf(path, source string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "?"
	}
	cells, err := ParseCells(data)
	if err != nil {
		return "?"
	}
	// nbclient may shorten the preview: match by prefix.
	want := strings.TrimSpace(source)
	for _, c := range cells {
		if c.Type == "code" && want != "" && strings.HasPrefix(strings.TrimSpace(c.Source), want) {
			return strconv.Itoa(c.Index)
		}
	}
	return "?"
}

// ParseCells decodes an executed .ipynb file.
func ParseCells(data []byte) ([]Cell, error) {
	var nb struct {
		Cells []struct {
			CellType       string `json:"cell_type"`
			Source         any    `json:"source"`
			ExecutionCount *int   `json:"execution_count"`
			Metadata       struct {
				Tags []string `json:"tags"`
			} `json:"metadata"`
			Outputs []RawOutput `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, fmt.Errorf("nbrun: decoding notebook: %w", err)
	}
	cells := make([]Cell, len(nb.Cells))
	for i, c := range nb.Cells {
		cell := Cell{Index: i, Type: c.CellType, Source: TextOf(c.Source), Tags: c.Metadata.Tags, Ran: c.ExecutionCount != nil}
		for _, o := range c.Outputs {
			cell.Outputs = append(cell.Outputs, o.Output())
		}
		cells[i] = cell
	}
	return cells, nil
}

// RawOutput is one output as nbformat's JSON holds it: in an .ipynb file, or
// in a notebook page's output area (the browser test reads it there).
type RawOutput struct {
	Type      string         `json:"output_type"`
	Name      string         `json:"name"`
	Text      any            `json:"text"` // a string or a list of strings
	Data      map[string]any `json:"data"` // by MIME type; text values are strings or lists of strings
	Ename     string         `json:"ename"`
	Evalue    string         `json:"evalue"`
	Traceback []string       `json:"traceback"`
}

// Output converts the raw output: a stream's text, an error's name, value
// and traceback as one text, or the text values of display data (Text is
// then its text/plain).
func (r RawOutput) Output() Output {
	out := Output{Type: r.Type, Name: r.Name, Ename: r.Ename, Data: map[string]string{}}
	switch r.Type {
	case "stream":
		out.Text = TextOf(r.Text)
	case "error":
		out.Text = r.Ename + ": " + r.Evalue + "\n" + strings.Join(r.Traceback, "\n")
	default:
		for mime, v := range r.Data {
			out.Data[mime] = TextOf(v)
		}
		out.Text = out.Data["text/plain"]
	}
	return out
}

// TextOf turns an nbformat text field already decoded from JSON (a string,
// or a list of strings to concatenate) into one string; anything else gives "".
func TextOf(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case []any:
		var b strings.Builder
		for _, s := range t {
			if s, ok := s.(string); ok {
				b.WriteString(s)
			}
		}
		return b.String()
	}
	return ""
}

// exitStatus matches the line GoNB prints when a cell's program exits with a
// status.
var exitStatus = regexp.MustCompile(`exit status (\d+)`)

// Failure says whether a code cell failed and, if so, the output that shows
// it. A cell failed when
//   - one of its outputs is an error;
//   - its stderr says "exit status N" with N > 0 (GoNB's report of a program
//     that exited; some exits show nothing else);
//   - or it has source but never ran (no execution count: execution stopped
//     before it).
//
// Markdown cells never fail.
func (c Cell) Failure() (failed bool, shown string) {
	if c.Type != "code" {
		return false, ""
	}
	for _, o := range c.Outputs {
		if o.Type == "error" {
			return true, o.Text
		}
		if o.Type == "stream" && o.Name == "stderr" {
			if m := exitStatus.FindStringSubmatch(o.Text); m != nil {
				if code, _ := strconv.Atoi(m[1]); code != 0 {
					return true, o.Text
				}
			}
		}
	}
	if !c.Ran && strings.TrimSpace(c.Source) != "" {
		return true, "(the cell never ran)"
	}
	return false, ""
}

// Problems lists every failed cell (see [Cell.Failure]) with its index, the
// end of its source and the end of the output that shows the failure.
func Problems(cells []Cell) []error {
	var problems []error
	for _, c := range cells {
		if failed, shown := c.Failure(); failed {
			problems = append(problems, fmt.Errorf("cell %d failed:\n--- source ---\n%s\n--- output ---\n%s",
				c.Index, textcap.Tail(c.Source, 1500), textcap.Tail(shown, 3000)))
		}
	}
	return problems
}

// figureCall matches the calls that display a figure in a notebook cell:
// pkg/plots' displays, GoNB's image displays, and the bonus section's demo
// (whose last curve stays in the output).
var figureCall = regexp.MustCompile(`\bplots\.(Show|ShowPlot|Display)\(|\bgonbui\.Display(PNG|SVG|Image)\(|\blif\.ShowDemo\(`)

// DisplaysFigure reports whether c is a code cell whose source calls
// plots.Show, plots.ShowPlot, plots.Display, one of gonbui's image displays,
// or lif.ShowDemo. Every such cell must show an image once it has run.
func (c Cell) DisplaysFigure() bool {
	return c.Type == "code" && figureCall.MatchString(c.Source)
}

// ErrMissing is returned by callers that need Jupyter and do not find it.
var ErrMissing = errors.New("nbrun: prerequisites missing")
