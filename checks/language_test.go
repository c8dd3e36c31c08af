package checks

import (
	"math/rand"
	"regexp"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// japanese matches any Japanese character.
var japanese = regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}]`)

func TestEveryExerciseHasEnglishText(t *testing.T) {
	for _, ex := range Registry {
		en, ok := englishExercises[ex.ID]
		if !assert.True(t, ok, "exercise %s has no English title and hints in englishExercises", ex.ID) {
			continue
		}
		assert.NotEmpty(t, en.Title, "exercise %s: English title", ex.ID)
		assert.NotRegexp(t, japanese, en.Title, "exercise %s: English title", ex.ID)
		for level := GentleHint; level <= ExplicitHint; level++ {
			assert.NotEmpty(t, en.Hints.At(level), "exercise %s: English hint %d", ex.ID, level)
			assert.NotRegexp(t, japanese, en.Hints.At(level), "exercise %s: English hint %d", ex.ID, level)
		}
		assert.Equal(t, japaneseFingerprint(ex), en.From,
			"exercise %s: the Japanese title or hints changed since their English translation; update englishExercises (checks/english.go) and its From", ex.ID)
		assert.Equal(t, en.Title, ex.TitleIn(English))
		assert.Equal(t, ex.Title, ex.TitleIn(Japanese))
		assert.Equal(t, en.Hints, ex.HintsIn(English))
		assert.Equal(t, ex.Hints, ex.HintsIn(Japanese))
	}
	for id := range englishExercises {
		_, ok := Find(id)
		assert.True(t, ok, "englishExercises has exercise %s, which the registry does not", id)
	}
	made := Exercise{ID: "9", Title: "二倍", Hints: Hints{Gentle: "一"}}
	assert.Equal(t, "二倍", made.TitleIn(English), "an exercise without English text keeps its own")
	assert.Equal(t, "Exercise 9", made.LabelIn(English))
	assert.Equal(t, "演習 9", made.LabelIn(Japanese))
	assert.Equal(t, `不明な演習 "9.9"`, Lookup("9.9").TitleIn(Japanese))
	assert.Equal(t, `unknown exercise "9.9"`, Lookup("9.9").TitleIn(English))
	assert.Equal(t, "Hint 2/3", PointedHint.LabelIn(English))
	assert.Equal(t, "ヒント 2/3", PointedHint.LabelIn(Japanese))
}

// wrongImplementations are, per exercise, an answer that fails the check
// in a way its messages explain.
var wrongImplementations = map[ExerciseID]any{
	ApproximateFunctionID: tutorial.ApproximateFunctionFn(func(xTrain, yTrain *Node) (yHat, reluActs, x *Node) {
		yHat, reluActs, x = solutions.ApproximateFunction(xTrain, yTrain)
		return MulScalar(yHat, 2), reluActs, x
	}),
	MLPForwardID: tutorial.MLPForwardFn(func(net *tutorial.Net, scope *model.Scope, x *Node) *Node {
		return AddScalar(solutions.MLPForward(net, scope, x), 1)
	}),
	CrossEntropyLossID: tutorial.CrossEntropyLossFn(func(x, labels *Node) *Node {
		return MulScalar(solutions.CrossEntropyLoss(x, labels), float64(x.Shape().Dim(0))) // the sum
	}),
	ShuffleAndSplitDataID: tutorial.ShuffleAndSplitFn(func(X, y *Node, seed int64) (XTest, yTest, XTrain, yTrain *Node) {
		XTest, yTest, XTrain, yTrain = solutions.ShuffleAndSplitData(X, y, seed)
		return XTrain, yTrain, XTest, yTest // the sets swapped
	}),
}

// TestJudgeInEnglishLeavesNoJapanese judges a passing, a failing and a
// forged answer of every exercise in both languages: the English results
// hold no Japanese character, and say the same outcome as the Japanese.
func TestJudgeInEnglishLeavesNoJapanese(t *testing.T) {
	for _, ex := range Registry {
		t.Run(string(ex.ID), func(t *testing.T) {
			inputs, err := ex.Inputs(rand.New(rand.NewSource(5)))
			require.NoError(t, err)
			answers := map[string][]byte{"forged": []byte(`{"cases":[{}]}`)}
			for name, impl := range map[string]any{"reference": implementations[ex.ID].reference, "wrong": wrongImplementations[ex.ID]} {
				answers[name], err = ex.Compute(impl, inputs)
				require.NoError(t, err, name)
			}
			for name, outputs := range answers {
				ja, en := ex.JudgeIn(Japanese, inputs, outputs), ex.JudgeIn(English, inputs, outputs)
				assert.Equal(t, ja.Status, en.Status, name)
				assert.Equal(t, English, en.Lang, name)
				assert.Equal(t, Japanese, ja.Lang, name)
				assert.NotRegexp(t, japanese, en.String(), "%s: %s", name, en)
				assert.Regexp(t, japanese, ja.String(), "%s: %s", name, ja)
				if name == "wrong" {
					assert.Equal(t, Fail, en.Status, en.String())
					assert.NotEmpty(t, en.Hint, "the failure of %s comes with a hint", name)
				}
			}
		})
	}
}

// The in-process checks speak the language of SetLanguage, and so do the
// ungraded notes.
func TestSetLanguageSwitchesTheInProcessChecks(t *testing.T) {
	t.Cleanup(func() { SetLanguage(Japanese) })
	SetLanguage(English)
	assert.Equal(t, English, Language())
	r := checkCrossEntropyLoss(naiveCrossEntropy, rand.New(rand.NewSource(1)))
	require.Equal(t, Pass, r.Status, r.String())
	require.Len(t, r.Notes, 1)
	assert.Contains(t, r.Notes[0], "(Not graded)")
	assert.Contains(t, r.Notes[0], "log-sum-exp trick")
	assert.Contains(t, r.String(), "✅ Exercise 2.1 (Cross-entropy loss of a batch): passed.")
	assert.NotRegexp(t, japanese, r.String())
}

func ExampleResult_String() {
	r := Result{ExerciseID: CrossEntropyLossID, Status: Fail, Lang: English,
		Message: "On the original tutorial's example, the loss should be 0.34672750, but your code returned 0.69345498.",
		Hint:    "The loss of a batch is the mean, not the sum: ReduceAllMean(losses)."}
	r.Print()
	r.Lang = Japanese
	r.Message, r.Hint = "入力 元のチュートリアルの例 で、損失の期待値は 0.34672750 ですが、0.69345498 が返されました。", "バッチの損失は合計ではなく平均です: ReduceAllMean(losses)。"
	r.Print()
	// Output:
	// ❌ Exercise 2.1 (Cross-entropy loss of a batch): failed. On the original tutorial's example, the loss should be 0.34672750, but your code returned 0.69345498.
	// Hint: The loss of a batch is the mean, not the sum: ReduceAllMean(losses).
	// ❌ 演習 2.1 (バッチのクロスエントロピー損失): 不合格。入力 元のチュートリアルの例 で、損失の期待値は 0.34672750 ですが、0.69345498 が返されました。
	// ヒント: バッチの損失は合計ではなく平均です: ReduceAllMean(losses)。
}
