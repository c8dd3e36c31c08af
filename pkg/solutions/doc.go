// Package solutions holds the reference answers to the exercises in package
// exercises, with the same names and signatures. The instructor edition of
// the notebooks and `go run ./cmd/tutorial` use them.
//
// Students' submissions must not import this package; the grader rejects
// those that do.
package solutions
