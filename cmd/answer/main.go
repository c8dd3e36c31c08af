// Command answer saves the code of a notebook's exercise cell into
// pkg/exercises, the one place every later notebook, `make check` and the
// grader read an answer from. The exercise cells of the student edition run
// it through GoNB's %%script, which passes the rest of the cell on standard
// input:
//
//	%%script go run ../../../cmd/answer -stub HASH[,HASH...] ../../../pkg/exercises/mlp.go
//	package exercises
//	...
//
// It writes the cell only when the file is missing, still the shipped stub
// (whose hash -stub gives), or what a cell saved last; it never replaces an
// answer edited in an editor since then, nor an answer with the unchanged
// stub (see package internal/answers). It says what it did in the language
// of i18n.Default: the English notebooks set NMA_MLP_LANG=en in their first
// cell, and the %%script child inherits it; Japanese otherwise. A cell that
// does not parse is not saved, and the command exits 1.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/nma-go/mlp/internal/answers"
	"github.com/nma-go/mlp/internal/i18n"
)

func main() {
	stub := flag.String("stub", "", "hash of the stub the notebook shipped (answers.Hash)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), i18n.Default().Sprintf("tool.answer.usage"))
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *stub == "" {
		flag.Usage()
		os.Exit(2)
	}
	os.Exit(run(flag.Arg(0), *stub, os.Stdin, os.Stdout, os.Stderr))
}

// run saves the cell read from in into target and reports on out, in the
// language of i18n.Default; it returns the exit status. Errors that are not
// the student's (a file that cannot be read or written) go to errOut, in
// English.
func run(target, stub string, in io.Reader, out, errOut io.Writer) int {
	lang := i18n.Default()
	cell, err := io.ReadAll(in)
	if err != nil {
		fmt.Fprintln(errOut, "answer:", err)
		return 1
	}
	name := displayName(target)
	outcome, err := answers.Save(target, cell, stub)
	var syntax *answers.SyntaxError
	if errors.As(err, &syntax) {
		fmt.Fprintln(out, lang.Sprintf("tool.answer.syntax_error", name))
		for _, e := range syntax.Errors {
			fmt.Fprintln(out, "   "+e)
		}
		return 1
	}
	if err != nil {
		fmt.Fprintln(errOut, "answer:", err)
		return 1
	}
	fmt.Fprintln(out, Message(lang, outcome, name))
	return 0
}

// Message tells the student, in language l, what [answers.Save] did with
// the cell.
func Message(l i18n.Lang, o answers.Outcome, name string) string {
	switch o {
	case answers.Wrote:
		return l.Sprintf("tool.answer.wrote", name)
	case answers.Unchanged:
		return l.Sprintf("tool.answer.unchanged", name)
	case answers.KeptEdited:
		return l.Sprintf("tool.answer.kept_edited", name)
	case answers.KeptAnswer:
		return l.Sprintf("tool.answer.kept_answer", name)
	}
	return fmt.Sprintf("answer: unknown outcome %d for %s", o, name)
}

// displayName names target as a student knows it: pkg/exercises/FILE.
func displayName(target string) string {
	return filepath.ToSlash(filepath.Join("pkg", "exercises", filepath.Base(target)))
}
