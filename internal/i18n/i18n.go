// Package i18n is the message catalog: every text that a student or an
// instructor reads from our tools (the checks' results, cmd/check's progress
// lines, the grader's feedback files and summary) is a message here, with a
// stable English ID and a Japanese and an English translation.
//
// The catalog is built with golang.org/x/text/message: each translation is a
// format string with explicit argument indexes (%[1]s, %[2]d), so that a
// translation may put the arguments in its own order. One deliberate
// difference from x/text's defaults: arguments are formatted exactly as
// package fmt formats them, without digit grouping or locale digits, because
// the numbers a message quotes are the numbers a student finds in their code
// and its output (N=4000, not N=4,000; %.6g keeps its six digits).
//
// IDs are dotted lower-case words, grouped by the package that uses them:
// "check." for the checks, "grader." for the grader's feedback, "tool.check."
// and "tool.grade." for the commands ("tool.answer." for cmd/answer and the
// syntax errors of internal/answers it prints), "tutorial." for the core's
// notebook helpers, "lif." for the bonus section's slider demo (pkg/lif),
// "blank." for the names of the TODO blanks of the exercises' stubs
// (pkg/exercises names them with tutorial.Blank), "site." for the static
// site's own pages (internal/site). Call sites pass the ID as a
// string literal, so that a test can find every ID the code uses and make
// sure the catalog has it, and that the catalog has no message nobody uses.
//
// Every message is in one language: a Japanese translation holds no English
// sentence fragment, an English one no Japanese character. Identifiers,
// numbers, shapes and code (tutorial.Linear, [9, 1000], x[i, labels_i]) may
// appear in either; text that is not ours, such as an error's own words, is
// quoted as code, between backquotes.
//
// Japanese is the default language: the zero [Lang] and any language other
// than English mean Japanese. Developer-facing errors and logs are not
// messages: they stay in English and do not go through the catalog.
//
// # The default language
//
// Messages whose caller names no language (the in-process checks of the
// notebooks, the core's notebook helpers) are in [Default]: the language
// [SetDefault] set or, in a process that never called it, the one the
// environment variable NMA_MLP_LANG ([EnvVar]) names, "ja" or "en" as -lang
// reads them ([Parse]). An unset, empty or unknown value means Japanese, and
// is never an error: a student's notebook cell does not fail over it. The
// English notebooks set it in their first cell (%env NMA_MLP_LANG en), since
// every GoNB cell runs as a program of its own.
package i18n

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Lang is a language of the catalog: [Japanese] or [English]. The zero Lang
// means Japanese. Lang implements flag.Value, for -lang flags.
type Lang string

// The catalog's languages.
const (
	Japanese Lang = "ja"
	English  Lang = "en"
)

// Langs are the catalog's languages, the default first.
var Langs = []Lang{Japanese, English}

// Parse reads a -lang value: "ja" or "en", in any case and with surrounding
// spaces. It returns an error naming the value for anything else.
func Parse(s string) (Lang, error) {
	switch l := Lang(strings.ToLower(strings.TrimSpace(s))); l {
	case Japanese, English:
		return l, nil
	}
	return "", fmt.Errorf("i18n: unknown language %q (want ja or en)", s)
}

// FromLANG is the language a LANG environment value asks for: English for
// "en" and every "en_*" or "en-*" locale (en_US.UTF-8, en_GB), Japanese for
// anything else, including an empty or unset LANG, "C" and "POSIX".
func FromLANG(value string) Lang {
	v := strings.ToLower(strings.TrimSpace(value))
	if v == "en" || strings.HasPrefix(v, "en_") || strings.HasPrefix(v, "en-") || strings.HasPrefix(v, "en.") {
		return English
	}
	return Japanese
}

// Choose is the language of a command run: flagValue when it is not empty
// (a -lang flag wins), otherwise what getenv("LANG") asks for (see
// [FromLANG]). It returns an error for a flagValue that [Parse] rejects.
func Choose(flagValue string, getenv func(string) string) (Lang, error) {
	if strings.TrimSpace(flagValue) != "" {
		return Parse(flagValue)
	}
	return FromLANG(getenv("LANG")), nil
}

// String implements flag.Value.
func (l *Lang) String() string {
	if l == nil {
		return ""
	}
	return string(*l)
}

// Set implements flag.Value with [Parse].
func (l *Lang) Set(s string) error {
	v, err := Parse(s)
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Or returns l, or fallback when l is the zero Lang.
func (l Lang) Or(fallback Lang) Lang {
	if l == "" {
		return fallback
	}
	return l
}

// normal is l with the zero Lang, and any unknown value, read as Japanese.
func (l Lang) normal() Lang {
	if l == English {
		return English
	}
	return Japanese
}

// tag is the language's BCP 47 tag.
func (l Lang) tag() language.Tag {
	if l.normal() == English {
		return language.English
	}
	return language.Japanese
}

// Sprintf formats the message id in language l with args, as fmt.Sprintf
// formats its translation. A message the language lacks falls back to the
// Japanese one; an ID the catalog lacks prints as the ID itself (tests keep
// both from happening).
func (l Lang) Sprintf(id string, args ...any) string {
	return printer(l).Sprintf(id, plainArgs(args)...)
}

// Fprintf writes the message id in language l to w, like [Lang.Sprintf].
func (l Lang) Fprintf(w io.Writer, id string, args ...any) (int, error) {
	return io.WriteString(w, l.Sprintf(id, args...))
}

// Has reports whether the catalog has a translation of id in language l.
func (l Lang) Has(id string) bool {
	_, ok := table()[l.normal()][id]
	return ok
}

// EnvVar is the environment variable that chooses [Default] in a process
// that never calls [SetDefault]: "ja" or "en".
const EnvVar = "NMA_MLP_LANG"

// defaultLang is the language [SetDefault] set, nil until it is called.
var defaultLang atomic.Pointer[Lang]

// Default is the language of messages whose caller names none: the one
// [SetDefault] set, or else the one the environment variable [EnvVar] names
// (see [FromEnvVar]), read at every call. It is Japanese when neither
// chooses.
func Default() Lang {
	if l := defaultLang.Load(); l != nil {
		return *l
	}
	return FromEnvVar(os.Getenv(EnvVar))
}

// SetDefault sets the language of messages whose caller names none, for the
// rest of the process: it wins over [EnvVar]. cmd/check calls it (through
// checks.SetLanguage) with its -lang.
func SetDefault(l Lang) {
	n := l.normal()
	defaultLang.Store(&n)
}

// FromEnvVar is the language a value of [EnvVar] asks for: what [Parse]
// reads ("ja" or "en", in any case, with surrounding spaces), or Japanese
// for a value it rejects and for an empty one.
func FromEnvVar(value string) Lang {
	l, err := Parse(value)
	if err != nil {
		return Japanese
	}
	return l
}

// plain formats a value exactly as package fmt does: x/text's printer hands
// a fmt.Formatter the verb and flags, and plain passes them on to fmt.
type plain struct{ v any }

// Format implements fmt.Formatter.
func (p plain) Format(s fmt.State, verb rune) { fmt.Fprintf(s, fmt.FormatString(s, verb), p.v) }

func plainArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = plain{a}
	}
	return out
}

var (
	buildOnce sync.Once
	builder   *catalog.Builder
	texts     map[Lang]map[string]string
	printers  map[Lang]*message.Printer
)

// build compiles the message tables into an x/text catalog, once.
func build() {
	buildOnce.Do(func() {
		texts = tables(allMessages())
		builder = catalog.NewBuilder(catalog.Fallback(language.Japanese))
		for _, l := range Langs {
			for id, text := range texts[l] {
				if err := builder.SetString(l.tag(), id, text); err != nil {
					panic(fmt.Sprintf("i18n: message %s (%s): %v", id, l, err))
				}
			}
		}
		printers = map[Lang]*message.Printer{}
		for _, l := range Langs {
			printers[l] = message.NewPrinter(l.tag(), message.Catalog(builder))
		}
	})
}

func printer(l Lang) *message.Printer { build(); return printers[l.normal()] }

func table() map[Lang]map[string]string { build(); return texts }

// Message is one entry of the catalog: its ID and its translations. An
// empty translation is a missing one.
type Message struct {
	ID string
	Ja string // Japanese
	En string // English
}

// tables splits messages into one ID → text map per language, leaving out
// empty translations. A repeated ID panics: it is a programming error.
func tables(messages []Message) map[Lang]map[string]string {
	out := map[Lang]map[string]string{Japanese: {}, English: {}}
	seen := map[string]bool{}
	for _, m := range messages {
		if seen[m.ID] {
			panic(fmt.Sprintf("i18n: message ID %q is defined twice", m.ID))
		}
		seen[m.ID] = true
		if m.Ja != "" {
			out[Japanese][m.ID] = m.Ja
		}
		if m.En != "" {
			out[English][m.ID] = m.En
		}
	}
	return out
}

// allMessages is the whole catalog, from the tables of the files
// messages_*.go.
func allMessages() []Message {
	var all []Message
	for _, part := range [][]Message{checkMessages, graderMessages, toolMessages, tutorialMessages, notebookMessages, blankMessages, lifMessages, answerMessages, siteMessages} {
		all = append(all, part...)
	}
	return all
}
