// Package exercises holds the tutorial's exercises for students to complete.
//
// Every function here compiles and, until its TODO placeholders are replaced,
// fails with a "not implemented: Exercise N ..." error. Each placeholder
// names its blank with tutorial.Blank, a message of the catalog
// (internal/i18n), so that the checks and the notebooks tell the student
// which blank is left in the student's language. These files are the
// one place an answer lives: edit them with an editor, or solve the
// exercises in the student notebooks, whose exercise cells save into them
// (cmd/answer, which never overwrites an answer edited in an editor). Every
// later notebook, `make check` (go run ./cmd/check) and the grader read them.
//
// The signatures follow the conventions of package tutorial: GoMLX graph
// functions, float32 data, vectors of shape [N], labels as int32 [N].
//
// The stubs are read in both editions of the tutorial, so every comment is
// bilingual: the Japanese lines first, then the same in English, never the
// two languages in one line (docs/CONTRIBUTING.md, "Translations").
package exercises
