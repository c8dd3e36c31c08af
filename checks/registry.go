package checks

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
	// unknown marks the placeholder [Lookup] returns for an ID that is not
	// in the registry.
	unknown bool
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
			Gentle:   "ReLU i は訓練点 xTrain[i] で折れ曲がるようにします。relu(x + b_i) が x = xTrain[i] で 0 から立ち上がる b_i を考えましょう (最後の点は使いません)。重みは、ReLU i を足すことで、xTrain[i] より右の傾きが区間 i の傾き slope になるように決めます。",
			Pointed:  "b_i = -xTrain[i] です: 先頭の numRelus 個を Slice(xTrain, AxisRange(0, numRelus)) で取り出し、Neg で符号を反転します。xTrain[i] の左側では、それまでの ReLU がすでに傾き prevSlope を作っているので、ReLU i の重みは slope と prevSlope の差です。",
			Explicit: "weights[i] = Sub(slope, prevSlope) です。yHat は重みと ReLU の活性化の重み付き和、つまり内積です: Dot(combinationWeights, reluActs).Product() (形状 [numRelus] と [numRelus, 1000] から [1000])。",
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
			Gentle:   "隠れ層ごとに「全結合層 → 活性化関数」の順に x に適用し、最後に出力層 (活性化関数なし) を適用します。次の層の入力の大きさは、今の層の出力の大きさです (ループの中の inNum = outNum)。",
			Pointed:  "全結合層は tutorial.Linear(スコープ, x, 入力の大きさ, 出力の大きさ) で作れます (nn.Linear(in_num, out_num) に相当)。層ごとに別のスコープ scope.In(\"Linear_%d\", i) を渡します。活性化関数は net.Activation の Apply メソッドで x に適用します。",
			Explicit: "x = tutorial.Linear(scope.In(\"Linear_%d\", i), x, inNum, outNum) のあとに x = net.Activation.Apply(x)。出力層は logits := tutorial.Linear(scope.In(\"Output_Linear\"), x, inNum, net.OutputFeatureNum) です。",
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
			Gentle:   "まず各サンプルの正解ラベルの予測値 x[i, labels_i] を取り出します (形状 [N])。ワンホット表現 (正解のクラスだけ 1、ほかは 0) を x に掛けてクラスの軸で足すと、ループなしで取り出せます。損失ベクトルは、式の log(Σ_j exp(x[i, j])) から xOfLabels を引いたものです。",
			Pointed:  "OneHot(labels, x.Shape().Dim(-1), x.DType()) がワンホット表現です。Mul で x に掛け、ReduceSum(..., -1) でクラスの軸を足します。損失ベクトルは Exp、ReduceSum(..., -1)、Log、Sub で書けます。平均は ReduceAllMean です。",
			Explicit: "losses := Sub(Log(ReduceSum(Exp(x), -1)), xOfLabels)、avgLoss := ReduceAllMean(losses) です。x が大きいと Exp があふれるので、各行の最大値 m := ReduceAndKeep(x, ReduceMax, -1) を引いてから Exp を計算し (Exp(Sub(x, m)))、Log のあとで m を足し戻すと安定します (log-sum-exp のトリック)。",
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
			Gentle:   "shuffledIndices は 0 から N-1 までの数の並べ替え (置換) です。seed で初期化した乱数生成器から作るので、同じ seed なら同じ並べ替えになります。テストセットの大きさ testSize は、全体 N の 20% を整数にしたものです。",
			Pointed:  "並べ替えは、生成器 rand.New(rand.NewSource(seed)) の Perm メソッドに要素の数を渡すと得られます (torch.randperm に相当)。20% は原作と同じく切り捨てます: N = 4000 なら 800 です。",
			Explicit: "shuffledIndices := rand.New(rand.NewSource(seed)).Perm(N)、testSize := int(0.2 * float64(N)) です (原作の int(0.2 * N) と同じく切り捨て)。",
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
	return Exercise{ID: id, Title: Japanese.Sprintf("check.exercise.unknown", id), unknown: true}
}
