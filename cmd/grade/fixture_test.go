package main

import (
	"testing"

	"github.com/nma-go/mlp/internal/lmsfixture"
)

// lmsDir holds the LMS fixtures: layouts of zips and rosters.
const lmsDir = "../../testdata/lms"

// corpusDir holds the corpus the layouts rename.
const corpusDir = "../../testdata/submissions"

// buildLayoutZip writes the zip that a testdata/lms layout describes.
func buildLayoutZip(t *testing.T, layout string) string {
	t.Helper()
	return lmsfixture.Zip(t, lmsDir, corpusDir, layout)
}
