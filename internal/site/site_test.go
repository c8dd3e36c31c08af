package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/browsertest"
	"github.com/nma-go/mlp/internal/nbgen"
	"github.com/nma-go/mlp/internal/nbrun"
	"github.com/nma-go/mlp/internal/pristine"
)

func TestScrub(t *testing.T) {
	prefixes := strings.NewReplacer("/tmp/nma-site-123/", "", "/work/main/", "", "/root/go/pkg/mod/", "")
	png := "data:image/png;base64,iVBORw0KGgo/tmp/nma/site/123/x+/work/main/y==" // base64 can spell paths
	tests := []struct{ name, in, want string }{
		{"compile error", "/tmp/nma-site-123/nb01/tmp/gonb_3a0c3a6b/main.go:12:3: undefined: x",
			"main.go:12:3: undefined: x"},
		{"another temp folder", "panic at /var/folders/xy/T/gonb_deadbeef/main.go:7", "panic at main.go:7"},
		{"repository path", "goroutine 1:\n/work/main/pkg/tutorial/train.go:40 +0x1c", "goroutine 1:\npkg/tutorial/train.go:40 +0x1c"},
		{"module cache", "/root/go/pkg/mod/github.com/gomlx/gomlx@v0.28.16/core/graph/exec.go:99",
			"github.com/gomlx/gomlx@v0.28.16/core/graph/exec.go:99"},
		{"plain text", "✅ 合格 (loss 0.12)", "✅ 合格 (loss 0.12)"},
		{"data URI kept", `<img src="` + png + `"> /tmp/nma-site-123/x`, `<img src="` + png + `"> x`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Scrub(tc.in, prefixes))
		})
	}
}

// writeSite writes files (path -> content) into a new folder.
func writeSite(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	return dir
}

func TestCheckAcceptsAnOfflineSite(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"index.html":    `<a href="ja/index.html">日本語</a> <a href="en/">English</a>`,
		"ja/index.html": `<a href="01_a.html">A</a> <a href="01_a.html#%E6%B1%BA%E5%AE%9A">map</a> <a href="https://neuromatch.io/">NMA</a> <a href="../en/index.html">English</a>`,
		"ja/01_a.html": `<script src="../assets/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"></script>
<h2 id="%E6%B1%BA%E5%AE%9A">決定</h2><a class="anchor-link" href="#%E6%B1%BA%E5%AE%9A">¶</a>
<img src="data:image/png;base64,iVBORw0KGgo="> <a href="index.html">目次</a> <a href="../en/01_a.html#decision">English</a>
<style>.x { background: url(data:image/png;base64,AAAA); } /* see https://example.com */</style>`,
		"en/index.html":             `<a href="01_a.html">A</a> <a href="../ja/index.html">日本語</a>`,
		"en/01_a.html":              `<h2 id="decision">Decision</h2> <a href="../ja/01_a.html">日本語</a>`,
		"assets/mathjax/MathJax.js": "// MathJax",
	})
	assert.Empty(t, Check(dir))
}

func TestCheckFindsProblems(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"index.html": `<a href="02_missing.html">dead</a> <a href="01_a.html#nowhere">no anchor</a>`,
		"01_a.html": `<script src="https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js"></script>
<script src="file:///usr/share/javascript/requirejs/require.min.js"></script>
<link rel="stylesheet" href="//fonts.example.com/x.css">
<style>@import "https://fonts.googleapis.com/css?family=Roboto";</style>
<img src="/abs/fig.png">
<pre>/tmp/nma-site-1/gonb_3a0c3a6b/main.go:12: undefined</pre>`,
		// One folder down, as a language's pages are.
		"en/01_a.html": `<a href="../ja/01_a.html">日本語</a> <script src="assets/mathjax/MathJax.js"></script> <a href="../../x.html">up</a>`,
	})
	problems := Check(dir)
	var all []string
	for _, p := range problems {
		all = append(all, p.Error())
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{
		`dead link: <a> "02_missing.html"`,
		`no element with id "nowhere"`,
		`<script> loads "https://cdnjs.cloudflare.com`,
		`file: URL "file:///usr/share/javascript/requirejs/require.min.js"`,
		`<link> loads "//fonts.example.com/x.css"`,
		`CSS loads "https://fonts.googleapis.com/css?family=Roboto"`,
		`absolute path "/abs/fig.png"`,
		`temporary build path`,
		`en/01_a.html: dead link: <a> "../ja/01_a.html"`,
		`en/01_a.html: dead link: <script> "assets/mathjax/MathJax.js"`,
		`en/01_a.html: <a> "../../x.html" points outside the site`,
	} {
		assert.Contains(t, text, want)
	}
	assert.Len(t, problems, 11, text)
}

// figureCells counts the code cells of a notebook that display a figure
// (nbrun.Cell.DisplaysFigure, the browser test's rule).
func figureCells(t *testing.T, path string) int {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	cells, err := nbrun.ParseCells(data)
	require.NoError(t, err)
	n := 0
	for _, c := range cells {
		if c.DisplaysFigure() {
			n++
		}
	}
	return n
}

// TestBuildSite builds the whole site, both languages, from the instructor
// notebooks into a temporary folder and checks that it works offline: no
// CDN, no dead links, no temporary build paths, images embedded, every page
// switching to its counterpart in the other language. Where Chromium is
// installed it also opens every page from the file system, checks that
// MathJax typeset the formulas, and saves screenshots of the index pages.
func TestBuildSite(t *testing.T) {
	if testing.Short() {
		t.Skip("the site is not built with -short")
	}
	root, err := pristine.Root()
	require.NoError(t, err)
	opts := Options{Root: root, Out: filepath.Join(t.TempDir(), "site")}
	if err := Prerequisites(opts); err != nil {
		if pristine.Strict() {
			t.Fatalf("CI is set, so the site must build: %v", err)
		}
		t.Skipf("skipping the site build: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	var log strings.Builder
	opts.Log = &log
	start := time.Now()
	res, err := Build(ctx, opts)
	t.Logf("build log:\n%s", log.String())
	require.NoError(t, err)
	t.Logf("built %d pages in %s", len(res.Pages), time.Since(start).Round(100*time.Millisecond))

	assert.Empty(t, Check(res.Out))
	landing, err := os.ReadFile(filepath.Join(res.Out, "index.html"))
	require.NoError(t, err)
	for _, lang := range Languages() {
		t.Run(string(lang), func(t *testing.T) {
			notebooks, err := nbgen.Notebooks(root, source(lang))
			require.NoError(t, err)
			pages := res.In(lang)
			require.Len(t, pages, len(notebooks), "one page per instructor notebook")
			assert.Contains(t, string(landing), `href="`+string(lang)+`/index.html"`, "the landing page links the %s index", lang)

			index, err := os.ReadFile(filepath.Join(res.Out, string(lang), "index.html"))
			require.NoError(t, err)
			assert.Contains(t, string(index), `<html lang="`+string(lang)+`">`)
			assert.Contains(t, string(index), lang.Sprintf("site.in_order"), "the index is in its language")
			last := -1
			for i, p := range pages {
				assert.NotEmpty(t, p.Title, p.Path())
				at := strings.Index(string(index), `href="`+p.File+`"`)
				assert.Greater(t, at, last, "the index links %s after the section before it", p.File)
				last = at
				page, err := os.ReadFile(filepath.Join(res.Out, filepath.FromSlash(p.Path())))
				require.NoError(t, err)
				want := figureCells(t, notebooks[i])
				got := strings.Count(string(page), `src="data:image/png;base64,`)
				assert.GreaterOrEqual(t, got, want, "%s: %d figure cells, %d embedded PNG images", p.Path(), want, got)
				assert.Contains(t, string(page), `src="../assets/mathjax/MathJax.js`, p.Path())
				assert.Contains(t, string(page), `<a href="index.html">`+lang.Sprintf("site.contents")+`</a>`, "%s links back to its index", p.Path())
				for _, other := range Languages() {
					if other != lang {
						assert.Contains(t, string(page), `href="../`+string(other)+"/"+p.File+`"`, "%s: the language switch to %s", p.Path(), other)
					}
				}
			}
		})
	}
	checkInBrowser(t, res)
}

// checkInBrowser opens the site in headless Chromium from the file system:
// a screenshot of the index page, and MathJax typesetting on every page
// without errors.
func checkInBrowser(t *testing.T, res *Result) {
	chromium, err := browsertest.FindChromium()
	if err != nil {
		if pristine.Strict() {
			t.Fatalf("CI is set: %v", err)
		}
		t.Logf("not opening the site in a browser: %v", err)
		return
	}
	br, err := browsertest.StartBrowser(chromium, t.TempDir())
	require.NoError(t, err)
	defer br.Close()
	page, err := br.NewPage()
	require.NoError(t, err)
	defer page.Close()
	require.NoError(t, page.SetViewport(&proto.EmulationSetDeviceMetricsOverride{Width: 1000, Height: 900, DeviceScaleFactor: 1}))

	open := func(file string) {
		require.NoError(t, page.Timeout(30*time.Second).Navigate("file://"+filepath.Join(res.Out, file)))
		require.NoError(t, page.Timeout(30*time.Second).WaitLoad())
	}
	artifacts := os.Getenv(browsertest.ArtifactsEnv)
	if artifacts == "" {
		artifacts, err = os.MkdirTemp("", "nma-site-artifacts-")
		require.NoError(t, err)
	}
	require.NoError(t, os.MkdirAll(artifacts, 0o755))
	indexes := map[string]string{"index.html": "site-index.png"}
	for _, l := range Languages() {
		indexes[string(l)+"/index.html"] = "site-index-" + string(l) + ".png"
	}
	for file, shotName := range indexes {
		open(file)
		shot, err := page.Screenshot(true, nil)
		require.NoError(t, err)
		path := filepath.Join(artifacts, shotName)
		require.NoError(t, os.WriteFile(path, shot, 0o644))
		t.Logf("%s screenshot: %s", file, path)
	}

	for _, p := range res.Pages {
		file := filepath.FromSlash(p.Path())
		open(file)
		// MathJax runs its queue in order: this callback runs after the
		// first typesetting pass has finished.
		r, err := page.Timeout(60 * time.Second).Evaluate(rod.Eval(`() => new Promise(resolve => {
			if (!window.MathJax || !MathJax.Hub) { resolve({loaded: false}); return; }
			MathJax.Hub.Queue(() => resolve({loaded: true,
				math: document.querySelectorAll('.MathJax_CHTML').length,
				errors: document.querySelectorAll('.MathJax_Error, .merror').length,
				message: (document.getElementById('MathJax_Message') || {}).textContent || ''}));
		})`).ByPromise())
		require.NoError(t, err, file)
		var got struct {
			Loaded       bool
			Math, Errors int
			Message      string
		}
		require.NoError(t, r.Value.Unmarshal(&got))
		assert.True(t, got.Loaded, "%s: MathJax did not load from assets/", file)
		assert.Zero(t, got.Errors, "%s: MathJax errors", file)
		assert.NotContains(t, got.Message, "failed", "%s: MathJax message", file)
		t.Logf("%s: %d formulas typeset", file, got.Math)
		if p.File == res.Pages[min(1, len(res.Pages)-1)].File {
			// The top of one section per language: its navigation bar and
			// language switch, as a reader first sees them.
			shot, err := page.Screenshot(false, nil)
			require.NoError(t, err)
			path := filepath.Join(artifacts, "site-"+string(p.Lang)+"-"+strings.TrimSuffix(p.File, ".html")+".png")
			require.NoError(t, os.WriteFile(path, shot, 0o644))
			t.Logf("%s screenshot: %s", file, path)
		}
	}
}
