package browsertest

import (
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/nbgen"
	"github.com/nma-go/mlp/internal/nbrun"
	"github.com/nma-go/mlp/internal/pristine"
	"github.com/nma-go/mlp/internal/textcap"
	"github.com/nma-go/mlp/pkg/lif"
)

// CellTimeoutEnv overrides DefaultCellTimeout, e.g. NMA_CELL_TIMEOUT=5m on a
// slow machine with a cold build cache.
const CellTimeoutEnv = "NMA_CELL_TIMEOUT"

var artifactsFlag = flag.String("artifacts", "", "folder for the browser test's screenshots (default: $"+ArtifactsEnv+", else a new temporary folder)")

// Timeouts of the browser test.
const (
	serverStartTimeout = 90 * time.Second
	kernelTimeout      = 90 * time.Second // open the page and connect the kernel
	widgetTimeout      = 60 * time.Second // a slider move until the page shows its result
)

// requirePrerequisites returns Chromium's path. It skips the test when
// Chromium, Jupyter's classic server or the GoNB kernel is missing, and fails
// it instead when CI is set.
func requirePrerequisites(t *testing.T, needBrowser bool) string {
	t.Helper()
	if testing.Short() {
		t.Skip("the browser test does not run with -short")
	}
	var missing []string
	chromium, err := FindChromium()
	if err != nil && needBrowser {
		missing = append(missing, err.Error())
	}
	if _, err := exec.LookPath("jupyter"); err == nil {
		if err := exec.Command("jupyter", "notebook", "--version").Run(); err != nil {
			missing = append(missing, "the classic Jupyter Notebook server (apt-get install jupyter-notebook)")
		}
	}
	if err := nbrun.Prerequisites(); err != nil {
		missing = append(missing, err.Error())
	}
	if len(missing) > 0 {
		msg := "missing " + strings.Join(missing, "; ")
		if pristine.Strict() {
			t.Fatalf("CI is set, so the browser test must run: %s", msg)
		}
		t.Skipf("skipping the browser test: %s", msg)
	}
	return chromium
}

// artifactsDir returns the folder for screenshots: the -artifacts flag, then
// $NMA_ARTIFACTS, else a new temporary folder that is kept (and logged).
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := *artifactsFlag
	if dir == "" {
		dir = os.Getenv(ArtifactsEnv)
	}
	if dir == "" {
		var err error
		dir, err = os.MkdirTemp("", "nma-browser-artifacts-")
		require.NoError(t, err)
	}
	dir, err := filepath.Abs(dir)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	t.Logf("screenshots go to %s", dir)
	return dir
}

func cellTimeout(t *testing.T) time.Duration {
	if v := os.Getenv(CellTimeoutEnv); v != "" {
		d, err := time.ParseDuration(v)
		require.NoError(t, err, "%s=%q", CellTimeoutEnv, v)
		return d
	}
	return DefaultCellTimeout
}

// testContext ends a little before the test binary's deadline, so that the
// deferred cleanups still run and report.
func testContext(t *testing.T) (context.Context, context.CancelFunc) {
	if deadline, ok := t.Deadline(); ok {
		return context.WithDeadline(context.Background(), deadline.Add(-30*time.Second))
	}
	return context.WithTimeout(context.Background(), 45*time.Minute)
}

// snapshot hashes every file under dir, to prove that the test wrote nothing
// there.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	files := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files[path] = sha256.Sum256(data)
		return nil
	})
	require.NoError(t, err)
	return files
}

// englishInBrowser are the English instructor notebooks that the browser
// test runs besides every Japanese one: those whose live outputs speak the
// catalog's language in the page (the training progress bar, the LIF demo's
// sliders and status line).
var englishInBrowser = []string{"05_training.ipynb", "06_bonus_lif.ipynb"}

// TestNotebooksInBrowser runs every Japanese instructor notebook, and the
// English ones of englishInBrowser, in Jupyter's classic web UI in headless
// Chromium, as a student would: Run All, then it checks that no cell shows
// an error, that every figure cell shows an image, that training progress
// bars reached 100%, and it works the bonus demo's sliders. Screenshots of
// the key cells go to the artifacts folder.
func TestNotebooksInBrowser(t *testing.T) {
	chromium := requirePrerequisites(t, true)
	root, err := pristine.Root()
	require.NoError(t, err)
	notebooks, err := filepath.Glob(filepath.Join(root, "notebooks", "ja", "instructor", "*.ipynb"))
	require.NoError(t, err)
	sort.Strings(notebooks)
	require.NotEmpty(t, notebooks, "no instructor notebooks")
	for _, name := range englishInBrowser {
		path := filepath.Join(root, nbgen.Target{Edition: nbgen.Instructor, Lang: i18n.English}.Dir(), name)
		require.FileExists(t, path, "an English notebook the browser test runs")
		notebooks = append(notebooks, path)
	}
	artifacts := artifactsDir(t)
	timeout := cellTimeout(t)
	ctx, cancel := testContext(t)
	defer cancel()

	notebookDir := filepath.Join(root, "notebooks")
	before := snapshot(t, notebookDir)
	defer func() {
		assert.Equal(t, before, snapshot(t, notebookDir), "the browser test must not write into notebooks/ (outputs, checkpoints)")
	}()

	scratch := t.TempDir()
	start := time.Now()
	srv, err := StartServer(ctx, ServerOptions{Root: root, Scratch: scratch, StartTimeout: serverStartTimeout})
	require.NoError(t, err)
	defer func() {
		require.NoError(t, srv.Stop())
		t.Logf("Jupyter server (pid %d) stopped", srv.PID())
	}()
	br, err := StartBrowser(chromium, scratch)
	require.NoError(t, err)
	defer func() {
		br.Close()
		t.Logf("Chromium (pid %d) stopped", br.PID())
	}()
	t.Logf("Jupyter server pid %d on %s, Chromium pid %d, ready in %s",
		srv.PID(), srv.URL, br.PID(), time.Since(start).Round(time.Millisecond))

	for _, path := range notebooks {
		rel, err := filepath.Rel(root, path)
		require.NoError(t, err)
		t.Run(strings.TrimPrefix(filepath.ToSlash(rel), "notebooks/"), func(t *testing.T) {
			runNotebook(t, ctx, srv, br, rel, artifacts, timeout)
		})
	}
}

// notebookLanguage is the language of the notebook at rel
// (notebooks/LANG/EDITION/NAME.ipynb), and the prefix of its screenshots'
// names: none for Japanese, as before the English edition, "en-" for English.
func notebookLanguage(rel string) (lang i18n.Lang, prefix string) {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if len(parts) > 1 {
		lang = i18n.FromEnvVar(parts[1])
	}
	if lang == i18n.English {
		prefix = "en-"
	}
	return lang.Or(i18n.Japanese), prefix
}

// runNotebook runs one notebook in the browser and checks it.
func runNotebook(t *testing.T, ctx context.Context, srv *Server, br *Browser, rel, artifacts string, timeout time.Duration) {
	lang, prefix := notebookLanguage(rel)
	name := prefix + strings.TrimSuffix(filepath.Base(rel), ".ipynb")
	page, err := br.NewPage()
	require.NoError(t, err)
	defer page.Close()
	defer func() {
		if err := srv.ShutdownSessions(ctx); err != nil {
			t.Logf("shutting the kernel down: %v", err)
		}
	}()

	start := time.Now()
	nb, err := Open(ctx, page, srv.NotebookURL(rel), filepath.Base(rel), kernelTimeout)
	if err != nil {
		t.Fatalf("%v\n--- server log ---\n%s", err, srv.LogTail(30))
	}
	defer func() {
		if t.Failed() {
			path := filepath.Join(artifacts, name+"-failure.png")
			if png, err := page.Screenshot(true, nil); err == nil && os.WriteFile(path, png, 0o644) == nil {
				t.Logf("failure screenshot: %s", path)
			}
		}
	}()
	require.NoError(t, nb.ExecuteAll(ctx))

	isBonus := strings.Contains(name, "bonus_lif")
	slidersSeen := false
	sliderAppeared := func() (bool, error) {
		if slidersSeen {
			return false, nil
		}
		_, ok, err := nb.ElementText(ctx, lif.RmSliderID)
		return ok, err
	}
	for {
		idle, err := nb.WaitIdle(ctx, timeout, sliderAppeared)
		var hang *HangError
		if errors.As(err, &hang) {
			shot := filepath.Join(artifacts, fmt.Sprintf("%s-cell%02d-hung.png", name, hang.Index))
			if nb.ScreenshotCell(ctx, hang.Index, shot) == nil {
				t.Logf("screenshot of the hung cell: %s", shot)
			}
			_ = nb.Interrupt(ctx)
		}
		require.NoError(t, err)
		if idle {
			break
		}
		slidersSeen = true
		exerciseLIFDemo(t, ctx, nb, lang, name, artifacts)
	}
	t.Logf("%s: all cells ran in the browser in %s", name, time.Since(start).Round(100*time.Millisecond))

	cells, err := nb.Cells(ctx)
	require.NoError(t, err)
	executed := Executed(cells)
	for _, p := range nbrun.Problems(executed) {
		t.Errorf("%s: %v", name, p)
	}
	figures := 0
	for i, c := range cells {
		if !executed[i].DisplaysFigure() {
			continue
		}
		figures++
		if c.Images == 0 {
			t.Errorf("%s: cell %d displays a figure but the page shows no image; its output:\n%s\n--- source ---\n%s",
				name, c.Index, textcap.Tail(c.OutputText, 2000), c.Source)
		}
	}
	t.Logf("%s: %d code cells, %d figure cells, all with an image", name, countCode(cells), figures)

	checkProgressBars(t, ctx, nb, lang, name)
	if isBonus {
		assert.True(t, slidersSeen, "%s: the sliders never appeared (did the demo fall back to the static figure?)", name)
	}
	for _, c := range cells {
		if c.Type == "code" && strings.Contains(c.Source, "plots.DecisionMap(") {
			path := filepath.Join(artifacts, name+"-decision-map.png")
			if assert.NoError(t, nb.ScreenshotOutput(ctx, c.Index, path)) {
				t.Logf("decision map (cell %d): %s", c.Index, path)
			}
		}
	}
}

func countCode(cells []Cell) int {
	n := 0
	for _, c := range cells {
		if c.Type == "code" {
			n++
		}
	}
	return n
}

// checkProgressBars asserts that every training progress bar on the page
// reached 100% and speaks the notebook's language, and that the training
// notebook has one.
func checkProgressBars(t *testing.T, ctx context.Context, nb *Notebook, lang i18n.Lang, name string) {
	res, err := nb.eval(ctx, `() => Array.from(document.querySelectorAll('[id^="train-progress"]')).map(e =>
		({id: e.id, percent: e.getAttribute('data-percent') || '', text: e.textContent}))`)
	require.NoError(t, err)
	var bars []struct{ ID, Percent, Text string }
	require.NoError(t, res.Value.Unmarshal(&bars))
	if strings.Contains(name, "training") {
		assert.NotEmpty(t, bars, "%s: no training progress bar (an element whose id starts with train-progress)", name)
	}
	for _, b := range bars {
		assert.Equal(t, "100", b.Percent, "%s: progress bar %s: data-percent", name, b.ID)
		assert.Contains(t, b.Text, "100%", "%s: progress bar %s", name, b.ID)
		assert.Empty(t, lang.Foreign(b.Text), "%s: progress bar %s in one language: %q", name, b.ID, b.Text)
		t.Logf("%s: progress bar %s: %q", name, b.ID, b.Text)
	}
}

// exerciseLIFDemo moves the bonus demo's R_m slider, then its tau_ref
// slider, checks that the displayed values and the curve follow each move,
// takes screenshots before and after, and presses Done so that the widget
// loop (and the cell) ends with the status line in the notebook's language.
func exerciseLIFDemo(t *testing.T, ctx context.Context, nb *Notebook, lang i18n.Lang, name, artifacts string) {
	text := func(id string) string {
		s, _, err := nb.ElementText(ctx, id)
		require.NoError(t, err)
		return strings.TrimSpace(s)
	}
	attr := func(id, a string) string {
		s, err := nb.ElementAttr(ctx, id, a)
		require.NoError(t, err)
		return s
	}
	// The loop listens once it has written its status line.
	require.NoError(t, WaitFor(ctx, widgetTimeout, "the demo's status line", func() (bool, error) {
		s, _, err := nb.ElementText(ctx, lif.StatusID)
		return strings.TrimSpace(s) != "" && strings.HasPrefix(attr(lif.CurveID, "src"), "data:image/png"), err
	}))
	shoot := func(file string) {
		path := filepath.Join(artifacts, file)
		js := rod.Eval(`(id) => document.getElementById(id).closest('.output_wrapper')`, lif.RmSliderID)
		if assert.NoError(t, nb.screenshot(ctx, js, "the sliders' output", path)) {
			t.Logf("%s: %s", file, path)
		}
	}
	shoot(name + "-sliders-before.png")

	move := func(slider, valueID, attrName string, pos int) {
		wantValue := lif.FormatValue(lif.SliderValue(pos))
		oldText, oldCurve := text(valueID), attr(lif.CurveID, "src")
		require.NotEqual(t, wantValue, oldText, "the new position must differ from the old one")
		require.NoError(t, nb.SetRange(ctx, slider, pos))
		err := WaitFor(ctx, widgetTimeout, "#"+slider+" moved to "+fmt.Sprint(pos), func() (bool, error) {
			return text(valueID) == wantValue && attr(lif.CurveID, attrName) == wantValue &&
				attr(lif.CurveID, "src") != oldCurve, nil
		})
		require.NoError(t, err, "displayed %q (was %q), curve %s=%q; want %q and a new curve image",
			text(valueID), oldText, attrName, attr(lif.CurveID, attrName), wantValue)
		t.Logf("%s: #%s moved to %d: shows %s, curve redrawn", name, slider, pos, wantValue)
	}
	rmStart, tauStart := text(lif.RmValueID), text(lif.TauValueID)
	move(lif.RmSliderID, lif.RmValueID, "data-rm", 500) // R_m = 50 kOhm
	assert.Equal(t, tauStart, text(lif.TauValueID), "moving R_m must not change tau_ref")
	move(lif.TauSliderID, lif.TauValueID, "data-tau-ref", 200) // tau_ref = 20 ms
	assert.NotEqual(t, rmStart, text(lif.RmValueID))
	assert.Equal(t, lif.FormatValue(lif.SliderValue(500)), text(lif.RmValueID), "moving tau_ref must not change R_m")
	shoot(name + "-sliders-after.png")

	require.NoError(t, nb.Click(ctx, lif.DoneButtonID))
	require.NoError(t, WaitFor(ctx, widgetTimeout, "the demo to end after Done", func() (bool, error) {
		s, _, err := nb.ElementText(ctx, lif.StatusID)
		return strings.Contains(s, lang.Sprintf("lif.end.done")), err
	}))
	assert.Empty(t, lang.Foreign(text(lif.StatusID)), "%s: the status line speaks the notebook's language", name)
	t.Logf("%s: Done pressed, the widget loop ended: %q", name, text(lif.StatusID))
}

func TestNotebookLanguage(t *testing.T) {
	tests := []struct {
		rel, prefix string
		lang        i18n.Lang
	}{
		{"notebooks/ja/instructor/05_training.ipynb", "", i18n.Japanese},
		{"notebooks/en/instructor/06_bonus_lif.ipynb", "en-", i18n.English},
		{"notebooks/en/student/06_bonus_lif.ipynb", "en-", i18n.English},
		{"06_bonus_lif.ipynb", "", i18n.Japanese},
	}
	for _, tc := range tests {
		t.Run(tc.rel, func(t *testing.T) {
			lang, prefix := notebookLanguage(tc.rel)
			assert.Equal(t, tc.lang, lang)
			assert.Equal(t, tc.prefix, prefix)
		})
	}
}
