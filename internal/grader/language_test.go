package grader

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/i18n"
)

// japanese matches any Japanese character.
var japanese = regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}]`)

func TestRosterLangColumn(t *testing.T) {
	const header = "id,name,email,submission,lang\n"
	ro, err := ParseRoster(strings.NewReader(header+
		"s1,Ann,ann@example.org,,en\n"+
		"s2,山田 太郎,taro@example.jp,,ja\n"+
		"s3,Bo,bo@example.org,, EN \n"+
		"s4,Cy,cy@example.org,,\n"), "r.csv")
	require.NoError(t, err)
	var langs []i18n.Lang
	for _, e := range ro.Entries {
		langs = append(langs, e.Lang)
	}
	assert.Equal(t, []i18n.Lang{i18n.English, i18n.Japanese, i18n.English, ""}, langs)

	_, err = ParseRoster(strings.NewReader(header+"s1,Ann,ann@example.org,,fr\n"), "r.csv")
	assert.EqualError(t, err, `roster r.csv: line 2: lang "fr" is neither ja nor en`)

	without, err := ParseRoster(strings.NewReader("id,name,email,submission\ns4,Cy,cy@example.org,\n"), "r.csv")
	require.NoError(t, err)
	empty, err := ParseRoster(strings.NewReader(header+"s4,Cy,cy@example.org,,\n"), "r.csv")
	require.NoError(t, err)
	assert.Equal(t, without.Digest(), empty.Digest(), "an empty lang column leaves the digest as it was")
	english, err := ParseRoster(strings.NewReader(header+"s4,Cy,cy@example.org,,en\n"), "r.csv")
	require.NoError(t, err)
	assert.NotEqual(t, without.Digest(), english.Digest(), "a language is part of the roster's content")
}

func TestMatchRosterCarriesTheStudentsLanguage(t *testing.T) {
	ro, err := ParseRoster(strings.NewReader("id,name,email,submission,lang\ns1,Ann,ann@example.org,ann,en\ns2,Bo,bo@example.org,bo,\n"), "r.csv")
	require.NoError(t, err)
	class, err := MatchRoster([]*ClassSubmission{{Key: "ann", Path: "a"}, {Key: "bo", Path: "b"}}, ro)
	require.NoError(t, err)
	require.Len(t, class.Members, 2)
	assert.Equal(t, i18n.English, class.Members[0].Submission().Lang)
	assert.Equal(t, i18n.Lang(""), class.Members[1].Submission().Lang, "no lang: the run's")
}

// englishResult is a graded submission whose messages are in English.
func englishResult() *StudentResult {
	r := &StudentResult{Student: "s1", Name: "Ann", Lang: i18n.English, Exercises: []ExerciseResult{
		{Result: checks.Result{ExerciseID: "1", Status: checks.Pass, Message: "On 3 inputs, all is well.", Lang: i18n.English},
			Title: "Function approximation with ReLUs", MaxPoints: 10},
		{Result: checks.Result{ExerciseID: "2", Status: checks.Fail, Message: "On the original example, the output is wrong.",
			Hint: "Apply the activation.", Lang: i18n.English}, Title: "A general MLP", MaxPoints: 10,
			Flags: []Flag{FlagPlagiarism}, Output: strings.Repeat("line\n", feedbackOutputLines+2)},
		{Result: checks.Result{ExerciseID: "2.1", Status: checks.NotImplemented, Message: "Fill in the TODO parts.", Lang: i18n.English},
			Title: "Cross-entropy loss of a batch", MaxPoints: 10},
	}}
	r.finish()
	return r
}

func TestFeedbackInEnglish(t *testing.T) {
	r := englishResult()
	text := string(Feedback(r))
	for _, want := range []string{
		"# Grading results: Ann (s1)",
		"Total: **10 / 30 points** (1 of 3 exercises passed)",
		"| Exercise | Result | Points |",
		"| Exercise 2 A general MLP | failed | 0 / 10 |",
		"## Exercise 2.1: Cross-entropy loss of a batch — not started",
		"Hint: Apply the activation.",
		"⚠️ Using the reference solutions or the grading code is reported to the instructors as plagiarism.",
		"Your program's output (for reference only; it is not used for grading):",
		"... (2 more lines)",
	} {
		assert.Contains(t, text, want)
	}
	assert.NotRegexp(t, japanese, text)
	assert.Equal(t, "Total 10 / 30 points. Exercise 1: passed; Exercise 2: failed; Exercise 2.1: not started.", FeedbackSummary(r))

	r.Error = "the submission cannot be graded: boom"
	assert.Contains(t, string(Feedback(r)), "Your submission could not be graded. Please contact your TA.")
	assert.Equal(t, "Your submission could not be graded. Please contact your TA.", FeedbackSummary(r))

	r.Lang = ""
	assert.Contains(t, string(Feedback(r)), "採点できませんでした", "a result without a language is Japanese")
}

func TestSummaryInJapanese(t *testing.T) {
	s := Summarize(summaryGradebook())
	s.NotSubmitted = []string{"佐藤 次郎 (s2024004)"}
	assert.Equal(t, "集計: 学生 5 人、採点 4 人、採点できなかった学生 1 人 (eve)\n"+
		"  合計 (満点 20): 平均 10.0、0-1: 1、10-11: 2、20: 1\n"+
		"  ex1    (10 点: 2 人、0 点: 2 人) 合格 2/4\n"+
		"  ex2    (10 点: 2 人、0 点: 2 人) 合格 2/4、未提出 1 人\n"+
		"  フラグ: timeout 2 (carol、dave); late 1 (bob)\n"+
		"  提出物のない名簿の行: 1 (佐藤 次郎 (s2024004))\n", s.Render(i18n.Japanese))
	assert.Equal(t, s.String(), s.Render(i18n.English))
	s.Errors = []string{"a", "b", "c", "d", "e"}
	assert.Contains(t, s.Render(i18n.Japanese), "(a、b、c ほか 2 人)")
	assert.Contains(t, s.Render(i18n.English), "(a, b, c and 2 more)")
}

func TestStudentMessagesInEnglish(t *testing.T) {
	src := &Source{File: "mlp.go", Origin: "02_mlp.ipynb", spans: []cellSpan{{Exercise: "2", Cell: 4, First: 10, Last: 20, CellFirst: 1}}}
	ex := checks.Lookup(checks.MLPForwardID)
	tests := []struct {
		name   string
		en, ja string
		want   string
	}{
		{"a cell's line", src.PositionIn(i18n.English, 12), src.Position(12), "line 3 of the cell of exercise 2 in 02_mlp.ipynb (cell 4)"},
		{"a file's line", (&Source{Origin: "mlp.go"}).PositionIn(i18n.English, 7), (&Source{Origin: "mlp.go"}).Position(7), "line 7 of mlp.go"},
		{"compile errors", compileMessage(i18n.English, src, ex, []CompileError{{Line: 12, Column: 5, Message: "undefined: foo"}, {Line: -1, Message: "x"}}),
			compileMessage(i18n.Japanese, src, ex, []CompileError{{Line: 12, Column: 5, Message: "undefined: foo"}, {Line: -1, Message: "x"}}),
			"This file does not compile, so its exercises could not run (the exercises of your other files were checked).\n" +
				"  line 3 of the cell of exercise 2 in 02_mlp.ipynb (cell 4) (column 5): undefined: foo\n  Adding this file makes the build fail: x"},
		{"a forbidden import", checkImports("x.go", []byte("package exercises\n\nimport \"os/exec\"\n")).DescribeIn(i18n.English, nil),
			checkImports("x.go", []byte("package exercises\n\nimport \"os/exec\"\n")).Describe(nil),
			`line 3: Package "os/exec" cannot be used (starting subprocesses is not allowed in grading).`},
		{"the working directory", workdirChanges{canaryChanged: true, created: []string{"a", "b"}}.describe(i18n.English),
			workdirChanges{canaryChanged: true, created: []string{"a", "b"}}.describe(i18n.Japanese),
			"changed " + canaryName + ", created a, created b"},
		{"dropped output", withDropped(i18n.English, "abc", 3), withDropped(i18n.Japanese, "abc", 3), "abc\n... (3 more bytes left out)"},
		{"a panic's line", studentPositions(i18n.English, "panic: boom (mlp.go の 27 行目)", "mlp.go", nil),
			studentPositions(i18n.Japanese, "panic: boom (mlp.go の 27 行目)", "mlp.go", nil), "panic: boom (line 27 of mlp.go)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.en)
			assert.Regexp(t, japanese, tc.ja, "the same message in Japanese")
		})
	}
	r := checkImports("x.go", []byte("package exercises\n\nimport \"os\"\n\nfunc f() { os.StartProcess(\"sh\", nil, nil) }\n"))
	require.NotNil(t, r)
	assert.Equal(t, "os.StartProcess は使えません (サブプロセスの起動 は採点では禁止です)。", r.Message, "Message stays Japanese")
	assert.Equal(t, "os.StartProcess cannot be used (starting subprocesses is not allowed in grading).", r.MessageIn(i18n.English))
}

// TestGradeInEnglish grades submissions that fail in different ways with
// their messages in English: the feedback holds no Japanese but what the
// student wrote, and a result graded in Japanese is not reused for English.
func TestGradeInEnglish(t *testing.T) {
	if testing.Short() {
		t.Skip("builds grading binaries")
	}
	g := newTestGrader(t)
	var subs []Submission
	for _, name := range []string{"partly_correct", "compile_error", "delete_files", "import_solutions", "panic"} {
		subs = append(subs, Submission{Student: name, Path: corpusDir + "/" + name, Lang: i18n.English})
	}
	results := g.GradeAll(context.Background(), subs, nil, false)
	previous := map[string]*StudentResult{}
	for _, r := range results {
		require.Empty(t, r.Error)
		assert.Equal(t, i18n.English, r.Lang)
		text := string(Feedback(r))
		assert.NotRegexp(t, japanese, text, "%s's feedback:\n%s", r.Student, text)
		assert.Contains(t, text, "# Grading results: "+r.Student)
		previous[r.Student] = r
	}
	byStudent := map[string]*StudentResult{}
	for _, r := range results {
		byStudent[r.Student] = r
	}
	assert.Contains(t, byStudent["compile_error"].Exercise("1").Message, "line 27 of relu_approx.go")
	assert.Contains(t, byStudent["delete_files"].Exercise("1").Message, "Your code changed the files of its working directory (deleted "+canaryName+")")
	assert.Contains(t, byStudent["panic"].Exercise("1").Message, "(line 20 of relu_approx.go)", "the child's Japanese site, rewritten")
	assert.Contains(t, byStudent["partly_correct"].Exercise("2.1").Message, "This matches the sum of the losses")

	again := g.GradeAll(context.Background(), subs[:1], previous, false)
	assert.True(t, again[0].Cached, "an unchanged submission in the same language is reused")
	subs[0].Lang = i18n.Japanese
	again = g.GradeAll(context.Background(), subs[:1], previous, false)
	assert.False(t, again[0].Cached, "another language grades again")
	assert.Contains(t, string(Feedback(again[0])), "# 採点結果: partly_correct")
}

// A panic's position arrives in either language (the child writes Japanese;
// a result judged in English says it in English) and leaves in language l.
func TestStudentPositionsReadsBothLanguages(t *testing.T) {
	tests := []struct {
		name string
		l    i18n.Lang
		msg  string
		want string
	}{
		{"Japanese in, English out", i18n.English, "`boom` (relu_approx.go の 20 行目)", "`boom` (" + i18n.English.Sprintf("grader.position.file", "relu_approx.go", 20) + ")"},
		{"English in, Japanese out", i18n.Japanese, "`boom` (line 20 of relu_approx.go)", "`boom` (" + i18n.Japanese.Sprintf("grader.position.file", "relu_approx.go", 20) + ")"},
		{"English in, English out", i18n.English, "`boom` (line 7 of relu_approx.go)", "`boom` (" + i18n.English.Sprintf("grader.position.file", "relu_approx.go", 7) + ")"},
		{"another file stays", i18n.English, "line 7 of mlp.go", "line 7 of mlp.go"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, studentPositions(tc.l, tc.msg, "relu_approx.go", nil))
		})
	}
}
