package grader

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Shard is one of Count parts of a class (cmd/grade -shard Index/Count),
// for grading a class on several machines: each submission is graded by
// exactly one shard, and [MergeShards] puts the shards' gradebooks back
// together. The zero Shard is the whole class.
type Shard struct {
	Index int `json:"index"` // 0 to Count-1, as Kubernetes's JOB_COMPLETION_INDEX
	Count int `json:"count"`
}

// MaxShards bounds -shard's count: more shards than students is a typo.
const MaxShards = 10_000

// ShardIndexVariable is the environment variable that "-shard /n" reads
// the index from: Kubernetes sets it in each pod of an Indexed Job.
const ShardIndexVariable = "JOB_COMPLETION_INDEX"

// ParseShard reads "i/n" (0 ≤ i < n ≤ MaxShards), or "/n", which takes i
// from getenv(ShardIndexVariable). The empty string is the whole class.
// Numbers are plain decimal digits: no sign, no space.
func ParseShard(spec string, getenv func(string) string) (Shard, error) {
	if spec == "" {
		return Shard{}, nil
	}
	index, count, ok := strings.Cut(spec, "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: want i/n (for example 0/3) or /n", spec)
	}
	n, err := shardNumber(count)
	if err != nil || n < 1 || n > MaxShards {
		return Shard{}, fmt.Errorf("shard %q: the count must be a number from 1 to %d", spec, MaxShards)
	}
	from := "the shard"
	if index == "" {
		index = getenv(ShardIndexVariable)
		from = ShardIndexVariable
		if index == "" {
			return Shard{}, fmt.Errorf("shard %q: %s is not set (it is set in a Kubernetes Indexed Job); give i/n instead", spec, ShardIndexVariable)
		}
	}
	i, err := shardNumber(index)
	if err != nil || i >= n {
		return Shard{}, fmt.Errorf("shard %q: the index from %s, %q, must be a number from 0 to %d", spec, from, index, n-1)
	}
	return Shard{Index: i, Count: n}, nil
}

// shardNumber parses plain decimal digits.
func shardNumber(s string) (int, error) {
	if s == "" || strings.TrimLeft(s, "0123456789") != "" || len(s) > 6 {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	return strconv.Atoi(s)
}

// Sharded reports whether s is a part, not the whole class.
func (s Shard) Sharded() bool { return s.Count > 0 }

// ShardOf returns the shard that key falls in among count: the first 8 bytes of
// the key's SHA-256, modulo count. The hash depends on the key alone, so a
// student stays in their shard when classmates are added or removed, which
// an order by name would not do. count must be positive.
func ShardOf(key string, count int) int {
	sum := sha256.Sum256([]byte(key))
	return int(binary.BigEndian.Uint64(sum[:8]) % uint64(count))
}

// Contains reports whether the student with key belongs to the shard; the
// whole class contains everyone.
func (s Shard) Contains(key string) bool {
	return !s.Sharded() || ShardOf(key, s.Count) == s.Index
}

// String is "i/n", or "all" for the whole class.
func (s Shard) String() string {
	if !s.Sharded() {
		return "all"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}
