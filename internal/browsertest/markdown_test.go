package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/pristine"
	"github.com/nma-go/mlp/internal/site"
)

// markdownNotebooks hold the answer toggles (<details>) and the tables.
var markdownNotebooks = []string{"00_setup", "05_training", "06_bonus_lif"}

// answerToggleJS finds the first answer toggle (<details> whose summary
// reads 解答例) on a page.
const answerToggleJS = `Array.from(document.querySelectorAll('details')).find(d => d.querySelector('summary').textContent.includes('解答例'))`

// renderedStyle is what the page computes for the Markdown that students
// see first: each <summary>'s display and list-style (its ▶ marker), and the
// text-align of every table cell.
type renderedStyle struct {
	Summaries []struct {
		Text, Display, ListStyle string
	}
	Cells []struct {
		Text, Align string
	}
}

// styleJS collects renderedStyle from the elements under root (a selector).
const styleJS = `(root) => {
	const scope = document.querySelector(root) || document;
	const s = e => getComputedStyle(e);
	return {
		summaries: Array.from(scope.querySelectorAll('summary')).map(e =>
			({text: e.textContent.trim(), display: s(e).display, listStyle: s(e).listStyleType})),
		cells: Array.from(scope.querySelectorAll('table th, table td')).map(e =>
			({text: e.textContent.trim(), align: s(e).textAlign})),
	};
}`

func readStyle(ctx context.Context, page *rod.Page, root string) (*renderedStyle, error) {
	res, err := page.Context(ctx).Eval(styleJS, root)
	if err != nil {
		return nil, err
	}
	var st renderedStyle
	if err := res.Value.Unmarshal(&st); err != nil {
		return nil, err
	}
	return &st, nil
}

// checkStyle asserts that every summary shows exactly one ▶ (the browser's
// disclosure marker, or a "▶" written at the start of its text, as the hint
// toggles of internal/nbgen do, but not both), that the answer toggles have
// one wording, that every table cell is left-aligned, and that there is
// something to check.
func checkStyle(t *testing.T, where string, st *renderedStyle, wantSummaries, wantTables bool) {
	t.Helper()
	if wantSummaries {
		assert.NotEmpty(t, st.Summaries, "%s: no <summary> rendered", where)
	}
	if wantTables {
		assert.NotEmpty(t, st.Cells, "%s: no table rendered", where)
	}
	for _, s := range st.Summaries {
		native := s.Display == "list-item" && s.ListStyle != "none"
		written := strings.HasPrefix(s.Text, "▶")
		assert.True(t, native || written, "%s: <summary> %q shows no ▶ (display %s, list-style %s)", where, s.Text, s.Display, s.ListStyle)
		assert.False(t, native && written, "%s: <summary> %q shows two markers (the browser's and a written ▶)", where, s.Text)
		if strings.Contains(s.Text, "解答") {
			assert.Equal(t, "解答例 (クリックで開く)", s.Text, "%s: one wording for the answer toggles", where)
		}
	}
	for _, c := range st.Cells {
		if !assert.Contains(t, []string{"left", "start"}, c.Align, "%s: table cell %q", where, c.Text) {
			break // one message per page is enough
		}
	}
	t.Logf("%s: %d summaries, each with one ▶; %d left-aligned table cells", where, len(st.Summaries), len(st.Cells))
}

// TestMarkdownInBrowser opens the notebooks with answer toggles and tables
// in the classic notebook (not executing them) and checks what the page
// computes: every <summary> shows one ▶ (the notebook's Bootstrap CSS makes
// a summary a block, which hides the browser's marker: the answer toggles
// bring it back with display: list-item, the hint toggles write "▶"), the
// answer toggles read "解答例 (クリックで開く)", and table cells are
// left-aligned (the notebook's CSS would align them right). It does the same
// on the site's pages: nbconvert's HTML with the site's template (lab) and
// the style internal/site adds. Screenshots: a closed and an opened toggle,
// and a table, in the notebook, and a toggle on the site.
func TestMarkdownInBrowser(t *testing.T) {
	chromium := requirePrerequisites(t, true)
	root, err := pristine.Root()
	require.NoError(t, err)
	artifacts := artifactsDir(t)
	ctx, cancel := testContext(t)
	defer cancel()
	scratch := t.TempDir()
	srv, err := StartServer(ctx, ServerOptions{Root: root, Scratch: scratch, StartTimeout: serverStartTimeout})
	require.NoError(t, err)
	defer srv.Stop()
	br, err := StartBrowser(chromium, scratch)
	require.NoError(t, err)
	defer br.Close()

	for _, name := range markdownNotebooks {
		rel := filepath.Join("notebooks", "ja", "instructor", name+".ipynb")
		wantSummaries := name != "00_setup"
		wantTables := name != "05_training"
		t.Run("notebook/"+name, func(t *testing.T) {
			page, err := br.NewPage()
			require.NoError(t, err)
			defer page.Close()
			defer func() {
				if err := srv.ShutdownSessions(ctx); err != nil {
					t.Logf("shutting the kernel down: %v", err)
				}
			}()
			nb, err := Open(ctx, page, srv.NotebookURL(rel), name+".ipynb", kernelTimeout)
			require.NoError(t, err)
			st, err := readStyle(ctx, page, "#notebook-container")
			require.NoError(t, err)
			checkStyle(t, rel, st, wantSummaries, wantTables)
			if wantTables {
				path := filepath.Join(artifacts, "markdown-"+name+"-table.png")
				if assert.NoError(t, nb.ScreenshotElement(ctx, "#notebook-container .rendered_html table", path)) {
					t.Logf("table: %s", path)
				}
			}
			if name == "05_training" {
				shoot := func(file string) {
					path := filepath.Join(artifacts, file)
					js := rod.Eval(`() => ` + answerToggleJS + `.closest('.cell')`)
					if assert.NoError(t, nb.screenshot(ctx, js, "the first answer toggle", path)) {
						t.Logf("%s", path)
					}
				}
				shoot("markdown-summary-closed.png")
				_, err := page.Context(ctx).Eval(`() => { ` + answerToggleJS + `.querySelector('summary').click(); return true }`)
				require.NoError(t, err)
				opened, err := page.Context(ctx).Eval(`() => ` + answerToggleJS + `.open`)
				require.NoError(t, err)
				assert.True(t, opened.Value.Bool(), "clicking the summary opens the answer")
				shoot("markdown-summary-open.png")
			}
		})
	}

	// The site converts notebooks with nbconvert's lab template and adds its
	// own style after <body> (internal/site).
	t.Run("site", func(t *testing.T) {
		style, err := site.PageStyle()
		require.NoError(t, err)
		out := filepath.Join(scratch, "html")
		var files []string
		for _, name := range markdownNotebooks {
			files = append(files, filepath.Join(root, "notebooks", "ja", "instructor", name+".ipynb"))
		}
		cmd := exec.CommandContext(ctx, "jupyter", append([]string{"nbconvert", "--to", "html", "--template", "lab", "--output-dir", out}, files...)...)
		cmd.Env = append(os.Environ(), "TMPDIR="+scratch, "JUPYTER_RUNTIME_DIR="+filepath.Join(scratch, "nbconvert-runtime"))
		output, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", output)
		page, err := br.NewPage()
		require.NoError(t, err)
		defer page.Close()
		body := regexp.MustCompile(`<body[^>]*>`)
		for _, name := range markdownNotebooks {
			path := filepath.Join(out, name+".html")
			html, err := os.ReadFile(path)
			require.NoError(t, err)
			loc := body.FindIndex(html)
			require.NotNil(t, loc, "%s: no <body>", path)
			html = append(append(append([]byte{}, html[:loc[1]]...), "\n"+style+"\n"...), html[loc[1]:]...)
			require.NoError(t, os.WriteFile(path, html, 0o644))
			require.NoError(t, page.Context(ctx).Navigate("file://"+path))
			require.NoError(t, page.Context(ctx).WaitLoad())
			st, err := readStyle(ctx, page, "body")
			require.NoError(t, err)
			checkStyle(t, fmt.Sprintf("site %s.html", name), st, name != "00_setup", name != "05_training")
			if name == "05_training" {
				el, err := page.Context(ctx).ElementByJS(rod.Eval(`() => ` + answerToggleJS))
				require.NoError(t, err)
				png, err := el.Screenshot(proto.PageCaptureScreenshotFormatPng, 0)
				if assert.NoError(t, err) {
					shot := filepath.Join(artifacts, "markdown-site-summary.png")
					require.NoError(t, os.WriteFile(shot, png, 0o644))
					t.Logf("site's toggle: %s", shot)
				}
			}
		}
		assert.False(t, strings.Contains(string(output), "Traceback"), "%s", output)
	})
}
