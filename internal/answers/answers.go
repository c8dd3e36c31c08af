// Package answers keeps one copy of each exercise answer: the file in
// pkg/exercises. The student edition's exercise cells save into it (through
// cmd/answer), and every later notebook, `make check` and the grader read it.
//
// A cell must never destroy work done elsewhere, so [Save] writes the cell
// only when the file on disk is
//   - missing,
//   - the stub the repository ships (the notebook names its hash), or
//   - what a cell saved there last (a record in [RecordDir] says so),
//
// and never writes an unchanged stub over an answer. Anything else is an
// answer edited in an editor since a cell last saved it: Save keeps it, and
// the notebook goes on with it.
package answers

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"strings"

	"github.com/nma-go/mlp/internal/i18n"
)

// RecordDir is the folder, beside the saved file, that holds one record per
// file: the hash of what a notebook cell saved last. Go ignores folders whose
// name starts with a dot.
const RecordDir = ".notebook"

// PackageName is the package every exercise file declares.
const PackageName = "exercises"

// hashLen is the number of hex digits of a [Hash].
const hashLen = 16

// Normalize returns content with LF line ends and exactly one final newline,
// the form in which files are compared, hashed and written. A notebook cell
// and the file it came from then compare equal whatever the editor did to the
// last line.
func Normalize(content []byte) []byte {
	s := strings.ReplaceAll(string(content), "\r\n", "\n")
	s = strings.TrimRight(s, "\n")
	return []byte(s + "\n")
}

// Hash identifies a file's content (after [Normalize]): the first 16 hex
// digits of its SHA-256.
func Hash(content []byte) string {
	sum := sha256.Sum256(Normalize(content))
	return hex.EncodeToString(sum[:])[:hashLen]
}

// Outcome is what [Save] did.
type Outcome int

// The outcomes of [Save].
const (
	// Wrote: the file now holds the cell.
	Wrote Outcome = iota + 1
	// Unchanged: the file already held the cell.
	Unchanged
	// KeptEdited: the file was edited since a cell last saved it (or was
	// never saved by one and is not the stub); it was left as it is.
	KeptEdited
	// KeptAnswer: the cell is still the stub and the file holds something
	// else, an answer; it was left as it is.
	KeptAnswer
)

// SyntaxError reports a cell that does not parse as a Go file of package
// exercises; nothing was written. Lines are the cell's, counted from its
// first line, the %%script line. Errors are messages for the student, in
// the language of i18n.Default (the parser's own words quoted as code, between backquotes).
type SyntaxError struct {
	Target string
	Errors []string // "セルの 12 行目: ..." or "line 12 of the cell: ...", in order
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("answers: %s: the cell does not parse: %s", e.Target, strings.Join(e.Errors, "; "))
}

// CellLineOffset is the number of cell lines above the file's first line:
// the %%script line.
const CellLineOffset = 1

// Save saves cell into target unless that would destroy other work (see the
// package documentation). stubHash is the [Hash] of the stub the notebook
// shipped, or several, comma-separated: the shipped file and its forms with
// one language's comments. A cell that does not parse returns a
// *[SyntaxError] and writes nothing.
func Save(target string, cell []byte, stubHash string) (Outcome, error) {
	cell = Normalize(cell)
	if err := checkSyntax(i18n.Default(), target, cell); err != nil {
		return 0, err
	}
	disk, err := os.ReadFile(target)
	exists := err == nil
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return 0, fmt.Errorf("answers: %w", err)
	}
	cellHash := Hash(cell)
	switch Decide(exists, disk, cell, stubHash, readRecord(target)) {
	case Unchanged:
		// The file and the cell agree: from now on, the cell may replace it.
		if !isStub(cellHash, stubHash) {
			if err := writeRecord(target, cellHash); err != nil {
				return 0, err
			}
		}
		return Unchanged, nil
	case KeptEdited:
		return KeptEdited, nil
	case KeptAnswer:
		return KeptAnswer, nil
	}
	if err := writeFileAtomic(target, cell); err != nil {
		return 0, err
	}
	if err := writeRecord(target, cellHash); err != nil {
		return 0, err
	}
	return Wrote, nil
}

// Decide is Save's rule. exists and disk describe the file, cell is the
// cell's code, stubHash the pristine stub's hashes (comma-separated), and
// record the hash a cell saved last ("" when none did). It returns Wrote when the cell may be
// written.
func Decide(exists bool, disk, cell []byte, stubHash, record string) Outcome {
	if !exists {
		return Wrote
	}
	disk, cell = Normalize(disk), Normalize(cell)
	diskHash := Hash(disk)
	switch {
	case bytes.Equal(disk, cell):
		return Unchanged
	case isStub(Hash(cell), stubHash) && isStub(diskHash, stubHash):
		// The stub in another form (its comments in one language).
		return Unchanged
	case isStub(Hash(cell), stubHash):
		return KeptAnswer
	case isStub(diskHash, stubHash), record != "" && diskHash == record:
		return Wrote
	}
	return KeptEdited
}

// checkSyntax parses cell as a Go file of package exercises; a
// *SyntaxError's messages are in language l.
func checkSyntax(l i18n.Lang, target string, cell []byte) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Base(target), cell, parser.AllErrors)
	var list scanner.ErrorList
	if errors.As(err, &list) {
		se := &SyntaxError{Target: target}
		for i, e := range list {
			if i == 5 {
				se.Errors = append(se.Errors, l.Sprintf("tool.answer.syntax.more", len(list)-i))
				break
			}
			se.Errors = append(se.Errors, l.Sprintf("tool.answer.syntax.line", e.Pos.Line+CellLineOffset, e.Msg))
		}
		return se
	}
	if err != nil {
		return fmt.Errorf("answers: %s: %w", target, err)
	}
	if f.Name.Name != PackageName {
		return &SyntaxError{Target: target, Errors: []string{l.Sprintf("tool.answer.syntax.package",
			fset.Position(f.Package).Line+CellLineOffset, f.Name.Name, PackageName)}}
	}
	return nil
}

// RecordPath is where the record of target lives.
func RecordPath(target string) string {
	return filepath.Join(filepath.Dir(target), RecordDir, filepath.Base(target))
}

// readRecord returns the hash a cell saved last into target, or "".
func readRecord(target string) string {
	data, err := os.ReadFile(RecordPath(target))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}

func writeRecord(target, hash string) error {
	path := RecordPath(target)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("answers: %w", err)
	}
	return writeFileAtomic(path, []byte(hash+"\n"))
}

// writeFileAtomic replaces path with data through a temporary file in the
// same folder, so that a reader (a build, an editor) never sees half a file.
// The temporary name starts with a dot and does not end in .go, so that Go
// never compiles it.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("answers: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("answers: %w", err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("answers: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("answers: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("answers: %w", err)
	}
	return nil
}

// ScriptLine is the first line of a student edition exercise cell, for a
// notebook whose folder reaches the repository root by the relative path
// root (e.g. "../.."): GoNB's %%script passes the rest of the cell to
// cmd/answer on standard input. stubHashes are the hashes of the forms of
// the pristine stub (see [Save]).
func ScriptLine(root, file string, stubHashes ...string) string {
	return fmt.Sprintf("%%%%script go run %s/cmd/answer -stub %s %s/pkg/exercises/%s", root, strings.Join(stubHashes, ","), root, file)
}

// isStub reports whether hash is one of the comma-separated stubHashes.
func isStub(hash, stubHashes string) bool {
	for h := range strings.SplitSeq(stubHashes, ",") {
		if h != "" && h == hash {
			return true
		}
	}
	return false
}
