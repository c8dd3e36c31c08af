package plots

import (
	"fmt"
	"image"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// TrainingLoss plots the training loss of every batch, as the original does
// after training.
func TrainingLoss(losses []float32) (*plot.Plot, error) {
	if len(losses) == 0 {
		return nil, fmt.Errorf("plots: training loss: no losses")
	}
	pts := make(plotter.XYs, len(losses))
	for i, l := range losses {
		pts[i].X, pts[i].Y = float64(i), float64(l)
	}
	line, err := plotter.NewLine(pts)
	if err != nil {
		return nil, fmt.Errorf("plots: training loss: %w", err)
	}
	line.Color = plotutil.Color(0)
	line.Width = vg.Points(1)
	p := plot.New()
	p.Title.Text = "Training loss"
	p.X.Label.Text = "Batch"
	p.Y.Label.Text = "Training loss"
	p.Add(line)
	return p, nil
}

// classColors is a palette for up to 8 classes; the test points of class k
// are drawn in a darker shade of colour k.
var classColors = []color.RGBA{
	{68, 1, 84, 255}, {59, 82, 139, 255}, {33, 145, 140, 255}, {253, 231, 37, 255},
	{94, 201, 98, 255}, {229, 107, 93, 255}, {190, 190, 190, 255}, {255, 160, 40, 255},
}

func classColor(k int, dark bool) color.RGBA {
	c := classColors[k%len(classColors)]
	if k >= len(classColors) {
		c = color.RGBA{uint8(37 * k), uint8(97 * k), uint8(151 * k), 255}
	}
	if dark {
		c = color.RGBA{c.R / 2, c.G / 2, c.B / 2, 255}
	}
	return c
}

// DecisionMap draws a decision map as the original's plt.imshow does, for an
// M x M grid on [-xMax, xMax]² in the row-major order of the lesson's
// SampleGrid (top row first): a value k < numClasses is the predicted class
// k, and a value numClasses + k marks a test point of true class k, drawn in a
// darker shade of colour k. Axes are x1 (right) and x2 (up). It returns an
// error if there are not M*M values, or a value is negative or at least
// 2*numClasses.
func DecisionMap(decisionMap []int32, m int, xMax float64, numClasses int) (*plot.Plot, error) {
	if m < 2 || len(decisionMap) != m*m {
		return nil, fmt.Errorf("plots: decision map: %d values for an M=%d grid, want M*M=%d", len(decisionMap), m, m*m)
	}
	if numClasses <= 0 {
		return nil, fmt.Errorf("plots: decision map: numClasses must be > 0, got %d", numClasses)
	}
	img := image.NewRGBA(image.Rect(0, 0, m, m))
	for i, v := range decisionMap {
		if v < 0 || int(v) >= 2*numClasses {
			return nil, fmt.Errorf("plots: decision map: value %d at grid point %d is out of range [0, %d)", v, i, 2*numClasses)
		}
		k, testPoint := int(v), false
		if k >= numClasses {
			k, testPoint = k-numClasses, true
		}
		img.SetRGBA(i%m, i/m, classColor(k, testPoint))
	}
	p := plot.New()
	p.Title.Text = "Decision map (test points in darker shades)"
	p.X.Label.Text = "x1"
	p.Y.Label.Text = "x2"
	p.Add(plotter.NewImage(img, -xMax, -xMax, xMax, xMax))
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -xMax, xMax, -xMax, xMax
	return p, nil
}
