package tutorial

// The harness of Exercise 2: the model function GoMLX compiles and trains,
// and RunNet, which runs a student's forward pass safely.

import (
	"errors"
	"fmt"

	"github.com/gomlx/compute/dtypes"
	"github.com/gomlx/compute/shapes"
	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
)

// FlattenedDims returns the shape [batch, inputFeatureNum] to which an input
// of shape dims is flattened, as the original's x.view(-1,
// input_feature_num) does. It returns an error if the input is empty or its
// size is not a multiple of inputFeatureNum.
func FlattenedDims(dims []int, inputFeatureNum int) ([]int, error) {
	if inputFeatureNum <= 0 {
		return nil, fmt.Errorf("mlp: input_feature_num must be > 0, got %d", inputFeatureNum)
	}
	size := 1
	for _, d := range dims {
		if d < 0 {
			return nil, fmt.Errorf("mlp: input shape %v has a negative dimension", dims)
		}
		size *= d
	}
	if size == 0 {
		return nil, fmt.Errorf("mlp: the input of shape %v is empty", dims)
	}
	if size%inputFeatureNum != 0 {
		return nil, fmt.Errorf("mlp: cannot flatten an input of shape %v (%d values) to (-1, %d): %d is not a multiple of input_feature_num=%d",
			dims, size, inputFeatureNum, size, inputFeatureNum)
	}
	return []int{size / inputFeatureNum, inputFeatureNum}, nil
}

// ModelFn turns forward into a GoMLX model function for this net, the form
// model.NewExec and train.NewTrainer take. The returned function
//
//   - flattens x (float32, any rank) to [batch, InputFeatureNum];
//   - calls forward, converting any panic into an error panic, which GoMLX's
//     Exec reports cleanly;
//   - checks that the logits have shape [batch, OutputFeatureNum].
//
// Every problem (invalid net, non-float32 or non-divisible input, nil forward
// or logits, wrong output shape) panics with an error, the way graph
// functions report errors; [RunNet] returns them as errors.
func (net *Net) ModelFn(forward MLPForwardFn) func(scope *model.Scope, x *Node) *Node {
	return func(scope *model.Scope, x *Node) *Node {
		defer rethrowAsError()
		if err := net.Validate(); err != nil {
			panic(err)
		}
		if forward == nil {
			panic(errors.New("mlp: the forward function is nil"))
		}
		if x.DType() != dtypes.Float32 {
			panic(fmt.Errorf("mlp: the input must be float32, got %s", x.Shape()))
		}
		dims, err := FlattenedDims(x.Shape().Dimensions, net.InputFeatureNum)
		if err != nil {
			panic(err)
		}
		logits := forward(net, scope, Reshape(x, dims...))
		if logits == nil {
			panic(errors.New("mlp: the forward function returned nil logits"))
		}
		want := shapes.Make(dtypes.Float32, dims[0], net.OutputFeatureNum)
		if !logits.Shape().Equal(want) {
			panic(fmt.Errorf("mlp: the forward function returned logits of shape %s, want %s ([batch, output_feature_num])", logits.Shape(), want))
		}
		return logits
	}
}

// RunNet runs the forward pass once and returns the logits, a float32 tensor
// of shape [batch, net.OutputFeatureNum].
//
// x is a *tensors.Tensor or a Go slice of float32 of any rank ([]float32,
// [][]float32, ...); it is flattened to [batch, net.InputFeatureNum]. The
// variables live in store: on the first run they are created and
// initialised; later runs with the same store reuse them. A nil store means
// a fresh one from NewStore("mlp").
//
// It never panics: a bad input (wrong dtype, sizes that don't divide), an
// unfinished exercise (errors.Is(err, ErrNotImplemented)), a panic in forward
// or a wrong output shape give an error.
func RunNet(net *Net, forward MLPForwardFn, store *model.Store, x any) (*tensors.Tensor, error) {
	if err := net.Validate(); err != nil {
		return nil, err
	}
	if forward == nil {
		return nil, errors.New("mlp: the forward function is nil")
	}
	input, err := toFloat32Tensor(x)
	if err != nil {
		return nil, err
	}
	if _, err := FlattenedDims(input.Shape().Dimensions, net.InputFeatureNum); err != nil {
		return nil, err
	}
	if store == nil {
		if store, err = NewStore("mlp"); err != nil {
			return nil, err
		}
	}
	backend, err := Backend()
	if err != nil {
		return nil, err
	}
	var output *tensors.Tensor
	err = callSafely("mlp", func() error {
		exec, err := model.NewExec(backend, store, net.ModelFn(forward))
		if err != nil {
			return err
		}
		defer exec.Finalize()
		output, err = exec.Call1(input)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("mlp: running the net: %w", err)
	}
	return output, nil
}

// toFloat32Tensor converts a tensor or a Go slice to a float32 tensor.
func toFloat32Tensor(x any) (t *tensors.Tensor, err error) {
	if x == nil {
		return nil, errors.New("mlp: the input is nil")
	}
	defer func() {
		if r := recover(); r != nil {
			t, err = nil, fmt.Errorf("mlp: cannot convert the input (%T) to a tensor: %v", x, r)
		}
	}()
	t, err = tensors.FromAnyValue(x)
	if err != nil {
		return nil, fmt.Errorf("mlp: cannot convert the input (%T) to a tensor: %w", x, err)
	}
	if t.DType() != dtypes.Float32 {
		return nil, fmt.Errorf("mlp: the input must be float32, got %s", t.Shape())
	}
	return t, nil
}
