// Package textcap caps text at a number of bytes without cutting a UTF-8
// character in half, and marks the cut with [Ellipsis]. It is the one
// implementation of that rule in this module: error messages quoting caller
// input (pkg/tutorial), the grader's messages, and the notebook runners'
// excerpts of long output all use it.
//
// A cut falls on a character boundary, so valid UTF-8 stays valid. Invalid
// bytes are treated as one-byte characters. The result, ellipsis included,
// is at most the limit, except that a limit smaller than the ellipsis gives
// the ellipsis alone. This package imports only the standard library.
package textcap

import "unicode/utf8"

// Ellipsis marks the place where text was cut.
const Ellipsis = "..."

// Head returns s if it is at most limit bytes long, and otherwise its longest
// prefix that ends on a character boundary and leaves room for Ellipsis,
// followed by Ellipsis: the beginning of the text, for messages that quote
// their input.
func Head(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := max(limit-len(Ellipsis), 0)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + Ellipsis
}

// Tail returns s if it is at most limit bytes long, and otherwise Ellipsis
// followed by the longest suffix of s that starts on a character boundary
// and fits with it: the end of the text, for logs whose last lines say what
// went wrong.
func Tail(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	start := len(s) - max(limit-len(Ellipsis), 0)
	for start < len(s) && !utf8.RuneStart(s[start]) {
		start++
	}
	return Ellipsis + s[start:]
}
