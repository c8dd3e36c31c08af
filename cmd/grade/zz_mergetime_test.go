package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/grader"
)

func TestZZMergeTime(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	shards := make([]*grader.Gradebook, 3)
	for i := range shards {
		shards[i] = &grader.Gradebook{ChecksVersion: "v", Shard: &grader.Shard{Index: i, Count: 3}}
	}
	for k := range 3000 {
		id := fmt.Sprintf("s%06d", k)
		r := &grader.StudentResult{Student: id, Name: "山田 太郎", Total: 40, MaxTotal: 40}
		for _, ex := range []string{"1", "2", "2.1", "2.3"} {
			r.Exercises = append(r.Exercises, grader.ExerciseResult{Result: checks.Result{ExerciseID: checks.ExerciseID(ex), Status: checks.Pass, Message: "期待値と一致しました。入力 x = [0.1 0.2 0.3] に対して ..."}, Points: 10, MaxPoints: 10})
		}
		s := shards[grader.ShardOf(id, 3)]
		s.Students = append(s.Students, r)
	}
	for i, s := range shards {
		data, _ := s.JSON()
		p := filepath.Join(dir, fmt.Sprintf("shard-%d.json", i))
		os.WriteFile(p, data, 0o644)
		paths = append(paths, p)
	}
	cfg, err := parseMergeArgs(append([]string{"-out", filepath.Join(dir, "m", "g.csv")}, paths...), os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := runMerge(cfg, t.Logf, func(string, ...any) {}); err != nil {
		t.Fatal(err)
	}
	t.Logf("merge of 3000: %s", time.Since(start))
}
