// Package checks compares students' answers with the expected outputs of the
// tutorial and says exactly what is wrong, in Japanese or in English.
//
// Every message comes from the catalog of package internal/i18n; a
// [Result] records its language. [Exercise.JudgeIn] judges in the language
// it is given, the in-process checks in the one [SetLanguage] set (Japanese
// by default), and [Exercise.TitleIn] and [Exercise.HintsIn] give an
// exercise's title and hints in either language.
//
// Each exercise has a check function with the exercise's name (e.g.
// [ApproximateFunction] for Exercise 1) that takes any implementation, runs it
// on the original's inputs and on fresh random inputs chosen at run time, and
// returns a [Result]. A check never panics: a panicking or unfinished
// implementation is reported as a failed or not-started result.
//
// A result is in one language, all of it: the core's errors are English and
// for developers, so a check does not quote them as they are. It names the
// blank still left as a TODO (the stub's tutorial.Blank), the returned value
// of the wrong shape or dtype or nil, the core helper called with the wrong
// sizes, and for any other failure where in the student's file it panicked
// and the error's own words, quoted as code between backquotes.
//
// Expected values come from the original's published numbers (docs/REFERENCE.md)
// and from plain float64 loops written here, never from package solutions
// alone. Each exercise is one record in [Registry]: its [ExerciseID], title,
// points, [Hints] by level and [Grader].
package checks
