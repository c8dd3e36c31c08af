package tutorial

// What the original prints after its first forward pass, and the input it
// makes for it: torch.zeros((100, 2)) and "The output shape is (100, 1) for
// an input of shape (100, 2)".

import (
	"fmt"
	"strings"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	"github.com/gomlx/gomlx/core/tensors"
)

// ZerosTensor returns a float32 tensor of zeros with the given dimensions, the
// counterpart of torch.zeros. It panics if a dimension is negative.
func ZerosTensor(dims ...int) *tensors.Tensor {
	return tensors.FromShape(shapes.Make(dtypes.Float32, dims...))
}

// FormatDims formats dimensions as a Python tuple, e.g. "(100, 1)".
func FormatDims(dims []int) string {
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = fmt.Sprint(d)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// OutputShapeMessage is the line the original prints after its forward pass,
// e.g. "The output shape is (100, 1) for an input of shape (100, 2)".
func OutputShapeMessage(inputDims, outputDims []int) string {
	return fmt.Sprintf("The output shape is %s for an input of shape %s", FormatDims(outputDims), FormatDims(inputDims))
}
