package grader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/i18n"
)

// Gradebook is the JSON form of a class's grades, with every message.
type Gradebook struct {
	ChecksVersion string              `json:"checks_version"`
	Confinement   Confinement         `json:"confinement"`
	GradedAt      time.Time           `json:"graded_at"`
	Exercises     []GradebookExercise `json:"exercises"`
	// Shard is set on a shard's gradebook (cmd/grade -shard): it holds only
	// the students whose ID falls in the shard. See [MergeShards].
	Shard *Shard `json:"shard,omitempty"`
	// Roster is the digest of the roster the run matched against (see
	// [Roster.Digest]), or empty.
	Roster string `json:"roster,omitempty"`
	// NotSubmitted are the roster's students (of this shard) that no
	// submission matched.
	NotSubmitted []RosterEntry    `json:"not_submitted,omitempty"`
	Students     []*StudentResult `json:"students"`
}

// GradebookExercise is one column of the gradebook.
type GradebookExercise struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Points int    `json:"points"`
}

// NewGradebook collects results, sorted by student.
func NewGradebook(version string, exercises []checks.Exercise, results []*StudentResult) *Gradebook {
	gb := &Gradebook{ChecksVersion: version, GradedAt: time.Now().UTC().Truncate(time.Second)}
	for _, ex := range exercises {
		gb.Exercises = append(gb.Exercises, GradebookExercise{ID: string(ex.ID), Title: ex.Title, Points: ex.Points})
	}
	gb.Students = append(gb.Students, results...)
	sort.SliceStable(gb.Students, func(i, j int) bool { return gb.Students[i].Student < gb.Students[j].Student })
	return gb
}

// CSV renders the gradebook: one row per student, one column per exercise,
// then the total, the maximum, the flags and any grading error. A name
// column follows the student's when any student has a name (from a roster
// or an LMS's file names). Text cells are neutralised (see
// [NeutraliseFormula]).
func (gb *Gradebook) CSV() ([]byte, error) {
	return gb.plainCSV(false)
}

func (gb *Gradebook) plainCSV(bom bool) ([]byte, error) {
	named := false
	for _, s := range gb.Students {
		named = named || s.Name != ""
	}
	header := []string{"student"}
	if named {
		header = append(header, "name")
	}
	for _, ex := range gb.Exercises {
		header = append(header, "ex"+ex.ID)
	}
	header = append(header, "total", "max", "flags", "error")
	rows := [][]string{header}
	for _, s := range gb.Students {
		row := []string{NeutraliseFormula(s.Student)}
		if named {
			row = append(row, NeutraliseFormula(s.Name))
		}
		for _, ex := range gb.Exercises {
			cell := ""
			if e := s.Exercise(ex.ID); e != nil {
				cell = strconv.Itoa(e.Points)
			}
			row = append(row, cell)
		}
		flags := make([]string, len(s.Flags))
		for i, f := range s.Flags {
			flags[i] = string(f)
		}
		row = append(row, strconv.Itoa(s.Total), strconv.Itoa(s.MaxTotal), strings.Join(flags, " "), NeutraliseFormula(s.Error))
		rows = append(rows, row)
	}
	return encodeCSV(rows, bom)
}

// JSON renders the gradebook with every message.
func (gb *Gradebook) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(gb); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ReadGradebook reads a gradebook written by [Gradebook.JSON]. A missing
// file is an empty gradebook.
func ReadGradebook(path string) (*Gradebook, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &Gradebook{}, nil
	}
	if err != nil {
		return nil, err
	}
	var gb Gradebook
	if err := json.Unmarshal(data, &gb); err != nil {
		return nil, fmt.Errorf("grader: %s: %w", path, err)
	}
	return &gb, nil
}

// ByStudent indexes the gradebook's results by student.
func (gb *Gradebook) ByStudent() map[string]*StudentResult {
	m := map[string]*StudentResult{}
	for _, s := range gb.Students {
		m[s.Student] = s
	}
	return m
}

// CheckWritable makes sure each path's folder exists and takes a new file,
// and that an existing file at path is not a folder, so that a run finds a
// bad -out before it grades, not after. It leaves nothing behind.
func CheckWritable(paths ...string) error {
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			return fmt.Errorf("cannot write %s: it is a folder", p)
		}
		dir := filepath.Dir(p)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cannot write %s: %w", p, err)
		}
		f, err := os.CreateTemp(dir, ".write-check-*")
		if err != nil {
			return fmt.Errorf("cannot write %s: %w", p, err)
		}
		f.Close()
		os.Remove(f.Name())
	}
	return nil
}

// WriteFileAtomic writes data to path through a temporary file in the same
// folder and a rename, so that readers, and an interrupted run, see either
// the old file or the new one, never half of one.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op after the rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Feedback renders a student's feedback file in Markdown, in the result's
// language (Japanese for a result without one). The messages are the
// result's own, written in that language when it was graded.
func Feedback(s *StudentResult) []byte {
	l := s.Lang.Or(i18n.Japanese)
	var b strings.Builder
	b.WriteString(l.Sprintf("grader.feedback.title", s.DisplayName()) + "\n\n")
	if s.Error != "" {
		fmt.Fprintf(&b, "%s\n\n```\n%s\n```\n", l.Sprintf("grader.feedback.error"), s.Error)
		return []byte(b.String())
	}
	passed := 0
	for _, e := range s.Exercises {
		if e.Status == checks.Pass {
			passed++
		}
	}
	b.WriteString(l.Sprintf("grader.feedback.total", s.Total, s.MaxTotal, len(s.Exercises), passed) + "\n\n")
	b.WriteString(l.Sprintf("grader.feedback.table_header") + "\n|---|---|---|\n")
	for _, e := range s.Exercises {
		fmt.Fprintf(&b, "| %s %s | %s | %d / %d |\n", checks.Lookup(e.ExerciseID).LabelIn(l), e.Title, statusLabel(l, e.Status), e.Points, e.MaxPoints)
	}
	for _, e := range s.Exercises {
		fmt.Fprintf(&b, "\n## %s: %s — %s\n\n", checks.Lookup(e.ExerciseID).LabelIn(l), e.Title, statusLabel(l, e.Status))
		b.WriteString(e.Message + "\n")
		if e.Hint != "" {
			b.WriteString("\n" + l.Sprintf("check.result.hint", e.Hint) + "\n")
		}
		for _, n := range e.Notes {
			fmt.Fprintf(&b, "\n📝 %s\n", n)
		}
		if e.HasFlag(FlagPlagiarism) {
			b.WriteString("\n" + l.Sprintf("grader.feedback.plagiarism") + "\n")
		}
		if e.Output != "" && e.Status != checks.Pass {
			fmt.Fprintf(&b, "\n%s\n\n```\n%s\n```\n", l.Sprintf("grader.feedback.output"), headLines(l, strings.TrimRight(e.Output, "\n"), feedbackOutputLines))
		}
	}
	return []byte(b.String())
}

// feedbackOutputLines is how much of a child's output a feedback file shows.
const feedbackOutputLines = 30

// headLines returns the first n lines of s, saying in language l how many
// it left out.
func headLines(l i18n.Lang, s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) <= n {
		return s
	}
	return strings.Join(lines[:n], "\n") + "\n" + l.Sprintf("grader.feedback.more_lines", len(lines)-n)
}

// statusLabel is the word for a status in language l.
func statusLabel(l i18n.Lang, s checks.Status) string {
	switch s {
	case checks.Pass:
		return l.Sprintf("grader.status.pass")
	case checks.NotImplemented:
		return l.Sprintf("grader.status.not_implemented")
	default:
		return l.Sprintf("grader.status.fail")
	}
}

// FeedbackFileName is the feedback file of a student.
func FeedbackFileName(student string) string {
	clean := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == 0 {
			return '_'
		}
		return r
	}, student)
	return clean + ".md"
}
