package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// FunctionApproximation draws the two-panel figure of Exercise 1: the ReLU
// basis functions (one line per row of reluActs, styled by SeriesColor and
// SeriesDashes) above the truth sin(x), a solid line, against the
// estimate yHat, dashed over it. x, yHat and every row of reluActs must have the
// same length.
func FunctionApproximation(x []float32, reluActs [][]float32, yHat []float32) (*Figure, error) {
	if len(x) == 0 {
		return nil, fmt.Errorf("plots: function approximation: x is empty")
	}
	if len(yHat) != len(x) {
		return nil, fmt.Errorf("plots: function approximation: yHat has %d points, want %d like x", len(yHat), len(x))
	}
	basis := New()
	basis.Title.Text = "ReLU Activations - Basis Functions"
	basis.X.Label.Text = "x"
	basis.Y.Label.Text = "Activation"
	basis.Legend.Top = true
	basis.Legend.Left = true
	for i, row := range reluActs {
		if len(row) != len(x) {
			return nil, fmt.Errorf("plots: function approximation: ReLU %d has %d points, want %d like x", i, len(row), len(x))
		}
		line, err := plotter.NewLine(XYs(x, row))
		if err != nil {
			return nil, fmt.Errorf("plots: function approximation: %w", err)
		}
		line.Color = SeriesColor(i)
		line.Dashes = SeriesDashes(i)
		line.Width = vg.Points(1.5)
		basis.Add(line)
		basis.Legend.Add(fmt.Sprintf("ReLU %d", i+1), line)
	}

	fit := New()
	fit.Title.Text = "Function Approximation"
	fit.X.Label.Text = "x"
	fit.Y.Label.Text = "y(x)"
	truth := make([]float32, len(x))
	for i, v := range x {
		truth[i] = float32(math.Sin(float64(v)))
	}
	fit.Legend.Top = true
	for _, series := range []struct {
		label  string
		y      []float32
		color  color.Color
		dashes []vg.Length
	}{
		{"truth", truth, ClassColor(0), nil},
		{"estimated", yHat, ClassColor(1), []vg.Length{vg.Points(6), vg.Points(3)}}, // dashed: the truth shows through
	} {
		line, err := plotter.NewLine(XYs(x, series.y))
		if err != nil {
			return nil, fmt.Errorf("plots: function approximation: %w", err)
		}
		line.Color = series.color
		line.Dashes = series.dashes
		line.Width = vg.Points(2)
		fit.Add(line)
		fit.Legend.Add(series.label, line)
	}
	return &Figure{Rows: [][]*plot.Plot{{basis}, {fit}}, Width: DefaultWidth, Height: 2 * DefaultHeight}, nil
}
