package lesson

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// ParseActivationSpecs parses three valid activation specs and a malformed
// one, printing each result or error (02_mlp).
func ParseActivationSpecs() {
	// BEGIN CELL ParseActivationSpecs
	for _, spec := range []string{"LeakyReLU(0.1)", "ReLU()", "Swish()", "LeakyReLU(0.1"} {
		act, err := tutorial.ParseActivation(spec)
		if err != nil {
			fmt.Printf("%-16s -> error: %v\n", spec, err)
			continue
		}
		fmt.Printf("%-16s -> %s\n", spec, act)
	}
	// END CELL ParseActivationSpecs
}

// RunOriginalNet passes the original's zero input of shape (100, 2) through
// Net("LeakyReLU(0.1)", 2, [100, 10, 5], 1) with MLPForward (Exercise 2) and
// prints the net, the output's shape and the parameter count (02_mlp).
func RunOriginalNet(MLPForward tutorial.MLPForwardFn) {
	// BEGIN CELL RunOriginalNet
	tutorial.SetSeed(tutorial.DefaultSeed)
	net, err := tutorial.NewNet("LeakyReLU(0.1)", 2, []int{100, 10, 5}, 1)
	if err != nil {
		panic(err)
	}
	fmt.Println(net)
	store, err := tutorial.NewStore("section2")
	if err != nil {
		panic(err)
	}
	input := tutorial.ZerosTensor(100, 2)
	y, err := tutorial.RunNet(net, MLPForward, store, input)
	if tutorial.FinishFirst(err) {
		return
	}
	fmt.Println(tutorial.OutputShapeMessage(input.Shape().Dimensions, y.Shape().Dimensions))
	fmt.Println("parameters:", tutorial.TrainableParameters(store))
	// END CELL RunOriginalNet
}
