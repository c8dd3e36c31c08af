package tutorial_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/solutions"
	"github.com/nma-go/mlp/pkg/tutorial"
)

// Golden numbers of the original's training run (docs/REFERENCE.md): PyTorch
// reaches 96.88 % test accuracy; we require at least minTestAccuracy.
const (
	minTestAccuracy  = 95.0
	minTrainAccuracy = 95.0
	tutorialEpochs   = 100
	batchesPerEpoch  = 3200 / 128
)

func tutorialData(t *testing.T) (train, test *tutorial.Dataset) {
	t.Helper()
	tutorial.SetSeed(tutorial.DefaultSeed)
	data, err := tutorial.CreateSpiralDataset(4, 0.16, 1000)
	require.NoError(t, err)
	test, train, err = tutorial.RunShuffleAndSplit(solutions.ShuffleAndSplitData, data, tutorial.DefaultSeed)
	require.NoError(t, err)
	return train, test
}

func quietConfig(epochs int) tutorial.TrainConfig {
	cfg := tutorial.DefaultTrainConfig()
	cfg.Epochs, cfg.Verbose, cfg.Progress = epochs, false, tutorial.NoProgress{}
	return cfg
}

func TestTutorialTrainingRunIsAccurateAndReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for 100 epochs")
	}
	var runs []*tutorial.TrainResult
	for range 2 {
		train, test := tutorialData(t)
		net := tutorial.MustNewNet("ReLU()", 2, []int{128}, 4)
		r, err := tutorial.TrainTestClassification(net, solutions.MLPForward, train, test, quietConfig(tutorialEpochs))
		require.NoError(t, err)
		runs = append(runs, r)
	}
	r := runs[0]
	require.Len(t, r.Losses, tutorialEpochs*batchesPerEpoch, "the last partial batch is dropped: 25 batches per epoch")
	assert.GreaterOrEqual(t, r.TestAccuracy, minTestAccuracy)
	assert.GreaterOrEqual(t, r.TrainAccuracy, minTrainAccuracy)
	assert.InDelta(t, 1.37, r.Losses[0], 0.25, "first-batch loss near the original's 1.367 (ln 4 = 1.386 for an untrained net)")
	assert.Less(t, mean(r.Losses[len(r.Losses)-batchesPerEpoch:]), float32(0.25), "last-epoch loss, the original's is about 0.12")
	assert.Equal(t, runs[0].Losses, runs[1].Losses, "the same seed must give the same losses bit for bit")
	assert.Equal(t, runs[0].TestAccuracy, runs[1].TestAccuracy)
	assert.Equal(t, 3200, r.TrainTotal)
	assert.Equal(t, 800, r.TestTotal)
	assert.Contains(t, r.AccuracyReport(), "Accuracy on the 800 testing samples: ")
}

func mean(v []float32) float32 {
	var s float32
	for _, x := range v {
		s += x
	}
	return s / float32(len(v))
}

// TestPredictMatchesPlainLoops compares Predict with a forward pass written
// as float64 loops over the trained weights.
func TestPredictMatchesPlainLoops(t *testing.T) {
	train, test := tutorialData(t)
	net := tutorial.MustNewNet("ReLU()", 2, []int{16}, 4)
	r, err := tutorial.TrainTestClassification(net, solutions.MLPForward, train, test, quietConfig(2))
	require.NoError(t, err)
	layers, err := net.ReadLayers(r.Store)
	require.NoError(t, err)
	require.Len(t, layers, 2)
	got, err := r.Predict(test.X)
	require.NoError(t, err)
	correct := 0
	for i := range test.Len() {
		h := make([]float64, 16)
		for o := range h {
			h[o] = float64(layers[0].Bias[o])
			for j, x := range test.Row(i) {
				h[o] += float64(layers[0].At(o, j)) * float64(x)
			}
			h[o] = math.Max(0, h[o])
		}
		best, bestLogit := 0, math.Inf(-1)
		for o := range 4 {
			logit := float64(layers[1].Bias[o])
			for j := range h {
				logit += float64(layers[1].At(o, j)) * h[j]
			}
			if logit > bestLogit {
				best, bestLogit = o, logit
			}
		}
		assert.Equal(t, int32(best), got[i], "sample %d", i)
		if int32(best) == test.Y[i] {
			correct++
		}
	}
	assert.InDelta(t, 100*float64(correct)/float64(test.Len()), r.TestAccuracy, 1e-9)
}

func TestTrainingBadInput(t *testing.T) {
	train, test := tutorialData(t)
	net := tutorial.MustNewNet("ReLU()", 2, []int{8}, 4)
	threeFeatures := &tutorial.Dataset{X: make([]float32, 30), Y: make([]int32, 10), NumFeatures: 3, NumClasses: 4}
	badLabels := &tutorial.Dataset{X: make([]float32, 20), Y: []int32{0, 1, 2, 3, 4, 0, 0, 0, 0, 0}, NumFeatures: 2, NumClasses: 4}
	tests := []struct {
		name       string
		net        *tutorial.Net
		forward    tutorial.MLPForwardFn
		train      *tutorial.Dataset
		epochs     int
		batchSize  int
		wantErrSub string
	}{
		{"zero epochs", net, solutions.MLPForward, train, 0, 128, "epochs must be > 0, got 0"},
		{"negative epochs", net, solutions.MLPForward, train, -3, 128, "epochs must be > 0, got -3"},
		{"batch larger than data", net, solutions.MLPForward, train, 1, 5000, "batch size 5000 is larger than the training set (3200 samples)"},
		{"features do not fit", net, solutions.MLPForward, threeFeatures, 1, 4, "3 features per sample"},
		{"label out of range", net, solutions.MLPForward, badLabels, 1, 4, "label"},
		{"nil net", nil, solutions.MLPForward, train, 1, 128, "net is nil"},
		{"nil forward", net, nil, train, 1, 128, "forward function is nil"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := quietConfig(tc.epochs)
			cfg.BatchSize = tc.batchSize
			_, err := tutorial.TrainTestClassification(tc.net, tc.forward, tc.train, test, cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErrSub)
		})
	}
}

func TestTrainingStopsOnNaN(t *testing.T) {
	train, test := tutorialData(t)
	train.X[2*300] = float32(math.NaN()) // sample 300 lands in some batch of epoch 1
	net := tutorial.MustNewNet("ReLU()", 2, []int{8}, 4)
	_, err := tutorial.TrainTestClassification(net, solutions.MLPForward, train, test, quietConfig(3))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "at epoch 1, batch")
}

func TestTerminalProgressPrintsEveryTenPercent(t *testing.T) {
	var buf bytes.Buffer
	p := tutorial.NewTextProgress(&buf)
	p.Start(20)
	for e := 1; e <= 20; e++ {
		p.Update(e, 0.5)
	}
	p.Finish()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	assert.Len(t, lines, 11, "one line for the first epoch, then one per 10%")
	assert.Contains(t, lines[len(lines)-1], "100% (epoch 20/20")
}

func TestSampleGrid(t *testing.T) {
	const tol = 1e-6
	grid, err := tutorial.SampleGrid(3, 2)
	require.NoError(t, err)
	want := []float32{-2, 2, 0, 2, 2, 2, -2, 0, 0, 0, 2, 0, -2, -2, 0, -2, 2, -2}
	assert.InDeltaSlice(t, want, grid, tol, "rows from the top (x2 = 2) down, columns left to right")
	full, err := tutorial.SampleGrid(tutorial.DecisionMapSize, tutorial.DecisionMapXMax)
	require.NoError(t, err)
	assert.Len(t, full, 2*500*500)
	for _, bad := range []struct {
		m    int
		xMax float64
		want string
	}{{1, 2, "M must be >= 2"}, {10, 0, "xMax must be > 0"}, {10, math.NaN(), "xMax must be > 0"}, {20000, 2, "at most"}} {
		_, err := tutorial.SampleGrid(bad.m, bad.xMax)
		assert.ErrorContains(t, err, bad.want)
	}
}
