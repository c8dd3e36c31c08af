package browsertest

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/pristine"
	"github.com/nma-go/mlp/internal/site"
)

// formulaNotebook and formulaMarker pick the formula that the test
// photographs: 02_mlp's LeakyReLU formula.
const (
	formulaNotebook = "02_mlp"
	formulaMarker   = "LeakyReLU"
	formulaShot     = "02_mlp-leakyrelu-formula.png"
)

// notebookFiles lists every notebook under root/notebooks, relative to root
// and sorted: each edition and language, whatever its folder, except test
// data (testdata folders) and hidden folders (.ipynb_checkpoints).
func notebookFiles(t *testing.T, root string) []string {
	t.Helper()
	var rels []string
	err := filepath.WalkDir(filepath.Join(root, "notebooks"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".ipynb") {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				return err
			}
			rels = append(rels, rel)
		}
		return nil
	})
	require.NoError(t, err)
	sort.Strings(rels)
	require.NotEmpty(t, rels, "no notebooks under %s", filepath.Join(root, "notebooks"))
	return rels
}

// shotName names the screenshot of the formula of the notebook at rel: the
// first one taken is formulaShot, later ones (other editions) get their
// folder as a prefix, e.g. student-02_mlp-leakyrelu-formula.png.
func shotName(rel string, taken map[string]bool) string {
	name := formulaShot
	if taken[name] {
		dir := strings.TrimPrefix(filepath.ToSlash(filepath.Dir(rel)), "notebooks/")
		name = strings.ReplaceAll(dir, "/", "-") + "-" + formulaShot
	}
	taken[name] = true
	return name
}

// logRendered summarises a page for the log.
func logRendered(t *testing.T, where string, r *Rendered) {
	display, images := 0, 0
	for _, f := range r.Formulas {
		if f.Display {
			display++
		}
	}
	for _, md := range r.Markdown {
		images += len(md.Images)
	}
	t.Logf("%s: %d formulas (%d display), %d Markdown cells, %d images", where, len(r.Formulas), display, len(r.Markdown), images)
}

// TestFormulasInBrowser opens every notebook under notebooks/ (all editions
// and languages, not test data) in the classic notebook without executing
// it, waits for MathJax 2 to typeset the Markdown, and asserts what
// [Rendered.Problems] lists: no formula without output or with a MathJax
// error, no formula whose rendered text shows a backslash, no TeX control
// word ($$, \text, \mathrm, ...) left as text in the Markdown, and every
// image in the Markdown loaded. It does the same on every page of the site
// (internal/site, built from the unexecuted notebooks and served over
// HTTP). Screenshots: 02_mlp's LeakyReLU formula in each notebook edition
// (02_mlp-leakyrelu-formula.png, then with the edition's folder as a
// prefix) and on the site (site-02_mlp-leakyrelu-formula.png).
func TestFormulasInBrowser(t *testing.T) {
	chromium := requirePrerequisites(t, true)
	root, err := pristine.Root()
	require.NoError(t, err)
	artifacts := artifactsDir(t)
	ctx, cancel := testContext(t)
	defer cancel()
	scratch := t.TempDir()
	start := time.Now()
	srv, err := StartServer(ctx, ServerOptions{Root: root, Scratch: scratch, StartTimeout: serverStartTimeout})
	require.NoError(t, err)
	defer srv.Stop()
	br, err := StartBrowser(chromium, scratch)
	require.NoError(t, err)
	defer br.Close()

	taken := map[string]bool{}
	for _, rel := range notebookFiles(t, root) {
		name := strings.TrimSuffix(filepath.Base(rel), ".ipynb")
		t.Run(strings.TrimPrefix(filepath.ToSlash(rel), "notebooks/"), func(t *testing.T) {
			page, err := br.NewPage()
			require.NoError(t, err)
			defer page.Close()
			defer func() {
				if err := srv.ShutdownSessions(ctx); err != nil {
					t.Logf("shutting the kernel down: %v", err)
				}
			}()
			_, err = Open(ctx, page, srv.NotebookURL(rel), filepath.Base(rel), kernelTimeout)
			require.NoError(t, err)
			r, err := ReadRendered(ctx, page, NotebookLayout)
			require.NoError(t, err)
			require.True(t, r.HasMathJax, "%s: the notebook page loads no MathJax", rel)
			for _, p := range r.Problems() {
				t.Errorf("%s: %s", rel, p)
			}
			logRendered(t, rel, r)
			if name == formulaNotebook {
				f, ok := r.Find(formulaMarker)
				if assert.True(t, ok, "%s: no formula mentions %s", rel, formulaMarker) {
					path := filepath.Join(artifacts, shotName(rel, taken))
					if assert.NoError(t, ScreenshotFormula(ctx, page, f, path)) {
						t.Logf("%s formula (cell %d): %s", formulaMarker, f.Cell, path)
					}
				}
			}
		})
	}

	t.Run("site", func(t *testing.T) {
		out := filepath.Join(scratch, "site")
		_, err := site.Build(ctx, site.Options{Root: root, Out: out, Unexecuted: true})
		require.NoError(t, err)
		web := httptest.NewServer(http.FileServer(http.Dir(out)))
		defer web.Close()
		var pages []string
		for _, pattern := range []string{"*.html", "*/*.html"} {
			found, err := filepath.Glob(filepath.Join(out, pattern))
			require.NoError(t, err)
			pages = append(pages, found...)
		}
		require.NotEmpty(t, pages)
		page, err := br.NewPage()
		require.NoError(t, err)
		defer page.Close()
		seen := 0
		for _, path := range pages {
			rel, err := filepath.Rel(out, path)
			require.NoError(t, err)
			file := filepath.ToSlash(rel)
			require.NoError(t, page.Context(ctx).Navigate(web.URL+"/"+file))
			require.NoError(t, page.Context(ctx).WaitLoad())
			r, err := ReadRendered(ctx, page, SiteLayout)
			require.NoError(t, err)
			if filepath.Base(file) != "index.html" {
				assert.True(t, r.HasMathJax, "site %s loads no MathJax", file)
			}
			for _, p := range r.Problems() {
				t.Errorf("site %s: %s", file, p)
			}
			logRendered(t, "site "+file, r)
			if filepath.Base(file) == formulaNotebook+".html" {
				f, ok := r.Find(formulaMarker)
				if assert.True(t, ok, "site %s: no formula mentions %s", file, formulaMarker) {
					seen++
					shot := filepath.Join(artifacts, "site-"+strings.ReplaceAll(filepath.Dir(file), "/", "-")+"-"+formulaShot)
					if assert.NoError(t, ScreenshotFormula(ctx, page, f, shot)) {
						t.Logf("site's %s formula (%s): %s", formulaMarker, file, shot)
					}
				}
			}
		}
		assert.Equal(t, len(site.Languages()), seen, "the site has %s.html in every language", formulaNotebook)
	})
	t.Logf("checked in %s", time.Since(start).Round(100*time.Millisecond))
}
