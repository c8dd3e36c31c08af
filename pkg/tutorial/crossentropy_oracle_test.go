package tutorial_test

import (
	"math"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// torchCETol bounds |loss - torch's loss| relative to 1 + |torch's loss|: the
// issue's 1e-6 for the tutorial's batch, which is below 1.
const torchCETol = 1e-6

type torchCECase struct {
	Name          string
	Logits        [][]float32
	Labels        []int32
	Framework     string // nn.CrossEntropyLoss(), a float32
	NaiveSolution string `json:"naive_solution"` // the published solution, exp without the max shift
}

func parseFloat32(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 32)
	require.NoError(t, err)
	return v
}

// TestCrossEntropyMatchesTorch compares both GoMLX losses with
// nn.CrossEntropyLoss as torch computed it.
func TestCrossEntropyMatchesTorch(t *testing.T) {
	for _, tc := range loadTorchCases[torchCECase](t, "crossentropy_oracle.json") {
		t.Run(tc.Name, func(t *testing.T) {
			want := parseFloat32(t, tc.Framework)
			tol := torchCETol * (1 + math.Abs(want))
			framework, err := tutorial.FrameworkCrossEntropy(tc.Logits, tc.Labels)
			require.NoError(t, err)
			assert.InDelta(t, want, float64(framework), tol, "GoMLX's loss vs nn.CrossEntropyLoss")
			ours, err := tutorial.RunCrossEntropy(solutions.CrossEntropyLoss, tc.Logits, tc.Labels)
			require.NoError(t, err)
			assert.InDelta(t, want, float64(ours), tol, "the solution (max-shifted) vs nn.CrossEntropyLoss")
		})
	}
}

// TestCrossEntropyTorchOracleReference: torch's own numbers for the
// tutorial's batch are docs/REFERENCE.md's Exercise 2.1 row.
func TestCrossEntropyTorchOracleReference(t *testing.T) {
	cases := loadTorchCases[torchCECase](t, "crossentropy_oracle.json")
	require.Equal(t, "tutorial", cases[0].Name)
	logits, labels := tutorial.CrossEntropyExample()
	assert.Equal(t, logits, cases[0].Logits)
	assert.Equal(t, labels, cases[0].Labels)
	assert.Equal(t, "0.34672749", strconv.FormatFloat(parseFloat32(t, cases[0].Framework), 'f', 8, 64), "framework")
	assert.Equal(t, "0.34672737", strconv.FormatFloat(parseFloat32(t, cases[0].NaiveSolution), 'f', 8, 64), "the published solution")
}
