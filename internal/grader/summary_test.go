package grader

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
)

// ExampleSummarize summarises a small class: four graded students (one
// flagged late, one who submitted nothing for exercise 2), one that could
// not be graded, and the roster's report.
func ExampleSummarize() {
	gb := summaryGradebook()
	s := Summarize(gb)
	s.NotSubmitted = []string{"佐藤 次郎 (s2024004)"}
	fmt.Print(s)
	// Output:
	// summary: 5 students, 4 graded, 1 could not be graded (eve)
	//   total (max 20): mean 10.0; 0-1: 1, 10-11: 2, 20: 1
	//   ex1    (10 pts: 2, 0 pts: 2) passed 2/4
	//   ex2    (10 pts: 2, 0 pts: 2) passed 2/4, 1 not submitted
	//   flags: timeout 2 (carol, dave); late 1 (bob)
	//   roster rows without a submission: 1 (佐藤 次郎 (s2024004))
}

// summaryGradebook is a class of five, with known distributions.
func summaryGradebook() *Gradebook {
	result := func(student string, late bool, statuses ...checks.Status) *StudentResult {
		r := &StudentResult{Student: student}
		for i, st := range statuses {
			id := []checks.ExerciseID{"1", "2"}[i]
			e := ExerciseResult{Result: checks.Result{ExerciseID: id, Status: st}, MaxPoints: 10}
			switch {
			case st == checks.NotImplemented:
				e.addFlag(FlagNotSubmitted)
			case st == checks.Fail && i == 0:
				e.addFlag(FlagTimeout)
			}
			r.Exercises = append(r.Exercises, e)
		}
		r.finish()
		r.SetFlag(FlagLate, late)
		return r
	}
	return &Gradebook{
		Exercises: []GradebookExercise{{ID: "1", Points: 10}, {ID: "2", Points: 10}},
		Students: []*StudentResult{
			result("alice", false, checks.Pass, checks.Pass),
			result("bob", true, checks.Pass, checks.NotImplemented),
			result("carol", false, checks.Fail, checks.Pass),
			result("dave", false, checks.Fail, checks.Fail),
			{Student: "eve", Error: "the submission cannot be graded: bomb.go is 40 MiB"},
		},
	}
}

func TestSummarize(t *testing.T) {
	s := Summarize(summaryGradebook())
	assert.Equal(t, 5, s.Students)
	assert.Equal(t, []string{"eve"}, s.Errors)
	assert.Equal(t, 20, s.MaxPoints)
	const tol = 1e-9
	assert.InDelta(t, (20+10+10+0)/4.0, s.Mean, tol)
	require.Len(t, s.Exercises, 2)
	assert.Equal(t, ExerciseSummary{ID: "1", Points: 10, Scores: map[int]int{10: 2, 0: 2}, Passed: 2}, s.Exercises[0])
	assert.Equal(t, ExerciseSummary{ID: "2", Points: 10, Scores: map[int]int{10: 2, 0: 2}, Passed: 2, NotSubmitted: 1}, s.Exercises[1])
	assert.Equal(t, []FlagCount{{FlagTimeout, []string{"carol", "dave"}}, {FlagLate, []string{"bob"}}}, s.Flags)
	var counted int
	for _, b := range s.Totals {
		counted += b.Students
	}
	assert.Equal(t, 4, counted)
	assert.Equal(t, Band{From: 0, To: 1, Students: 1}, s.Totals[0])
	assert.Equal(t, Band{From: 10, To: 11, Students: 2}, s.Totals[5])
	assert.Equal(t, Band{From: 20, To: 20, Students: 1}, s.Totals[len(s.Totals)-1])
}

func TestBands(t *testing.T) {
	tests := []struct {
		max   int
		bands []Band
	}{
		{40, []Band{{0, 3, 0}, {4, 7, 0}, {8, 11, 0}, {12, 15, 0}, {16, 19, 0}, {20, 23, 0}, {24, 27, 0}, {28, 31, 0}, {32, 35, 0}, {36, 39, 0}, {40, 40, 0}}},
		{5, []Band{{0, 0, 0}, {1, 1, 0}, {2, 2, 0}, {3, 3, 0}, {4, 4, 0}, {5, 5, 0}}},
		{0, nil},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.bands, bands(nil, tc.max), "max %d", tc.max)
	}
}
