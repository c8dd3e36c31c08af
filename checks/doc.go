// Package checks compares students' answers with the expected outputs of the
// tutorial and says exactly what is wrong, in Japanese.
//
// Each exercise has a check function with the exercise's name (e.g.
// [ApproximateFunction] for Exercise 1) that takes any implementation, runs it
// on the original's inputs and on fresh random inputs chosen at run time, and
// returns a [Result]. A check never panics: a panicking or unfinished
// implementation is reported as a failed or not-started result.
//
// Expected values come from the original's published numbers (docs/REFERENCE.md)
// and from plain float64 loops written here, never from package solutions
// alone. Each exercise is one record in [Registry]: its [ExerciseID], title,
// points, [Hints] by level and [Grader].
package checks
