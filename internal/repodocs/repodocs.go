// Package repodocs checks that the repository names only files inside it.
//
// Two rules, applied to the repository's Markdown, Go, notebook sources
// (.nb), shell and Python scripts and the Makefile:
//
//   - every relative Markdown link or image, [text](path), resolves to a file
//     or folder of the repository (web links and pure #anchors are skipped,
//     and a #fragment is ignored);
//   - every mention of a Markdown file (README.md, docs/GRADING.md) names a
//     file of the repository, and nothing names the "shared" folder that
//     lies beside a checkout (its path relative to the root starts with two
//     dots).
//
// A bare name such as GRADING.md may live next to the file that mentions it,
// at the repository root, or under docs/. A name with a placeholder in
// angle brackets, such as <student>.md, is a pattern, not a file, and is
// skipped. In Go files only comments are read for Markdown names: string
// literals are data (a feedback file's name, a test's expected value).
package repodocs

import (
	"bufio"
	"bytes"
	"fmt"
	"go/scanner"
	"go/token"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Problem is one mention of a file that is not in the repository.
type Problem struct {
	File string // slash-separated, relative to the repository root
	Line int    // 1-based
	Msg  string
}

// String formats the problem as "file:line: message".
func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// scannedExt lists the extensions of the files that Check reads.
var scannedExt = map[string]bool{".md": true, ".go": true, ".nb": true, ".sh": true, ".py": true}

// Scanned reports whether Check reads the file at the slash-separated path
// rel: Markdown, Go, notebook sources, shell and Python scripts, the Makefile
// and the CI script.
func Scanned(rel string) bool {
	switch rel {
	case "Makefile", ".ci/run":
		return true
	}
	return scannedExt[path.Ext(rel)]
}

var (
	// inlineLinkRE matches [text](target) and ![alt](target), with an
	// optional title; group 1 is the target.
	inlineLinkRE = regexp.MustCompile(`!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[^)]*)?\)`)
	// refLinkRE matches a reference definition, "[label]: target".
	refLinkRE = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?`)
	// inlineCodeRE matches a code span, which Markdown never renders as a link.
	inlineCodeRE = regexp.MustCompile("`[^`]*`")
	// fenceRE matches the line that opens or closes a fenced code block.
	fenceRE = regexp.MustCompile("^\\s{0,3}(```|~~~)")
	// schemeRE matches a URL scheme (https:, mailto:, data:).
	schemeRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)
	// urlRE matches a URL in running text, which may end in .md without
	// naming a file of ours.
	urlRE = regexp.MustCompile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s)\\]>\"'`]*")
	// mdNameRE matches a mention of a Markdown file: a path made of word
	// characters, dots, slashes, dashes and placeholders, ending in .md.
	mdNameRE = regexp.MustCompile(`[\w./<>-]*\.md\b`)
	// sharedRE matches a path into the folder beside the checkout.
	sharedRE = regexp.MustCompile(regexp.QuoteMeta(sharedDir) + `\b`)
)

// sharedDir is the folder beside the checkout, spelt in two parts so that
// this file does not name it.
const sharedDir = ".." + "/shared"

// Check reads each of files (slash-separated paths relative to the root of
// fsys; files that Scanned rejects are ignored) and returns every problem,
// sorted by file and line.
func Check(fsys fs.FS, files []string) []Problem {
	var problems []Problem
	for _, f := range files {
		if !Scanned(f) {
			continue
		}
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			problems = append(problems, Problem{File: f, Line: 0, Msg: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		problems = append(problems, checkFile(fsys, f, data)...)
	}
	sort.SliceStable(problems, func(i, j int) bool {
		if problems[i].File != problems[j].File {
			return problems[i].File < problems[j].File
		}
		return problems[i].Line < problems[j].Line
	})
	return problems
}

// checkFile applies both rules to one file.
func checkFile(fsys fs.FS, name string, data []byte) []Problem {
	var problems []Problem
	add := func(line int, format string, args ...any) {
		problems = append(problems, Problem{File: name, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	lines := splitLines(data)
	for i, line := range lines {
		if sharedRE.MatchString(line) {
			add(i+1, "names %s, a folder outside the repository: put what is needed into the repository and name that", sharedDir)
		}
	}
	// linked holds, per line, the link targets that the link rule checked, so
	// that a dead link is reported once, not again as a mention.
	linked := map[int]map[string]bool{}
	if path.Ext(name) == ".md" {
		inFence := false
		for i, line := range lines {
			if fenceRE.MatchString(line) {
				inFence = !inFence
				continue
			}
			if inFence {
				continue
			}
			for _, target := range linkTargets(line) {
				if linked[i+1] == nil {
					linked[i+1] = map[string]bool{}
				}
				linked[i+1][stripFragment(target)] = true
				if msg := checkLink(fsys, name, target); msg != "" {
					add(i+1, "%s", msg)
				}
			}
		}
	}
	for _, m := range mentionLines(name, data, lines) {
		for _, tok := range mdNames(m.text) {
			if linked[m.line][tok] {
				continue
			}
			if !mentionResolves(fsys, name, tok) {
				add(m.line, "names %s, which is not in the repository (add it, fix the name, or write a placeholder such as <student>.md)", tok)
			}
		}
	}
	return problems
}

// splitLines splits data into lines without their line endings.
func splitLines(data []byte) []string {
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		lines = append(lines, strings.TrimSuffix(sc.Text(), "\r"))
	}
	return lines
}

// linkTargets returns the targets of the Markdown links and images of line,
// code spans excluded.
func linkTargets(line string) []string {
	line = inlineCodeRE.ReplaceAllString(line, "")
	var targets []string
	for _, m := range inlineLinkRE.FindAllStringSubmatch(line, -1) {
		targets = append(targets, m[1])
	}
	if m := refLinkRE.FindStringSubmatch(line); m != nil {
		targets = append(targets, m[1])
	}
	return targets
}

// checkLink returns why the link target, found in the file from, does not
// resolve, or "" when it does or is not a relative link.
func checkLink(fsys fs.FS, from, target string) string {
	if strings.HasPrefix(target, "#") || schemeRE.MatchString(target) {
		return ""
	}
	p := stripFragment(target)
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	if p == "" {
		return ""
	}
	var rel string
	if strings.HasPrefix(p, "/") {
		rel = path.Clean(strings.TrimPrefix(p, "/"))
	} else {
		rel = path.Join(path.Dir(from), p)
	}
	if outside(rel) {
		return fmt.Sprintf("link (%s) points outside the repository", target)
	}
	if _, err := fs.Stat(fsys, rel); err != nil {
		return fmt.Sprintf("link (%s) does not resolve: no %s in the repository", target, rel)
	}
	return ""
}

// stripFragment removes a link's #fragment and ?query.
func stripFragment(target string) string {
	if i := strings.IndexAny(target, "#?"); i >= 0 {
		return target[:i]
	}
	return target
}

// outside reports whether the cleaned relative path rel leaves the root.
func outside(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, "../")
}

// mention is a line of text that may name Markdown files.
type mention struct {
	line int
	text string
}

// mentionLines returns the text of name in which Markdown names count: the
// comments of a Go file, every line of any other file. URLs are removed.
func mentionLines(name string, data []byte, lines []string) []mention {
	var out []mention
	if path.Ext(name) != ".go" {
		for i, l := range lines {
			out = append(out, mention{line: i + 1, text: urlRE.ReplaceAllString(l, "")})
		}
		return out
	}
	fset := token.NewFileSet()
	file := fset.AddFile(name, -1, len(data))
	var s scanner.Scanner
	s.Init(file, data, func(token.Position, string) {}, scanner.ScanComments)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.COMMENT {
			continue
		}
		first := fset.Position(pos).Line
		for j, l := range strings.Split(lit, "\n") {
			out = append(out, mention{line: first + j, text: urlRE.ReplaceAllString(l, "")})
		}
	}
	return out
}

// mdNames returns the Markdown file names mentioned in text, placeholders
// (<student>.md) and bare extensions (".md", "*.md") excluded.
func mdNames(text string) []string {
	var names []string
	seen := map[string]bool{}
	for _, tok := range mdNameRE.FindAllString(text, -1) {
		if strings.ContainsAny(tok, "<>") || strings.TrimLeft(tok, "./") == "md" {
			continue
		}
		if !seen[tok] {
			seen[tok] = true
			names = append(names, tok)
		}
	}
	return names
}

// mentionResolves reports whether the Markdown name tok, mentioned in from,
// is a file of the repository: next to from, from the root, or under docs/.
func mentionResolves(fsys fs.FS, from, tok string) bool {
	var candidates []string
	if strings.HasPrefix(tok, "/") {
		candidates = []string{path.Clean(strings.TrimPrefix(tok, "/"))}
	} else {
		candidates = []string{path.Join(path.Dir(from), tok), path.Clean(tok), path.Join("docs", tok)}
	}
	for _, c := range candidates {
		if outside(c) {
			continue
		}
		if st, err := fs.Stat(fsys, c); err == nil && !st.IsDir() {
			return true
		}
	}
	return false
}

// skippedDirs are the folders that ListFiles skips when it walks the tree
// without git: build outputs and caches that .gitignore names.
var skippedDirs = map[string]bool{".git": true, "out": true, "site": true, "bin": true, ".gonb_cache": true, ".ipynb_checkpoints": true}

// ListFiles returns the repository's files under root, slash-separated and
// sorted: what git tracks plus untracked files it does not ignore (so that a
// new document is checked before it is committed). Without git it walks the
// tree and skips build outputs and caches.
func ListFiles(root string) ([]string, error) {
	cmd := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if out, err := cmd.Output(); err == nil {
		seen := map[string]bool{}
		var files []string
		for _, f := range strings.Split(string(out), "\x00") {
			if f == "" || seen[f] {
				continue
			}
			seen[f] = true
			// A tracked file deleted from the working tree is not there to check.
			if st, err := os.Stat(filepath.Join(root, filepath.FromSlash(f))); err != nil || st.IsDir() {
				continue
			}
			files = append(files, f)
		}
		sort.Strings(files)
		return files, nil
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && skippedDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("repodocs: listing %s: %w", root, err)
	}
	sort.Strings(files)
	return files, nil
}
