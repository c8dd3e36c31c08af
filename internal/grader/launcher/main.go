//go:build unix

// Command launcher confines one grading run; see package launch. The grader
// builds and starts it; it is not meant to be run by hand.
package main

import "github.com/nma-go/mlp/internal/grader/launch"

func main() { launch.Main() }
