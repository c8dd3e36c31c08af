package tutorial_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// Golden numbers of Exercise 2.1 from docs/REFERENCE.md.
const (
	refCEFramework = 0.34672749   // PyTorch's float32 loss on the original's example
	refCEExact     = 0.3467275003 // float64
	refCETol       = 1e-6         // the issue's bound
)

// ceOracle is the mean cross-entropy in float64, with the maximum subtracted.
func ceOracle(logits [][]float32, labels []int32) float64 {
	total := 0.0
	for i, row := range logits {
		m := math.Inf(-1)
		for _, v := range row {
			m = math.Max(m, float64(v))
		}
		sum := 0.0
		for _, v := range row {
			sum += math.Exp(float64(v) - m)
		}
		total += m + math.Log(sum) - float64(row[labels[i]])
	}
	return total / float64(len(logits))
}

func TestCrossEntropyExample(t *testing.T) {
	logits, labels := tutorial.CrossEntropyExample()
	assert.InDelta(t, refCEExact, ceOracle(logits, labels), 1e-9)
	framework, err := tutorial.FrameworkCrossEntropy(logits, labels)
	require.NoError(t, err)
	assert.InDelta(t, refCEFramework, float64(framework), refCETol)
	ours, err := tutorial.RunCrossEntropy(solutions.CrossEntropyLoss, logits, labels)
	require.NoError(t, err)
	assert.InDelta(t, refCEFramework, float64(ours), refCETol)
}

func TestFrameworkCrossEntropyMatchesOracle(t *testing.T) {
	tests := []struct {
		name   string
		logits [][]float32
		labels []int32
	}{
		{"one sample", [][]float32{{0.5, -1, 2}}, []int32{2}},
		{"one class", [][]float32{{3}, {-2}}, []int32{0, 0}},
		{"large logits", [][]float32{{1000, 999, 0}, {-1000, -1001, -1002}}, []int32{0, 2}},
		{"uniform", [][]float32{{0, 0, 0, 0}}, []int32{1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := ceOracle(tc.logits, tc.labels)
			got, err := tutorial.FrameworkCrossEntropy(tc.logits, tc.labels)
			require.NoError(t, err)
			assert.InDelta(t, want, float64(got), 1e-5*(1+math.Abs(want)))
		})
	}
}

func TestRunCrossEntropyErrors(t *testing.T) {
	good := [][]float32{{1, 2}, {3, 4}}
	tests := []struct {
		name           string
		fn             tutorial.CrossEntropyLossFn
		logits         [][]float32
		labels         []int32
		errorSubstring string
	}{
		{"empty batch", solutions.CrossEntropyLoss, nil, nil, "the batch is empty"},
		{"no classes", solutions.CrossEntropyLoss, [][]float32{{}}, []int32{0}, "no classes"},
		{"ragged", solutions.CrossEntropyLoss, [][]float32{{1, 2}, {3}}, []int32{0, 0}, "row 1 has 1 values, want 2"},
		{"too few labels", solutions.CrossEntropyLoss, good, []int32{0}, "got 1 labels for 2 rows"},
		{"label too large", solutions.CrossEntropyLoss, good, []int32{0, 2}, "labels[1] = 2 is out of range [0, 2)"},
		{"negative label", solutions.CrossEntropyLoss, good, []int32{-1, 0}, "labels[0] = -1 is out of range"},
		{"NaN logit", solutions.CrossEntropyLoss, [][]float32{{1, float32(math.NaN())}}, []int32{0}, "not finite"},
		{"nil function", nil, good, []int32{0, 1}, "function is nil"},
		{"not a scalar", func(x, labels *Node) *Node { return ReduceSum(x, -1) }, good, []int32{0, 1}, "want a float32 scalar"},
		{"nil result", func(x, labels *Node) *Node { return nil }, good, []int32{0, 1}, "returned nil"},
		{"panic", func(x, labels *Node) *Node { panic("boom") }, good, []int32{0, 1}, "boom"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tutorial.RunCrossEntropy(tc.fn, tc.logits, tc.labels)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.errorSubstring)
			assert.True(t, strings.HasPrefix(err.Error(), "cross entropy: "), err.Error())
		})
	}
	_, err := tutorial.FrameworkCrossEntropy(good, []int32{0, 5})
	assert.ErrorContains(t, err, "out of range")
}

func TestRunCrossEntropyNotImplemented(t *testing.T) {
	fn := func(x, labels *Node) *Node { return tutorial.TODO("Exercise 2.1", "losses", x) }
	logits, labels := tutorial.CrossEntropyExample()
	_, err := tutorial.RunCrossEntropy(fn, logits, labels)
	require.Error(t, err)
	assert.True(t, errors.Is(err, tutorial.ErrNotImplemented), err.Error())
}

func ExampleRunCrossEntropy() {
	logits, labels := tutorial.CrossEntropyExample()
	ours, err := tutorial.RunCrossEntropy(solutions.CrossEntropyLoss, logits, labels)
	if err != nil {
		panic(err)
	}
	framework, err := tutorial.FrameworkCrossEntropy(logits, labels)
	if err != nil {
		panic(err)
	}
	fmt.Println(tutorial.FormatCrossEntropyComparison(ours, framework))
	// Output:
	// Our CE loss: 0.34672749, GoMLX CE loss: 0.34672749
	// Difference: 0.00000000
}
