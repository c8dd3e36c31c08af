package site

import (
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/nbgen"
)

// testSite is a site of three sections in both languages, whose titles need
// escaping.
var testSite = &Result{Pages: []Page{
	{Lang: i18n.Japanese, File: "01_a.html", Title: "01 ReLU & <近似>"},
	{Lang: i18n.Japanese, File: "02_b.html", Title: `02 "MLP" 'x'`},
	{Lang: i18n.Japanese, File: "03_c.html", Title: "03 C"},
	{Lang: i18n.English, File: "01_a.html", Title: "01 ReLU & <approximation>"},
	{Lang: i18n.English, File: "02_b.html", Title: "02 MLP"},
	{Lang: i18n.English, File: "03_c.html", Title: "03 C"},
}}

func TestNavigation(t *testing.T) {
	const jaIndex = `<span style="text-align:center"><a href="index.html">目次</a>` +
		` · <a class="nma-lang" href="../en/%s" hreflang="en" lang="en">This page in English</a></span>`
	const enIndex = `<span style="text-align:center"><a href="index.html">Contents</a>` +
		` · <a class="nma-lang" href="../ja/%s" hreflang="ja" lang="ja">このページの日本語版</a></span>`
	tests := []struct {
		name string
		page int
		want string
	}{
		{"first page: no previous", 0, `<nav class="nma-nav"><span></span>` + fmt.Sprintf(jaIndex, "01_a.html") +
			`<span style="text-align:right"><a href="02_b.html">→ 02 &#34;MLP&#34; &#39;x&#39;</a></span></nav>` + "\n"},
		{"middle page", 1, `<nav class="nma-nav"><span><a href="01_a.html">← 01 ReLU &amp; &lt;近似&gt;</a></span>` + fmt.Sprintf(jaIndex, "02_b.html") +
			`<span style="text-align:right"><a href="03_c.html">→ 03 C</a></span></nav>` + "\n"},
		{"last page: no next, not the other language's first", 2, `<nav class="nma-nav"><span><a href="02_b.html">← 02 &#34;MLP&#34; &#39;x&#39;</a></span>` +
			fmt.Sprintf(jaIndex, "03_c.html") + `<span style="text-align:right"></span></nav>` + "\n"},
		{"English first page: no previous from the other language", 3, `<nav class="nma-nav"><span></span>` + fmt.Sprintf(enIndex, "01_a.html") +
			`<span style="text-align:right"><a href="02_b.html">→ 02 MLP</a></span></nav>` + "\n"},
		{"English last page", 5, `<nav class="nma-nav"><span><a href="02_b.html">← 02 MLP</a></span>` + fmt.Sprintf(enIndex, "03_c.html") +
			`<span style="text-align:right"></span></nav>` + "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := navigation(testSite, tc.page)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestWriteIndexes(t *testing.T) {
	out := t.TempDir()
	require.NoError(t, writeIndexes(out, testSite))
	read := func(rel string) string {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		require.NoError(t, err)
		return string(data)
	}
	tests := []struct {
		lang                    i18n.Lang
		inOrder, other, escaped string
	}{
		{i18n.Japanese, "上から順に読んでください", `<a href="../en/index.html" hreflang="en" lang="en">Read in English</a>`,
			`<a href="01_a.html">01 ReLU &amp; &lt;近似&gt;</a>`},
		{i18n.English, "Read the sections in order", `<a href="../ja/index.html" hreflang="ja" lang="ja">日本語で読む</a>`,
			`<a href="01_a.html">01 ReLU &amp; &lt;approximation&gt;</a>`},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) {
			index := read(string(tc.lang) + "/index.html")
			assert.True(t, strings.HasPrefix(index, "<!DOCTYPE html>\n<html lang=\""+string(tc.lang)+"\">"), "starts %.40q", index)
			assert.Contains(t, index, tc.inOrder)
			assert.Contains(t, index, tc.other, "the index links the other language's index")
			assert.Contains(t, index, "body { font-family:", "the page's style (templates/index.css) is inlined")
			assert.Contains(t, index, `<code>notebooks/`+string(tc.lang)+`/student/</code>`, "code spans of the messages become <code>")
			assert.Contains(t, index, `<a href="https://neuromatch.io/">Neuromatch Academy</a>`, "links of the messages become <a>")
			last := -1
			for _, p := range testSite.In(tc.lang) {
				at := strings.Index(index, `<li><a href="`+p.File+`">`)
				assert.Greater(t, at, last, "%s is listed after the section before it", p.File)
				last = at
			}
			assert.Contains(t, index, tc.escaped, "titles are escaped")
			body := index[strings.Index(index, "</nav>"):] // after the switch, which speaks the other language
			assert.Empty(t, tc.lang.Foreign(body), "the index is in one language")
		})
	}
	landing := read("index.html")
	ja, en := strings.Index(landing, `<a href="ja/index.html" hreflang="ja">日本語で読む →</a>`),
		strings.Index(landing, `<a href="en/index.html" hreflang="en">Read in English →</a>`)
	assert.True(t, ja >= 0 && en > ja, "the landing page links Japanese, then English:\n%s", landing)
	assert.Contains(t, landing, `<section class="language" lang="en">`, "each entry is marked with its language")
}

func TestInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain <text> & more", "plain &lt;text&gt; &amp; more"},
		{"open `notebooks/ja/student/` in Jupyter", "open <code>notebooks/ja/student/</code> in Jupyter"},
		{"see [NMA](https://neuromatch.io/?a=1&b=2).", `see <a href="https://neuromatch.io/?a=1&amp;b=2">NMA</a>.`},
		{"`<b>` and [x<y](a.html)", `<code>&lt;b&gt;</code> and <a href="a.html">x&lt;y</a>`},
		{"an unclosed `quote", "an unclosed `quote"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			assert.Equal(t, template.HTML(tc.want), inline(tc.in))
		})
	}
}

// TestFinishPage gives a page as nbconvert writes it its title, language,
// links between sections and navigation bars.
func TestFinishPage(t *testing.T) {
	tests := []struct {
		page      int
		lang      string
		title     string
		otherLink string
	}{
		{1, `<html lang="ja">`, `<title>02 &#34;MLP&#34; &#39;x&#39;</title>`, `href="../en/02_b.html"`},
		{4, `<html lang="en">`, `<title>02 MLP</title>`, `href="../ja/02_b.html"`},
	}
	for _, tc := range tests {
		t.Run(testSite.Pages[tc.page].Path(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "02_b.html")
			nbconvert := "<!DOCTYPE html>\n<html>\n<head><title>02_b</title></head>\n<body class=\"jp-Notebook\">\n" +
				`<p>see <a href="01_a.ipynb#section">the first</a></p>` + "\n</body>\n</html>\n"
			require.NoError(t, os.WriteFile(path, []byte(nbconvert), 0o644))
			require.NoError(t, finishPage(path, testSite, tc.page, strings.NewReplacer()))
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			page := string(data)
			nav, err := navigation(testSite, tc.page)
			require.NoError(t, err)
			assert.Contains(t, page, tc.lang)
			assert.Contains(t, page, tc.title)
			assert.Contains(t, page, tc.otherLink, "the language switch")
			assert.Contains(t, page, `<a href="01_a.html#section">`, "links to notebooks point at their pages")
			assert.Equal(t, 2, strings.Count(page, nav), "a navigation bar at the top and at the bottom")
			assert.Contains(t, page, "<body class=\"jp-Notebook\">\n<style>\n.nma-nav {", "the bar's style (templates/nav.css) follows <body>")
			assert.True(t, strings.HasSuffix(page, nav+"\n</body>\n</html>\n"))
		})
	}
}

func TestFinishPageNeedsABody(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.html")
	require.NoError(t, os.WriteFile(path, []byte("<html>no body</html>"), 0o644))
	assert.ErrorContains(t, finishPage(path, testSite, 0, nil), "no <body> in nbconvert's output")
}

func TestExpectedOutputTagIsNbgens(t *testing.T) {
	assert.Equal(t, nbgen.ExpectedTag, ExpectedOutputTag)
}
