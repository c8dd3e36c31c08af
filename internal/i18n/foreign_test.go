package i18n

import (
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestForeignFindsTheOtherLanguage(t *testing.T) {
	tests := []struct {
		name string
		lang Lang
		text string
		want []string
	}{
		// Japanese with code, identifiers, numbers and shapes in it.
		{"identifiers", Japanese, "層 Linear_0 の変数がありません。MLPForward を確認してください", nil},
		{"a scope", Japanese, `隠れ層 i は scope.In("Linear_%d", i) で作ります`, nil},
		{"shapes", Japanese, "reluActs の形状が [10, 1000] です。期待される形状は [9, 1000] です", nil},
		{"a call", Japanese, `Net("LeakyReLU(0.1)", 2, [100, 10, 5], 1) と LeakyReLU(0.1)`, nil},
		{"a command line", Japanese, "もっとヒントを見るには: go run ./cmd/check -hint 2", nil},
		{"a variable and a term", Japanese, "ReLU i は訓練点 xTrain[i] で折れ曲がり、seed を使います", nil},
		{"a code span", Japanese, "実行に失敗しました: `runtime error: index out of range [10] with length 0` (relu_approx.go の 20 行目)。", nil},
		{"hyphenated terms", Japanese, "log-sum-exp のトリックと float64 の計算", nil},
		{"a formula", Japanese, "loss_i = -x[i, labels_i] + log(Σ_j exp(x[i, j])) です", nil},
		// Japanese with English in it.
		{"a shape error", Japanese, "入力 X で実行に失敗しました: reluActs has shape [10, 1000], want [9, 1000]",
			[]string{"reluActs has shape"}},
		{"an English blank", Japanese, "まず 演習 1 を完成させてください (b (the ReLU biases))", []string{"(b (the ReLU biases))"}},
		{"an error's words", Japanese, "TODO の部分を埋めてください (not implemented: Exercise 1: b is still a TODO placeholder)。",
			[]string{"(not implemented: Exercise", "b is still a TODO"}},
		{"a note", Japanese, "(Not graded) 入力 X で", []string{"(Not graded)"}},
		{"a list of names", Japanese, "使えるのは fmt, math, sort などです", nil},
		// English.
		{"English", English, "On X, reluActs has shape [10, 1000], but it should have shape [9, 1000].", nil},
		{"English with a Japanese string", English, `On X, the label is "ラベル"; quoted`, nil},
		{"English with Japanese", English, "On X, the loss is 1。 (relu_approx.go の 20 行目)", []string{"。", "の", "行目"}},
		{"a full-width colon", English, "Hint： read it", []string{"："}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.lang.Foreign(tc.text))
		})
	}
}

// namesInLatinLetters are the messages that name people and works, by
// their names, in a Japanese translation too.
var namesInLatinLetters = map[string]bool{"notebook.credits": true, "site.subtitle": true, "site.credits": true}

// Every translation of the catalog is in its own language.
func TestTheCatalogSpeaksOneLanguageAtATime(t *testing.T) {
	for _, l := range Langs {
		texts := table()[l]
		for _, id := range slices.Sorted(maps.Keys(texts)) {
			if l == Japanese && namesInLatinLetters[id] {
				continue
			}
			assert.Empty(t, l.Foreign(texts[id]), "%s (%s): %s", id, l, texts[id])
		}
	}
}
