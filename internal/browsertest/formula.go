package browsertest

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/go-rod/rod"
)

// Layout tells ReadRendered where a page keeps its cells and, inside a
// cell, its rendered Markdown.
type Layout struct {
	Cells    string // CSS selector of the cells, in notebook order
	Markdown string // CSS selector, inside a cell, of its rendered Markdown
}

var (
	// NotebookLayout is the classic Notebook's page (6.4).
	NotebookLayout = Layout{Cells: "#notebook-container > .cell", Markdown: ".text_cell_render"}
	// SiteLayout is a page of nbconvert's lab template (internal/site).
	SiteLayout = Layout{Cells: ".jp-Cell", Markdown: ".jp-MarkdownOutput"}
)

// Formula is one formula on a page as MathJax 2 left it: the TeX that
// MathJax's tex2jax found (its <script type="math/tex">) and the output
// element MathJax made for it.
type Formula struct {
	ID        string   `json:"id"`        // the script's id (MathJax-Element-N); the output is ID + "-Frame"
	Cell      int      `json:"cell"`      // index of the cell that holds it, -1 outside every cell
	Display   bool     `json:"display"`   // display math ($$...$$), not inline
	Source    string   `json:"source"`    // the TeX, without delimiters
	Rendered  bool     `json:"rendered"`  // an output element exists
	Visible   string   `json:"visible"`   // the output's text that a reader sees
	Assistive string   `json:"assistive"` // the output's hidden MathML text (for screen readers)
	Errors    []string `json:"errors"`    // texts of MathJax error elements in the output
	TeXError  bool     `json:"texError"`  // MathJax's TeX input reported a parse error
}

// Image is an <img> in rendered Markdown.
type Image struct {
	Src    string `json:"src"`    // as written in the Markdown
	Loaded bool   `json:"loaded"` // complete, with naturalWidth > 0
}

// MarkdownCell is the rendered Markdown of one cell.
type MarkdownCell struct {
	Cell   int     `json:"cell"`   // the cell's index
	Text   string  `json:"text"`   // its text outside formulas, code and pre
	Images []Image `json:"images"` // its images
}

// Rendered is what a page shows of its formulas and Markdown once MathJax
// has finished typesetting.
type Rendered struct {
	HasMathJax bool           `json:"hasMathJax"` // the page loads MathJax
	Ready      bool           `json:"ready"`      // MathJax started and its queue ran dry
	Formulas   []Formula      `json:"formulas"`
	Markdown   []MarkdownCell `json:"markdown"`
	// StrayErrors are MathJax error elements outside every formula's output
	// ("[Math Processing Error]"), as "cell N: text".
	StrayErrors []string `json:"strayErrors"`
}

// renderedJS waits for MathJax (up to mathMs) and for the images in
// rendered Markdown (up to imgMs), then reads the page.
const renderedJS = `async (cellSel, mdSel, mathMs, imgMs) => {
	const sleep = ms => new Promise(r => setTimeout(r, ms));
	const hasMathJax = !!window.MathJax || !!document.querySelector('script[src*="MathJax.js"]');
	let ready = false;
	if (hasMathJax) {
		const until = Date.now() + mathMs;
		while (!(window.MathJax && MathJax.Hub && MathJax.isReady) && Date.now() < until) await sleep(100);
		if (window.MathJax && MathJax.Hub && MathJax.isReady) {
			// MathJax runs its queue in order: a callback queued now runs after
			// every typesetting request queued so far; twice, for requests
			// queued while the first pass ran.
			for (let k = 0; k < 2; k++) {
				ready = await Promise.race([new Promise(r => MathJax.Hub.Queue(() => r(true))), sleep(Math.max(0, until - Date.now())).then(() => false)]);
				if (!ready) break;
				await sleep(100);
			}
		}
	}
	const cells = Array.from(document.querySelectorAll(cellSel));
	const cellOf = el => cells.findIndex(c => c.contains(el));
	const roots = [];
	cells.forEach((c, i) => { const md = c.querySelector(mdSel); if (md) roots.push({cell: i, md: md}); });
	const imgs = roots.flatMap(r => Array.from(r.md.querySelectorAll('img')));
	await Promise.race([
		Promise.all(imgs.map(img => img.complete ? null : new Promise(r => {
			img.addEventListener('load', r); img.addEventListener('error', r); }))),
		sleep(imgMs)]);

	const errorSel = '.MathJax_Error, .merror, .mjx-merror, merror';
	const frames = [];
	const formulas = Array.from(document.querySelectorAll('script[type^="math/tex"]')).map(s => {
		const frame = s.id ? document.getElementById(s.id + '-Frame') : null;
		let visible = '', assistive = '', errors = [];
		if (frame) {
			frames.push(frame);
			const clone = frame.cloneNode(true);
			clone.querySelectorAll('.MJX_Assistive_MathML').forEach(e => { assistive += e.textContent; e.remove(); });
			visible = clone.textContent;
			errors = Array.from(frame.querySelectorAll(errorSel)).map(e => e.textContent);
		}
		const jax = window.MathJax && MathJax.Hub && MathJax.Hub.getJaxFor ? MathJax.Hub.getJaxFor(s) : null;
		return {id: s.id || '', cell: cellOf(s), display: /mode=display/.test(s.type), source: s.textContent,
			rendered: !!frame, visible: visible, assistive: assistive, errors: errors,
			texError: !!(jax && jax.root && jax.root.texError)};
	});
	const strayErrors = Array.from(document.querySelectorAll(errorSel))
		.filter(e => !frames.some(f => f.contains(e)))
		.map(e => 'cell ' + cellOf(e) + ': ' + e.textContent);
	const markdown = roots.map(r => {
		const clone = r.md.cloneNode(true);
		clone.querySelectorAll('script, style, code, pre, .MathJax_Preview, .MathJax, .MathJax_Display, ' +
			'.MathJax_CHTML, .MathJax_SVG, .MathJax_SVG_Display, .MJX_Assistive_MathML, .MathJax_Error, [id^="MathJax-Element-"]')
			.forEach(e => e.remove());
		return {cell: r.cell, text: clone.textContent,
			images: Array.from(r.md.querySelectorAll('img')).map(img => ({src: img.getAttribute('src') || '',
				loaded: img.complete && img.naturalWidth > 0}))};
	});
	return {hasMathJax: hasMathJax, ready: ready, formulas: formulas, markdown: markdown, strayErrors: strayErrors};
}`

// Timeouts of ReadRendered.
const (
	mathJaxTimeout = 60 * time.Second // MathJax's start and typesetting
	imageTimeout   = 15 * time.Second // the images in rendered Markdown
)

// ReadRendered waits until MathJax on page has typeset everything it was
// asked to (when the page loads MathJax at all) and the images in rendered
// Markdown have loaded or failed, then reads every formula on the page, and
// the text and images of every cell's rendered Markdown as layout finds
// them. It does not judge: see [Rendered.Problems].
func ReadRendered(ctx context.Context, page *rod.Page, layout Layout) (*Rendered, error) {
	cctx, cancel := context.WithTimeout(ctx, mathJaxTimeout+imageTimeout+30*time.Second)
	defer cancel()
	res, err := page.Context(cctx).Eval(renderedJS, layout.Cells, layout.Markdown,
		mathJaxTimeout.Milliseconds(), imageTimeout.Milliseconds())
	if err != nil {
		return nil, fmt.Errorf("browsertest: reading the formulas: %w", err)
	}
	var r Rendered
	if err := res.Value.Unmarshal(&r); err != nil {
		return nil, fmt.Errorf("browsertest: decoding the formulas: %w", err)
	}
	return &r, nil
}

// unrenderedTeX finds TeX that MathJax left as text: a control word such as
// \text or \mathrm, or a $$ delimiter.
var unrenderedTeX = regexp.MustCompile(`\\[A-Za-z]+|\$\$`)

// Problems judges a rendered page, one message per problem, each naming the
// cell (its index in the notebook, Markdown cells included) and, for a
// formula, its TeX source:
//   - the page loads MathJax but MathJax did not start or finish typesetting;
//   - a formula has no output element, or an empty one;
//   - a formula shows a MathJax error (an merror element, "[Math Processing
//     Error]", or a TeX parse error), or an error element sits outside every
//     formula;
//   - a formula's rendered text (what a reader sees, or its hidden MathML)
//     contains a backslash: TeX that MathJax printed instead of typesetting,
//     as MathJax 2 does with "\_" inside \text{} (no formula in the tutorial
//     is meant to show a backslash);
//   - rendered Markdown outside formulas, code and pre contains a TeX
//     control word (\text, \mathrm, ...) or $$: math that was never typeset;
//   - an image in rendered Markdown did not load (naturalWidth is 0).
func (r *Rendered) Problems() []string {
	var out []string
	if r.HasMathJax && !r.Ready {
		out = append(out, fmt.Sprintf("MathJax did not start or did not finish typesetting within %s", mathJaxTimeout))
	}
	for i, f := range r.Formulas {
		kind := "inline"
		if f.Display {
			kind = "display"
		}
		where := fmt.Sprintf("cell %d: formula %d (%s, %s)", f.Cell, i, kind, f.ID)
		src := "\n--- its TeX source ---\n" + strings.TrimSpace(f.Source)
		switch {
		case !f.Rendered:
			out = append(out, where+": MathJax made no output for it"+src)
			continue
		case len(f.Errors) > 0 || f.TeXError:
			out = append(out, fmt.Sprintf("%s: MathJax error %q%s", where, strings.Join(f.Errors, "; "), src))
		case strings.TrimSpace(f.Visible+f.Assistive) == "":
			out = append(out, where+": renders empty"+src)
		}
		if strings.Contains(f.Visible, `\`) || strings.Contains(f.Assistive, `\`) {
			shown := f.Visible
			if !strings.Contains(shown, `\`) {
				shown = f.Assistive
			}
			out = append(out, fmt.Sprintf("%s: renders a stray backslash: it reads %q%s", where, strings.Join(strings.Fields(shown), " "), src))
		}
	}
	for _, e := range r.StrayErrors {
		out = append(out, "MathJax error outside a formula: "+e)
	}
	for _, md := range r.Markdown {
		if m := unrenderedTeX.FindStringIndex(md.Text); m != nil {
			start, end := max(0, m[0]-40), min(len(md.Text), m[1]+40)
			out = append(out, fmt.Sprintf("cell %d: the Markdown shows untypeset TeX %q: ...%s...",
				md.Cell, md.Text[m[0]:m[1]], strings.Join(strings.Fields(md.Text[start:end]), " ")))
		}
		for _, img := range md.Images {
			if !img.Loaded {
				out = append(out, fmt.Sprintf("cell %d: the image %q did not load", md.Cell, img.Src))
			}
		}
	}
	return out
}

// Find returns the first formula whose TeX source contains substr.
func (r *Rendered) Find(substr string) (Formula, bool) {
	for _, f := range r.Formulas {
		if strings.Contains(f.Source, substr) {
			return f, true
		}
	}
	return Formula{}, false
}

// ScreenshotFormula saves a PNG of formula f's output into path: its
// display box (.MathJax_Display) for display math, else the output itself.
func ScreenshotFormula(ctx context.Context, page *rod.Page, f Formula, path string) error {
	nb := &Notebook{Page: page, Name: "formula " + f.ID}
	js := rod.Eval(`(id) => { const f = document.getElementById(id + '-Frame'); return f ? (f.closest('.MathJax_Display') || f) : null }`, f.ID)
	return nb.screenshot(ctx, js, f.ID+"'s output", path)
}
