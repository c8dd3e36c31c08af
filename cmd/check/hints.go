package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/grader"
)

// triesPerHint is how many unsuccessful tries reveal the next hint by
// themselves: hint 1 from the first try, hint 2 from the fourth, and so on.
const triesPerHint = 3

// hintState counts, per exercise, the tries that did not pass and the
// highest hint asked for with -hint.
type hintState struct {
	Tries map[string]int `json:"tries"`
	Asked map[string]int `json:"asked"`
}

// loadState reads the state; a missing or unreadable file starts afresh.
func loadState(path string) (*hintState, error) {
	st := &hintState{Tries: map[string]int{}, Asked: map[string]int{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	if json.Unmarshal(data, st) != nil {
		return &hintState{Tries: map[string]int{}, Asked: map[string]int{}}, nil
	}
	if st.Tries == nil {
		st.Tries = map[string]int{}
	}
	if st.Asked == nil {
		st.Asked = map[string]int{}
	}
	return st, nil
}

// save writes the state atomically.
func (st *hintState) save(path string) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return grader.WriteFileAtomic(path, data)
}

// recordTry counts a try of exercise id that did not pass, and remembers a
// -hint N request.
func (st *hintState) recordTry(id string, asked int) {
	st.Tries[id]++
	if asked > st.Asked[id] {
		st.Asked[id] = asked
	}
}

// level is how many hints of exercise id to show: at least one, more after
// every triesPerHint tries, or as many as asked.
func (st *hintState) level(id string) int {
	level := 1 + max(st.Tries[id]-1, 0)/triesPerHint
	return max(level, st.Asked[id])
}

// hints returns the hints of exercise id to show, in order.
func (st *hintState) hints(id string) []string {
	all := checks.Lookup(id).Hints
	n := min(st.level(id), len(all))
	out := make([]string, n)
	for i := range n {
		out[i] = fmt.Sprintf("ヒント %d/%d: %s", i+1, len(all), all[i])
	}
	return out
}

// nextExercise is the first exercise that does not pass, the one the hints
// are about (as in rustlings); nil when all pass.
func nextExercise(exercises []grader.ExerciseResult) *grader.ExerciseResult {
	for i := range exercises {
		if !exercises[i].Passed() {
			return &exercises[i]
		}
	}
	return nil
}
