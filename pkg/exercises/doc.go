// Package exercises holds the tutorial's exercises for students to complete.
//
// Every function here compiles and, until its TODO placeholders are replaced,
// fails with a "not implemented: Exercise N ..." error. Edit these files with
// an editor, or solve the same exercises in the notebooks; then run
// `make check` (or `go run ./cmd/check`) to see your progress.
//
// The signatures follow the conventions of package tutorial: GoMLX graph
// functions, float32 data, vectors of shape [N], labels as int32 [N].
package exercises
