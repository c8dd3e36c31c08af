package site

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/nma-go/mlp/internal/i18n"
)

// templates holds the site's own HTML and CSS: the landing page, the index
// page of a language and the navigation bar added to every section's page
// (templates/*.html, *.css). Their texts are the catalog's site.* messages.
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

// languageLink is one entry of a language switch: a link to the same page
// in another language, labelled in that language.
type languageLink struct {
	Lang  i18n.Lang
	Href  string // relative to the page that shows the switch
	Label string
}

// otherLanguages is the language switch of a page of language l whose
// counterpart in language o is at href(o): one link per other language,
// labelled with the message id in that language.
func otherLanguages(l i18n.Lang, id string, href func(o i18n.Lang) string) []languageLink {
	var links []languageLink
	for _, o := range Languages() {
		if o != l {
			links = append(links, languageLink{Lang: o, Href: href(o), Label: o.Sprintf(id)})
		}
	}
	return links
}

// finishPage scrubs the converted page res.Pages[i] once more, gives it its
// title and language, points links to other notebooks at their pages, and
// adds a navigation bar (previous, contents, next, the page in the other
// languages) at the top and the bottom.
func finishPage(path string, res *Result, i int, scrub *strings.Replacer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	p := res.Pages[i]
	page := Scrub(string(data), scrub)
	page = htmlOpenRE.ReplaceAllLiteralString(page, `<html lang="`+string(p.Lang)+`">`)
	page = titleTag.ReplaceAllLiteralString(page, "<title>"+template.HTMLEscapeString(p.Title)+"</title>")
	page = ipynbHref.ReplaceAllString(page, `href="$1.html$2"`)
	nav, err := navigation(res, i)
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

// navigationData is what templates/nav.html shows: the sections before and
// after the current one (nil at either end), the label of the link to the
// language's index, and the language switch.
type navigationData struct {
	Previous, Next *Page
	Contents       string
	Others         []languageLink
}

// navigation renders the navigation bar of res.Pages[i]: its neighbours in
// its own language, and the same notebook in the other languages.
func navigation(res *Result, i int) (string, error) {
	p := res.Pages[i]
	data := navigationData{Contents: p.Lang.Sprintf("site.contents")}
	if i > 0 && res.Pages[i-1].Lang == p.Lang {
		data.Previous = &res.Pages[i-1]
	}
	if i+1 < len(res.Pages) && res.Pages[i+1].Lang == p.Lang {
		data.Next = &res.Pages[i+1]
	}
	data.Others = otherLanguages(p.Lang, "site.other_language", func(o i18n.Lang) string {
		return "../" + Page{Lang: o, File: p.File}.Path()
	})
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

// indexData is what templates/index.html shows: one language's index page.
type indexData struct {
	Lang                          i18n.Lang
	Title, Subtitle               string
	Intro, InOrder, TryIt, Credit template.HTML
	Pages                         []Page
	Others                        []languageLink
}

// landingEntry is one language's part of the landing page
// (templates/landing.html).
type landingEntry struct {
	Lang                    i18n.Lang
	Title, Subtitle, ReadIn string
	Href                    string
}

// writeIndexes writes every language's index page, LANG/index.html, and the
// landing page index.html that links them.
func writeIndexes(out string, res *Result) error {
	var landing []landingEntry
	for _, l := range Languages() {
		data := indexData{
			Lang:     l,
			Title:    l.Sprintf("site.title"),
			Subtitle: l.Sprintf("site.subtitle"),
			Intro:    inline(l.Sprintf("site.intro")),
			InOrder:  inline(l.Sprintf("site.in_order")),
			TryIt:    inline(l.Sprintf("site.try_it")),
			Credit:   inline(l.Sprintf("site.credits")),
			Pages:    res.In(l),
			Others: otherLanguages(l, "site.read_in", func(o i18n.Lang) string {
				return "../" + string(o) + "/index.html"
			}),
		}
		if err := writeTemplate(filepath.Join(out, string(l), "index.html"), "index.html", data); err != nil {
			return err
		}
		landing = append(landing, landingEntry{Lang: l, Title: data.Title, Subtitle: data.Subtitle,
			ReadIn: l.Sprintf("site.read_in"), Href: string(l) + "/index.html"})
	}
	return writeTemplate(filepath.Join(out, "index.html"), "landing.html", landing)
}

func writeTemplate(path, name string, data any) error {
	page, err := render(name, data)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	return os.WriteFile(path, []byte(page), 0o644)
}

// inlineMarkup finds what a site.* message may hold besides text: a code
// span between backquotes, or a link written [text](URL).
var inlineMarkup = regexp.MustCompile("`([^`]+)`|\\[([^\\]]+)\\]\\(([^)\\s]+)\\)")

// inline turns a site.* message into HTML: its text escaped, its code spans
// as <code> and its links as <a>.
func inline(text string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range inlineMarkup.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(template.HTMLEscapeString(text[last:m[0]]))
		if m[2] >= 0 {
			b.WriteString("<code>" + template.HTMLEscapeString(text[m[2]:m[3]]) + "</code>")
		} else {
			b.WriteString(`<a href="` + template.HTMLEscapeString(text[m[6]:m[7]]) + `">` +
				template.HTMLEscapeString(text[m[4]:m[5]]) + "</a>")
		}
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(text[last:]))
	return template.HTML(b.String())
}
