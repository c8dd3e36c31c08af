package checks

import "github.com/nma-go/mlp/internal/i18n"

// Lang is the language of a check's messages: [Japanese] (the default) or
// [English]. The messages come from one catalog (package internal/i18n);
// the exercises' titles and hints from their [Registry] entry, in Japanese,
// and from the English table of this package.
type Lang = i18n.Lang

// The languages of the messages.
const (
	Japanese = i18n.Japanese
	English  = i18n.English
)

// SetLanguage sets the language of the in-process checks ([ApproximateFunction]
// and the others) and of the core's notebook helpers (tutorial.FinishFirst),
// for the rest of the process, whatever NMA_MLP_LANG says. cmd/check calls it
// with its -lang; the English notebooks, whose every cell is a program of its
// own, set NMA_MLP_LANG instead. Japanese is the default.
func SetLanguage(l Lang) { i18n.SetDefault(l) }

// Language is the language of the in-process checks: the one [SetLanguage]
// set or, in a process that never called it (a notebook cell), the one the
// environment variable NMA_MLP_LANG names, "ja" or "en"; Japanese when
// neither chooses (see i18n.Default).
func Language() Lang { return i18n.Default() }

// LabelIn is the exercise's label in language l, e.g. "演習 2.1" or
// "Exercise 2.1".
func (e Exercise) LabelIn(l Lang) string { return l.Sprintf("check.exercise.label", e.ID) }

// TitleIn is the exercise's title in language l. An exercise without an
// English title (one made up by a test) keeps its Japanese one.
func (e Exercise) TitleIn(l Lang) string {
	if e.unknown {
		return l.Sprintf("check.exercise.unknown", e.ID)
	}
	if t, ok := englishExercises[e.ID]; ok && l.Or(Japanese) == English && t.Title != "" {
		return t.Title
	}
	return e.Title
}

// HintsIn are the exercise's hints in language l. An exercise without
// English hints (one made up by a test) keeps its Japanese ones.
func (e Exercise) HintsIn(l Lang) Hints {
	if t, ok := englishExercises[e.ID]; ok && l.Or(Japanese) == English {
		return t.Hints
	}
	return e.Hints
}

// LabelIn names a hint in language l, e.g. "ヒント 2/3" or "Hint 2/3".
func (l HintLevel) LabelIn(lang Lang) string {
	return lang.Sprintf("check.hint.label", int(l), NumHintLevels)
}

// exerciseText is an exercise's title and hints in one language, and the
// fingerprint of the Japanese text they translate.
type exerciseText struct {
	Title string
	Hints Hints
	From  string
}
