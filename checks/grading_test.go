package checks

import (
	"encoding/json"
	"math"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/exercises"
	"github.com/nma-go/mlp/pkg/solutions"
)

// implementations are each exercise's reference and shipped stub, as the
// grader's child holds the student's function. The registry cannot hold
// them: this package must build whatever a student's pkg/exercises holds.
var implementations = map[ExerciseID]struct{ reference, stub any }{
	ApproximateFunctionID: {solutions.ApproximateFunction, exercises.ApproximateFunction},
	MLPForwardID:          {solutions.MLPForward, exercises.MLPForward},
	CrossEntropyLossID:    {solutions.CrossEntropyLoss, exercises.CrossEntropyLoss},
	ShuffleAndSplitDataID: {solutions.ShuffleAndSplitData, exercises.ShuffleAndSplitData},
}

// The three phases across JSON give the reference a pass, as in process.
func TestGraderPhasesPassTheReference(t *testing.T) {
	for _, ex := range Registry {
		t.Run(string(ex.ID), func(t *testing.T) {
			impl, ok := implementations[ex.ID]
			require.True(t, ok, "add exercise %s to implementations", ex.ID)
			for seed := int64(1); seed <= 3; seed++ {
				inputs, err := ex.Inputs(rand.New(rand.NewSource(seed)))
				require.NoError(t, err)
				outputs, err := ex.Compute(impl.reference, inputs)
				require.NoError(t, err)
				r := ex.Judge(inputs, outputs)
				assert.Equal(t, Pass, r.Status, "seed %d: %s", seed, r)
				assert.Equal(t, ex.ID, r.ExerciseID)
			}
		})
	}
}

// stubBlanks are, per exercise, the first blank of its shipped stub, in
// Japanese and in English.
var stubBlanks = map[ExerciseID]struct{ ja, en string }{
	ApproximateFunctionID: {"b (ReLU のバイアス)", "b (the ReLU biases)"},
	MLPForwardID:          {"Linear_0 (2 -> 100 の全結合層)", "Linear_0 (a dense layer 2 -> 100)"},
	CrossEntropyLossID:    {"xOfLabels (各サンプルの x[i, labels_i])", "xOfLabels (x[i, labels_i] for every sample)"},
	ShuffleAndSplitDataID: {"shuffledIndices (N 個のインデックスのランダムな並べ替え)", "shuffledIndices (a random permutation of the N indices)"},
}

// The stub's unfinished blank reaches the judge across JSON, which names it
// in the language of the judge.
func TestGraderPhasesReportTheStub(t *testing.T) {
	if !studentFilesArePristine() {
		t.Skip("pkg/exercises holds local edits; the stubs are checked in CI")
	}
	for _, ex := range Registry {
		t.Run(string(ex.ID), func(t *testing.T) {
			impl, ok := implementations[ex.ID]
			require.True(t, ok, "add exercise %s to implementations", ex.ID)
			inputs, err := ex.Inputs(rand.New(rand.NewSource(1)))
			require.NoError(t, err)
			outputs, err := ex.Compute(impl.stub, inputs)
			require.NoError(t, err)
			r := ex.Judge(inputs, outputs)
			assert.Equal(t, NotImplemented, r.Status, r.String())
			want := stubBlanks[ex.ID]
			assert.Equal(t, "TODO の部分を埋めてください。まだ TODO のままの部分: "+want.ja+"。", r.Message)
			en := ex.JudgeIn(English, inputs, outputs)
			assert.Equal(t, NotImplemented, en.Status, en.String())
			assert.Equal(t, "Fill in the TODO parts. Still a TODO: "+want.en+".", en.Message)
		})
	}
}

// Whatever a child sends, the judge never passes it without the right
// outputs for the inputs of this run, and never panics.
func TestGraderJudgeRejectsForgedOutputs(t *testing.T) {
	for _, ex := range Registry {
		t.Run(string(ex.ID), func(t *testing.T) {
			inputs, err := ex.Inputs(rand.New(rand.NewSource(11)))
			require.NoError(t, err)
			// Correct outputs, but for other random inputs: a replayed answer.
			otherInputs, err := ex.Inputs(rand.New(rand.NewSource(12)))
			require.NoError(t, err)
			replayed, err := ex.Compute(implementations[ex.ID].reference, otherInputs)
			require.NoError(t, err)
			forged := map[string]string{
				"empty":            ``,
				"not JSON":         `PASS`,
				"a passing result": `{"exercise":"` + string(ex.ID) + `","status":"pass","points":10}`,
				"no cases":         `{"cases":[]}`,
				"null cases":       `{"cases":[null,null,null,null,null,null]}`,
				"empty cases":      `{"cases":[{},{},{},{},{},{}]}`,
				"wrong types":      `{"cases":[{"x":"a","y_hat":{},"relu_acts":7,"loss":[1,2],"output":"x"}]}`,
				"replayed answer":  string(replayed),
			}
			for name, out := range forged {
				r := ex.Judge(inputs, []byte(out))
				assert.NotEqual(t, Pass, r.Status, "%s: %s", name, r)
				assert.Equal(t, ex.ID, r.ExerciseID, name)
			}
		})
	}
}

func TestGraderComputeRejectsTheWrongFunction(t *testing.T) {
	ex := Lookup(ApproximateFunctionID)
	inputs, err := ex.Inputs(rand.New(rand.NewSource(1)))
	require.NoError(t, err)
	for name, impl := range map[string]any{
		"another exercise's function": solutions.CrossEntropyLoss,
		"not a function":              42,
		"nil":                         nil,
	} {
		_, err := ex.Compute(impl, inputs)
		assert.ErrorContains(t, err, "exercise 1: the implementation", name)
	}
	_, err = ex.Compute(solutions.ApproximateFunction, []byte("not json"))
	assert.ErrorContains(t, err, "decoding inputs")
}

// An exercise without a grader says so in every phase instead of panicking.
func TestExerciseWithoutGrader(t *testing.T) {
	ex := Exercise{ID: "9", Title: "test"}
	_, err := ex.Inputs(rand.New(rand.NewSource(1)))
	assert.EqualError(t, err, `checks: exercise "9" has no grader`)
	_, err = ex.Compute(solutions.ApproximateFunction, nil)
	assert.EqualError(t, err, `checks: exercise "9" has no grader`)
	r := ex.Judge(nil, nil)
	assert.Equal(t, NotImplemented, r.Status)
	assert.Equal(t, ExerciseID("9"), r.ExerciseID)
}

func TestFloat32sJSONKeepsNaNAndInf(t *testing.T) {
	const tol = 0
	in := float32s{1.5, float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), -0.25, 3.4028235e38}
	data, err := json.Marshal(in)
	require.NoError(t, err)
	var back float32s
	require.NoError(t, json.Unmarshal(data, &back))
	require.Len(t, back, len(in))
	for i := range in {
		if math.IsNaN(float64(in[i])) {
			assert.True(t, math.IsNaN(float64(back[i])), "element %d", i)
			continue
		}
		assert.InDelta(t, in[i], back[i], tol, "element %d", i)
	}
	var m float32Matrix
	require.NoError(t, json.Unmarshal([]byte(`[[1,"NaN"],[]]`), &m))
	assert.Len(t, m, 2)
	assert.True(t, math.IsNaN(float64(m[0][1])))
	assert.Error(t, json.Unmarshal([]byte(`["bogus"]`), &back))
}
