package tutorial

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/i18n"
)

func TestBlankNamesInEitherLanguage(t *testing.T) {
	tests := []struct {
		name   BlankName
		ja, en string
	}{
		{Blank("blank.relu.biases"), "b (ReLU のバイアス)", "b (the ReLU biases)"},
		{Blank("blank.mlp.hidden_linear", 1, 100, 10), "Linear_1 (100 -> 10 の全結合層)", "Linear_1 (a dense layer 100 -> 10)"},
		{Blank("blank.mlp.activation", 0, "ReLU()"), "Activation_0 (活性化関数 ReLU())", "Activation_0 (ReLU())"},
		{Blank("blank.split.test_size"), "testSize (N 個のサンプルの 20%)", "testSize (20% of the N samples)"},
		{Blank("blank.no_such_blank", 3), "blank.no_such_blank", "blank.no_such_blank"},
	}
	for _, tc := range tests {
		t.Run(tc.name.ID, func(t *testing.T) {
			assert.Equal(t, tc.ja, tc.name.In(i18n.Japanese))
			assert.Equal(t, tc.en, tc.name.In(i18n.English))
			assert.False(t, tc.name.IsZero())
		})
	}
	assert.True(t, BlankName{}.IsZero())
}

// blankOf runs f, which must panic with a *NotImplementedError, and returns
// that error.
func blankOf(t *testing.T, f func()) (ni *NotImplementedError) {
	t.Helper()
	defer func() {
		r := recover()
		require.IsType(t, &NotImplementedError{}, r)
		ni = r.(*NotImplementedError)
	}()
	f()
	return nil
}

// TODO and TODOValue take a catalog name or, as the stubs of earlier
// versions and students' saved answers write it, plain text; either comes
// out in the language asked for, and Error stays English.
func TestTODONamesItsBlank(t *testing.T) {
	tests := []struct {
		name   string
		todo   func()
		ja, en string
	}{
		{"a catalog name", func() { TODO("Exercise 1", Blank("blank.relu.weight"), nil) },
			"weights[i] (ReLU i の重み)", "weights[i] (the weight of ReLU i)"},
		{"a catalog name with arguments", func() { TODO("Exercise 2", Blank("blank.mlp.output_linear", 5, 1)) },
			"Output_Linear (5 -> 1 の全結合層)", "Output_Linear (a dense layer 5 -> 1)"},
		{"TODOValue", func() { TODOValue[[]int]("Exercise 2.3", Blank("blank.split.shuffled_indices")) },
			"shuffledIndices (N 個のインデックスのランダムな並べ替え)", "shuffledIndices (a random permutation of the N indices)"},
		{"an earlier stub's text", func() { TODO("Exercise 1", "b (the ReLU biases)", nil) },
			"b (ReLU のバイアス)", "b (the ReLU biases)"},
		{"an earlier stub's formatted text", func() { TODO("Exercise 2", fmt.Sprintf("Linear_%d (a dense layer %d -> %d)", 2, 10, 5)) },
			"Linear_2 (10 -> 5 の全結合層)", "Linear_2 (a dense layer 10 -> 5)"},
		{"an earlier stub's activation", func() { TODO("Exercise 2", "Activation_1 (LeakyReLU(negative_slope=0.1))") },
			"Activation_1 (活性化関数 LeakyReLU(negative_slope=0.1))", "Activation_1 (LeakyReLU(negative_slope=0.1))"},
		{"an earlier TODOValue", func() { TODOValue[int]("Exercise 2.3", "testSize (20% of the N samples)") },
			"testSize (N 個のサンプルの 20%)", "testSize (20% of the N samples)"},
		{"a student's own text", func() { TODO("Exercise 1", "my blank") }, "my blank", "my blank"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ni := blankOf(t, tc.todo)
			assert.Equal(t, tc.ja, ni.BlankIn(i18n.Japanese))
			assert.Equal(t, tc.en, ni.BlankIn(i18n.English))
			assert.Contains(t, ni.Error(), tc.en+" is still a TODO placeholder")
			assert.True(t, errors.Is(ni, ErrNotImplemented))
		})
	}
	ni := blankOf(t, func() { TODO("Exercise 2.1", Blank("blank.ce.losses")) })
	assert.Equal(t, "not implemented: Exercise 2.1: losses (the loss vector) is still a TODO placeholder", ni.Error())
	assert.Equal(t, "演習 2.1", ni.ExerciseIn(i18n.Japanese))
	assert.Equal(t, "Exercise 2.1", ni.ExerciseIn(i18n.English))
	assert.Equal(t, "my exercise", (&NotImplementedError{Exercise: "my exercise"}).ExerciseIn(i18n.Japanese))
}

// The core keeps the blank's name in the error it returns.
func TestTheCoreReturnsTheBlank(t *testing.T) {
	x, y := SineTrainingPoints(4)
	_, err := RunApproximation(func(x, y *Node) (*Node, *Node, *Node) {
		return TODO("Exercise 1", Blank("blank.relu.yhat"), x), nil, nil
	}, x, y)
	var ni *NotImplementedError
	require.True(t, errors.As(err, &ni), "%v", err)
	assert.Equal(t, Blank("blank.relu.yhat"), ni.Name)
	assert.Equal(t, "yHat (ReLU の活性化の重み付き和)", ni.BlankIn(i18n.Japanese))
}

func TestPanicSiteOf(t *testing.T) {
	site := PanicSite{File: "relu_approx.go", Line: 27}
	wrapped := fmt.Errorf("relu approximation: %w", &sitedError{err: errors.New("boom"), site: site})
	got, ok := PanicSiteOf(wrapped)
	assert.True(t, ok)
	assert.Equal(t, site, got)
	_, ok = PanicSiteOf(errors.New("boom"))
	assert.False(t, ok)
	_, ok = PanicSiteOf(nil)
	assert.False(t, ok)
}

// captureStdout returns what f printed on standard output.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	saved := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = saved }()
	f()
	require.NoError(t, w.Close())
	out, err := io.ReadAll(r)
	require.NoError(t, err)
	return string(out)
}

// FinishFirst speaks the language NMA_MLP_LANG names (this package's tests
// never call i18n.SetDefault), all of its line in that language.
func TestFinishFirstSpeaksOneLanguage(t *testing.T) {
	tests := []struct {
		env  string
		lang i18n.Lang // the language env names
		err  error
		want string
	}{
		{"", i18n.Japanese, &NotImplementedError{Exercise: "Exercise 1", Name: Blank("blank.relu.biases")},
			"⏳ まず 演習 1 を完成させてください (b (ReLU のバイアス))。\n"},
		{"en", i18n.English, &NotImplementedError{Exercise: "Exercise 1", Name: Blank("blank.relu.biases")},
			"⏳ Finish Exercise 1 first (b (the ReLU biases)).\n"},
		{"ja", i18n.Japanese, fmt.Errorf("training: %w", &NotImplementedError{Exercise: "Exercise 2", Name: Blank("blank.mlp.hidden_linear", 0, 2, 128)}),
			"⏳ まず 演習 2 を完成させてください (Linear_0 (2 -> 128 の全結合層))。\n"},
		{"en", i18n.English, &NotImplementedError{Exercise: "Exercise 2.1", Blank: "losses (the loss vector)"},
			"⏳ Finish Exercise 2.1 first (losses (the loss vector)).\n"},
		{"", i18n.Japanese, &NotImplementedError{Exercise: "Exercise 2.1", Blank: "losses (the loss vector)"},
			"⏳ まず 演習 2.1 を完成させてください (losses (損失ベクトル))。\n"},
		{"", i18n.Japanese, fmt.Errorf("wrapped: %w", ErrNotImplemented), "⏳ まず演習を完成させてください。\n"},
		{"en", i18n.English, fmt.Errorf("wrapped: %w", ErrNotImplemented), "⏳ Finish the exercise first.\n"},
		{"fr", i18n.Japanese, &NotImplementedError{Exercise: "Exercise 1", Name: Blank("blank.relu.yhat")},
			"⏳ まず 演習 1 を完成させてください (yHat (ReLU の活性化の重み付き和))。\n"},
	}
	for _, tc := range tests {
		t.Run(tc.env+" "+tc.err.Error(), func(t *testing.T) {
			t.Setenv("NMA_MLP_LANG", tc.env)
			var finished bool
			out := captureStdout(t, func() { finished = FinishFirst(tc.err) })
			assert.True(t, finished)
			assert.Equal(t, tc.want, out)
			assert.Empty(t, tc.lang.Foreign(out))
		})
	}
	assert.False(t, FinishFirst(nil))
	assert.Panics(t, func() { FinishFirst(errors.New("real failure")) })
}

// Every blank the shipped stubs wrote as plain text reads as its catalog
// message, whose English is that text.
func TestLegacyBlanksAreTheCatalogsEnglish(t *testing.T) {
	for _, l := range legacyBlanks {
		t.Run(l.id, func(t *testing.T) {
			assert.True(t, i18n.English.Has(l.id), "the catalog has %s", l.id)
			example := strings.NewReplacer(`\(`, "(", `\)`, ")", `\[`, "[", `\]`, "]", "^", "", "$", "", `(\d+)`, "7", `(.+)`, "ReLU()").Replace(l.text.String())
			name, ok := legacyBlank(example)
			require.True(t, ok, example)
			assert.Equal(t, l.id, name.ID)
			assert.Equal(t, example, name.In(i18n.English))
		})
	}
	_, ok := legacyBlank("b (the ReLU biases) and more")
	assert.False(t, ok, "a pattern matches the whole text")
}
