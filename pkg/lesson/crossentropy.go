package lesson

import (
	"fmt"

	"github.com/nma-go/mlp/pkg/tutorial"
)

// CompareCrossEntropy computes the loss of the original's example with
// CrossEntropyLoss (Exercise 2.1) and with GoMLX, and prints both
// (03_cross_entropy).
func CompareCrossEntropy(CrossEntropyLoss tutorial.CrossEntropyLossFn) {
	// BEGIN CELL CompareCrossEntropy
	x, labels := tutorial.CrossEntropyExample()
	frameworkLoss, err := tutorial.FrameworkCrossEntropy(x, labels)
	if err != nil {
		panic(err)
	}
	ourLoss, err := tutorial.RunCrossEntropy(CrossEntropyLoss, x, labels)
	if tutorial.FinishFirst(err) {
		return
	}
	fmt.Println(tutorial.FormatCrossEntropyComparison(ourLoss, frameworkLoss))
	// END CELL CompareCrossEntropy
}
