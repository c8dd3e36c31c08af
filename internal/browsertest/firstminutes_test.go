package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/pristine"
)

// firstMinutesNotebook is the notebook a student opens after 00_setup.
const firstMinutesNotebook = "notebooks/ja/student/01_relu_approximation.ipynb"

// What the cells print (scripts/prebuild.sh in the header cell, the checks).
const (
	coldBuildNote  = "初回のビルドです"
	notImplemented = "まだ実装されていません"
	// coldPackages is prebuild.sh's threshold for announcing a first build.
	coldPackages = 50
)

// installKernel installs the GoNB kernel spec into the Jupyter data folder
// dataDir with scripts/install-kernel.sh, so that the test runs the kernel a
// student gets from scripts/setup.sh, whatever the user's own kernel spec
// says. With plain, it then strips the wrapper (scripts/gonb-kernel.sh) from
// the spec's argv: GoNB as `gonb --install` starts it.
func installKernel(t *testing.T, root, dataDir string, plain bool) {
	t.Helper()
	cmd := exec.Command("bash", "scripts/install-kernel.sh")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "JUPYTER_DATA_DIR="+dataDir)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "install-kernel.sh:\n%s", out)
	if !plain {
		return
	}
	path := filepath.Join(dataDir, "kernels", "gonb", "kernel.json")
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var spec map[string]any
	require.NoError(t, json.Unmarshal(raw, &spec))
	argv := spec["argv"].([]any)
	require.Equal(t, "/bin/sh", argv[0], "install-kernel.sh starts gonb through the wrapper")
	spec["argv"] = argv[2:]
	raw, err = json.Marshal(spec)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, raw, 0o644))
}

// coldCache reports whether the build cache lacks most of what the notebooks
// import (what scripts/prebuild.sh announces as a first build).
func coldCache(t *testing.T, root string) (bool, int) {
	t.Helper()
	list := exec.Command("bash", "scripts/prebuild.sh", "--list")
	list.Dir = root
	pkgs, err := list.Output()
	require.NoError(t, err)
	stale := exec.Command("go", append([]string{"list", "-deps", "-f", "{{if .Stale}}{{.ImportPath}}{{end}}"}, strings.Fields(string(pkgs))...)...)
	stale.Dir = root
	out, err := stale.Output()
	require.NoError(t, err)
	n := len(strings.Fields(string(out)))
	return n >= coldPackages, n
}

// findCells returns the indices of the header cell (tagged "setup") and of
// the code cells after it, up to and including the first check cell.
func findCells(t *testing.T, ctx context.Context, nb *Notebook) (header int, later []int) {
	t.Helper()
	res, err := nb.eval(ctx, `() => Jupyter.notebook.get_cells().map(c => ({type: c.cell_type,
		tags: (c.metadata && c.metadata.tags) || [], source: c.get_text()}))`)
	require.NoError(t, err)
	var cells []struct {
		Type   string
		Tags   []string
		Source string
	}
	require.NoError(t, res.Value.Unmarshal(&cells))
	header = -1
	for i, c := range cells {
		if c.Type != "code" {
			continue
		}
		if header < 0 {
			for _, tag := range c.Tags {
				if tag == "setup" {
					header = i
				}
			}
			continue
		}
		later = append(later, i)
		if strings.Contains(c.Source, "checks.") {
			break
		}
	}
	require.GreaterOrEqual(t, header, 0, "%s: no header cell (tag setup)", nb.Name)
	require.NotEmpty(t, later, "%s: no code cells after the header", nb.Name)
	return header, later
}

// runCell executes cell i, as Shift+Enter does, waits until it is done, and
// returns how long that took as the page saw it.
func runCell(ctx context.Context, nb *Notebook, i int, timeout time.Duration) (time.Duration, error) {
	start := time.Now()
	ok, err := nb.evalBool(ctx, `(i) => { const c = Jupyter.notebook.get_cell(i); c.execute(); return c.input_prompt_number === '*' }`, i)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, fmt.Errorf("browsertest: %s: cell %d did not start", nb.Name, i)
	}
	err = WaitFor(ctx, timeout, fmt.Sprintf("%s: cell %d to finish", nb.Name, i), func() (bool, error) {
		return nb.evalBool(ctx, `(i) => { const p = Jupyter.notebook.get_cell(i).input_prompt_number; return typeof p === 'number' }`, i)
	})
	return time.Since(start), err
}

// restartKernel restarts the kernel (Kernel > Restart, without the dialog),
// clears every output, and waits until the new kernel is ready.
func restartKernel(ctx context.Context, nb *Notebook) error {
	if _, err := nb.eval(ctx, `() => { window.nmaKernelReady = false;
		Jupyter.notebook.events.one('kernel_ready.Kernel', () => { window.nmaKernelReady = true; });
		Jupyter.notebook.clear_all_output();
		Jupyter.notebook.kernel.restart(); return true }`); err != nil {
		return err
	}
	return nb.poll(ctx, kernelTimeout, `() => window.nmaKernelReady === true && Jupyter.notebook.kernel.is_connected()`)
}

// cellOutcome is what one executed cell shows.
type cellOutcome struct {
	Failed bool
	Shown  string // the failure's output, if it failed
	Text   string // the output area's text
}

func outcomes(t *testing.T, ctx context.Context, nb *Notebook, indices ...int) map[int]cellOutcome {
	t.Helper()
	cells, err := nb.Cells(ctx)
	require.NoError(t, err)
	executed := Executed(cells)
	out := map[int]cellOutcome{}
	for _, i := range indices {
		failed, shown := executed[i].Failure()
		out[i] = cellOutcome{Failed: failed, Shown: shown, Text: cells[i].OutputText}
	}
	return out
}

// TestStudentFirstMinutes is a student's start on 01_relu_approximation
// (student edition) with the kernel that scripts/setup.sh installs, offline
// (GOPROXY=off):
//   - the header cell, then the cells after it up to the first check, one by
//     one, each timed as the page sees it (the log gives the numbers; with
//     GOCACHE pointing at an empty folder they are the cold ones). The header
//     announces a first build exactly when the build cache is cold;
//   - then a kernel restart, after which the same later cells run first,
//     without the header: they must all succeed, and the check must report
//     the unfinished stub;
//   - and, as the control, the same restart on GoNB's plain kernel spec,
//     without scripts/gonb-kernel.sh: there the first compiled cell fails on
//     github.com/nma-go/mlp, which is the error the wrapper removes (and the
//     one 00_setup explains).
//
// Screenshots: the header cell, and the check cell after the restart.
func TestStudentFirstMinutes(t *testing.T) {
	chromium := requirePrerequisites(t, true)
	root, err := pristine.Root()
	require.NoError(t, err)
	if pristine.Edited(firstMinutesNotebook, "pkg/exercises") {
		t.Skipf("%s or pkg/exercises holds local edits; the shipped version runs in CI", firstMinutesNotebook)
	}
	artifacts := artifactsDir(t)
	timeout := cellTimeout(t)
	ctx, cancel := testContext(t)
	defer cancel()
	notebookDir := filepath.Join(root, "notebooks")
	before := snapshot(t, notebookDir)
	defer func() {
		assert.Equal(t, before, snapshot(t, notebookDir), "the browser test must not write into notebooks/")
	}()

	cold, stale := coldCache(t, root)
	t.Logf("build cache: %d stale packages (cold: %v)", stale, cold)

	// open starts a server whose only kernel spec is the one in dataDir,
	// and opens the notebook.
	open := func(t *testing.T, dataDir string) (*Notebook, func()) {
		// A short scratch path: Chromium's singleton socket must fit in
		// sun_path, which a subtest's t.TempDir() can exceed.
		scratch, err := os.MkdirTemp("", "nma-fm-")
		require.NoError(t, err)
		t.Cleanup(func() { os.RemoveAll(scratch) })
		srv, err := StartServer(ctx, ServerOptions{Root: root, Scratch: scratch, StartTimeout: serverStartTimeout,
			Env: []string{"JUPYTER_PATH=" + dataDir, "GOPROXY=off"}})
		require.NoError(t, err)
		br, err := StartBrowser(chromium, scratch)
		if err != nil {
			srv.Stop()
			require.NoError(t, err)
		}
		page, err := br.NewPage()
		if err == nil {
			var nb *Notebook
			if nb, err = Open(ctx, page, srv.NotebookURL(firstMinutesNotebook), filepath.Base(firstMinutesNotebook), kernelTimeout); err == nil {
				return nb, func() { page.Close(); br.Close(); srv.Stop() }
			}
			err = fmt.Errorf("%w\n--- server log ---\n%s", err, srv.LogTail(30))
		}
		br.Close()
		srv.Stop()
		require.NoError(t, err)
		return nil, nil
	}

	t.Run("setup kernel", func(t *testing.T) {
		dataDir := t.TempDir()
		installKernel(t, root, dataDir, false)
		nb, closeAll := open(t, dataDir)
		defer closeAll()
		header, later := findCells(t, ctx, nb)

		d, err := runCell(ctx, nb, header, timeout)
		require.NoError(t, err)
		t.Logf("header cell %d: %s", header, d.Round(10*time.Millisecond))
		for _, i := range later {
			d, err := runCell(ctx, nb, i, timeout)
			require.NoError(t, err)
			t.Logf("cell %d: %s", i, d.Round(10*time.Millisecond))
		}
		got := outcomes(t, ctx, nb, append([]int{header}, later...)...)
		shot := filepath.Join(artifacts, "first-minutes-header.png")
		if assert.NoError(t, nb.ScreenshotCell(ctx, header, shot)) {
			t.Logf("header cell: %s", shot)
		}
		assert.False(t, got[header].Failed, "header: %s", got[header].Shown)
		if cold {
			assert.Contains(t, got[header].Text, coldBuildNote, "a cold build cache must be announced before the build")
		} else {
			assert.NotContains(t, got[header].Text, coldBuildNote, "a warm build cache must not be announced as a first build")
		}
		for _, i := range later {
			assert.False(t, got[i].Failed, "cell %d: %s", i, got[i].Shown)
		}
		assert.Contains(t, got[later[len(later)-1]].Text, notImplemented)

		require.NoError(t, restartKernel(ctx, nb))
		t.Logf("kernel restarted; running cells %v without the header", later)
		for _, i := range later {
			d, err := runCell(ctx, nb, i, timeout)
			require.NoError(t, err)
			t.Logf("after the restart, cell %d: %s", i, d.Round(10*time.Millisecond))
		}
		got = outcomes(t, ctx, nb, later...)
		check := later[len(later)-1]
		shot = filepath.Join(artifacts, "first-minutes-after-restart.png")
		if assert.NoError(t, nb.ScreenshotCell(ctx, check, shot)) {
			t.Logf("the check after the restart: %s", shot)
		}
		for _, i := range later {
			assert.False(t, got[i].Failed, "after a restart without the header, cell %d: %s", i, got[i].Shown)
		}
		assert.Contains(t, got[check].Text, notImplemented, "the check ran against the shipped stub")
		assert.NotContains(t, got[header].Text+got[check].Text, "go get")
	})

	t.Run("plain GoNB kernel (control)", func(t *testing.T) {
		dataDir := t.TempDir()
		installKernel(t, root, dataDir, true)
		nb, closeAll := open(t, dataDir)
		defer closeAll()
		_, later := findCells(t, ctx, nb)
		var failed *cellOutcome
		for _, i := range later {
			_, err := runCell(ctx, nb, i, timeout)
			require.NoError(t, err)
			if got := outcomes(t, ctx, nb, i)[i]; got.Failed {
				failed = &got
				t.Logf("without the header and the wrapper, cell %d fails as expected:\n%s", i, strings.TrimSpace(got.Shown))
				break
			}
		}
		require.NotNil(t, failed, "without the header and the wrapper a later cell must fail; otherwise this test proves nothing")
		assert.Contains(t, failed.Shown, "github.com/nma-go/mlp")
	})
}
