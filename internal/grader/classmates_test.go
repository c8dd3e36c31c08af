//go:build unix

package grader

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// victimCount is how many classmates the saboteur is graded beside.
const victimCount = 24

// TestSaboteurAmongVictims grades one saboteur (which spends seconds killing
// and writing whatever it can find) in the same run as many correct
// classmates, two at a time, and checks that every classmate is graded as if
// alone: full marks and no flag.
func TestSaboteurAmongVictims(t *testing.T) {
	if testing.Short() {
		t.Skip("grades a class")
	}
	g := newTestGrader(t)
	dir := t.TempDir()
	correct, err := os.ReadDir(filepath.Join(corpusDir, "correct"))
	require.NoError(t, err)
	// The saboteur goes in the middle, so that it runs beside victims on
	// both workers.
	var subs []Submission
	for i := range victimCount {
		if i == victimCount/2 {
			subs = append(subs, NewSubmission(filepath.Join(corpusDir, "saboteur")))
		}
		victim := filepath.Join(dir, fmt.Sprintf("victim%02d", i))
		require.NoError(t, os.Mkdir(victim, 0o755))
		for _, e := range correct {
			data, err := os.ReadFile(filepath.Join(corpusDir, "correct", e.Name()))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(victim, e.Name()), data, 0o644))
		}
		subs = append(subs, NewSubmission(victim))
	}
	results := gradeClass(g, subs)
	for _, r := range results {
		require.Empty(t, r.Error, r.Student)
		assert.Equal(t, r.MaxTotal, r.Total, "%s: %v", r.Student, r.Flags)
		assert.Empty(t, r.Flags, r.Student)
	}
}

// gradeClass grades subs, all of them, without a previous gradebook.
func gradeClass(g *Grader, subs []Submission) []*StudentResult {
	return g.GradeAll(context.Background(), subs, nil, true)
}
