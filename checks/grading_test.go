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

// references are the reference implementations by exercise ID, as the
// grader's child holds the student's.
var references = map[string]any{
	"1":   solutions.ApproximateFunction,
	"2":   solutions.MLPForward,
	"2.1": solutions.CrossEntropyLoss,
	"2.3": solutions.ShuffleAndSplitData,
}

// stubs are the shipped stubs by exercise ID.
var stubs = map[string]any{
	"1":   exercises.ApproximateFunction,
	"2":   exercises.MLPForward,
	"2.1": exercises.CrossEntropyLoss,
	"2.3": exercises.ShuffleAndSplitData,
}

// registeredGraders lists the graders of the registry's exercises.
func registeredGraders(t *testing.T) []Grader {
	var gs []Grader
	for _, e := range Registry {
		if g, ok := GraderFor(e.ID); ok {
			require.Equal(t, e.ID, g.ExerciseID())
			require.Contains(t, references, e.ID, "add the reference of exercise %s to references", e.ID)
			gs = append(gs, g)
		}
	}
	require.NotEmpty(t, gs)
	return gs
}

// The three phases across JSON give the reference a pass, as in process.
func TestGraderPhasesPassTheReference(t *testing.T) {
	for _, g := range registeredGraders(t) {
		t.Run(g.ExerciseID(), func(t *testing.T) {
			for seed := int64(1); seed <= 3; seed++ {
				inputs, err := g.Inputs(rand.New(rand.NewSource(seed)))
				require.NoError(t, err)
				outputs, err := g.Compute(references[g.ExerciseID()], inputs)
				require.NoError(t, err)
				r := g.Judge(inputs, outputs)
				assert.Equal(t, Pass, r.Status, "seed %d: %s", seed, r)
				assert.Equal(t, g.ExerciseID(), r.ExerciseID)
			}
		})
	}
}

func TestGraderPhasesReportTheStub(t *testing.T) {
	if !studentFilesArePristine() {
		t.Skip("pkg/exercises holds local edits; the stubs are checked in CI")
	}
	for _, g := range registeredGraders(t) {
		t.Run(g.ExerciseID(), func(t *testing.T) {
			stub, ok := stubs[g.ExerciseID()]
			require.True(t, ok, "add the stub of exercise %s to stubs", g.ExerciseID())
			inputs, err := g.Inputs(rand.New(rand.NewSource(1)))
			require.NoError(t, err)
			outputs, err := g.Compute(stub, inputs)
			require.NoError(t, err)
			r := g.Judge(inputs, outputs)
			assert.Equal(t, NotImplemented, r.Status, r.String())
			assert.Contains(t, r.Message, "not implemented: Exercise "+g.ExerciseID())
		})
	}
}

// Whatever a child sends, the judge never passes it without the right
// outputs for the inputs of this run, and never panics.
func TestGraderJudgeRejectsForgedOutputs(t *testing.T) {
	for _, g := range registeredGraders(t) {
		t.Run(g.ExerciseID(), func(t *testing.T) {
			inputs, err := g.Inputs(rand.New(rand.NewSource(11)))
			require.NoError(t, err)
			// Correct outputs, but for other random inputs: a replayed answer.
			otherInputs, err := g.Inputs(rand.New(rand.NewSource(12)))
			require.NoError(t, err)
			replayed, err := g.Compute(references[g.ExerciseID()], otherInputs)
			require.NoError(t, err)
			forged := map[string]string{
				"empty":            ``,
				"not JSON":         `PASS`,
				"a passing result": `{"exercise":"` + g.ExerciseID() + `","status":"pass","points":10}`,
				"no cases":         `{"cases":[]}`,
				"null cases":       `{"cases":[null,null,null,null,null,null]}`,
				"empty cases":      `{"cases":[{},{},{},{},{},{}]}`,
				"wrong types":      `{"cases":[{"x":"a","y_hat":{},"relu_acts":7,"loss":[1,2],"output":"x"}]}`,
				"replayed answer":  string(replayed),
			}
			for name, out := range forged {
				r := g.Judge(inputs, []byte(out))
				assert.NotEqual(t, Pass, r.Status, "%s: %s", name, r)
				assert.Equal(t, g.ExerciseID(), r.ExerciseID, name)
			}
		})
	}
}

func TestGraderComputeRejectsTheWrongFunction(t *testing.T) {
	g, ok := GraderFor("1")
	require.True(t, ok)
	inputs, err := g.Inputs(rand.New(rand.NewSource(1)))
	require.NoError(t, err)
	for name, impl := range map[string]any{
		"another exercise's function": solutions.CrossEntropyLoss,
		"not a function":              42,
		"nil":                         nil,
	} {
		_, err := g.Compute(impl, inputs)
		assert.Error(t, err, name)
	}
	_, err = g.Compute(solutions.ApproximateFunction, []byte("not json"))
	assert.Error(t, err)
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
