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
	{
		ID:       "2",
		Title:    "汎用的な MLP",
		Function: "MLPForward",
		File:     "mlp.go",
		Points:   10,
		Hints: []string{
			"隠れ層ごとに「全結合層 → 活性化関数」を順に x に適用し、最後に出力層 (活性化関数なし) を適用します。次の層の入力サイズは今の層の出力サイズ (inNum = outNum) です。",
			"全結合層は tutorial.Linear(scope.In(\"Linear_%d\", i), x, inNum, outNum) で作れます (nn.Linear(in_num, out_num) に相当)。層ごとに別のスコープが必要です。",
			"活性化関数は x = net.Activation.Apply(x)、出力層は logits := tutorial.Linear(scope.In(\"Output_Linear\"), x, inNum, net.OutputFeatureNum) です。",
		},
	},
	{
		ID:       "2.1",
		Title:    "バッチのクロスエントロピー損失",
		Function: "CrossEntropyLoss",
		File:     "crossentropy.go",
		Points:   10,
		Hints: []string{
			"まず各サンプルのラベルに対応する予測値 x[i, labels_i] を取り出します: OneHot(labels, x.Shape().Dim(-1), x.DType()) を x に掛けて ReduceSum(..., -1) すると形状 [N] になります。",
			"損失ベクトルは losses = -xOfLabels + log(Σ_j exp(x[i, j])) です: Sub(Log(ReduceSum(Exp(x), -1)), xOfLabels)。最後に ReduceAllMean(losses) で平均を返します。",
			"数値的に安定させるには、各行の最大値 m = ReduceAndKeep(x, ReduceMax, -1) を引いてから exp を計算し (Exp(Sub(x, m)))、log のあとで m を足し戻します (log-sum-exp のトリック)。",
		},
	},
	{
		ID:       "2.3",
		Title:    "データのシャッフルと訓練/テスト分割",
		Function: "ShuffleAndSplitData",
		File:     "split.go",
		Points:   10,
		Hints: []string{
			"shuffledIndices は 0 から N-1 までの数の並べ替えです。seed で初期化した乱数生成器から作ると、同じ seed で同じ並べ替えになります: rand.New(rand.NewSource(seed)).Perm(N)。",
			"テストセットの大きさは全体の 20% です。原作と同じく int(0.2 * float64(N)) と切り捨ててください (N=4000 なら 800)。",
			"並べ替えた X と y から、先頭 testSize 個がテスト、残りが訓練です。X と y は同じ shuffledIndices で並べ替えます。",
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
