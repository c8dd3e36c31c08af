// Package site builds the tutorial's static web site in every language of
// the notebooks (Japanese and English): each instructor notebook executed
// headless with the GoNB kernel and converted to HTML with its images
// embedded, an index page per language that links the sections in order,
// and a landing page that offers both languages.
//
// The layout of a built site:
//
//	index.html        the landing page: one entry per language
//	ja/index.html     the Japanese index; ja/NAME.html, one page per notebook
//	en/index.html     the same in English, from notebooks/en/instructor
//	assets/           MathJax and require.js, shared by both languages
//
// Every section's page has a navigation bar (previous, contents, next) and a
// language switch that links the same section in the other language; both
// languages must therefore have the same notebooks, which nbgen guarantees
// (they come from the same sources) and Build verifies.
//
// The site works offline from the file system: MathJax and require.js are
// copied from Debian's packages (libjs-mathjax, libjs-requirejs) into
// assets/ and referenced relatively, nothing is loaded from a CDN, every link
// between pages resolves, and the temporary build paths GoNB prints are
// scrubbed from the outputs. [Check] verifies these points on a built site,
// in every folder.
package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/nbgen"
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
	// MathJaxURL is what the pages load, relative to the site's root: the
	// local copy, configured as nbconvert's default (TeX input, CommonHTML
	// output, the Safe extension). A language's pages, one folder down,
	// load it as "../" + MathJaxURL.
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
	Root        string        // the repository root (holds notebooks/LANG/instructor)
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

// Page is one section of the site, in one language.
type Page struct {
	Lang     i18n.Lang     // the language, and the page's folder
	Notebook string        // e.g. 01_relu_approximation.ipynb
	File     string        // e.g. 01_relu_approximation.html, in the language's folder
	Title    string        // the notebook's first heading
	Duration time.Duration // headless execution time
}

// Path is the page's path in the site, slash-separated:
// ja/01_relu_approximation.html.
func (p Page) Path() string { return string(p.Lang) + "/" + p.File }

// Result describes a built site.
type Result struct {
	Out   string
	Pages []Page // every language's sections: the languages in nbgen.Languages order, each in section order
}

// In returns the pages of language l, in section order.
func (r *Result) In(l i18n.Lang) []Page {
	var pages []Page
	for _, p := range r.Pages {
		if p.Lang == l {
			pages = append(pages, p)
		}
	}
	return pages
}

// Languages are the site's languages, the notebooks' (nbgen.Languages).
func Languages() []i18n.Lang { return nbgen.Languages }

// source is the notebooks that language l's pages are built from, the
// instructor edition: notebooks/LANG/instructor.
func source(l i18n.Lang) nbgen.Target { return nbgen.Target{Edition: nbgen.Instructor, Lang: l} }

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

// Build executes every notebook in Root/notebooks/LANG/instructor headless
// for every language (unless opts.Unexecuted), converts each to
// Out/LANG/NAME.html, and writes the index pages (Out/index.html,
// Out/LANG/index.html) and Out/assets/. It fails when the languages do not
// have the same notebooks, on the first notebook with a cell error, and when
// [Check] finds a problem in the result.
func Build(ctx context.Context, opts Options) (*Result, error) {
	if opts.Root == "" || opts.Out == "" {
		return nil, errors.New("site: Build needs Root and Out")
	}
	if err := Prerequisites(opts); err != nil {
		return nil, err
	}
	sources, err := findNotebooks(opts.Root)
	if err != nil {
		return nil, err
	}
	out, err := filepath.Abs(opts.Out)
	if err != nil {
		return nil, err
	}
	scratch, err := os.MkdirTemp("", "nma-site-")
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	defer os.RemoveAll(scratch)
	scrub := newScrubber(opts.Root, scratch)

	res := &Result{Out: out}
	for _, l := range Languages() {
		dir := filepath.Join(out, string(l))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("site: %w", err)
		}
		for i, path := range sources[l] {
			base := strings.TrimSuffix(filepath.Base(path), ".ipynb")
			res.Pages = append(res.Pages, Page{Lang: l, Notebook: base + ".ipynb", File: base + ".html"})
			page := &res.Pages[len(res.Pages)-1]
			executedPath := path
			if !opts.Unexecuted {
				opts.logf("site: executing %s", page.Path())
				executed, err := execute(ctx, path, filepath.Join(scratch, string(l), fmt.Sprintf("nb%02d", i)), opts.CellTimeout)
				if err != nil {
					return nil, err
				}
				page.Duration, executedPath = executed.Duration, executed.Path
			}
			clean := filepath.Join(scratch, "clean", string(l), page.Notebook)
			var err error
			if page.Title, err = scrubNotebook(executedPath, clean, scrub); err != nil {
				return nil, err
			}
			if page.Title == "" {
				page.Title = base
			}
			opts.logf("site: converting %s (executed in %s)", page.Path(), page.Duration.Round(100*time.Millisecond))
			if err := convert(ctx, clean, dir, scratch); err != nil {
				return nil, err
			}
		}
	}
	for i := range res.Pages {
		if err := finishPage(filepath.Join(out, filepath.FromSlash(res.Pages[i].Path())), res, i, scrub); err != nil {
			return nil, err
		}
	}
	if err := writeIndexes(out, res); err != nil {
		return nil, err
	}
	if err := copyAssets(opts, out); err != nil {
		return nil, err
	}
	if problems := Check(out); len(problems) > 0 {
		return res, fmt.Errorf("site: the built site has problems:\n%w", errors.Join(problems...))
	}
	opts.logf("site: wrote %d pages in %d languages and the index pages to %s", len(res.Pages), len(Languages()), out)
	return res, nil
}

// findNotebooks lists every language's instructor notebooks, sorted, and
// fails unless every language has the same ones: each page's language
// switch links the same notebook in the other languages.
func findNotebooks(root string) (map[i18n.Lang][]string, error) {
	found := map[i18n.Lang][]string{}
	first := Languages()[0]
	for _, l := range Languages() {
		paths, err := nbgen.Notebooks(root, source(l))
		if err != nil {
			return nil, err
		}
		if len(paths) == 0 {
			return nil, fmt.Errorf("site: no notebooks in %s", filepath.Join(root, source(l).Dir()))
		}
		found[l] = paths
		if a, b := baseNames(found[first]), baseNames(paths); !slices.Equal(a, b) {
			return nil, fmt.Errorf("site: %s has the notebooks %s, but %s has %s: every language needs the same ones (run go run ./cmd/nbgen)",
				source(first).Dir(), strings.Join(a, ", "), source(l).Dir(), strings.Join(b, ", "))
		}
	}
	return found, nil
}

func baseNames(paths []string) []string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	return names
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
// lab template, loading MathJax and require.js from the site's assets, one
// folder up (outDir is a language's folder).
func convert(ctx context.Context, notebook, outDir, scratch string) error {
	cmd := exec.CommandContext(ctx, "jupyter", "nbconvert", "--to", "html", "--template", "lab",
		"--HTMLExporter.mathjax_url=../"+MathJaxURL,
		"--HTMLExporter.require_js_url=../"+requireJSSite,
		"--output-dir", outDir, notebook)
	cmd.Env = append(os.Environ(), "TMPDIR="+scratch, "JUPYTER_RUNTIME_DIR="+filepath.Join(scratch, "runtime"))
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("site: converting %s: %w\n%s", filepath.Base(notebook), err, output.String())
	}
	return nil
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
