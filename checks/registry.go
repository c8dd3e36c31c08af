package checks

import "fmt"

// ExerciseID names an exercise by its number in the tutorial, e.g. "2.1".
// The grader's files, the notebooks' cell tags and the students' feedback
// all use it, so an exercise keeps its ID for good.
type ExerciseID string

// The tutorial's exercises, named after the function the student writes.
const (
	ApproximateFunctionID ExerciseID = "1"
	MLPForwardID          ExerciseID = "2"
	CrossEntropyLossID    ExerciseID = "2.1"
	ShuffleAndSplitDataID ExerciseID = "2.3"
)

// Exercise is everything about one graded exercise that is not code: the
// notebooks (internal/nbgen), the student tool (cmd/check) and the grader
// (cmd/grade) read it from [Registry]. The code lives in files named by
// File: the stub in pkg/exercises, the reference in pkg/solutions, the check
// in this package; docs/CONTRIBUTING.md lists every piece an exercise needs,
// and a test names any that is missing.
type Exercise struct {
	ID       ExerciseID
	Title    string // Japanese title shown to students
	Function string // the Go function the student writes, in pkg/exercises
	File     string // its file in pkg/exercises (and pkg/solutions, checks)
	Points   int    // points in the gradebook
	Hints    Hints  // Japanese hints, from gentle to explicit
	// Grader is the exercise's check, in three phases (see [Grader]). Call
	// the phases through the exercise: [Exercise.Inputs], [Exercise.Compute]
	// and [Exercise.Judge].
	Grader Grader
}

// Label is the exercise's Japanese label, e.g. "演習 2.1".
func (e Exercise) Label() string { return "演習 " + string(e.ID) }

// Registry lists the tutorial's exercises in the order of the tutorial.
var Registry = []Exercise{
	{
		ID:       ApproximateFunctionID,
		Title:    "ReLU による関数近似",
		Function: "ApproximateFunction",
		File:     "relu_approx.go",
		Points:   10,
		Hints: Hints{
			Gentle:   "ReLU i は訓練点 xTrain[i] で折れ曲がります。relu(x + b_i) が x = xTrain[i] で 0 になる b_i を考えましょう (最後の点は除きます)。",
			Pointed:  "b は Neg(Slice(xTrain, AxisRange(0, numRelus))) で作れます。重み i は区間 i の傾きと一つ前の区間の傾きの差 (Sub(slope, prevSlope)) です。",
			Explicit: "yHat は重みと ReLU 活性化の重み付き和、つまり内積です: Dot(combinationWeights, reluActs).Product()。",
		},
		Grader: reluApproxGrader,
	},
	{
		ID:       MLPForwardID,
		Title:    "汎用的な MLP",
		Function: "MLPForward",
		File:     "mlp.go",
		Points:   10,
		Hints: Hints{
			Gentle:   "隠れ層ごとに「全結合層 → 活性化関数」を順に x に適用し、最後に出力層 (活性化関数なし) を適用します。次の層の入力サイズは今の層の出力サイズ (inNum = outNum) です。",
			Pointed:  "全結合層は tutorial.Linear(scope.In(\"Linear_%d\", i), x, inNum, outNum) で作れます (nn.Linear(in_num, out_num) に相当)。層ごとに別のスコープが必要です。",
			Explicit: "活性化関数は x = net.Activation.Apply(x)、出力層は logits := tutorial.Linear(scope.In(\"Output_Linear\"), x, inNum, net.OutputFeatureNum) です。",
		},
		Grader: mlpGrader,
	},
	{
		ID:       CrossEntropyLossID,
		Title:    "バッチのクロスエントロピー損失",
		Function: "CrossEntropyLoss",
		File:     "crossentropy.go",
		Points:   10,
		Hints: Hints{
			Gentle:   "まず各サンプルのラベルに対応する予測値 x[i, labels_i] を取り出します: OneHot(labels, x.Shape().Dim(-1), x.DType()) を x に掛けて ReduceSum(..., -1) すると形状 [N] になります。",
			Pointed:  "損失ベクトルは losses = -xOfLabels + log(Σ_j exp(x[i, j])) です: Sub(Log(ReduceSum(Exp(x), -1)), xOfLabels)。最後に ReduceAllMean(losses) で平均を返します。",
			Explicit: "数値的に安定させるには、各行の最大値 m = ReduceAndKeep(x, ReduceMax, -1) を引いてから exp を計算し (Exp(Sub(x, m)))、log のあとで m を足し戻します (log-sum-exp のトリック)。",
		},
		Grader: crossEntropyGrader,
	},
	{
		ID:       ShuffleAndSplitDataID,
		Title:    "データのシャッフルと訓練/テスト分割",
		Function: "ShuffleAndSplitData",
		File:     "split.go",
		Points:   10,
		Hints: Hints{
			Gentle:   "shuffledIndices は 0 から N-1 までの数の並べ替えです。seed で初期化した乱数生成器から作ると、同じ seed で同じ並べ替えになります: rand.New(rand.NewSource(seed)).Perm(N)。",
			Pointed:  "テストセットの大きさは全体の 20% です。原作と同じく int(0.2 * float64(N)) と切り捨ててください (N=4000 なら 800)。",
			Explicit: "並べ替えた X と y から、先頭 testSize 個がテスト、残りが訓練です。X と y は同じ shuffledIndices で並べ替えます。",
		},
		Grader: splitGrader,
	},
}

// Find returns the registry entry of exercise id, and false if there is none.
func Find(id ExerciseID) (Exercise, bool) {
	for _, e := range Registry {
		if e.ID == id {
			return e, true
		}
	}
	return Exercise{}, false
}

// Lookup returns the registry entry of exercise id or, for an ID that is not
// in the registry, a placeholder with that ID, a title naming it and no
// grader, so that a message about an unknown exercise can still be printed.
func Lookup(id ExerciseID) Exercise {
	if e, ok := Find(id); ok {
		return e
	}
	return Exercise{ID: id, Title: fmt.Sprintf("unknown exercise %q", id)}
}
