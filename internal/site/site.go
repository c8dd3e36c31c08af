// Package site builds the tutorial's static web site: every instructor
// notebook executed headless with the GoNB kernel, converted to HTML with its
// images embedded, plus a Japanese index page that links the sections in
// order.
//
// The site works offline from the file system: MathJax and require.js are
// copied from Debian's packages (libjs-mathjax, libjs-requirejs) into
// assets/ and referenced relatively, nothing is loaded from a CDN, every link
// between pages resolves, and the temporary build paths GoNB prints are
// scrubbed from the outputs. [Check] verifies these points on a built site.
package site

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/nma-go/mlp/internal/nbrun"
)

// Debian's locations of the JavaScript libraries the pages need.
const (
	DefaultMathJaxDir = "/usr/share/javascript/mathjax"                  // libjs-mathjax
	DefaultRequireJS  = "/usr/share/javascript/requirejs/require.min.js" // libjs-requirejs
)

// Paths of the copies inside the site.
const (
	AssetsDir     = "assets"
	mathJaxSite   = AssetsDir + "/mathjax"
	requireJSSite = AssetsDir + "/require.min.js"
	// MathJaxURL is what the pages load: the local copy, configured as
	// nbconvert's default (TeX input, CommonHTML output, the Safe extension).
	MathJaxURL = mathJaxSite + "/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
)

// mathJaxFiles are the parts of MathJax 2.7 that MathJaxURL needs (about 2
// MB of Debian's 54 MB): the loader, the configuration, the TeX input, the
// CommonHTML output with its TeX web fonts, the extensions and the Japanese
// messages.
var mathJaxFiles = []string{
	"MathJax.js",
	"config/TeX-AMS_CHTML-full.js",
	"config/Safe.js",
	"extensions",
	"jax/element",
	"jax/input/TeX",
	"jax/output/CommonHTML",
	"fonts/HTML-CSS/TeX/woff",
	"fonts/HTML-CSS/TeX/otf",
	"localization/ja",
}

// Options configure Build.
type Options struct {
	Root        string        // the repository root (holds notebooks/ja/instructor)
	Out         string        // the site folder; created, and its pages replaced
	CellTimeout time.Duration // per cell; zero means nbrun.DefaultCellTimeout
	MathJaxDir  string        // Debian's MathJax; empty means DefaultMathJaxDir
	RequireJS   string        // require.min.js; empty means DefaultRequireJS
	Log         io.Writer     // progress messages; nil means none
	// Unexecuted converts the notebooks as they are, without running them:
	// the pages show the Markdown and formulas but no outputs. For tests of
	// the rendering, not for publishing.
	Unexecuted bool
}

// Page is one section of the site.
type Page struct {
	Notebook string        // e.g. 01_relu_approximation.ipynb
	File     string        // e.g. 01_relu_approximation.html
	Title    string        // the notebook's first heading
	Duration time.Duration // headless execution time
}

// Result describes a built site.
type Result struct {
	Out   string
	Pages []Page
}

// Prerequisites reports what Build needs and is missing: Jupyter with
// nbconvert and the GoNB kernel (see nbrun.Prerequisites), and Debian's
// MathJax and require.js.
func Prerequisites(opts Options) error {
	var missing []string
	if err := nbrun.Prerequisites(); err != nil {
		missing = append(missing, err.Error())
	}
	mj, rj := opts.assets()
	if _, err := os.Stat(filepath.Join(mj, "MathJax.js")); err != nil {
		missing = append(missing, "MathJax in "+mj+" (apt-get install libjs-mathjax)")
	}
	if _, err := os.Stat(rj); err != nil {
		missing = append(missing, rj+" (apt-get install libjs-requirejs)")
	}
	if len(missing) > 0 {
		return fmt.Errorf("site: missing %s", strings.Join(missing, "; "))
	}
	return nil
}

func (o Options) assets() (mathJax, requireJS string) {
	mathJax, requireJS = o.MathJaxDir, o.RequireJS
	if mathJax == "" {
		mathJax = DefaultMathJaxDir
	}
	if requireJS == "" {
		requireJS = DefaultRequireJS
	}
	return mathJax, requireJS
}

func (o Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format+"\n", args...)
	}
}

// Build executes every notebook in Root/notebooks/ja/instructor headless,
// (unless opts.Unexecuted), converts each to Out/NAME.html and writes
// Out/index.html and Out/assets/. It fails on the first notebook with a cell
// error, and when [Check] finds a problem in the result.
func Build(ctx context.Context, opts Options) (*Result, error) {
	if opts.Root == "" || opts.Out == "" {
		return nil, errors.New("site: Build needs Root and Out")
	}
	if err := Prerequisites(opts); err != nil {
		return nil, err
	}
	notebooks, err := filepath.Glob(filepath.Join(opts.Root, "notebooks", "ja", "instructor", "*.ipynb"))
	if err != nil {
		return nil, err
	}
	sort.Strings(notebooks)
	if len(notebooks) == 0 {
		return nil, fmt.Errorf("site: no notebooks in %s", filepath.Join(opts.Root, "notebooks", "ja", "instructor"))
	}
	out, err := filepath.Abs(opts.Out)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	scratch, err := os.MkdirTemp("", "nma-site-")
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	defer os.RemoveAll(scratch)
	scrub := newScrubber(opts.Root, scratch)

	res := &Result{Out: out}
	for _, path := range notebooks {
		base := strings.TrimSuffix(filepath.Base(path), ".ipynb")
		res.Pages = append(res.Pages, Page{Notebook: base + ".ipynb", File: base + ".html"})
	}
	for i, path := range notebooks {
		page := &res.Pages[i]
		executedPath := path
		if !opts.Unexecuted {
			opts.logf("site: executing %s", page.Notebook)
			executed, err := execute(ctx, path, filepath.Join(scratch, fmt.Sprintf("nb%02d", i)), opts.CellTimeout)
			if err != nil {
				return nil, err
			}
			page.Duration, executedPath = executed.Duration, executed.Path
		}
		clean := filepath.Join(scratch, "clean", page.Notebook)
		var err error
		if page.Title, err = scrubNotebook(executedPath, clean, scrub); err != nil {
			return nil, err
		}
		if page.Title == "" {
			page.Title = strings.TrimSuffix(page.Notebook, ".ipynb")
		}
		opts.logf("site: converting %s (executed in %s)", page.Notebook, page.Duration.Round(100*time.Millisecond))
		if err := convert(ctx, clean, out, scratch); err != nil {
			return nil, err
		}
	}
	for i := range res.Pages {
		if err := finishPage(filepath.Join(out, res.Pages[i].File), res.Pages, i, scrub); err != nil {
			return nil, err
		}
	}
	if err := writeIndex(filepath.Join(out, "index.html"), res.Pages); err != nil {
		return nil, err
	}
	if err := copyAssets(opts, out); err != nil {
		return nil, err
	}
	if problems := Check(out); len(problems) > 0 {
		return res, fmt.Errorf("site: the built site has problems:\n%w", errors.Join(problems...))
	}
	opts.logf("site: wrote %d pages and index.html to %s", len(res.Pages), out)
	return res, nil
}

// execute runs one notebook headless and fails on any cell error.
func execute(ctx context.Context, path, dir string, cellTimeout time.Duration) (*nbrun.Result, error) {
	tmp := filepath.Join(dir, "tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	res, err := nbrun.Execute(ctx, path, dir, nbrun.Options{CellTimeout: cellTimeout, ScratchDir: tmp})
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	if problems := nbrun.Problems(res.Cells); len(problems) > 0 {
		return nil, fmt.Errorf("site: %s: %w", filepath.Base(path), errors.Join(problems...))
	}
	return res, nil
}

// scrubNotebook rewrites the executed notebook at src into dst with every
// output string scrubbed, and returns the notebook's title (its first
// Markdown heading).
func scrubNotebook(src, dst string, scrub *strings.Replacer) (title string, err error) {
	data, err := os.ReadFile(src)
	if err != nil {
		return "", fmt.Errorf("site: %w", err)
	}
	var nb map[string]any
	if err := json.Unmarshal(data, &nb); err != nil {
		return "", fmt.Errorf("site: %s: %w", filepath.Base(src), err)
	}
	cells, _ := nb["cells"].([]any)
	kept := cells[:0]
	for _, c := range cells {
		cell, _ := c.(map[string]any)
		if cell == nil {
			continue
		}
		// The expected outputs (nbgen.ExpectedTag) repeat what the executed
		// cell above shows, and link figures outside the site: leave them out.
		if hasTag(cell, ExpectedOutputTag) {
			continue
		}
		kept = append(kept, c)
		if outputs, ok := cell["outputs"]; ok {
			cell["outputs"] = scrubValue(outputs, scrub)
		}
		if title == "" && cell["cell_type"] == "markdown" {
			title = firstHeading(nbrun.TextOf(cell["source"]))
		}
	}
	nb["cells"] = kept
	out, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		return "", fmt.Errorf("site: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", fmt.Errorf("site: %w", err)
	}
	return title, os.WriteFile(dst, out, 0o644)
}

func scrubValue(v any, scrub *strings.Replacer) any {
	switch t := v.(type) {
	case string:
		return Scrub(t, scrub)
	case []any:
		for i := range t {
			t[i] = scrubValue(t[i], scrub)
		}
	case map[string]any:
		for k := range t {
			if k == "image/png" || k == "image/jpeg" || k == "image/gif" {
				continue // base64
			}
			t[k] = scrubValue(t[k], scrub)
		}
	}
	return v
}

func firstHeading(markdown string) string {
	for _, line := range strings.Split(markdown, "\n") {
		if strings.HasPrefix(line, "# ") {
			return strings.TrimSpace(strings.TrimPrefix(line, "# "))
		}
	}
	return ""
}

// convert turns an executed notebook into outDir/NAME.html with nbconvert's
// lab template, loading MathJax and require.js from the site's assets.
func convert(ctx context.Context, notebook, outDir, scratch string) error {
	cmd := exec.CommandContext(ctx, "jupyter", "nbconvert", "--to", "html", "--template", "lab",
		"--HTMLExporter.mathjax_url="+MathJaxURL,
		"--HTMLExporter.require_js_url="+requireJSSite,
		"--output-dir", outDir, notebook)
	cmd.Env = append(os.Environ(), "TMPDIR="+scratch, "JUPYTER_RUNTIME_DIR="+filepath.Join(scratch, "runtime"))
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("site: converting %s: %w\n%s", filepath.Base(notebook), err, output.String())
	}
	return nil
}

// templates holds the site's own HTML and CSS: the index page and the
// navigation bar added to every section's page (templates/*.html, *.css).
//
//go:embed templates/*.html templates/*.css
var templateFiles embed.FS

var templates = template.Must(template.ParseFS(templateFiles, "templates/*.html", "templates/*.css"))

var (
	bodyOpen   = regexp.MustCompile(`<body[^>]*>`)
	titleTag   = regexp.MustCompile(`(?s)<title>.*?</title>`)
	ipynbHref  = regexp.MustCompile(`href="([0-9A-Za-z_.-]+)\.ipynb(#[^"]*)?"`)
	htmlOpenRE = regexp.MustCompile(`<html[^>]*>`)
)

// finishPage scrubs a converted page once more, gives it its Japanese title,
// points links to other notebooks at their pages, and adds a navigation bar
// (previous, index, next) at the top and the bottom.
func finishPage(path string, pages []Page, i int, scrub *strings.Replacer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	page := Scrub(string(data), scrub)
	page = htmlOpenRE.ReplaceAllLiteralString(page, `<html lang="ja">`)
	page = titleTag.ReplaceAllLiteralString(page, "<title>"+template.HTMLEscapeString(pages[i].Title)+"</title>")
	page = ipynbHref.ReplaceAllString(page, `href="$1.html$2"`)
	nav, err := navigation(pages, i)
	if err != nil {
		return err
	}
	style, err := PageStyle()
	if err != nil {
		return err
	}
	loc := bodyOpen.FindStringIndex(page)
	end := strings.LastIndex(page, "</body>")
	if loc == nil || end < loc[1] {
		return fmt.Errorf("site: %s: no <body> in nbconvert's output", filepath.Base(path))
	}
	page = page[:loc[1]] + "\n" + style + "\n" + nav + page[loc[1]:end] + nav + "\n" + page[end:]
	return os.WriteFile(path, []byte(page), 0o644)
}

// navigationData is what templates/nav.html shows: the pages before and
// after the current one (nil at either end).
type navigationData struct {
	Previous, Next *Page
}

// navigation renders the navigation bar of page i.
func navigation(pages []Page, i int) (string, error) {
	var data navigationData
	if i > 0 {
		data.Previous = &pages[i-1]
	}
	if i+1 < len(pages) {
		data.Next = &pages[i+1]
	}
	return render("nav.html", data)
}

// PageStyle is the <style> element that every section's page gets after its
// <body>: the navigation bar's style and the Markdown toggles' markers.
func PageStyle() (string, error) { return render("nav-style.html", nil) }

// render executes one of the site's templates.
func render(name string, data any) (string, error) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("site: %s: %w", name, err)
	}
	return b.String(), nil
}

func writeIndex(path string, pages []Page) error {
	index, err := render("index.html", pages)
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(index), 0o644)
}

// copyAssets copies the needed parts of MathJax and require.js into the site,
// following symbolic links (Debian links some MathJax files to other packages).
func copyAssets(opts Options, out string) error {
	mathJax, requireJS := opts.assets()
	dst := filepath.Join(out, filepath.FromSlash(mathJaxSite))
	if err := os.RemoveAll(dst); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	for _, rel := range mathJaxFiles {
		if err := copyTree(filepath.Join(mathJax, filepath.FromSlash(rel)), filepath.Join(dst, filepath.FromSlash(rel))); err != nil {
			return err
		}
	}
	return copyFile(requireJS, filepath.Join(out, filepath.FromSlash(requireJSSite)))
}

func copyTree(src, dst string) error {
	info, err := os.Stat(src)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	if !info.IsDir() {
		return copyFile(src, dst)
	}
	entries, err := os.ReadDir(src)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	for _, e := range entries {
		if err := copyTree(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	return os.WriteFile(dst, data, 0o644)
}

// gonbBuildPath matches a path into one of GoNB's per-kernel build folders
// (TMPDIR/gonb_XXXXXXXX/), everything before the file name.
var gonbBuildPath = regexp.MustCompile(`(?:/[^\s"'<>:/\\]+)*/gonb_[0-9a-fA-F]+/`)

// newScrubber replaces the machine's absolute paths in outputs: the build's
// scratch folder and the temporary folder (GoNB builds each cell there), the
// repository root, and the Go module cache. Longer prefixes go first.
func newScrubber(root, scratch string) *strings.Replacer {
	prefixes := []string{scratch, os.TempDir(), root}
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		prefixes = append(prefixes, strings.TrimSpace(string(out)))
	}
	var clean []string
	for _, p := range prefixes {
		if p = strings.TrimRight(p, "/"); len(p) > 1 {
			clean = append(clean, p)
			if real, err := filepath.EvalSymlinks(p); err == nil && real != p {
				clean = append(clean, real)
			}
		}
	}
	sort.Slice(clean, func(i, j int) bool { return len(clean[i]) > len(clean[j]) })
	var pairs []string
	for _, p := range clean {
		pairs = append(pairs, p+"/", "")
	}
	return strings.NewReplacer(pairs...)
}

// dataURI matches base64 data: URIs (embedded images), which Scrub leaves
// alone: a path-like run of characters can occur in base64 by chance.
var dataURI = regexp.MustCompile(`data:[a-zA-Z]+/[a-zA-Z0-9.+-]+;base64,[A-Za-z0-9+/=]+`)

// Scrub removes machine paths from an output: GoNB's build folders (so that
// "/tmp/x/gonb_1a2b3c4d/main.go:12" reads "main.go:12"), then the prefixes of
// prefixes (see newScrubber; nil means none). Base64 data: URIs are kept as
// they are.
func Scrub(s string, prefixes *strings.Replacer) string {
	var b strings.Builder
	last := 0
	for _, loc := range dataURI.FindAllStringIndex(s, -1) {
		b.WriteString(scrubText(s[last:loc[0]], prefixes))
		b.WriteString(s[loc[0]:loc[1]])
		last = loc[1]
	}
	b.WriteString(scrubText(s[last:], prefixes))
	return b.String()
}

func scrubText(s string, prefixes *strings.Replacer) string {
	s = gonbBuildPath.ReplaceAllString(s, "")
	if prefixes != nil {
		s = prefixes.Replace(s)
	}
	return s
}

// readHTML lists the site's HTML files.
func readHTML(dir string) (map[string]string, error) {
	pages := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != dir && filepath.Base(path) == AssetsDir {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".html") {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			pages[path] = string(data)
		}
		return nil
	})
	return pages, err
}

// ExpectedOutputTag is the tag of the notebooks' expected-output cells
// (internal/nbgen's ExpectedTag; a test keeps the two equal).
const ExpectedOutputTag = "expected-output"

// hasTag reports whether a notebook cell's metadata lists tag.
func hasTag(cell map[string]any, tag string) bool {
	meta, _ := cell["metadata"].(map[string]any)
	tags, _ := meta["tags"].([]any)
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}
