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
// stub (see package internal/answers). It says in Japanese what it did. A
// cell that does not parse is not saved, and the command exits 1.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/nma-go/mlp/internal/answers"
)

func main() {
	stub := flag.String("stub", "", "hash of the stub the notebook shipped (answers.Hash)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "使い方: go run ./cmd/answer -stub HASH pkg/exercises/FILE.go < CELL\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *stub == "" {
		flag.Usage()
		os.Exit(2)
	}
	os.Exit(run(flag.Arg(0), *stub, os.Stdin, os.Stdout, os.Stderr))
}

// run saves the cell read from in into target and reports on out; it returns
// the exit status.
func run(target, stub string, in io.Reader, out, errOut io.Writer) int {
	cell, err := io.ReadAll(in)
	if err != nil {
		fmt.Fprintln(errOut, "answer:", err)
		return 1
	}
	name := displayName(target)
	outcome, err := answers.Save(target, cell, stub)
	var syntax *answers.SyntaxError
	if errors.As(err, &syntax) {
		fmt.Fprintf(out, "❌ セルに文法の誤りがあるので、%s には保存しませんでした (前の内容のままです)。\n", name)
		for _, e := range syntax.Errors {
			fmt.Fprintln(out, "   "+e)
		}
		return 1
	}
	if err != nil {
		fmt.Fprintln(errOut, "answer:", err)
		return 1
	}
	fmt.Fprintln(out, Message(outcome, name))
	return 0
}

// Message tells the student what [answers.Save] did with the cell.
func Message(o answers.Outcome, name string) string {
	switch o {
	case answers.Wrote:
		return fmt.Sprintf("💾 このセルの答えを %s に保存しました。", name)
	case answers.Unchanged:
		return fmt.Sprintf("%s はこのセルと同じ内容です。", name)
	case answers.KeptEdited:
		return fmt.Sprintf("⚠️ %s はエディタで編集されていて、このセルが最後に保存した内容とは違うので、上書きしませんでした。"+
			"このあとのセルは %s の答えを使います。このセルの答えを使いたいときは、%s を削除してから、このセルをもう一度実行してください。", name, name, name)
	case answers.KeptAnswer:
		return fmt.Sprintf("%s にはすでに答えが書かれているので、TODO のままのこのセルでは上書きしませんでした。このあとのセルは %s の答えを使います。", name, name)
	}
	return fmt.Sprintf("answer: unknown outcome %d for %s", o, name)
}

// displayName names target as a student knows it: pkg/exercises/FILE.
func displayName(target string) string {
	return filepath.ToSlash(filepath.Join("pkg", "exercises", filepath.Base(target)))
}
