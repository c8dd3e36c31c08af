package nbgen

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/pristine"
)

func TestExerciseCellsByEdition(t *testing.T) {
	root, err := pristine.Root()
	require.NoError(t, err)
	ex, ok := checks.Find(checks.MLPForwardID)
	require.True(t, ok)
	stub, err := os.ReadFile(filepath.Join(root, "pkg", "exercises", ex.File))
	require.NoError(t, err)
	reference, err := ExerciseCode(root, "2", Instructor)
	require.NoError(t, err)
	answer := AnswerCell(ex)
	assert.Equal(t, "import \"github.com/nma-go/mlp/pkg/exercises\"\n\n"+
		"// MLPForward は、pkg/exercises/mlp.go に保存されているあなたの答えです。\n"+
		"// コンパイルエラーの行番号はこのファイルのもので、演習セルでは 1 行下になります。\n"+
		"var MLPForward = exercises.MLPForward", answer.Source)

	tests := []struct {
		src  string
		ed   Edition
		want []Cell
	}{
		{"--- exercise 2\n", Student, []Cell{
			{Type: "code", Tags: []string{"exercise", "exercise-2"},
				Source: StudentExerciseSource(ex.File, stub)},
			answer}},
		{"--- exercise 2\n", Instructor, []Cell{{Type: "code", Tags: []string{"exercise", "exercise-2"}, Source: reference}}},
		{"--- exercise 2 reuse\n", Student, []Cell{answer}},
		{"--- exercise 2 reuse\n", Instructor, []Cell{{Type: "code", Tags: []string{"exercise-reuse", "exercise-reuse-2"}, Source: reference}}},
	}
	for _, tc := range tests {
		got, err := Render(root, "x.nb", tc.src, Target{Edition: tc.ed})
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "%q, %s edition", tc.src, tc.ed)
	}
	assert.NotContains(t, reference, "%%script", "the instructor edition writes nothing into pkg/exercises")
}

func TestHintsCell(t *testing.T) {
	ex := checks.Exercise{ID: "9", Hints: checks.Hints{Gentle: "考え方", Pointed: `Slice(x, "a") & <b>`, Explicit: "ほぼ答え"}}
	assert.Equal(t, i18n.Japanese.Sprintf("notebook.hints_intro")+"\n\n"+
		"<details><summary style=\"display: list-item\">ヒント 1/3</summary>\n<p>考え方</p>\n</details>\n\n"+
		"<details><summary style=\"display: list-item\">ヒント 2/3</summary>\n<p>Slice(x, &#34;a&#34;) &amp; &lt;b&gt;</p>\n</details>\n\n"+
		"<details><summary style=\"display: list-item\">ヒント 3/3</summary>\n<p>ほぼ答え</p>\n</details>", HintsMarkdown(ex, i18n.Japanese))

	cells, err := Render(".", "x.nb", "--- markdown\nhi\n--- hints 2.1\n", Target{Edition: Student})
	require.NoError(t, err)
	require.Len(t, cells, 2)
	assert.Equal(t, []string{"hints", "hints-2.1"}, cells[1].Tags)
	assert.Equal(t, HintsMarkdown(checks.Lookup(checks.CrossEntropyLossID), i18n.Japanese), cells[1].Source)
	for _, ed := range Editions {
		got, err := Render(".", "x.nb", "--- hints 2.1\n", Target{Edition: ed})
		require.NoError(t, err)
		assert.Equal(t, cells[1:], got, "both editions show the hints")
	}
}

func TestMarkdownByEdition(t *testing.T) {
	src := "--- markdown\nboth\n--- markdown student\nS\n--- markdown instructor\nI\n"
	for _, tc := range []struct {
		ed   Edition
		want []string
	}{{Student, []string{"both", "S"}}, {Instructor, []string{"both", "I"}}} {
		cells, err := Render(".", "x.nb", src, Target{Edition: tc.ed})
		require.NoError(t, err)
		var got []string
		for _, c := range cells {
			assert.Equal(t, "markdown", c.Type)
			got = append(got, c.Source)
		}
		assert.Equal(t, tc.want, got, tc.ed)
	}
}

func TestExerciseAndHintsErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"hints without id", "--- hints\n", `want "--- hints ID"`},
		{"hints with text", "--- hints 1\nmore\n", "takes its text from checks.Registry"},
		{"hints of an unknown exercise", "--- hints 9\n", `unknown exercise "9"`},
		{"an unknown exercise", "--- exercise 9\n", `unknown exercise "9"`},
		{"markdown for a third edition", "--- markdown teacher\nx", "unknown edition"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, ed := range Editions {
				_, err := Render(".", "x.nb", tc.src, Target{Edition: ed})
				assert.ErrorContains(t, err, tc.want, ed)
			}
		})
	}
}
