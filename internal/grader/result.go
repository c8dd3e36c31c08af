package grader

import (
	"slices"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/i18n"
)

// Flag marks what happened to an exercise beyond its score, for the
// instructor: the gradebook lists a student's flags next to the total.
type Flag string

// The flags. Every flagged exercise scores zero, except FlagNotSubmitted,
// which marks an exercise the submission does not contain (also zero), and
// FlagUnconfined, which marks a submission, not an exercise.
const (
	FlagCompileError    Flag = "compile-error"    // the file did not compile; graded with its stub
	FlagForbiddenImport Flag = "forbidden-import" // rejected by the import policy before building
	FlagPlagiarism      Flag = "plagiarism"       // imports the reference solutions or the checks
	FlagTimeout         Flag = "timeout"          // killed after the time limit
	FlagMemory          Flag = "memory"           // ran out of its address-space limit
	FlagCrash           Flag = "crash"            // the process died (panic outside the checks, signal)
	FlagNoResult        Flag = "no-result"        // exited without sending outputs (e.g. os.Exit(0))
	FlagWorkdir         Flag = "workdir-modified" // created, changed or deleted files in its working directory
	FlagNotSubmitted    Flag = "not-submitted"    // the submission has no code for this exercise
	FlagNoGrader        Flag = "no-grader"        // the exercise has no three-phase check yet
	// FlagUnconfined marks a whole submission graded without bubblewrap
	// (cmd/grade -unconfined); it costs no points.
	FlagUnconfined Flag = "unconfined"
	// FlagLate marks a whole submission that Canvas marked late ("_LATE_" in
	// its file names); it costs no points: the instructor decides.
	FlagLate Flag = "late"
)

// ExerciseResult is the grade of one exercise of one submission.
type ExerciseResult struct {
	checks.Result
	Title     string `json:"title"`
	Points    int    `json:"points"`
	MaxPoints int    `json:"max_points"`
	Flags     []Flag `json:"flags,omitempty"`
	// Output is the beginning of what the child printed, kept for the
	// feedback; it never counts towards the score.
	Output string `json:"output,omitempty"`
}

// StudentResult is the grade of one submission.
type StudentResult struct {
	// Student identifies the student in the gradebook: the roster's id, or,
	// without a roster row, the submission's key (see ClassSubmission.Key).
	Student string `json:"student"`
	// Name and Email come from the roster, or the name from the LMS's file
	// names; both may be empty.
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	// Rostered is true when a roster row matched the submission.
	Rostered bool `json:"rostered,omitempty"`
	// Submission is the key that named the student's files, and Scheme how
	// (moodle, canvas, folder, notebook); Files are the download's names of
	// the files graded, when they came from an LMS download.
	Submission    string   `json:"submission,omitempty"`
	Scheme        Scheme   `json:"scheme,omitempty"`
	Files         []string `json:"files,omitempty"`
	Path          string   `json:"path"`
	Hash          string   `json:"hash"`           // the submission's content hash
	ChecksVersion string   `json:"checks_version"` // see Version
	// Lang is the language of the messages and of the feedback file;
	// empty means Japanese, as in gradebooks written before there was a
	// choice.
	Lang i18n.Lang `json:"lang,omitempty"`
	// Confinement is the sandbox the children ran in: "bubblewrap", or
	// "none" (then Flags holds FlagUnconfined).
	Confinement string           `json:"confinement"`
	Exercises   []ExerciseResult `json:"exercises"`
	Total       int              `json:"total"`
	MaxTotal    int              `json:"max_total"`
	Flags       []Flag           `json:"flags,omitempty"`
	// Error is set when the submission could not be graded at all (an
	// unreadable folder, a broken toolchain): an instructor's problem, in
	// English.
	Error string `json:"error,omitempty"`
	// Cached is true when the result was reused from an earlier run.
	Cached bool `json:"-"`
}

// Exercise returns the result of exercise id, or nil.
func (s *StudentResult) Exercise(id string) *ExerciseResult {
	for i := range s.Exercises {
		if string(s.Exercises[i].ExerciseID) == id {
			return &s.Exercises[i]
		}
	}
	return nil
}

// finish computes the totals and the union of the flags.
func (s *StudentResult) finish() {
	s.Total, s.MaxTotal, s.Flags = 0, 0, nil
	for i := range s.Exercises {
		e := &s.Exercises[i]
		e.Points = 0
		if e.Status == checks.Pass {
			e.Points = e.MaxPoints
		}
		s.Total += e.Points
		s.MaxTotal += e.MaxPoints
		for _, f := range e.Flags {
			if f != FlagNotSubmitted && !slices.Contains(s.Flags, f) {
				s.Flags = append(s.Flags, f)
			}
		}
	}
	if s.Confinement == "none" {
		s.Flags = append(s.Flags, FlagUnconfined)
	}
}

// HasFlag reports whether the submission carries f.
func (s *StudentResult) HasFlag(f Flag) bool { return slices.Contains(s.Flags, f) }

// SetFlag adds a submission-level flag (FlagLate) when on, and removes it
// otherwise: a reused result may carry it from an earlier run.
func (s *StudentResult) SetFlag(f Flag, on bool) {
	s.Flags = slices.DeleteFunc(slices.Clone(s.Flags), func(g Flag) bool { return g == f })
	if on {
		s.Flags = append(s.Flags, f)
	}
}

// DisplayName is the student's name and ID ("山田 太郎 (s2024001)"), or the
// ID alone.
func (s *StudentResult) DisplayName() string {
	if s.Name == "" || s.Name == s.Student {
		return s.Student
	}
	return s.Name + " (" + s.Student + ")"
}

// HasFlag reports whether the exercise carries f.
func (e *ExerciseResult) HasFlag(f Flag) bool { return slices.Contains(e.Flags, f) }

// addFlag adds f once.
func (e *ExerciseResult) addFlag(f Flag) {
	if !e.HasFlag(f) {
		e.Flags = append(e.Flags, f)
	}
}
