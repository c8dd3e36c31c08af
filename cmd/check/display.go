package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/grader"
)

// writeText prints the results for a student in language l: the progress,
// one line per exercise, the messages of the failures and the hints of the
// next exercise. The messages and hints are already in l.
func writeText(w io.Writer, l checks.Lang, exercises []grader.ExerciseResult, focus *grader.ExerciseResult, hints []string) {
	passed := 0
	for _, e := range exercises {
		if e.Passed() {
			passed++
		}
	}
	fmt.Fprintf(w, "%s\n\n", l.Sprintf("tool.check.progress", passed, len(exercises), progressBar(passed, len(exercises))))
	for _, e := range exercises {
		ex := checks.Lookup(e.ExerciseID)
		switch e.Status {
		case checks.Pass:
			fmt.Fprintln(w, l.Sprintf("tool.check.line.pass", ex.LabelIn(l), ex.TitleIn(l)))
		case checks.NotImplemented:
			fmt.Fprintln(w, l.Sprintf("tool.check.line.not_implemented", ex.LabelIn(l), ex.TitleIn(l)))
		default:
			fmt.Fprintln(w, l.Sprintf("tool.check.line.fail", ex.LabelIn(l), ex.TitleIn(l)))
			fmt.Fprintln(w, indent(e.Message, "     "))
			if e.Hint != "" {
				fmt.Fprintln(w, indent(l.Sprintf("tool.check.check_hint", e.Hint), "     "))
			}
		}
		for _, n := range e.Notes {
			fmt.Fprintln(w, indent("📝 "+n, "     "))
		}
	}
	fmt.Fprintln(w)
	if focus == nil {
		fmt.Fprintln(w, l.Sprintf("tool.check.all_passed"))
		return
	}
	ex := checks.Lookup(focus.ExerciseID)
	fmt.Fprintln(w, l.Sprintf("tool.check.next", ex.LabelIn(l), ex.TitleIn(l), ex.Function, ex.File))
	for _, h := range hints {
		fmt.Fprintln(w, indent(h, "  "))
	}
	if len(hints) < checks.NumHintLevels {
		fmt.Fprintln(w, "  "+l.Sprintf("tool.check.more_hints", len(hints)+1))
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
