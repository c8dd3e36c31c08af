package grader

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/i18n"
)

// Format is a gradebook CSV's layout: the plain one, or one that an LMS's
// gradebook imports.
type Format string

// The formats.
const (
	// FormatPlain: one row per student, a column per exercise, the total,
	// the maximum, the flags and any error (see [Gradebook.CSV]).
	FormatPlain Format = "plain"
	// FormatCanvas: Canvas's gradebook import, "Student, ID, SIS User ID,
	// SIS Login ID, Section" and one assignment column, matched by the
	// Canvas user ID.
	FormatCanvas Format = "canvas"
	// FormatMoodle: Moodle's gradebook import ("Import > CSV file"), "ID
	// number, Email address, Full name", a grade column and a feedback
	// column; the import maps users by ID number or email.
	FormatMoodle Format = "moodle"
)

// Formats lists the formats, for flags' help.
var Formats = []Format{FormatPlain, FormatCanvas, FormatMoodle}

// ParseFormat checks a -format value.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("format %q: want one of plain, canvas, moodle", s)
}

// ExportOptions configure [Gradebook.Export].
type ExportOptions struct {
	Format Format
	// BOM starts the file with a UTF-8 byte order mark, so that Excel
	// (Japanese Excel among them) reads it as UTF-8.
	BOM bool
	// Assignment names the grade column. Canvas: "Name (id)" matches the
	// assignment with that ID, and a header that matches none creates a new
	// assignment. Moodle: the grade item to map the column to; the feedback
	// column is Assignment + " (feedback)".
	Assignment string
}

// Export is a rendered gradebook CSV.
type Export struct {
	Data []byte
	// LeftOut are the students an LMS format could not identify (no Canvas
	// user ID, no roster row): they are in the JSON and the plain CSV only.
	LeftOut []string
}

// Export renders the gradebook as opts.Format. Matching is by ID, never by
// name, so a changed name never breaks an import; names and messages are
// neutralised (see [NeutraliseFormula]).
//
// In both LMS formats the grade is the total in points (the maximum is
// the sum of the exercises' points), and a student whose submission could
// not be graded has an empty grade, which the import leaves alone.
func (gb *Gradebook) Export(opts ExportOptions) (*Export, error) {
	switch opts.Format {
	case "", FormatPlain:
		data, err := gb.plainCSV(opts.BOM)
		return &Export{Data: data}, err
	case FormatCanvas:
		return gb.canvasCSV(opts)
	case FormatMoodle:
		return gb.moodleCSV(opts)
	}
	return nil, fmt.Errorf("grader: unknown format %q", opts.Format)
}

// CanvasHeader is the first row of a Canvas gradebook import, before the
// assignment's column.
var CanvasHeader = []string{"Student", "ID", "SIS User ID", "SIS Login ID", "Section"}

// canvasPointsPossible names the second row of Canvas's own export, which
// gives a new assignment its points.
const canvasPointsPossible = "    Points Possible"

// canvasCSV writes Canvas's import. A row needs the Canvas user ID: the key
// of a submission in Canvas's naming.
func (gb *Gradebook) canvasCSV(opts ExportOptions) (*Export, error) {
	if err := checkColumnName(opts.Assignment, "the Canvas assignment"); err != nil {
		return nil, err
	}
	header := append(append([]string{}, CanvasHeader...), opts.Assignment)
	rows := [][]string{header, {canvasPointsPossible, "", "", "", "", strconv.Itoa(gb.MaxPoints())}}
	out := &Export{}
	for _, s := range gb.Students {
		if s.Scheme != SchemeCanvas || !canvasUserID(s.Submission) {
			out.LeftOut = append(out.LeftOut, s.Student)
			continue
		}
		rows = append(rows, []string{NeutraliseFormula(s.Name), s.Submission, "", "", "", gradeCell(s)})
	}
	data, err := encodeCSV(rows, opts.BOM)
	out.Data = data
	return out, err
}

// canvasUserID reports whether s is a Canvas user ID: digits.
func canvasUserID(s string) bool {
	return s != "" && strings.TrimLeft(s, "0123456789") == ""
}

// MoodleHeader is the first row of the Moodle import, before the grade and
// feedback columns.
var MoodleHeader = []string{"ID number", "Email address", "Full name"}

// moodleCSV writes Moodle's gradebook import. A row needs a roster row: its
// id is Moodle's ID number, and its email Moodle's email address.
func (gb *Gradebook) moodleCSV(opts ExportOptions) (*Export, error) {
	if err := checkColumnName(opts.Assignment, "the Moodle grade item"); err != nil {
		return nil, err
	}
	header := append(append([]string{}, MoodleHeader...), opts.Assignment, opts.Assignment+" (feedback)")
	rows := [][]string{header}
	out := &Export{}
	for _, s := range gb.Students {
		if !s.Rostered {
			out.LeftOut = append(out.LeftOut, s.Student)
			continue
		}
		rows = append(rows, []string{s.Student, s.Email, NeutraliseFormula(s.Name), gradeCell(s), NeutraliseFormula(FeedbackSummary(s))})
	}
	data, err := encodeCSV(rows, opts.BOM)
	out.Data = data
	return out, err
}

// checkColumnName refuses an empty column name, a line break in it, or one
// that a spreadsheet would run.
func checkColumnName(name, what string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("grader: %s needs a name", what)
	case strings.ContainsAny(name, "\r\n"):
		return fmt.Errorf("grader: %s %q holds a line break", what, name)
	case startsLikeFormula(name):
		return fmt.Errorf("grader: %s %q starts like a spreadsheet formula", what, name)
	}
	return nil
}

// gradeCell is a student's total, or empty when grading failed.
func gradeCell(s *StudentResult) string {
	if s.Error != "" {
		return ""
	}
	return strconv.Itoa(s.Total)
}

// MaxPoints is the sum of the exercises' points.
func (gb *Gradebook) MaxPoints() int {
	total := 0
	for _, ex := range gb.Exercises {
		total += ex.Points
	}
	return total
}

// FeedbackSummary is a one-line summary of a result in its language, for
// an LMS's feedback column: "合計 30 / 40 点。演習 1: 合格、演習 2: 不合格、…"
// or "Total 30 / 40 points. Exercise 1: passed; Exercise 2: failed; …".
func FeedbackSummary(s *StudentResult) string {
	l := s.Lang.Or(i18n.Japanese)
	if s.Error != "" {
		return l.Sprintf("grader.feedback.error")
	}
	parts := make([]string, len(s.Exercises))
	for i, e := range s.Exercises {
		parts[i] = fmt.Sprintf("%s: %s", checks.Lookup(e.ExerciseID).LabelIn(l), statusLabel(l, e.Status))
	}
	return l.Sprintf("grader.lms.summary", s.Total, s.MaxTotal, strings.Join(parts, l.Sprintf("grader.lms.separator")))
}
