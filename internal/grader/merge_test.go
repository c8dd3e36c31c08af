package grader

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shardsOf splits gb into count shard gradebooks, as count runs with
// -shard i/count would write them.
func shardsOf(gb *Gradebook, count int) []*Gradebook {
	shards := make([]*Gradebook, count)
	for i := range shards {
		shards[i] = &Gradebook{ChecksVersion: gb.ChecksVersion, Confinement: gb.Confinement, Exercises: gb.Exercises,
			Roster: gb.Roster, Shard: &Shard{Index: i, Count: count}, GradedAt: time.Date(2025, 6, 1, 10, i, 0, 0, time.UTC)}
	}
	for _, r := range gb.Students {
		s := shards[ShardOf(r.Student, count)]
		s.Students = append(s.Students, r)
	}
	return shards
}

func shardNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("shard-%d.json", i)
	}
	return names
}

func TestMergeShards(t *testing.T) {
	gb := exportGradebook()
	gb.Confinement = Confinement{Sandbox: "bubblewrap", Version: "bubblewrap 0.11.0", Detail: "user, pid namespaces"}
	gb.Roster = "0123456789abcdef"
	shards := shardsOf(gb, 3)
	shards[1].NotSubmitted = []RosterEntry{{ID: "s9", Name: "佐藤 次郎"}}
	for i, s := range shards {
		for _, r := range s.Students {
			assert.Equal(t, i, ShardOf(r.Student, 3))
		}
	}
	merged, err := MergeShards([]*Gradebook{shards[2], shards[0], shards[1]}, shardNames(3))
	require.NoError(t, err)
	assert.Nil(t, merged.Shard, "the merge is the whole class")
	assert.Equal(t, gb.ChecksVersion, merged.ChecksVersion)
	assert.Equal(t, gb.Confinement, merged.Confinement)
	assert.Equal(t, gb.Exercises, merged.Exercises)
	assert.Equal(t, gb.Roster, merged.Roster)
	assert.Equal(t, shards[2].GradedAt, merged.GradedAt, "the latest shard's time")
	assert.Equal(t, []RosterEntry{{ID: "s9", Name: "佐藤 次郎"}}, merged.NotSubmitted)
	var students []string
	for _, r := range merged.Students {
		students = append(students, r.Student)
	}
	assert.Equal(t, []string{"-rf", "200001", "200003", "s2024002", "s2024003"}, students, "sorted, each once")
	sort.Slice(gb.Students, func(i, j int) bool { return gb.Students[i].Student < gb.Students[j].Student })
	want, err := gb.CSV()
	require.NoError(t, err)
	got, err := merged.CSV()
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
}

func TestMergeShardsRefuses(t *testing.T) {
	base := exportGradebook()
	base.Confinement = Confinement{Sandbox: "bubblewrap", Version: "bubblewrap 0.11.0", Detail: "children run as the grader's user"}
	fresh := func() []*Gradebook { return shardsOf(base, 3) }
	tests := []struct {
		name   string
		shards func() []*Gradebook
		errs   []string
	}{
		{"a missing shard", func() []*Gradebook { return fresh()[:2] }, []string{"missing shards: 2/3"}},
		{"a shard given twice", func() []*Gradebook { s := fresh(); return []*Gradebook{s[0], s[1], s[2], s[1]} },
			[]string{"shard 1/3 is given twice: shard-1.json and shard-3.json", "is in shard-1.json and in shard-3.json"}},
		{"another count", func() []*Gradebook { s := fresh(); s[2].Shard = &Shard{Index: 2, Count: 4}; return s },
			[]string{"shard-2.json is shard 2/4, but shard-0.json is shard 0/3: different counts", "missing shards: 2/3"}},
		{"another checks version", func() []*Gradebook { s := fresh(); s[1].ChecksVersion = "v2"; return s },
			[]string{"shard-1.json was graded with checks version v2, shard-0.json with v1"}},
		{"another confinement", func() []*Gradebook {
			s := fresh()
			s[2].Confinement.Detail = "children run as uid 1900000000+slot (one uid per worker)"
			return s
		}, []string{"shard-2.json was graded under a different confinement than shard-0.json"}},
		{"unconfined", func() []*Gradebook { s := fresh(); s[1].Confinement = Confinement{Sandbox: "none"}; return s },
			[]string{"shard-1.json was graded under a different confinement"}},
		{"other exercises", func() []*Gradebook { s := fresh(); s[1].Exercises = s[1].Exercises[:1]; return s },
			[]string{"shard-1.json grades other exercises than shard-0.json"}},
		{"another roster", func() []*Gradebook { s := fresh(); s[2].Roster = "ffff"; return s },
			[]string{"shard-2.json was matched against another roster than shard-0.json"}},
		{"a student in the wrong shard", func() []*Gradebook {
			s := fresh()
			moved := s[0].Students[0]
			s[0].Students = s[0].Students[1:]
			s[1].Students = append(s[1].Students, moved)
			return s
		}, []string{"is in shard-1.json (shard 1/3) but belongs to shard 0/3"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			shards := tc.shards()
			_, err := MergeShards(shards, shardNames(len(shards)))
			require.Error(t, err)
			for _, e := range tc.errs {
				assert.Contains(t, err.Error(), e)
			}
		})
	}
	t.Run("no shards", func(t *testing.T) {
		_, err := MergeShards(nil, nil)
		assert.EqualError(t, err, "grader: no shards to merge")
	})
}

func TestReadShard(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, gb *Gradebook) string {
		data, err := gb.JSON()
		require.NoError(t, err)
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, data, 0o644))
		return p
	}
	gb := exportGradebook()
	shard := shardsOf(gb, 2)[1]
	back, err := ReadShard(write("shard.json", shard))
	require.NoError(t, err)
	assert.Equal(t, Shard{Index: 1, Count: 2}, *back.Shard)
	assert.Len(t, back.Students, len(shard.Students))

	_, err = ReadShard(write("whole.json", gb))
	assert.ErrorContains(t, err, "whole.json is not a shard's gradebook (it was graded without -shard)")
	_, err = ReadShard(write("bogus.json", &Gradebook{Shard: &Shard{Index: 3, Count: 3}}))
	assert.ErrorContains(t, err, "bogus.json claims to be shard 3 of 3, which does not exist")
	_, err = ReadShard(filepath.Join(dir, "missing.json"))
	assert.ErrorContains(t, err, "no such file")
	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte("{"), 0o644))
	_, err = ReadShard(bad)
	assert.ErrorContains(t, err, "bad.json")
}
