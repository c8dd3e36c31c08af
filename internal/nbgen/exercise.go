package nbgen

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/answers"
	"github.com/nma-go/mlp/internal/i18n"
)

// Cell tags of the cells an exercise renders to, besides [ExerciseTags].
const (
	// AnswerTag marks the student edition's cell that declares an
	// exercise's function as the answer saved in pkg/exercises.
	AnswerTag = "answer"
	// HintsTag marks the markdown cell of an exercise's graded hints.
	HintsTag = "hints"
)

// exerciseCells renders "--- exercise ID" (reuse: "--- exercise ID reuse")
// for an edition.
//
// The instructor edition gets the reference from pkg/solutions, a Go cell
// that declares the exercise's function in the notebook and writes nothing.
//
// The student edition gets the whole stub file of pkg/exercises, under the
// line [answers.ScriptLine]: running the cell saves it into pkg/exercises
// (through cmd/answer, which never overwrites an answer edited in an
// editor). Then comes [AnswerCell], which declares the function as the saved
// answer, so that the cells below use the same name in both editions. A
// reuse renders only the AnswerCell: the answer saved by an earlier notebook
// or written in an editor, with nothing pasted.
//
// Comments are those of t's language ([LocalizeComments]).
func exerciseCells(root, id string, t Target, reuse bool) ([]Cell, error) {
	ed := t.Edition
	ex, ok := checks.Find(checks.ExerciseID(id))
	if !ok {
		return nil, fmt.Errorf("unknown exercise %q (not in checks.Registry)", id)
	}
	if ed == Instructor {
		code, err := ExerciseCode(root, id, ed)
		if err != nil {
			return nil, err
		}
		code = LocalizeComments(code, t.Lang)
		tags := ExerciseTags(id)
		if reuse {
			tags = []string{"exercise-reuse", "exercise-reuse-" + id}
		}
		return []Cell{{Type: "code", Source: code, Tags: tags}}, nil
	}
	answer := AnswerCellIn(ex, t.Lang)
	if reuse {
		return []Cell{answer}, nil
	}
	stub, err := os.ReadFile(filepath.Join(root, "pkg", "exercises", ex.File))
	if err != nil {
		return nil, err
	}
	if _, err := ExtractExercise(filepath.Join("pkg", "exercises", ex.File), stub, id); err != nil {
		return nil, err
	}
	return []Cell{{Type: "code", Source: StudentExerciseSourceFor(t, ex.File, stub), Tags: ExerciseTags(id)}, answer}, nil
}

// StudentExerciseSource is the Japanese student edition's exercise cell for
// the stub file (see [StudentExerciseSourceFor]).
func StudentExerciseSource(file string, stub []byte) string {
	return StudentExerciseSourceFor(Target{Edition: Student, Lang: i18n.Japanese}, file, stub)
}

// StudentExerciseSourceFor is target t's exercise cell for the stub file
// (named file in pkg/exercises) with content stub: the %%script line, then
// the file with the comments of t's language. The %%script line names the
// hashes of every form of the pristine stub (the file as shipped, and its
// comments in each language), so that cmd/answer recognizes a stub on disk
// or in the cell whichever notebook saved it.
func StudentExerciseSourceFor(t Target, file string, stub []byte) string {
	hashes := []string{answers.Hash(stub)}
	for _, l := range i18n.Langs {
		hashes = append(hashes, answers.Hash([]byte(LocalizeComments(string(answers.Normalize(stub)), l))))
	}
	shown := LocalizeComments(strings.TrimRight(string(answers.Normalize(stub)), "\n"), t.Lang)
	return answers.ScriptLine(t.RootFromNotebook(), file, hashes...) + "\n" + shown
}

// AnswerCell declares exercise ex's function as the answer in pkg/exercises,
// with a Japanese comment.
func AnswerCell(ex checks.Exercise) Cell { return AnswerCellIn(ex, i18n.Japanese) }

// AnswerCellIn is [AnswerCell] with the comment in language l.
func AnswerCellIn(ex checks.Exercise, l i18n.Lang) Cell {
	src := "import \"github.com/nma-go/mlp/pkg/exercises\"\n\n" +
		l.Sprintf("notebook.answer_comment", ex.Function, ex.File) + "\n" +
		fmt.Sprintf("var %s = exercises.%s", ex.Function, ex.Function)
	return Cell{Type: "code", Source: src, Tags: []string{AnswerTag, AnswerTag + "-" + string(ex.ID)}}
}

// HintSummary is the title of a hint's collapsed block: the hint's
// [checks.HintLevel.LabelIn] in language l, the name cmd/check prints. The
// block's <summary> is styled as a list item, so that the notebook draws its
// disclosure marker.
func HintSummary(level checks.HintLevel, l i18n.Lang) string { return level.LabelIn(l) }

// HintsMarkdown renders an exercise's three hints from the registry in
// language l, each in a collapsed <details> block titled with its
// [HintSummary]. Each block is one HTML block (no blank line inside), so the
// hint shows as the very text cmd/check prints, HTML-escaped, without
// Markdown rendering.
func HintsMarkdown(ex checks.Exercise, l i18n.Lang) string {
	var b strings.Builder
	b.WriteString(l.Sprintf("notebook.hints_intro"))
	hints := ex.HintsIn(l)
	for level := checks.GentleHint; level <= checks.ExplicitHint; level++ {
		fmt.Fprintf(&b, "\n\n<details><summary style=\"display: list-item\">%s</summary>\n<p>%s</p>\n</details>", HintSummary(level, l), html.EscapeString(hints.At(level)))
	}
	return b.String()
}

// HintsCell is the markdown cell of "--- hints ID" in language l.
func HintsCell(id string, l i18n.Lang) (Cell, error) {
	ex, ok := checks.Find(checks.ExerciseID(id))
	if !ok {
		return Cell{}, fmt.Errorf("unknown exercise %q (not in checks.Registry)", id)
	}
	return Cell{Type: "markdown", Source: HintsMarkdown(ex, l), Tags: []string{HintsTag, HintsTag + "-" + id}}, nil
}
