package tutorial

import "fmt"

// Decision-map settings of the original: a 500 x 500 grid on [-2, 2]².
const (
	DecisionMapSize = 500
	DecisionMapXMax = 2.0
)

// SampleGrid returns an M x M grid of points covering [-xMax, xMax]², as a
// row-major [M*M, 2] slice ready for [TrainResult.Predict].
//
// Point r*M + c is (x1, x2) = (-xMax + c*step, xMax - r*step) with step =
// 2*xMax/(M-1): rows run from the top (x2 = xMax) down, columns from left to
// right, so the predictions reshaped to [M, M] are an image with correct axes.
// (The original builds its grid with meshgrid in "ij" order and shows it with
// imshow, which rotates the map by 90° against the scatter plot.)
func SampleGrid(m int, xMax float64) ([]float32, error) {
	if m < 2 {
		return nil, fmt.Errorf("decision map: M must be >= 2, got %d", m)
	}
	if !(xMax > 0) {
		return nil, fmt.Errorf("decision map: xMax must be > 0, got %g", xMax)
	}
	if m > 10_000 {
		return nil, fmt.Errorf("decision map: M=%d would make %d points; at most 10000 x 10000 are allowed", m, m*m)
	}
	step := 2 * xMax / float64(m-1)
	points := make([]float32, 0, 2*m*m)
	for r := range m {
		x2 := float32(xMax - float64(r)*step)
		for c := range m {
			points = append(points, float32(-xMax+float64(c)*step), x2)
		}
	}
	return points, nil
}
