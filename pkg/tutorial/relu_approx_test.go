package tutorial

import (
	"errors"
	"math"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidateTrainingPoints(t *testing.T) {
	nan := float32(math.NaN())
	tests := []struct {
		name    string
		x, y    []float32
		wantErr string
	}{
		{"ok", []float32{0, 1}, []float32{0, 1}, ""},
		{"one point", []float32{0}, []float32{0}, "at least 2 training points, got 1"},
		{"no points", nil, nil, "at least 2 training points, got 0"},
		{"mismatched", []float32{0, 1, 2}, []float32{0, 1}, "same length, got 3 and 2"},
		{"unsorted", []float32{0, 2, 1}, []float32{0, 1, 2}, "sorted ascending"},
		{"repeated", []float32{0, 1, 1}, []float32{0, 1, 2}, "strictly increasing"},
		{"nan", []float32{0, nan}, []float32{0, 1}, "not finite"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateTrainingPoints(tc.x, tc.y)
			if tc.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tc.wantErr)
			// RunApproximation validates before running anything.
			_, err = RunApproximation(func(x, y *Node) (*Node, *Node, *Node) { panic("must not run") }, tc.x, tc.y)
			assert.ErrorContains(t, err, tc.wantErr)
		})
	}
}

func TestRunApproximationReportsBadImplementations(t *testing.T) {
	x, y := SineTrainingPoints(10)
	tests := []struct {
		name    string
		fn      ApproximateFunctionFn
		wantErr string
	}{
		{"nil function", nil, "function is nil"},
		{"todo", func(x, y *Node) (*Node, *Node, *Node) {
			return TODO("Exercise 1", "yHat"), nil, nil
		}, "not implemented: Exercise 1: yHat"},
		{"string panic", func(x, y *Node) (*Node, *Node, *Node) { panic("boom") }, "boom"},
		{"wrong shape", func(x, y *Node) (*Node, *Node, *Node) { return x, x, x }, "yHat has shape"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := RunApproximation(tc.fn, x, y)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
	_, err := RunApproximation(func(x, y *Node) (*Node, *Node, *Node) { return TODO("Exercise 1", "b"), nil, nil }, x, y)
	assert.True(t, errors.Is(err, ErrNotImplemented))
}

func TestFinishFirst(t *testing.T) {
	assert.False(t, FinishFirst(nil))
	assert.True(t, FinishFirst(&NotImplementedError{Exercise: "Exercise 2.1", Blank: "losses"}))
	assert.Panics(t, func() { FinishFirst(errors.New("real failure")) })
}
