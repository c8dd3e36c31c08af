package grader

import (
	"fmt"
	"sort"

	"github.com/nma-go/mlp/internal/i18n"
)

// ClassMember is a submission matched to its student: what cmd/grade
// grades, under Student.
type ClassMember struct {
	*ClassSubmission
	Student  string // the roster's id, or the submission's key without a roster row
	Name     string // the roster's name, or the download's
	Email    string
	Rostered bool
	Lang     i18n.Lang // the roster's lang, or empty for the run's
}

// Class is a run's submissions matched to a roster.
type Class struct {
	Members []ClassMember // sorted by Student
	// Unmatched are the members that no roster row names (with a roster);
	// they are graded under their key and reported.
	Unmatched []ClassMember
	// NotSubmitted are the roster's rows that no submission matched.
	NotSubmitted []RosterEntry
}

// MatchRoster matches submissions to roster rows by key (a nil roster
// matches nothing and reports nothing). It fails when two submissions have
// one key, or when a submission without a roster row has a key that is
// another student's roster id: both would be one student in the gradebook.
func MatchRoster(subs []*ClassSubmission, roster *Roster) (*Class, error) {
	c := &Class{}
	byKey := map[string]*ClassSubmission{}
	matched := map[string]bool{}
	for _, sub := range subs {
		if other, dup := byKey[sub.Key]; dup {
			return nil, fmt.Errorf("two submissions are named %q: %s and %s", sub.Key, describeOrigin(other), describeOrigin(sub))
		}
		byKey[sub.Key] = sub
		m := ClassMember{ClassSubmission: sub, Student: sub.Key, Name: sub.Name}
		if roster != nil {
			if e, ok := roster.ByKey(sub.Key); ok {
				m.Student, m.Name, m.Email, m.Rostered, m.Lang = e.ID, e.Name, e.Email, true, e.Lang
				matched[e.ID] = true
			} else {
				c.Unmatched = append(c.Unmatched, m)
			}
		}
		c.Members = append(c.Members, m)
	}
	if roster != nil {
		for _, m := range c.Unmatched {
			if e, taken := roster.ByID(m.Student); taken {
				return nil, fmt.Errorf("submission %q (%s) matches no roster row, and roster line %d gives that id to %s; add %q to a row's submission column",
					m.Key, describeOrigin(m.ClassSubmission), e.Line, e.Name, m.Key)
			}
		}
		for _, e := range roster.Entries {
			if !matched[e.ID] {
				c.NotSubmitted = append(c.NotSubmitted, e)
			}
		}
	}
	sort.Slice(c.Members, func(i, j int) bool { return c.Members[i].Student < c.Members[j].Student })
	return c, nil
}

// describeOrigin names where a submission came from, for messages.
func describeOrigin(sub *ClassSubmission) string {
	if sub.Source == sub.Path || len(sub.Files) == 0 {
		return sub.Source
	}
	return fmt.Sprintf("%s in %s", sub.Files[0], sub.Source)
}

// Shard keeps the members and roster rows that fall in s.
func (c *Class) Shard(s Shard) *Class {
	out := &Class{}
	for _, m := range c.Members {
		if s.Contains(m.Student) {
			out.Members = append(out.Members, m)
		}
	}
	for _, m := range c.Unmatched {
		if s.Contains(m.Student) {
			out.Unmatched = append(out.Unmatched, m)
		}
	}
	for _, e := range c.NotSubmitted {
		if s.Contains(e.ID) {
			out.NotSubmitted = append(out.NotSubmitted, e)
		}
	}
	return out
}

// Describe copies the member's identity and origin into its result, which
// grading names only by Student and Path.
func (m ClassMember) Describe(r *StudentResult) {
	r.Student, r.Name, r.Email, r.Rostered = m.Student, m.Name, m.Email, m.Rostered
	r.Submission, r.Scheme, r.Files = m.Key, m.Scheme, m.Files
	if m.Source != m.Path {
		r.Path = m.Source
	}
	r.SetFlag(FlagLate, m.Late)
}

// Submission is what to grade: the member's path, under its Student.
func (m ClassMember) Submission() Submission {
	return Submission{Student: m.Student, Path: m.Path, Lang: m.Lang}
}
