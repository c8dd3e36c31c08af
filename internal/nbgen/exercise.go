package nbgen

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/answers"
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
func exerciseCells(root, id string, ed Edition, reuse bool) ([]Cell, error) {
	ex, ok := checks.Find(checks.ExerciseID(id))
	if !ok {
		return nil, fmt.Errorf("unknown exercise %q (not in checks.Registry)", id)
	}
	if ed == Instructor {
		code, err := ExerciseCode(root, id, ed)
		if err != nil {
			return nil, err
		}
		tags := ExerciseTags(id)
		if reuse {
			tags = []string{"exercise-reuse", "exercise-reuse-" + id}
		}
		return []Cell{{Type: "code", Source: code, Tags: tags}}, nil
	}
	answer := AnswerCell(ex)
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
	return []Cell{{Type: "code", Source: StudentExerciseSource(ex.File, stub), Tags: ExerciseTags(id)}, answer}, nil
}

// StudentExerciseSource is the student edition's exercise cell for the stub
// file (named file in pkg/exercises) with content stub: the %%script line,
// then the file as it is.
func StudentExerciseSource(file string, stub []byte) string {
	return answers.ScriptLine(file, answers.Hash(stub)) + "\n" + strings.TrimRight(string(answers.Normalize(stub)), "\n")
}

// AnswerCell declares exercise ex's function as the answer in pkg/exercises.
func AnswerCell(ex checks.Exercise) Cell {
	src := fmt.Sprintf("import \"github.com/nma-go/mlp/pkg/exercises\"\n\n"+
		"// %s は、pkg/exercises/%s に保存されているあなたの答えです。\n"+
		"// コンパイルエラーの行番号はこのファイルのもので、演習セルでは 1 行下になります。\n"+
		"var %s = exercises.%s", ex.Function, ex.File, ex.Function, ex.Function)
	return Cell{Type: "code", Source: src, Tags: []string{AnswerTag, AnswerTag + "-" + string(ex.ID)}}
}

// HintsIntro is the line above an exercise's hint blocks.
const HintsIntro = "**ヒント**: 行き詰まったら、1 から順に開いてください (`go run ./cmd/check -hint N` で表示されるヒントと同じです)。"

// HintSummary is the title of a hint's collapsed block: a ▶, which the
// classic notebook's styling does not draw by itself, and the hint's
// [checks.HintLevel.Label], the name cmd/check prints.
func HintSummary(level checks.HintLevel) string { return "▶ " + level.Label() }

// HintsMarkdown renders an exercise's three hints from the registry, each
// in a collapsed <details> block titled with its [HintSummary]. Each block
// is one HTML block (no blank line inside), so the hint shows as the very
// text cmd/check prints, HTML-escaped, without Markdown rendering.
func HintsMarkdown(ex checks.Exercise) string {
	var b strings.Builder
	b.WriteString(HintsIntro)
	for level := checks.GentleHint; level <= checks.ExplicitHint; level++ {
		fmt.Fprintf(&b, "\n\n<details><summary>%s</summary>\n<p>%s</p>\n</details>", HintSummary(level), html.EscapeString(ex.Hints.At(level)))
	}
	return b.String()
}

// HintsCell is the markdown cell of "--- hints ID".
func HintsCell(id string) (Cell, error) {
	ex, ok := checks.Find(checks.ExerciseID(id))
	if !ok {
		return Cell{}, fmt.Errorf("unknown exercise %q (not in checks.Registry)", id)
	}
	return Cell{Type: "markdown", Source: HintsMarkdown(ex), Tags: []string{HintsTag, HintsTag + "-" + id}}, nil
}
