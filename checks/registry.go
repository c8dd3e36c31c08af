package checks

import "fmt"

// Exercise is the metadata of one graded exercise. The notebooks, the
// student tool (cmd/check) and the grader (cmd/grade) all read it from
// [Registry].
type Exercise struct {
	ID       string   // "1", "2", "2.1", "2.3"
	Title    string   // Japanese title shown to students
	Function string   // the Go function the student writes, in pkg/exercises
	File     string   // its file in pkg/exercises (and pkg/solutions, checks)
	Points   int      // points in the gradebook
	Hints    []string // Japanese hints, from gentle to explicit
}

// Label is the exercise's Japanese label, e.g. "演習 2.1".
func (e Exercise) Label() string { return "演習 " + e.ID }

// Registry lists the tutorial's exercises in the order of the tutorial.
var Registry = []Exercise{
	{
		ID:       "1",
		Title:    "ReLU による関数近似",
		Function: "ApproximateFunction",
		File:     "relu_approx.go",
		Points:   10,
		Hints: []string{
			"ReLU i は訓練点 xTrain[i] で折れ曲がります。relu(x + b_i) が x = xTrain[i] で 0 になる b_i を考えましょう (最後の点は除きます)。",
			"b は Neg(Slice(xTrain, AxisRange(0, numRelus))) で作れます。重み i は区間 i の傾きと一つ前の区間の傾きの差 (Sub(slope, prevSlope)) です。",
			"yHat は重みと ReLU 活性化の重み付き和、つまり内積です: Dot(combinationWeights, reluActs).Product()。",
		},
	},
}

// Lookup returns the registry entry with the given ID, or a placeholder entry
// naming the unknown ID.
func Lookup(id string) Exercise {
	for _, e := range Registry {
		if e.ID == id {
			return e
		}
	}
	return Exercise{ID: id, Title: fmt.Sprintf("unknown exercise %q", id)}
}
