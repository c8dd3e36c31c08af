// Package tutorial is the core of the Go edition of Neuromatch Academy's
// "Biological vs. artificial neural networks: multilayer perceptrons"
// (W1D3, tutorial 1). It holds everything of the main sections that is not an
// exercise: backend selection and seeding, data, models and training. The
// bonus section (the LIF neuron) is package lif, which builds on this one.
//
// # Conventions shared by every exercise
//
//   - Exercises are GoMLX graph functions: *graph.Node values in, *graph.Node
//     values out. The core compiles and runs them (see [RunApproximation]), so
//     an exercise never touches backends, tensors or error handling.
//   - Floating-point data is float32, as in the PyTorch original.
//   - Vectors are rank-1 nodes of shape [N]; batches are [N, features].
//   - Class labels are int32 vectors of shape [N] with values in [0, K). Where
//     GoMLX's own losses want labels as [N, 1], the core adapts them.
//   - An unfinished exercise's blanks are [TODO] (a node) or [TODOValue] (any
//     other value), named with [Blank]; they panic with a
//     [NotImplementedError], which the core turns into an error that
//     satisfies errors.Is(err, ErrNotImplemented).
//   - Input validation lives here, not in the exercises: students are graded on
//     the maths, and every public function of this package returns a clear
//     error for bad input instead of panicking deep inside GoMLX.
//
// Errors are prefixed with the concept they come from ("backend:", "relu
// approximation:", "mlp:") and name the offending value.
//
// This package imports no other package of this module except two leaves:
// internal/textcap, which caps error text without splitting a UTF-8
// character, and internal/i18n, the message catalog that names the blanks
// and words the notebook helpers' messages.
package tutorial
