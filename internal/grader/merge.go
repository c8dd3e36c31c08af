package grader

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
)

// ReadShard reads a shard's JSON gradebook; unlike [ReadGradebook], a
// missing file is an error, and so is a gradebook that is not a shard's.
func ReadShard(path string) (*Gradebook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("grader: shard: %w", err)
	}
	var gb Gradebook
	if err := json.Unmarshal(data, &gb); err != nil {
		return nil, fmt.Errorf("grader: shard %s: %w", path, err)
	}
	if gb.Shard == nil || !gb.Shard.Sharded() {
		return nil, fmt.Errorf("grader: %s is not a shard's gradebook (it was graded without -shard)", path)
	}
	if gb.Shard.Index < 0 || gb.Shard.Index >= gb.Shard.Count || gb.Shard.Count > MaxShards {
		return nil, fmt.Errorf("grader: %s claims to be shard %d of %d, which does not exist", path, gb.Shard.Index, gb.Shard.Count)
	}
	return &gb, nil
}

// MergeShards puts the gradebooks of the shards of one class back together;
// names[i] names shards[i] in errors. It refuses, listing every problem:
//
//   - shards of different counts, a shard given twice, a missing shard;
//   - shards graded with different checks versions, exercises, rosters, or
//     under a different confinement (sandbox, version, namespaces, users
//     and limits): their grades are not comparable;
//   - a student in two shards, or in a shard their ID does not hash to
//     (a shard of another class, or of another roster).
//
// The result is not a shard; its students are sorted, its NotSubmitted the
// union of the shards', and its GradedAt the latest shard's.
func MergeShards(shards []*Gradebook, names []string) (*Gradebook, error) {
	if len(shards) == 0 {
		return nil, errors.New("grader: no shards to merge")
	}
	var problems []string
	first := shards[0]
	count := first.Shard.Count
	byIndex := map[int]string{}
	for i, gb := range shards {
		name := names[i]
		if gb.Shard.Count != count {
			problems = append(problems, fmt.Sprintf("%s is shard %s, but %s is shard %s: different counts", name, gb.Shard, names[0], first.Shard))
			continue
		}
		if other, dup := byIndex[gb.Shard.Index]; dup {
			problems = append(problems, fmt.Sprintf("shard %s is given twice: %s and %s", gb.Shard, other, name))
		}
		byIndex[gb.Shard.Index] = name
		if gb.ChecksVersion != first.ChecksVersion {
			problems = append(problems, fmt.Sprintf("%s was graded with checks version %s, %s with %s", name, gb.ChecksVersion, names[0], first.ChecksVersion))
		}
		if gb.Confinement != first.Confinement {
			problems = append(problems, fmt.Sprintf("%s was graded under a different confinement than %s:\n    %s\n    %s", name, names[0], gb.Confinement, first.Confinement))
		}
		if !slices.Equal(gb.Exercises, first.Exercises) {
			problems = append(problems, fmt.Sprintf("%s grades other exercises than %s", name, names[0]))
		}
		if gb.Roster != first.Roster {
			problems = append(problems, fmt.Sprintf("%s was matched against another roster than %s (%q, %q)", name, names[0], gb.Roster, first.Roster))
		}
	}
	var missing []string
	for i := range count {
		if _, ok := byIndex[i]; !ok {
			missing = append(missing, Shard{Index: i, Count: count}.String())
		}
	}
	if len(missing) > 0 {
		problems = append(problems, fmt.Sprintf("missing shards: %s", strings.Join(missing, ", ")))
	}
	merged := &Gradebook{ChecksVersion: first.ChecksVersion, Confinement: first.Confinement,
		Exercises: first.Exercises, Roster: first.Roster}
	seen := map[string]string{}
	for i, gb := range shards {
		if gb.GradedAt.After(merged.GradedAt) {
			merged.GradedAt = gb.GradedAt
		}
		for _, r := range gb.Students {
			if other, dup := seen[r.Student]; dup {
				problems = append(problems, fmt.Sprintf("student %q is in %s and in %s", r.Student, other, names[i]))
				continue
			}
			seen[r.Student] = names[i]
			if want := ShardOf(r.Student, count); want != gb.Shard.Index && gb.Shard.Count == count {
				problems = append(problems, fmt.Sprintf("student %q is in %s (shard %s) but belongs to shard %d/%d", r.Student, names[i], gb.Shard, want, count))
			}
			merged.Students = append(merged.Students, r)
		}
		merged.NotSubmitted = append(merged.NotSubmitted, gb.NotSubmitted...)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("grader: cannot merge the shards:\n  %s", strings.Join(problems, "\n  "))
	}
	sort.SliceStable(merged.Students, func(i, j int) bool { return merged.Students[i].Student < merged.Students[j].Student })
	sort.Slice(merged.NotSubmitted, func(i, j int) bool { return merged.NotSubmitted[i].ID < merged.NotSubmitted[j].ID })
	return merged, nil
}
