package nbgen

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/nma-go/mlp/internal/i18n"
)

// The Go code a notebook shows (stubs, solutions, lesson cells and the code
// cells of a source) is shared by both languages, and its comments are
// bilingual: in a comment block, each Japanese line is followed by the same
// in English (docs/CONTRIBUTING.md, "Translations"). [LocalizeComments] keeps
// one language's lines.
//
// The rules, for each block of consecutive full-line "//" comments at one
// indentation:
//   - a block without Japanese is shared: both languages keep it whole
//     (identifiers, code samples, English-only notes);
//   - in a block with Japanese, a line with Japanese text (kana, kanji,
//     Japanese punctuation) is Japanese, an empty "//" line separates
//     paragraphs and stays in both, and every other line is English;
//   - directives ("//go:", "// BEGIN ", "// END ") and the lines of code
//     samples ("//" then a tab) always stay.
//
// [CheckBilingual] reports a block whose Japanese and English lines do not
// alternate in paragraphs (a Japanese run without the English run after it,
// or an English run before any Japanese), so that neither edition loses a
// comment.

// hasJapanese reports whether s holds a kana, a kanji or Japanese punctuation.
func hasJapanese(s string) bool {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han):
			return true
		case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF:
			return true
		}
	}
	return false
}

// commentLine is one line of code, classified.
type commentLine struct {
	text    string
	comment bool   // a full-line "//" comment
	indent  string // the whitespace before "//"
	body    string // the text after "//", trimmed
}

func classify(line string) commentLine {
	trimmed := strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(trimmed, "//") {
		return commentLine{text: line}
	}
	return commentLine{text: line, comment: true, indent: line[:len(line)-len(trimmed)], body: strings.TrimSpace(strings.TrimPrefix(trimmed, "//"))}
}

// directive reports a line both languages keep whatever the block: a
// directive ("//go:", "// BEGIN ", "// END ") or a line of a code sample
// (indented by a tab after "//", as gofmt writes doc comments' code blocks).
func (l commentLine) directive() bool {
	trimmed := strings.TrimLeft(l.text, " \t")
	return strings.HasPrefix(trimmed, "//go:") || strings.HasPrefix(trimmed, "//\t") ||
		strings.HasPrefix(l.body, "BEGIN ") || strings.HasPrefix(l.body, "END ")
}

// commentBlocks calls fn for each maximal run lines[i:j] of full-line
// comments at one indentation.
func commentBlocks(lines []commentLine, fn func(i, j int)) {
	for i := 0; i < len(lines); {
		if !lines[i].comment {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && lines[j].comment && lines[j].indent == lines[i].indent {
			j++
		}
		fn(i, j)
		i = j
	}
}

// LocalizeComments returns code with the comment lines of language lang only
// (see the rules above). Code lines and comments at the end of a code line
// are kept as they are.
func LocalizeComments(code string, lang i18n.Lang) string {
	src := strings.Split(code, "\n")
	lines := make([]commentLine, len(src))
	for i, s := range src {
		lines[i] = classify(s)
	}
	keep := make([]bool, len(lines))
	for i := range keep {
		keep[i] = true
	}
	commentBlocks(lines, func(i, j int) {
		mixed := false
		for _, l := range lines[i:j] {
			mixed = mixed || hasJapanese(l.body)
		}
		if !mixed {
			return
		}
		for k := i; k < j; k++ {
			l := lines[k]
			if l.body == "" || l.directive() {
				continue
			}
			if hasJapanese(l.body) != (lang != i18n.English) {
				keep[k] = false
			}
		}
		// Empty "//" lines left at the ends of the block, or doubled, go.
		var kept []int
		for k := i; k < j; k++ {
			if keep[k] {
				kept = append(kept, k)
			}
		}
		for n, k := range kept {
			if lines[k].body != "" {
				continue
			}
			if n == 0 || n == len(kept)-1 || lines[kept[n+1]].body == "" {
				keep[k] = false
			}
		}
	})
	var out []string
	for i, s := range src {
		if keep[i] {
			out = append(out, s)
		}
	}
	return strings.Join(out, "\n")
}

// CheckBilingual returns one error per comment block of code (named name in
// messages) that breaks the convention: in a block with Japanese, every
// paragraph (the lines between empty "//" lines) must be runs of Japanese
// lines each followed by a run of English lines.
func CheckBilingual(name, code string) []error {
	src := strings.Split(code, "\n")
	lines := make([]commentLine, len(src))
	for i, s := range src {
		lines[i] = classify(s)
	}
	var errs []error
	commentBlocks(lines, func(i, j int) {
		mixed := false
		for _, l := range lines[i:j] {
			mixed = mixed || hasJapanese(l.body)
		}
		if !mixed {
			return
		}
		// prev is the language of the previous non-empty line of the
		// paragraph: "" at its start, "ja" or "en".
		prev := ""
		flush := func(k int) {
			if prev == "ja" {
				errs = append(errs, fmt.Errorf("%s:%d: Japanese comment without the English line after it: %q", name, k, strings.TrimSpace(lines[k-1].text)))
			}
			prev = ""
		}
		for k := i; k < j; k++ {
			l := lines[k]
			switch {
			case l.directive():
			case l.body == "":
				flush(k)
			case hasJapanese(l.body):
				prev = "ja"
			default:
				if prev == "" {
					errs = append(errs, fmt.Errorf("%s:%d: English comment without a Japanese line before it, in a block that has Japanese: %q", name, k+1, strings.TrimSpace(l.text)))
				}
				prev = "en"
			}
		}
		flush(j)
	})
	return errs
}
