package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/grader"
)

// triesPerHint is how many unsuccessful tries reveal the next hint level by
// themselves: the gentle hint from the first try, the pointed one from the
// fourth, and so on.
const triesPerHint = 3

// hintState counts, per exercise, the tries that did not pass and the
// highest hint level asked for with -hint.
type hintState struct {
	Tries map[checks.ExerciseID]int              `json:"tries"`
	Asked map[checks.ExerciseID]checks.HintLevel `json:"asked"`
}

// newHintState is a state with no tries.
func newHintState() *hintState {
	return &hintState{Tries: map[checks.ExerciseID]int{}, Asked: map[checks.ExerciseID]checks.HintLevel{}}
}

// loadState reads the state; a missing or unreadable file starts afresh.
func loadState(path string) (*hintState, error) {
	st := newHintState()
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	if json.Unmarshal(data, st) != nil {
		return newHintState(), nil
	}
	if st.Tries == nil {
		st.Tries = map[checks.ExerciseID]int{}
	}
	if st.Asked == nil {
		st.Asked = map[checks.ExerciseID]checks.HintLevel{}
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
// -hint N request (0 when there was none).
func (st *hintState) recordTry(id checks.ExerciseID, asked checks.HintLevel) {
	st.Tries[id]++
	if asked > st.Asked[id] {
		st.Asked[id] = asked
	}
}

// level is the highest hint level of exercise id to show: the gentle hint
// at first, one level more after every triesPerHint tries, or the level
// asked for, and never above the explicit hint.
func (st *hintState) level(id checks.ExerciseID) checks.HintLevel {
	level := checks.GentleHint + checks.HintLevel(max(st.Tries[id]-1, 0)/triesPerHint)
	return min(max(level, st.Asked[id]), checks.ExplicitHint)
}

// hints returns the hints of exercise id to show in language l, from the
// gentle one up to its level, each numbered "ヒント L/3" or "Hint L/3"; none
// for an exercise not in the registry.
func (st *hintState) hints(l checks.Lang, id checks.ExerciseID) []string {
	ex, ok := checks.Find(id)
	if !ok {
		return nil
	}
	var out []string
	for i, h := range ex.HintsIn(l).UpTo(st.level(id)) {
		out = append(out, checks.HintLevel(i+1).LabelIn(l)+": "+h)
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
