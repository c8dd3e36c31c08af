package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/grader"
)

// writeText prints the results for a student: the progress, one line per
// exercise, the messages of the failures and the hints of the next exercise.
func writeText(w io.Writer, exercises []grader.ExerciseResult, focus *grader.ExerciseResult, hints []string) {
	passed := 0
	for _, e := range exercises {
		if e.Passed() {
			passed++
		}
	}
	fmt.Fprintf(w, "進み具合: %d/%d 問合格 %s\n\n", passed, len(exercises), progressBar(passed, len(exercises)))
	for _, e := range exercises {
		ex := checks.Lookup(e.ExerciseID)
		switch e.Status {
		case checks.Pass:
			fmt.Fprintf(w, "✅ %-8s %s: 合格\n", ex.Label(), ex.Title)
		case checks.NotImplemented:
			fmt.Fprintf(w, "⏳ %-8s %s: 未着手\n", ex.Label(), ex.Title)
		default:
			fmt.Fprintf(w, "❌ %-8s %s: 不合格\n", ex.Label(), ex.Title)
			fmt.Fprintln(w, indent(e.Message, "     "))
			if e.Hint != "" {
				fmt.Fprintln(w, indent("チェックからのヒント: "+e.Hint, "     "))
			}
		}
		for _, n := range e.Notes {
			fmt.Fprintln(w, indent("📝 "+n, "     "))
		}
	}
	fmt.Fprintln(w)
	if focus == nil {
		fmt.Fprintln(w, "🎉 すべての演習に合格しました!")
		return
	}
	ex := checks.Lookup(focus.ExerciseID)
	fmt.Fprintf(w, "次の演習: %s (%s)、関数 %s (pkg/exercises/%s またはノートブックの演習セル)\n", ex.Label(), ex.Title, ex.Function, ex.File)
	for _, h := range hints {
		fmt.Fprintln(w, indent(h, "  "))
	}
	if len(hints) < checks.NumHintLevels {
		fmt.Fprintf(w, "  もっとヒントを見るには: go run ./cmd/check -hint %d\n", len(hints)+1)
	}
}

// progressBar draws passed out of total as blocks.
func progressBar(passed, total int) string {
	return "[" + strings.Repeat("■", passed) + strings.Repeat("□", total-passed) + "]"
}

// indent prefixes every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}
