// Package lesson holds the code cells of the tutorial's notebooks as Go, so
// that the notebooks and the headless run (cmd/tutorial) have one source.
//
// Each cell is a marked region:
//
//	func PlotSpiral() {
//		// BEGIN CELL PlotSpiral
//		data, err := tutorial.CreateSpiralDataset(...)
//		...
//		// END CELL PlotSpiral
//	}
//
// A "--- cell PlotSpiral" line in a notebook source (notebooks/src/*.nb) makes
// internal/nbgen copy the region into a code cell, with the imports it uses
// and "%%" before it, and cmd/tutorial calls the function. A region at the top
// level of a file holds declarations instead, which the cell declares for the
// cells after it. The drift test of internal/nbgen fails when a notebook and
// its regions differ, and the test of cmd/tutorial fails when a section does
// not run its notebook's cells in order.
//
// The same text compiles here and in a GoNB cell, so a region names
// everything it uses by a qualified name (tutorial.SineTrainingPoints,
// plots.Show), by the name of a lesson declaration that an earlier cell of
// the notebook declares (CreateSpiralDataset, TrainTestClassification: here
// they are this package's own functions), or, for what an exercise cell
// declares, by a parameter with that name: the notebook's
// ApproximateFunction is the exercise cell's function, and here it is the
// parameter ApproximateFunction, which cmd/tutorial sets to the reference
// solution. Parameters therefore carry the exported names of the exercises.
//
// The declarations are the lesson: the code the original shows
// (create_spiral_dataset, the DataLoader setup, train_test_classification,
// sample_grid, plot_decision_map, run_LIF), written the way GoMLX users write
// it (train.NewTrainer, train.NewLoop, dataset.InMemoryFromData, GoMLX's
// losses, optimizers and metrics). A notebook that needs a declaration of an
// earlier notebook repeats its cell (05_training declares
// CreateSpiralDataset again), since every notebook is a program of its own.
//
// GoNB runs every cell as a fresh program, so a cell's function takes no
// state from the cells before it, returns nothing (a return ends the cell) and
// reports a failure the way a cell does: it panics, or, for an unfinished
// exercise, prints tutorial.FinishFirst's message and returns. Figures go
// through plots.Show, which the headless run captures to files
// (plots.CaptureDisplayed).
package lesson
