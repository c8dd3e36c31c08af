package i18n

import (
	"regexp"
	"strings"
)

// Foreign lists the fragments of text, a message for a student in language
// l, that are in the other language, and returns nil when there are none:
// the test of the rule that a message is in one language (see the package
// documentation). Tests run it over what the checks, the core and the tools
// print.
//
// In Japanese, a fragment is a run of tokens (between spaces) of Latin
// letters that holds two or more English words, tokens of two letters or
// more with at most the first one a capital: "has shape", "the ReLU
// biases". A comma or a semicolon ends a run, so that a list of names
// (fmt, math, sort) is not prose. What is plainly code is not text:
// identifiers (Linear_0, MLPForward, xTrain), calls and numbers
// (LeakyReLU(0.1), [10, 1000]), terms and variables (ReLU i), code spans
// between backquotes, Go strings between double quotes, and a command line
// (words followed by a path or a flag, as in go run ./cmd/check -hint 2).
// A lone English word is allowed too: it is a term more often than not
// (seed, exp, Perm). In English, a fragment is a character of Japanese
// script or punctuation outside code spans and strings.
func (l Lang) Foreign(text string) []string {
	text = quoted.ReplaceAllString(text, " ")
	if l.normal() == English {
		return japaneseScript.FindAllString(text, -1)
	}
	var found []string
	tokens := strings.Fields(text)
	for i := 0; i < len(tokens); {
		if !isLetters(tokens[i]) {
			i++
			continue
		}
		// A run of letter tokens, up to one that ends a clause or a list
		// item (fmt, math, sort).
		j, words := i, 0
		for j < len(tokens) && isLetters(tokens[j]) {
			if isEnglishWord(tokens[j]) {
				words++
			}
			j++
			if strings.ContainsAny(tokens[j-1][len(tokens[j-1])-1:], ",;") {
				break
			}
		}
		command := j < len(tokens) && isPathOrFlag(tokens[j])
		if words >= 2 && !command {
			found = append(found, strings.Join(tokens[i:j], " "))
		}
		i = j
	}
	return found
}

// quoted matches what is code, not text: a code span or a Go string.
var quoted = regexp.MustCompile("`[^`]*`|\"(?:[^\"\\\\]|\\\\.)*\"")

// japaneseScript matches a character of Japanese script or punctuation.
var japaneseScript = regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}]+`)

// englishWord is a word of English prose, punctuation around it trimmed:
// letters only, the first one perhaps a capital, at least two.
var englishWord = regexp.MustCompile(`^[A-Za-z][a-z]+('[a-z]+)?$`)

// trimPunctuation removes the punctuation around a word.
func trimPunctuation(token string) string { return strings.Trim(token, `([{"'“”‘’)]},.;:!?`) }

// isEnglishWord reports whether a token is a word of English prose.
func isEnglishWord(token string) bool { return englishWord.MatchString(trimPunctuation(token)) }

// letters matches a token of Latin letters: a word, or a term such as ReLU,
// GoMLX or TODO, or a variable such as i.
var letters = regexp.MustCompile(`^[A-Za-z]+('[a-z]+)?$`)

// isLetters reports whether a token, punctuation around it trimmed, is
// letters only.
func isLetters(token string) bool { return letters.MatchString(trimPunctuation(token)) }

// isPathOrFlag reports whether a token is a path (./cmd/check) or a
// command-line flag (-hint), what follows a command's name.
func isPathOrFlag(token string) bool {
	return strings.HasPrefix(token, "-") || strings.HasPrefix(token, "./") || strings.HasPrefix(token, "../") ||
		strings.Contains(token, "/") && !strings.HasSuffix(token, "/")
}
