package grader

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nma-go/mlp/internal/i18n"
)

// RosterEntry is one student of a class list.
type RosterEntry struct {
	ID    string `json:"id"`    // the student's identifier in the gradebook (a student number, a Canvas user ID)
	Name  string `json:"name"`  // the student's name, as the instructor wants it shown (Japanese names welcome)
	Email string `json:"email"` // used by Moodle's import to match the student
	// Submission is the key that names the student's files in an LMS
	// download (see [Scheme]): the participant ID of a Moodle name, the
	// Canvas user ID of a Canvas name, or a folder or notebook name. An
	// empty cell in the file means the ID.
	Submission string `json:"submission"`
	// Lang is the language of the student's feedback, from the optional
	// column lang ("ja" or "en"); empty means the run's (cmd/grade -lang).
	Lang i18n.Lang `json:"lang,omitempty"`
	Line int       `json:"-"` // the line of the roster file
}

// Roster is a class list read by [ReadRoster] or [ParseRoster].
type Roster struct {
	Entries []RosterEntry // in the file's order
	digest  string
	byID    map[string]int
	byKey   map[string]int
}

// The roster's limits: a class list far larger than any class is a wrong
// file, not a class.
const (
	maxRosterBytes = 16 << 20
	maxRosterRows  = 100_000
	maxRosterField = 1000 // bytes of any one cell
)

// rosterColumns are the columns a roster must have, in any order; others
// are ignored, except the optional langColumn.
var rosterColumns = []string{"id", "name", "email", "submission"}

// langColumn is the optional column that sets a student's feedback
// language.
const langColumn = "lang"

// ReadRoster reads the roster file at path; see [ParseRoster].
func ReadRoster(path string) (*Roster, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("roster: %w", err)
	}
	defer f.Close()
	return ParseRoster(f, path)
}

// ParseRoster reads a roster: a UTF-8 CSV file (a leading BOM is allowed)
// whose header has the columns id, name, email and submission, in any order
// and any case, and optionally lang: "ja" or "en", the language of that
// student's feedback, or empty for the run's. Other columns are ignored.
// name is used in errors.
//
// It fails, naming the line, on: a missing or repeated column, a row with a
// different number of cells, an empty or repeated id, a repeated submission
// key, an id or key that a spreadsheet would run as a formula (=, +, -, @)
// or that holds a control character, a cell over 1000 bytes, text that is
// not UTF-8 (Excel's default CSV on a Japanese Windows is Shift_JIS), more
// than 100,000 rows or more than 16 MiB, and on a lang that is neither ja
// nor en.
func ParseRoster(r io.Reader, name string) (*Roster, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxRosterBytes+1))
	if err != nil {
		return nil, fmt.Errorf("roster %s: %w", name, err)
	}
	if len(data) > maxRosterBytes {
		return nil, fmt.Errorf("roster %s: larger than %d MiB; is it the right file?", name, maxRosterBytes>>20)
	}
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8At(data)], []byte("\n"))
		return nil, fmt.Errorf("roster %s: line %d is not UTF-8; save it as \"CSV UTF-8\" (Excel: CSV UTF-8 (コンマ区切り))", name, line)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = false
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("roster %s: empty; it needs the header %s", name, strings.Join(rosterColumns, ","))
	}
	if err != nil {
		return nil, fmt.Errorf("roster %s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := col[h]; dup && h != "" {
			return nil, fmt.Errorf("roster %s: the header names column %q twice", name, h)
		}
		col[h] = i
	}
	for _, c := range rosterColumns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("roster %s: the header %q has no column %q; it needs %s (other columns are ignored)",
				name, strings.Join(header, ","), c, strings.Join(rosterColumns, ","))
		}
	}
	ro := &Roster{byID: map[string]int{}, byKey: map[string]int{}}
	h := sha256.New()
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("roster %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(ro.Entries) == maxRosterRows {
			return nil, fmt.Errorf("roster %s: more than %d rows; is it the right file?", name, maxRosterRows)
		}
		for _, cell := range rec {
			if len(cell) > maxRosterField {
				return nil, fmt.Errorf("roster %s: line %d: a cell is longer than %d bytes", name, line, maxRosterField)
			}
		}
		e := RosterEntry{
			ID:         strings.TrimSpace(rec[col["id"]]),
			Name:       strings.TrimSpace(rec[col["name"]]),
			Email:      strings.TrimSpace(rec[col["email"]]),
			Submission: strings.TrimSpace(rec[col["submission"]]),
			Line:       line,
		}
		if e.Submission == "" {
			e.Submission = e.ID
		}
		if i, ok := col[langColumn]; ok && strings.TrimSpace(rec[i]) != "" {
			if e.Lang, err = i18n.Parse(rec[i]); err != nil {
				return nil, fmt.Errorf("roster %s: line %d: lang %q is neither ja nor en", name, line, rec[i])
			}
		}
		if e.ID == "" {
			return nil, fmt.Errorf("roster %s: line %d: empty id", name, line)
		}
		for _, field := range []struct{ name, value string }{{"id", e.ID}, {"submission", e.Submission}, {"email", e.Email}} {
			if err := checkKey(field.value); err != nil {
				return nil, fmt.Errorf("roster %s: line %d: %s %q %v", name, line, field.name, field.value, err)
			}
		}
		if other, dup := ro.byID[e.ID]; dup {
			return nil, fmt.Errorf("roster %s: line %d: id %q is already on line %d", name, line, e.ID, ro.Entries[other].Line)
		}
		if other, dup := ro.byKey[e.Submission]; dup {
			return nil, fmt.Errorf("roster %s: line %d: submission %q is already on line %d", name, line, e.Submission, ro.Entries[other].Line)
		}
		ro.byID[e.ID] = len(ro.Entries)
		ro.byKey[e.Submission] = len(ro.Entries)
		ro.Entries = append(ro.Entries, e)
		fmt.Fprintf(h, "%q %q %q %q", e.ID, e.Name, e.Email, e.Submission)
		if e.Lang != "" { // rosters without languages keep their digests
			fmt.Fprintf(h, " %q", e.Lang)
		}
		fmt.Fprintln(h)
	}
	ro.digest = hex.EncodeToString(h.Sum(nil))[:16]
	return ro, nil
}

// checkKey refuses an identifier that a spreadsheet would run as a formula
// or that holds a control character: an import matches on it, so it cannot
// be neutralised on output.
func checkKey(s string) error {
	if startsLikeFormula(s) {
		return fmt.Errorf("starts with %q, which a spreadsheet would run as a formula", []rune(s)[0])
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Errorf("holds a control character (%U)", r)
		}
	}
	return nil
}

// invalidUTF8At is the offset of the first byte of data that is not valid
// UTF-8, or len(data).
func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// ByKey returns the student whose submission key is key.
func (ro *Roster) ByKey(key string) (RosterEntry, bool) {
	i, ok := ro.byKey[key]
	if !ok {
		return RosterEntry{}, false
	}
	return ro.Entries[i], true
}

// ByID returns the student with the given id.
func (ro *Roster) ByID(id string) (RosterEntry, bool) {
	i, ok := ro.byID[id]
	if !ok {
		return RosterEntry{}, false
	}
	return ro.Entries[i], true
}

// Digest identifies the roster's content (its rows, not its layout), so
// that shards graded with different rosters are told apart.
func (ro *Roster) Digest() string { return ro.digest }
