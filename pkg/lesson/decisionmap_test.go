package lesson_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/lesson"
	"github.com/nma-go/mlp/pkg/plots"
	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

func TestSampleGrid(t *testing.T) {
	const tol = 1e-6
	grid, err := lesson.SampleGrid(3, 2)
	require.NoError(t, err)
	want := []float32{-2, 2, 0, 2, 2, 2, -2, 0, 0, 0, 2, 0, -2, -2, 0, -2, 2, -2}
	assert.InDeltaSlice(t, want, grid, tol, "rows from the top (x2 = 2) down, columns left to right")

	full, err := lesson.SampleGrid(500, 2.0)
	require.NoError(t, err)
	require.Len(t, full, 2*500*500)
	t500 := tutorial.LinspaceFloat32(-2, 2, 500)
	for _, p := range []struct{ r, c int }{{0, 0}, {0, 499}, {123, 321}, {499, 7}} {
		i := p.r*500 + p.c
		assert.Equal(t, t500[p.c], full[2*i], "x1 of row %d column %d: torch.linspace(-2, 2, 500)[%d]", p.r, p.c, p.c)
		assert.Equal(t, t500[499-p.r], full[2*i+1], "x2 of row %d column %d", p.r, p.c)
	}

	for _, bad := range []struct {
		m    int
		xMax float64
		want string
	}{{1, 2, "M must be >= 2"}, {10, 0, "xMax must be > 0"}, {10, math.NaN(), "xMax must be > 0"}, {20000, 2, "at most"}} {
		_, err := lesson.SampleGrid(bad.m, bad.xMax)
		assert.ErrorContains(t, err, bad.want)
	}
}

// The decision map of the tutorial's run: every class gets a sizeable region,
// and the map draws with the test points on it.
func TestTutorialDecisionMap(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for 100 epochs")
	}
	run, err := lesson.TrainSpiral(solutions.ShuffleAndSplitData, solutions.MLPForward, false)
	require.NoError(t, err)
	grid, err := lesson.SampleGrid(500, 2.0)
	require.NoError(t, err)
	yPred, err := lesson.Predict(run.Net, solutions.MLPForward, run.Store, grid)
	require.NoError(t, err)
	require.Len(t, yPred, 500*500)
	counts := make([]int, 4)
	for _, k := range yPred {
		counts[k]++
	}
	for k, c := range counts {
		assert.Greater(t, c, 500*500/8, "class %d covers a fair share of the grid: %v", k, counts)
	}
	fig, err := plots.DecisionMap(yPred, 500, 2.0, run.Test.X, run.Test.Y, 4)
	require.NoError(t, err)
	assert.True(t, fig.EqualAspect, "the map is drawn square")
	png, err := plots.PNG(fig)
	require.NoError(t, err)
	assert.NotEmpty(t, png)
}

func TestPredictRejectsARaggedInput(t *testing.T) {
	net := tutorial.MustNewNet("ReLU()", 2, []int{4}, 4)
	store, err := tutorial.NewStore("predict")
	require.NoError(t, err)
	_, err = lesson.Predict(net, solutions.MLPForward, store, []float32{1, 2, 3})
	assert.ErrorContains(t, err, "predict: 3 values is not a whole number of samples of 2 features")
}
