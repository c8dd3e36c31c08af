package tutorial

// Bounded error text. Error messages name the offending value, but a caller's
// string or slice can be any size (a 1 MB activation specification, a
// million training points), so every message that quotes caller input goes
// through these helpers and stays a few hundred bytes long. They never split
// a UTF-8 character: a cut falls on a rune boundary (internal/textcap, the
// module's one implementation of that rule), and invalid bytes are quoted
// one by one, as strconv.Quote does.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nma-go/mlp/internal/textcap"
)

// maxInputInError is the most bytes of quoted caller input (quotes and escapes
// included) one excerpt in an error message holds, before the ellipsis.
const maxInputInError = 100

// ellipsis marks an excerpt that was cut, as textcap marks it.
const ellipsis = textcap.Ellipsis

// quoteForError returns s quoted as strconv.Quote does. When the quoted form
// would be longer than maxInputInError bytes, it returns the quote of the
// longest prefix of whole characters that fits, followed by "...", so the
// result is at most maxInputInError + len("...") bytes.
func quoteForError(s string) string {
	if 2+4*len(s) <= maxInputInError { // the longest escape, \xff, is 4 bytes per input byte
		return strconv.Quote(s)
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:]) // 1 for an invalid byte, as strconv.Quote reads it
		piece := strconv.Quote(s[i : i+size])
		piece = piece[1 : len(piece)-1]
		if b.Len()+len(piece)+1 > maxInputInError { // +1 for the closing quote
			b.WriteByte('"')
			return b.String() + ellipsis
		}
		b.WriteString(piece)
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

// clipForError returns s unchanged if it is at most maxInputInError bytes
// long, and otherwise its longest prefix that ends on a character boundary
// and leaves room for "...", followed by "..." (textcap.Head). It is for
// text already formatted for a message (numbers, lists); caller strings go
// through quoteForError.
func clipForError(s string) string {
	return textcap.Head(s, maxInputInError)
}

// sliceForError formats values as fmt's %v does ("[1 2 3]"), listing only as
// many leading values as fit in maxInputInError bytes; a shortened list ends
// with "...]" and the number of values, e.g. "[0 0.1 0.2 ...] (1000000
// values)".
func sliceForError[T any](values []T) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, v := range values {
		item := fmt.Sprint(v)
		if i > 0 {
			item = " " + item
		}
		if b.Len()+len(item)+1 > maxInputInError {
			return b.String() + " " + ellipsis + "] (" + strconv.Itoa(len(values)) + " values)"
		}
		b.WriteString(item)
	}
	b.WriteByte(']')
	return b.String()
}

// cappedError carries an error from another package whose text may quote
// caller input: Error returns at most maxWrappedErrorText bytes of it, and
// Unwrap keeps the original in the chain for errors.Is and errors.As.
type cappedError struct{ err error }

// maxWrappedErrorText bounds the text of a wrapped error from another package.
const maxWrappedErrorText = 2 * maxInputInError

func (e cappedError) Error() string { return textcap.Head(e.err.Error(), maxWrappedErrorText) }

func (e cappedError) Unwrap() error { return e.err }

// capError wraps err in a cappedError; it returns nil for nil.
func capError(err error) error {
	if err == nil {
		return nil
	}
	return cappedError{err}
}
