package tutorial_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/nma-go/mlp/pkg/tutorial"
)

func TestFormatDims(t *testing.T) {
	tests := []struct {
		dims []int
		want string
	}{
		{[]int{100, 2}, "(100, 2)"},
		{[]int{7}, "(7,)"},
		{nil, "()"},
		{[]int{2, 5, 3}, "(2, 5, 3)"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, tutorial.FormatDims(tc.dims), "FormatDims(%v)", tc.dims)
	}
	assert.Equal(t, "The output shape is (100, 1) for an input of shape (100, 2)", tutorial.OutputShapeMessage([]int{100, 2}, []int{100, 1}))
	assert.Equal(t, []int{3, 4}, tutorial.ZerosTensor(3, 4).Shape().Dimensions)
}
