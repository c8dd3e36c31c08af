package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/nbgen"
)

// testPages are three sections whose titles need escaping.
var testPages = []Page{
	{File: "01_a.html", Title: "01 ReLU & <近似>"},
	{File: "02_b.html", Title: `02 "MLP" 'x'`},
	{File: "03_c.html", Title: "03 C"},
}

func TestNavigation(t *testing.T) {
	const index = `<span style="text-align:center"><a href="index.html">目次</a></span>`
	tests := []struct {
		name string
		page int
		want string
	}{
		{"first page: no previous", 0, `<nav class="nma-nav"><span></span>` + index +
			`<span style="text-align:right"><a href="02_b.html">→ 02 &#34;MLP&#34; &#39;x&#39;</a></span></nav>` + "\n"},
		{"middle page", 1, `<nav class="nma-nav"><span><a href="01_a.html">← 01 ReLU &amp; &lt;近似&gt;</a></span>` + index +
			`<span style="text-align:right"><a href="03_c.html">→ 03 C</a></span></nav>` + "\n"},
		{"last page: no next", 2, `<nav class="nma-nav"><span><a href="02_b.html">← 02 &#34;MLP&#34; &#39;x&#39;</a></span>` + index +
			`<span style="text-align:right"></span></nav>` + "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := navigation(testPages, tc.page)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestWriteIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "index.html")
	require.NoError(t, writeIndex(path, testPages))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	index := string(data)
	assert.True(t, strings.HasPrefix(index, "<!DOCTYPE html>\n<html lang=\"ja\">"), "starts %.40q", index)
	assert.Contains(t, index, "上から順に読んでください")
	assert.Contains(t, index, "body { font-family:", "the page's style (templates/index.css) is inlined")
	last := -1
	for _, p := range testPages {
		at := strings.Index(index, `<li><a href="`+p.File+`">`)
		assert.Greater(t, at, last, "%s is listed after the section before it", p.File)
		last = at
	}
	assert.Contains(t, index, `<a href="01_a.html">01 ReLU &amp; &lt;近似&gt;</a>`, "titles are escaped")
}

// TestFinishPage gives a page as nbconvert writes it its title, language,
// links between sections and navigation bars.
func TestFinishPage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "02_b.html")
	nbconvert := "<!DOCTYPE html>\n<html>\n<head><title>02_b</title></head>\n<body class=\"jp-Notebook\">\n" +
		`<p>see <a href="01_a.ipynb#section">the first</a></p>` + "\n</body>\n</html>\n"
	require.NoError(t, os.WriteFile(path, []byte(nbconvert), 0o644))
	require.NoError(t, finishPage(path, testPages, 1, strings.NewReplacer()))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	page := string(data)
	nav, err := navigation(testPages, 1)
	require.NoError(t, err)
	assert.Contains(t, page, `<html lang="ja">`)
	assert.Contains(t, page, `<title>02 &#34;MLP&#34; &#39;x&#39;</title>`)
	assert.Contains(t, page, `<a href="01_a.html#section">`, "links to notebooks point at their pages")
	assert.Equal(t, 2, strings.Count(page, nav), "a navigation bar at the top and at the bottom")
	assert.Contains(t, page, "<body class=\"jp-Notebook\">\n<style>\n.nma-nav {", "the bar's style (templates/nav.css) follows <body>")
	assert.True(t, strings.HasSuffix(page, nav+"\n</body>\n</html>\n"))
}

func TestFinishPageNeedsABody(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.html")
	require.NoError(t, os.WriteFile(path, []byte("<html>no body</html>"), 0o644))
	assert.ErrorContains(t, finishPage(path, testPages, 0, nil), "no <body> in nbconvert's output")
}

func TestExpectedOutputTagIsNbgens(t *testing.T) {
	assert.Equal(t, nbgen.ExpectedTag, ExpectedOutputTag)
}
