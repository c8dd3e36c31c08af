package grader

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ExampleParseShard() {
	// Pod 1 of a Kubernetes Indexed Job of 3 runs grade -shard /3.
	getenv := func(name string) string { return map[string]string{"JOB_COMPLETION_INDEX": "1"}[name] }
	shard, err := ParseShard("/3", getenv)
	fmt.Println(shard, err)
	fmt.Println(shard.Contains("s2024001"), shard.Contains("200001"))
	// Output:
	// 1/3 <nil>
	// true false
}

func TestParseShard(t *testing.T) {
	env := func(index string) func(string) string {
		return func(name string) string {
			if name == ShardIndexVariable {
				return index
			}
			return ""
		}
	}
	tests := []struct {
		spec, index string
		want        Shard
		err         string
	}{
		{"", "", Shard{}, ""},
		{"0/3", "", Shard{Index: 0, Count: 3}, ""},
		{"2/3", "7", Shard{Index: 2, Count: 3}, ""}, // an explicit index wins over the variable
		{"/3", "1", Shard{Index: 1, Count: 3}, ""},
		{"0/1", "", Shard{Index: 0, Count: 1}, ""},
		{"9999/10000", "", Shard{Index: 9999, Count: 10000}, ""},
		{"/3", "", Shard{}, "JOB_COMPLETION_INDEX is not set"},
		{"/3", "3", Shard{}, `the index from JOB_COMPLETION_INDEX, "3", must be a number from 0 to 2`},
		{"/3", "-1", Shard{}, "must be a number from 0 to 2"},
		{"3/3", "", Shard{}, `the index from the shard, "3", must be a number from 0 to 2`},
		{"1/0", "", Shard{}, "the count must be a number from 1 to 10000"},
		{"0/10001", "", Shard{}, "the count must be a number from 1 to 10000"},
		{"+1/3", "", Shard{}, "must be a number"},
		{" 1/3", "", Shard{}, "must be a number"},
		{"1/3/4", "", Shard{}, "the count must be a number"},
		{"1", "", Shard{}, "want i/n (for example 0/3) or /n"},
		{"a/b", "", Shard{}, "the count must be a number"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%q with %q", tc.spec, tc.index), func(t *testing.T) {
			got, err := ParseShard(tc.spec, env(tc.index))
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// The shard of a key is the first 8 bytes of its SHA-256 modulo the count:
// these values were computed independently (Python's hashlib) and must
// never change, or a re-run would move students between shards.
func TestShardOfIsStable(t *testing.T) {
	tests := []struct {
		key       string
		of3, of10 int
	}{
		{"s2024001", 1, 7},
		{"200001", 0, 5},
		{"alice", 2, 7},
		{"correct", 2, 4},
		{"山田 太郎", 2, 9},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.of3, ShardOf(tc.key, 3), tc.key)
		assert.Equal(t, tc.of10, ShardOf(tc.key, 10), tc.key)
	}
}

// A class of 3,000 spreads evenly, and adding a student moves no one else.
func TestShardOfSpreadsAndStays(t *testing.T) {
	const students, shards = 3000, 3
	counts := make([]int, shards)
	before := map[string]int{}
	for i := range students {
		key := fmt.Sprintf("s%07d", i)
		before[key] = ShardOf(key, shards)
		counts[before[key]]++
	}
	for i, n := range counts {
		assert.InDelta(t, students/shards, n, 0.1*students/shards, "shard %d of %d holds %d", i, shards, n)
	}
	for key, s := range before {
		assert.Equal(t, s, ShardOf(key, shards))
	}
	whole := Shard{}
	assert.True(t, whole.Contains("anyone"))
	assert.Equal(t, "all", whole.String())
	assert.Equal(t, "1/3", Shard{Index: 1, Count: 3}.String())
	assert.True(t, Shard{Index: 1, Count: 3}.Contains("s2024001"))
	assert.False(t, Shard{Index: 0, Count: 3}.Contains("s2024001"))
}
