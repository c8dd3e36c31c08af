package grader

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/i18n"
)

// Summary is what an instructor reads at the end of a class run: how the
// scores fell, exercise by exercise, and what went wrong, flag by flag.
type Summary struct {
	Students  int // results summarised
	Errors    []string
	Exercises []ExerciseSummary
	// Totals counts the students by total, in bands of a tenth of the
	// maximum (the last band is the maximum itself).
	Totals    []Band
	MaxPoints int
	Mean      float64
	Flags     []FlagCount // by count, then name; only flags that occur
	// Unmatched are submissions no roster row matched, NotSubmitted roster
	// rows no submission matched; LeftOut students an LMS format could not
	// identify.
	Unmatched, NotSubmitted, LeftOut []string
}

// ExerciseSummary is the distribution of one exercise's scores.
type ExerciseSummary struct {
	ID           string
	Points       int         // the exercise's maximum
	Scores       map[int]int // points → students
	Passed       int
	NotSubmitted int // scored 0 without code (FlagNotSubmitted)
}

// Band is a range of totals and how many students fell in it.
type Band struct {
	From, To int // inclusive
	Students int
}

// FlagCount is how many students carry a flag, and the first few of them.
type FlagCount struct {
	Flag     Flag
	Students []string // sorted
}

// summaryNames is how many students a flag's line names.
const summaryNames = 3

// Summarize summarises a gradebook's students. A student whose submission
// could not be graded counts in Errors only.
func Summarize(gb *Gradebook) *Summary {
	s := &Summary{Students: len(gb.Students), MaxPoints: gb.MaxPoints()}
	byID := map[string]*ExerciseSummary{}
	for _, ex := range gb.Exercises {
		s.Exercises = append(s.Exercises, ExerciseSummary{ID: ex.ID, Points: ex.Points, Scores: map[int]int{}})
	}
	for i := range s.Exercises {
		byID[s.Exercises[i].ID] = &s.Exercises[i]
	}
	flagged := map[Flag][]string{}
	var totals []int
	sum := 0
	for _, r := range gb.Students {
		if r.Error != "" {
			s.Errors = append(s.Errors, r.Student)
			continue
		}
		totals = append(totals, r.Total)
		sum += r.Total
		for _, e := range r.Exercises {
			es := byID[string(e.ExerciseID)]
			if es == nil {
				continue
			}
			es.Scores[e.Points]++
			if e.Status == checks.Pass {
				es.Passed++
			}
			if e.HasFlag(FlagNotSubmitted) {
				es.NotSubmitted++
			}
		}
		for _, f := range r.Flags {
			flagged[f] = append(flagged[f], r.Student)
		}
	}
	if len(totals) > 0 {
		s.Mean = float64(sum) / float64(len(totals))
	}
	s.Totals = bands(totals, s.MaxPoints)
	for f, students := range flagged {
		sort.Strings(students)
		s.Flags = append(s.Flags, FlagCount{Flag: f, Students: students})
	}
	sort.Slice(s.Flags, func(i, j int) bool {
		a, b := s.Flags[i], s.Flags[j]
		if len(a.Students) != len(b.Students) {
			return len(a.Students) > len(b.Students)
		}
		return a.Flag < b.Flag
	})
	sort.Strings(s.Errors)
	return s
}

// bands counts totals in ten bands of width max/10 (rounded up), plus one
// for the maximum itself.
func bands(totals []int, maxPoints int) []Band {
	if maxPoints <= 0 {
		return nil
	}
	width := (maxPoints + 9) / 10
	var out []Band
	for from := 0; from < maxPoints; from += width {
		out = append(out, Band{From: from, To: min(from+width, maxPoints) - 1})
	}
	out = append(out, Band{From: maxPoints, To: maxPoints})
	for _, t := range totals {
		for i := range out {
			if t >= out[i].From && t <= out[i].To {
				out[i].Students++
				break
			}
		}
	}
	return out
}

// String renders the summary in English: [Summary.Render].
func (s *Summary) String() string { return s.Render(i18n.English) }

// Render renders the summary in a few lines of language l (cmd/grade
// -lang); the totals show only the bands that hold students. Student IDs
// and flags are identifiers, the same in every language.
func (s *Summary) Render(l i18n.Lang) string {
	var b strings.Builder
	sep := l.Sprintf("grader.summary.separator")
	graded := s.Students - len(s.Errors)
	b.WriteString(l.Sprintf("grader.summary.head", s.Students, graded))
	if len(s.Errors) > 0 {
		b.WriteString(l.Sprintf("grader.summary.errors", len(s.Errors), nameFew(l, s.Errors)))
	}
	b.WriteString("\n")
	if graded > 0 {
		var cells []string
		for _, band := range s.Totals {
			switch {
			case band.Students == 0:
			case band.From == band.To:
				cells = append(cells, fmt.Sprintf("%d: %d", band.From, band.Students))
			default:
				cells = append(cells, fmt.Sprintf("%d-%d: %d", band.From, band.To, band.Students))
			}
		}
		b.WriteString(l.Sprintf("grader.summary.total", s.MaxPoints, s.Mean, strings.Join(cells, sep)) + "\n")
		for _, es := range s.Exercises {
			points := make([]int, 0, len(es.Scores))
			for p := range es.Scores {
				points = append(points, p)
			}
			sort.Sort(sort.Reverse(sort.IntSlice(points)))
			cells := make([]string, len(points))
			for i, p := range points {
				cells[i] = l.Sprintf("grader.summary.points", p, es.Scores[p])
			}
			b.WriteString(l.Sprintf("grader.summary.exercise", es.ID, "("+strings.Join(cells, sep)+")", es.Passed, graded))
			if es.NotSubmitted > 0 {
				b.WriteString(l.Sprintf("grader.summary.not_submitted", es.NotSubmitted))
			}
			b.WriteString("\n")
		}
	}
	if len(s.Flags) == 0 {
		b.WriteString(l.Sprintf("grader.summary.no_flags") + "\n")
	} else {
		b.WriteString(l.Sprintf("grader.summary.flags"))
		for i, f := range s.Flags {
			if i > 0 {
				b.WriteString(";")
			}
			fmt.Fprintf(&b, " %s %d (%s)", f.Flag, len(f.Students), nameFew(l, f.Students))
		}
		b.WriteString("\n")
	}
	for _, list := range []struct {
		what  string
		names []string
	}{
		{l.Sprintf("grader.summary.unmatched"), s.Unmatched},
		{l.Sprintf("grader.summary.not_submitted_rows"), s.NotSubmitted},
		{l.Sprintf("grader.summary.left_out"), s.LeftOut},
	} {
		if len(list.names) > 0 {
			fmt.Fprintf(&b, "  %s: %d (%s)\n", list.what, len(list.names), nameFew(l, list.names))
		}
	}
	return b.String()
}

// nameFew lists the first few names, and how many more there are, in
// language l.
func nameFew(l i18n.Lang, names []string) string {
	sep := l.Sprintf("grader.summary.separator")
	if len(names) <= summaryNames {
		return strings.Join(names, sep)
	}
	return l.Sprintf("grader.summary.and_more", strings.Join(names[:summaryNames], sep), len(names)-summaryNames)
}
