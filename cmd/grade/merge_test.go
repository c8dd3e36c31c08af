package main

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/grader"
)

// writeShards writes a small Canvas class graded in count shards, as
// grade -shard i/count would, and returns the shard files in index order.
func writeShards(t *testing.T, dir string, count int) []string {
	t.Helper()
	student := func(id, canvasName string, total int, flags ...grader.Flag) *grader.StudentResult {
		status := checks.Fail
		if total == 10 {
			status = checks.Pass
		}
		return &grader.StudentResult{Student: id, Name: canvasName, Rostered: true, Submission: id, Scheme: grader.SchemeCanvas,
			ChecksVersion: "v1", Confinement: "bubblewrap", Total: total, MaxTotal: 10, Flags: flags,
			Exercises: []grader.ExerciseResult{{Result: checks.Result{ExerciseID: "1", Status: status, Message: "メッセージ"},
				Title: "ReLU", Points: total, MaxPoints: 10}}}
	}
	students := []*grader.StudentResult{
		student("200001", "yamadataro", 10),
		student("200002", "suzukihanako", 0, grader.FlagLate),
		student("200003", "evilstudent", 10),
	}
	var paths []string
	for i := range count {
		gb := &grader.Gradebook{ChecksVersion: "v1", Confinement: grader.Confinement{Sandbox: "bubblewrap", Detail: "d"},
			Exercises: []grader.GradebookExercise{{ID: "1", Title: "ReLU", Points: 10}}, Shard: &grader.Shard{Index: i, Count: count}}
		for _, s := range students {
			if grader.ShardOf(s.Student, count) == i {
				gb.Students = append(gb.Students, s)
			}
		}
		data, err := gb.JSON()
		require.NoError(t, err)
		p := filepath.Join(dir, "shard-"+strconv.Itoa(i)+".json")
		require.NoError(t, os.WriteFile(p, data, 0o644))
		paths = append(paths, p)
	}
	return paths
}

// grade merge with -roster and -format: names from the roster, Canvas's
// import, every student's feedback, and the roster's missing student.
func TestMergeWithRosterAndFormat(t *testing.T) {
	dir := t.TempDir()
	shards := writeShards(t, dir, 3)
	out := filepath.Join(dir, "merged", "gradebook.csv")
	cfg, err := parseMergeArgs(append([]string{"-lang", "en", "-roster", filepath.Join(lmsDir, "roster_canvas.csv"), "-format", "canvas",
		"-canvas-assignment", "MLP (1)", "-out", out}, shards...), os.Stderr)
	require.NoError(t, err)
	var c capture
	require.NoError(t, runMerge(cfg, c.logf, c.logf))

	assert.Equal(t, [][]string{
		{"Student", "ID", "SIS User ID", "SIS Login ID", "Section", "MLP (1)"},
		{"    Points Possible", "", "", "", "", "10"},
		{"山田 太郎", "200001", "", "", "", "10"},
		{"鈴木 花子", "200002", "", "", "", "0"},
		{`'@SUM(1+1)*cmd|' /C calc'!A0`, "200003", "", "", "", "10"},
	}, readCSV(t, out, false))
	merged, err := grader.ReadGradebook(filepath.Join(dir, "merged", "gradebook.json"))
	require.NoError(t, err)
	assert.Nil(t, merged.Shard)
	assert.Len(t, merged.Students, 3)
	require.Len(t, merged.NotSubmitted, 1)
	assert.Equal(t, "200004", merged.NotSubmitted[0].ID)
	for _, id := range []string{"200001", "200002", "200003"} {
		_, err := os.Stat(filepath.Join(dir, "merged", "feedback", id+".md"))
		assert.NoError(t, err, "feedback of %s", id)
	}
	feedback, err := os.ReadFile(filepath.Join(dir, "merged", "feedback", "200001.md"))
	require.NoError(t, err)
	assert.Contains(t, string(feedback), "# 採点結果: 山田 太郎 (200001)")
	log := c.text()
	assert.Contains(t, log, "differs from the roster the shards were graded with")
	assert.Contains(t, log, "merged 3 shards, 3 students")
	assert.Contains(t, log, "summary: 3 students, 3 graded")
	assert.Contains(t, log, "flags: late 1 (200002)")
	assert.Contains(t, log, "roster rows without a submission: 1 (佐藤 次郎 (200004))")
}

// A missing shard stops the merge before anything is written.
func TestMergeRefusesAMissingShard(t *testing.T) {
	dir := t.TempDir()
	shards := writeShards(t, dir, 3)
	out := filepath.Join(dir, "merged", "gradebook.csv")
	cfg, err := parseMergeArgs(append([]string{"-lang", "en", "-out", out}, shards[0], shards[2]), os.Stderr)
	require.NoError(t, err)
	var c capture
	err = runMerge(cfg, c.logf, c.logf)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "missing shards: 1/3")
	_, statErr := os.Stat(out)
	assert.True(t, os.IsNotExist(statErr), "no gradebook was written")

	cfg, err = parseMergeArgs(append([]string{"-out", out}, filepath.Join(dir, "nope.json")), os.Stderr)
	require.NoError(t, err)
	assert.ErrorContains(t, runMerge(cfg, c.logf, c.logf), "no such file")
}
