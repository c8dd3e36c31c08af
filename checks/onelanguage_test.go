package checks

import (
	"fmt"
	"maps"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/gomlx/compute/dtypes"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/exercises"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// brokenImplementations are, per exercise, answers that fail in the ways
// students' answers do: a panic of their own or of Go's runtime, an error of
// GoMLX, a value of the wrong shape or dtype, nil, a core helper called
// with the wrong sizes, and a blank left as an earlier stub named it.
var brokenImplementations = map[ExerciseID]map[string]any{
	ApproximateFunctionID: {
		"panic": tutorial.ApproximateFunctionFn(func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) { panic("boom") }),
		"index out of range": tutorial.ApproximateFunctionFn(func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
			var lookup []float32
			_ = lookup[xTrain.Shape().Dim(0)]
			return nil, nil, nil
		}),
		"GoMLX error": tutorial.ApproximateFunctionFn(func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
			return Concatenate([]*Node{xTrain, Reshape(xTrain, 1, -1)}, 0), nil, nil
		}),
		"nil": tutorial.ApproximateFunctionFn(func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) { return nil, nil, nil }),
		"an extra ReLU": tutorial.ApproximateFunctionFn(func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
			yHat, reluActs, x = solutions.ApproximateFunction(xTrain, yTrain)
			return yHat, Concatenate([]*Node{reluActs, Slice(reluActs, AxisRange(0, 1))}, 0), x
		}),
		"Mul instead of Dot": tutorial.ApproximateFunctionFn(func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
			_, reluActs, x = solutions.ApproximateFunction(xTrain, yTrain)
			return reluActs, reluActs, x
		}),
		"int32 grid": tutorial.ApproximateFunctionFn(func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
			yHat, reluActs, x = solutions.ApproximateFunction(xTrain, yTrain)
			return yHat, reluActs, ConvertDType(x, dtypes.Int32)
		}),
		"an earlier stub": tutorial.ApproximateFunctionFn(func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
			return tutorial.TODO("Exercise 1", "yHat (the weighted sum of the ReLUs)", xTrain), nil, nil
		}),
	},
	MLPForwardID: {
		"panic": tutorial.MLPForwardFn(func(net *tutorial.Net, scope *model.Scope, x *Node) *Node { panic("boom") }),
		"nil":   tutorial.MLPForwardFn(func(net *tutorial.Net, scope *model.Scope, x *Node) *Node { return nil }),
		"no output layer": tutorial.MLPForwardFn(func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
			in := net.InputFeatureNum
			for i, out := range net.HiddenUnitNums {
				x = net.Activation.Apply(tutorial.Linear(scope.In("Linear_%d", i), x, in, out))
				in = out
			}
			return x
		}),
		"inNum never updated": tutorial.MLPForwardFn(func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
			in := net.InputFeatureNum
			for i, out := range net.HiddenUnitNums {
				x = net.Activation.Apply(tutorial.Linear(scope.In("Linear_%d", i), x, in, out))
			}
			return tutorial.Linear(scope.In("Output_Linear"), x, in, net.OutputFeatureNum)
		}),
		"a layer of size 0": tutorial.MLPForwardFn(func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
			return tutorial.Linear(scope.In("Output_Linear"), x, net.InputFeatureNum, 0)
		}),
		"scopes of other names": tutorial.MLPForwardFn(func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
			in := net.InputFeatureNum
			for i, out := range net.HiddenUnitNums {
				x = net.Activation.Apply(tutorial.Linear(scope.In("layer%d", i), x, in, out))
				in = out
			}
			return tutorial.Linear(scope.In("output"), x, in, net.OutputFeatureNum)
		}),
		"an earlier stub": tutorial.MLPForwardFn(func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
			return tutorial.TODO("Exercise 2", fmt.Sprintf("Output_Linear (a dense layer %d -> %d)", net.InputFeatureNum, net.OutputFeatureNum), x)
		}),
	},
	CrossEntropyLossID: {
		"panic":      tutorial.CrossEntropyLossFn(func(x, labels *Node) *Node { panic("boom") }),
		"nil":        tutorial.CrossEntropyLossFn(func(x, labels *Node) *Node { return nil }),
		"no mean":    tutorial.CrossEntropyLossFn(func(x, labels *Node) *Node { return ReduceSum(x, -1) }),
		"int32 loss": tutorial.CrossEntropyLossFn(func(x, labels *Node) *Node { return ReduceAllSum(labels) }),
		"naive":      tutorial.CrossEntropyLossFn(naiveCrossEntropy),
		"an earlier stub": tutorial.CrossEntropyLossFn(func(x, labels *Node) *Node {
			return tutorial.TODO("Exercise 2.1", "avgLoss (the mean of the losses)", x)
		}),
	},
	ShuffleAndSplitDataID: {
		"panic": tutorial.ShuffleAndSplitFn(func(X, y *Node, seed int64) (XTest, yTest, XTrain, yTrain *Node) { panic("boom") }),
		"nil": tutorial.ShuffleAndSplitFn(func(X, y *Node, seed int64) (XTest, yTest, XTrain, yTrain *Node) {
			return nil, nil, nil, nil
		}),
		"sizes that do not add up": tutorial.ShuffleAndSplitFn(func(X, y *Node, seed int64) (XTest, yTest, XTrain, yTrain *Node) {
			n := X.Shape().Dim(0)
			return Slice(X, AxisRange(0, n/2)), Slice(y, AxisRange(0, n/3)), Slice(X, AxisRange(n/2, n)), Slice(y, AxisRange(n/3, n))
		}),
		"a permutation one too long": tutorial.ShuffleAndSplitFn(func(X, y *Node, seed int64) (XTest, yTest, XTrain, yTrain *Node) {
			n := X.Shape().Dim(0)
			perm := rand.New(rand.NewSource(seed)).Perm(n + 1)
			return tutorial.TakeRows(X, perm), tutorial.TakeRows(y, perm), X, y
		}),
		"an earlier stub": tutorial.ShuffleAndSplitFn(func(X, y *Node, seed int64) (XTest, yTest, XTrain, yTrain *Node) {
			_ = tutorial.TODOValue[int]("Exercise 2.3", "testSize (20% of the N samples)")
			return nil, nil, nil, nil
		}),
	},
}

// forgedRunErrors are outputs a grading child sends for a run that
// panicked in the student's file, where the core recorded the place, and
// outputs that are not a child's at all.
var forgedRunErrors = map[string]string{
	"a panic with its place": `{"cases":[{"error":{"message":"relu approximation: panic: runtime error: index out of range [3] with length 3",` +
		`"cause":"runtime error: index out of range [3] with length 3","file":"relu_approx.go","line":20}}]}`,
	"a core error with its place": `{"cases":[{"error":{"message":"mlp: running the net: ...",` +
		`"cause":"linear /Linear_1: x has shape (Float32)[7, 100], want [batch, 2] (inFeatures=2)","file":"mlp.go","line":27}}]}`,
	"an error of an earlier grader": `{"cases":[{"error":{"message":"relu approximation: panic: boom"}}]}`,
	"not JSON":                      `PASS`,
	"no cases":                      `{"cases":[]}`,
}

// TestResultsSpeakOneLanguage judges the stubs, the references, and
// answers broken in every way a check explains, in Japanese and in English,
// and reads every result a student would: its message, hint and notes, in
// one language. Run it with -v to read them all.
func TestResultsSpeakOneLanguage(t *testing.T) {
	for _, ex := range Registry {
		answers := map[string]any{
			"stub":      implementations[ex.ID].stub,
			"reference": implementations[ex.ID].reference,
			"wrong":     wrongImplementations[ex.ID],
		}
		for name, impl := range brokenImplementations[ex.ID] {
			answers[name] = impl
		}
		inputs, err := ex.Inputs(rand.New(rand.NewSource(3)))
		require.NoError(t, err)
		outputs := map[string][]byte{}
		for name, impl := range answers {
			outputs[name], err = ex.Compute(impl, inputs)
			require.NoError(t, err, name)
		}
		for name, forged := range forgedRunErrors {
			outputs[name] = []byte(forged)
		}
		for _, name := range slices.Sorted(maps.Keys(outputs)) {
			t.Run(string(ex.ID)+"/"+name, func(t *testing.T) {
				ja, en := ex.JudgeIn(Japanese, inputs, outputs[name]), ex.JudgeIn(English, inputs, outputs[name])
				t.Logf("\n%s\n%s", ja, en)
				assert.Equal(t, ja.Status, en.Status)
				assert.Empty(t, Japanese.Foreign(ja.String()), "English in the Japanese result:\n%s", ja)
				assert.Empty(t, English.Foreign(en.String()), "Japanese in the English result:\n%s", en)
				assert.Regexp(t, japanese, ja.String())
			})
		}
	}
}

// What the checks say about a failed run, word for word.
func TestRunErrorsInEitherLanguage(t *testing.T) {
	tests := []struct {
		exercise ExerciseID
		answer   string
		ja, en   string
	}{
		{ApproximateFunctionID, "an extra ReLU",
			"reluActs の形状が [10, 1000] です。期待される形状は [9, 1000] です。",
			"reluActs has shape [10, 1000], but it should have shape [9, 1000]."},
		{ApproximateFunctionID, "Mul instead of Dot",
			"yHat の形状が [9, 1000] です。期待される形状は [1000] です。",
			"yHat has shape [9, 1000], but it should have shape [1000]."},
		{ApproximateFunctionID, "int32 grid",
			"x の型が int32 です。期待される型は float32 です。",
			"x has dtype int32, but it should have dtype float32."},
		{ApproximateFunctionID, "nil", "yHat として nil が返されました。", "your code returned nil as yHat."},
		{ApproximateFunctionID, "panic", "で実行に失敗しました: `boom`。", "your code failed to run: `boom`."},
		{ApproximateFunctionID, "index out of range",
			"で実行に失敗しました: `runtime error: index out of range [10] with length 0`。",
			"your code failed to run: `runtime error: index out of range [10] with length 0`."},
		{ApproximateFunctionID, "GoMLX error",
			"で実行に失敗しました: `Concatenate operand #1 has different rank (2) than operand 0's rank (1)`。",
			"your code failed to run: `Concatenate operand #1 has different rank (2) than operand 0's rank (1)`."},
		{ApproximateFunctionID, "a panic with its place",
			"で実行に失敗しました: `runtime error: index out of range [3] with length 3` (relu_approx.go の 20 行目)。",
			"your code failed to run: `runtime error: index out of range [3] with length 3` (line 20 of relu_approx.go)."},
		{ApproximateFunctionID, "an error of an earlier grader",
			"で実行に失敗しました: `relu approximation: panic: boom`。", "your code failed to run: `relu approximation: panic: boom`."},
		{ApproximateFunctionID, "an earlier stub",
			"TODO の部分を埋めてください。まだ TODO のままの部分: yHat (ReLU の活性化の重み付き和)。",
			"Fill in the TODO parts. Still a TODO: yHat (the weighted sum of the ReLUs)."},
		{MLPForwardID, "inNum never updated",
			"で実行に失敗しました: tutorial.Linear (スコープ /Linear_1) の入力 x の形状が [100, 100] ですが、inFeatures=2 なので [batch, 2] のはずです。",
			"your code failed to run: tutorial.Linear (scope /Linear_1) got x of shape [100, 100], but with inFeatures=2 it should be [batch, 2]."},
		{MLPForwardID, "a core error with its place",
			"で実行に失敗しました: tutorial.Linear (スコープ /Linear_1) の入力 x の形状が [7, 100] ですが、inFeatures=2 なので [batch, 2] のはずです (mlp.go の 27 行目)。",
			"your code failed to run: tutorial.Linear (scope /Linear_1) got x of shape [7, 100], but with inFeatures=2 it should be [batch, 2] (line 27 of mlp.go)."},
		{MLPForwardID, "a layer of size 0",
			"で実行に失敗しました: tutorial.Linear (スコープ /Output_Linear) の大きさは 1 以上のはずですが、inFeatures=2、outFeatures=0 でした。",
			"your code failed to run: the sizes of tutorial.Linear (scope /Output_Linear) should be at least 1, but they were inFeatures=2 and outFeatures=0."},
		{MLPForwardID, "no output layer",
			"logits の形状が [100, 5] です。期待される形状は [100, 1] です。",
			"logits has shape [100, 5], but it should have shape [100, 1]."},
		{MLPForwardID, "nil", "logits として nil が返されました。", "your code returned nil as logits."},
		{MLPForwardID, "scopes of other names",
			"層 Linear_0 の変数 /Linear_0/dense/{weights,biases} がモデルにありません。モデルの変数: /layer0/dense/weights [2 100], ",
			"the model has no variables /Linear_0/dense/{weights,biases} for layer Linear_0. The model's variables: /layer0/dense/weights [2 100], "},
		{MLPForwardID, "an earlier stub",
			"TODO の部分を埋めてください。まだ TODO のままの部分: Output_Linear (2 -> 1 の全結合層)。",
			"Fill in the TODO parts. Still a TODO: Output_Linear (a dense layer 2 -> 1)."},
		{CrossEntropyLossID, "no mean",
			"avgLoss の形状が [2] です。期待される形状は [] (スカラー) です。\nヒント: 損失ベクトル losses の平均 (ReduceAllMean) を返しましょう。",
			"avgLoss has shape [2], but it should have shape [] (a scalar).\nHint: Return the mean of the loss vector losses (ReduceAllMean)"},
		{CrossEntropyLossID, "int32 loss",
			"avgLoss の型が int32 です。期待される型は float32 です。", "avgLoss has dtype int32, but it should have dtype float32."},
		{CrossEntropyLossID, "nil", "avgLoss として nil が返されました。", "your code returned nil as avgLoss."},
		{CrossEntropyLossID, "an earlier stub",
			"TODO の部分を埋めてください。まだ TODO のままの部分: avgLoss (損失の平均)。",
			"Fill in the TODO parts. Still a TODO: avgLoss (the mean of the losses)."},
		{ShuffleAndSplitDataID, "sizes that do not add up",
			"XTest の形状が [2000, 2] です。期待される形状は [800, 2] です。",
			"XTest has shape [2000, 2], but it should have shape [800, 2]."},
		{ShuffleAndSplitDataID, "a permutation one too long",
			"で実行に失敗しました: tutorial.TakeRows に渡したインデックスの ",
			"your code failed to run: the index 4000 at position "},
		{ShuffleAndSplitDataID, "nil", "XTest として nil が返されました。", "your code returned nil as XTest."},
		{CrossEntropyLossID, "not JSON",
			"実装の出力を読めません: `invalid character 'P' looking for beginning of value`",
			"Cannot read your implementation's outputs: `invalid character 'P' looking for beginning of value`"},
		{ShuffleAndSplitDataID, "an earlier stub",
			"TODO の部分を埋めてください。まだ TODO のままの部分: testSize (N 個のサンプルの 20%)。",
			"Fill in the TODO parts. Still a TODO: testSize (20% of the N samples)."},
	}
	for _, tc := range tests {
		t.Run(string(tc.exercise)+"/"+tc.answer, func(t *testing.T) {
			ex := Lookup(tc.exercise)
			inputs, err := ex.Inputs(rand.New(rand.NewSource(3)))
			require.NoError(t, err)
			outputs := []byte(forgedRunErrors[tc.answer])
			if impl, ok := brokenImplementations[tc.exercise][tc.answer]; ok {
				outputs, err = ex.Compute(impl, inputs)
				require.NoError(t, err)
			}
			for lang, want := range map[Lang]string{Japanese: tc.ja, English: tc.en} {
				r := ex.JudgeIn(lang, inputs, outputs)
				assert.NotEqual(t, Pass, r.Status)
				assert.Contains(t, r.String(), want, "%s", lang)
			}
		})
	}
}

// The in-process checks of the stubs speak the language of SetLanguage.
func TestInProcessStubsSpeakOneLanguage(t *testing.T) {
	if !studentFilesArePristine() {
		t.Skip("pkg/exercises holds local edits; the stubs are checked in CI")
	}
	t.Cleanup(func() { SetLanguage(Japanese) })
	checks := map[ExerciseID]func() Result{
		ApproximateFunctionID: func() Result { return ApproximateFunction(exercises.ApproximateFunction) },
		MLPForwardID:          func() Result { return MLPForward(exercises.MLPForward) },
		CrossEntropyLossID:    func() Result { return CrossEntropyLoss(exercises.CrossEntropyLoss) },
		ShuffleAndSplitDataID: func() Result { return ShuffleAndSplitData(exercises.ShuffleAndSplitData) },
	}
	for _, ex := range Registry {
		for _, lang := range []Lang{Japanese, English} {
			SetLanguage(lang)
			r := checks[ex.ID]()
			assert.Equal(t, NotImplemented, r.Status, r.String())
			assert.Equal(t, lang, r.Lang)
			assert.Empty(t, lang.Foreign(r.String()), r.String())
			want := stubBlanks[ex.ID].ja
			if lang == English {
				want = stubBlanks[ex.ID].en
			}
			assert.True(t, strings.HasSuffix(r.Message, want+map[Lang]string{Japanese: "。", English: "."}[lang]), r.Message)
		}
	}
}
