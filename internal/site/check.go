package site

import (
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var (
	// tagRE finds the opening tags that load or link something.
	tagRE = regexp.MustCompile(`(?is)<(a|link|script|img|iframe|source|audio|video|embed|object|input|track)\b[^>]*>`)
	// attrRE finds the attributes holding a URL.
	attrRE = regexp.MustCompile(`(?is)\s(href|src|data|poster)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	// cssURLRE finds url(...) and @import in inline CSS.
	cssURLRE = regexp.MustCompile(`(?i)(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)`)
	// idRE finds element ids and anchor names, the targets of #fragments.
	idRE = regexp.MustCompile(`(?i)\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	// tempPathRE finds what Scrub removes: GoNB build folders and paths
	// into the temporary folder.
	tempPathRE = regexp.MustCompile(`gonb_[0-9a-fA-F]{6,}|(?:^|[\s"'(=>])` + regexp.QuoteMeta(strings.TrimRight(os.TempDir(), "/")) + `/[^\s"'<]`)
)

// Check verifies a built site and returns one error per problem:
//   - a page loads something from the network (script, stylesheet, image,
//     frame, CSS url() or @import with http:, https: or //), or uses an
//     absolute path or a file: URL, which breaks when the folder moves;
//     links (<a href>) to other web sites are fine;
//   - a relative link or reference does not resolve to a file inside the
//     site, or its #fragment names no element of the target page;
//   - a temporary build path (GoNB's gonb_XXXXXXXX folders or the temporary
//     folder) is left in a page.
//
// Check reads the HTML pages, not the assets' JavaScript.
func Check(dir string) []error {
	pages, err := readHTML(dir)
	if err != nil {
		return []error{fmt.Errorf("site: reading %s: %w", dir, err)}
	}
	if len(pages) == 0 {
		return []error{fmt.Errorf("site: no HTML pages in %s", dir)}
	}
	ids := map[string]map[string]bool{}
	anchors := func(path string) map[string]bool {
		if ids[path] == nil {
			content, ok := pages[path]
			if !ok {
				data, _ := os.ReadFile(path)
				content = string(data)
			}
			ids[path] = map[string]bool{}
			for _, m := range idRE.FindAllStringSubmatch(content, -1) {
				ids[path][html.UnescapeString(m[1]+m[2])] = true
			}
		}
		return ids[path]
	}
	var paths []string
	for p := range pages {
		paths = append(paths, p)
	}
	sort.Strings(paths)

	var problems []error
	for _, path := range paths {
		content := pages[path]
		rel, _ := filepath.Rel(dir, path)
		report := func(format string, args ...any) {
			problems = append(problems, fmt.Errorf("%s: %s", rel, fmt.Sprintf(format, args...)))
		}
		for _, tag := range tagRE.FindAllStringSubmatch(content, -1) {
			name := strings.ToLower(tag[1])
			for _, a := range attrRE.FindAllStringSubmatch(tag[0], -1) {
				ref := strings.TrimSpace(html.UnescapeString(a[2] + a[3]))
				checkRef(name, ref, path, dir, anchors, report)
			}
		}
		for _, m := range cssURLRE.FindAllStringSubmatch(withoutDataURIs(content), -1) {
			if isRemote(m[1]) {
				report("CSS loads %q from the network", m[1])
			}
		}
		if m := tempPathRE.FindString(withoutDataURIs(content)); m != "" {
			i := strings.Index(content, strings.TrimLeft(m, " \t\n\"'(=>"))
			report("a temporary build path is left in the page: %q", excerpt(content, i))
		}
	}
	return problems
}

// checkRef checks one URL found in a tag.
func checkRef(tag, ref, page, dir string, anchors func(string) map[string]bool, report func(string, ...any)) {
	lower := strings.ToLower(ref)
	switch {
	case ref == "" || strings.HasPrefix(lower, "data:") || strings.HasPrefix(lower, "javascript:") ||
		strings.HasPrefix(lower, "mailto:"):
		return
	case isRemote(ref):
		if tag != "a" {
			report("<%s> loads %q from the network; the site must work offline", tag, ref)
		}
		return
	case strings.HasPrefix(lower, "file:"):
		report("<%s> uses a file: URL %q, which breaks when the site moves", tag, ref)
		return
	case strings.HasPrefix(ref, "/"):
		report("<%s> uses the absolute path %q; use a relative one", tag, ref)
		return
	}
	if u, err := url.Parse(ref); err == nil && u.Scheme != "" {
		report("<%s> uses the unexpected scheme %q", tag, ref)
		return
	}
	target, fragment, _ := strings.Cut(ref, "#")
	target, _, _ = strings.Cut(target, "?")
	if unescaped, err := url.PathUnescape(target); err == nil {
		target = unescaped
	}
	file := page
	if target != "" {
		file = filepath.Join(filepath.Dir(page), filepath.FromSlash(target))
		if r, err := filepath.Rel(dir, file); err != nil || strings.HasPrefix(r, "..") {
			report("<%s> %q points outside the site", tag, ref)
			return
		}
		info, err := os.Stat(file)
		if err != nil {
			report("dead link: <%s> %q (no file %s)", tag, ref, file)
			return
		}
		if info.IsDir() {
			if _, err := os.Stat(filepath.Join(file, "index.html")); err != nil {
				report("dead link: <%s> %q is a folder without index.html", tag, ref)
			}
			return
		}
	}
	if fragment != "" && strings.HasSuffix(file, ".html") {
		// Browsers look for the fragment as written, then percent-decoded
		// (nbconvert percent-encodes both its heading ids and its links).
		ids := anchors(file)
		decoded, err := url.PathUnescape(fragment)
		if !ids[fragment] && (err != nil || !ids[decoded]) {
			report("dead link: <%s> %q: no element with id %q", tag, ref, fragment)
		}
	}
}

func isRemote(ref string) bool {
	lower := strings.ToLower(strings.TrimSpace(ref))
	return strings.HasPrefix(lower, "http:") || strings.HasPrefix(lower, "https:") || strings.HasPrefix(lower, "//") ||
		strings.HasPrefix(lower, "ftp:")
}

func withoutDataURIs(s string) string {
	return dataURI.ReplaceAllString(s, "data:")
}

func excerpt(s string, i int) string {
	if i < 0 {
		return ""
	}
	start, end := max(0, i-60), min(len(s), i+100)
	return s[start:end]
}
