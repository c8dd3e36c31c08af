package tutorial_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/dataset"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/optimizer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/tutorial"
)

func fmtPercent(v float64) string { return fmt.Sprintf("%0.2f", v) }

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

// recordingProgress records what a Progress is told.
type recordingProgress struct{ events []string }

func (r *recordingProgress) Start(total int) {
	r.events = append(r.events, fmt.Sprintf("start %d", total))
}
func (r *recordingProgress) Update(epoch int, loss float32) {
	r.events = append(r.events, fmt.Sprintf("epoch %d", epoch))
	if !(loss > 0) {
		r.events = append(r.events, fmt.Sprintf("bad loss %v", loss))
	}
}
func (r *recordingProgress) Finish() { r.events = append(r.events, "finish") }

// AttachProgress reports every epoch of a train.Loop once, in order, with
// the loss of its last batch, then finishes.
func TestAttachProgressReportsEveryEpoch(t *testing.T) {
	backend := tutorial.MustBackend()
	tutorial.SetSeed(tutorial.DefaultSeed)
	rng := tutorial.NewRand("progress-test")
	d := &tutorial.Dataset{X: make([]float32, 2*40), Y: make([]int32, 40), NumFeatures: 2, NumClasses: 2}
	for i := range d.Y {
		d.X[2*i], d.X[2*i+1] = float32(rng.NormFloat64()), float32(rng.NormFloat64())
		d.Y[i] = int32(i % 2)
	}
	x, labels := d.InputsAndLabels()
	ds, err := dataset.InMemoryFromData(backend, "progress", []any{x}, []any{labels})
	require.NoError(t, err)
	ds.Shuffle().BatchSize(8, true).WithRand(rng)
	net := tutorial.MustNewNet("ReLU()", 2, []int{4}, 2)
	store, err := tutorial.NewStore("progress-test")
	require.NoError(t, err)
	forward := func(net *tutorial.Net, scope *model.Scope, x *graph.Node) *graph.Node {
		h := net.Activation.Apply(tutorial.Linear(scope.In("Linear_0"), x, 2, 4))
		return tutorial.Linear(scope.In("Output_Linear"), h, 4, 2)
	}
	trainer := train.NewTrainer(backend, store, net.ModelFn(forward), loss.SparseCategoricalCrossEntropyLogits,
		optimizer.Adam().Done(), nil, nil)
	loop := train.NewLoop(trainer)
	var p recordingProgress
	tutorial.AttachProgress(loop, 3, &p)
	_, err = loop.RunEpochs(ds, 3)
	require.NoError(t, err)
	assert.Equal(t, []string{"start 3", "epoch 1", "epoch 2", "epoch 3", "finish"}, p.events)
}
