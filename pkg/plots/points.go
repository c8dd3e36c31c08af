package plots

import "gonum.org/v1/plot/plotter"

// XYs pairs two float32 slices as plotter points: point i is (x[i], y[i]).
// It panics if y is shorter than x.
func XYs(x, y []float32) plotter.XYs {
	points := make(plotter.XYs, len(x))
	for i := range x {
		points[i].X, points[i].Y = float64(x[i]), float64(y[i])
	}
	return points
}
