package checks

import "fmt"

// HintLevel says how much a hint gives away: [GentleHint] points at the
// idea, [PointedHint] names the operations, [ExplicitHint] all but writes the
// line. cmd/check reveals them in this order, and a check that fails quotes
// the level that fits the mistake.
type HintLevel int

// The hint levels, in the order a student sees them.
const (
	GentleHint HintLevel = iota + 1
	PointedHint
	ExplicitHint
)

// NumHintLevels is the number of hint levels, and of hints per exercise.
const NumHintLevels = int(ExplicitHint)

// Label names a hint for students, e.g. "ヒント 2/3": cmd/check prints it
// before the hint, and the notebooks use it as the title of its collapsed
// block, so that a student finds the same hint under the same name.
func (l HintLevel) Label() string {
	return fmt.Sprintf("ヒント %d/%d", int(l), NumHintLevels)
}

// Hints are an exercise's three hints, in Japanese.
type Hints struct {
	Gentle   string // the idea: where to look, what the result means
	Pointed  string // the operations to use
	Explicit string // nearly the code
}

// At returns the hint of the given level. It panics on a level outside
// [GentleHint]..[ExplicitHint], a programming error.
func (h Hints) At(level HintLevel) string {
	switch level {
	case GentleHint:
		return h.Gentle
	case PointedHint:
		return h.Pointed
	case ExplicitHint:
		return h.Explicit
	}
	panic(fmt.Sprintf("checks: hint level %d outside 1..%d", level, NumHintLevels))
}

// UpTo returns the hints from [GentleHint] up to level, in order; a level
// above [ExplicitHint] gives all of them, one below [GentleHint] none.
func (h Hints) UpTo(level HintLevel) []string {
	var out []string
	for l := GentleHint; l <= min(level, ExplicitHint); l++ {
		out = append(out, h.At(l))
	}
	return out
}
