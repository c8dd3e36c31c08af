package plots

import (
	"fmt"
	"image"
	"image/color"
	"math"

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

// DecisionMap draws the predicted class of every point of an M x M grid on
// [-xMax, xMax]² (classes in the row-major order of tutorial.SampleGrid: top
// row first) with the test points painted over it in a darker shade of their
// true class, as the original does (it paints grid points within squared
// distance eps = 1e-3 of a test point). Axes are x1 (right) and x2 (up).
func DecisionMap(classes []int32, m int, xMax float64, testX []float32, testY []int32) (*plot.Plot, error) {
	if m < 2 || len(classes) != m*m {
		return nil, fmt.Errorf("plots: decision map: %d classes for an M=%d grid, want M*M=%d", len(classes), m, m*m)
	}
	if len(testX) != 2*len(testY) {
		return nil, fmt.Errorf("plots: decision map: %d test coordinates for %d labels, want 2 per label", len(testX), len(testY))
	}
	img := image.NewRGBA(image.Rect(0, 0, m, m))
	for i, k := range classes {
		if k < 0 {
			return nil, fmt.Errorf("plots: decision map: negative class %d at grid point %d", k, i)
		}
		img.SetRGBA(i%m, i/m, classColor(int(k), false))
	}
	const eps = 1e-3 // squared distance, as in the original
	step := 2 * xMax / float64(m-1)
	radius := int(math.Ceil(math.Sqrt(eps) / step))
	for i, label := range testY {
		x1, x2 := float64(testX[2*i]), float64(testX[2*i+1])
		c0 := int(math.Round((x1 + xMax) / step))
		r0 := int(math.Round((xMax - x2) / step))
		for r := r0 - radius; r <= r0+radius; r++ {
			for c := c0 - radius; c <= c0+radius; c++ {
				if r < 0 || c < 0 || r >= m || c >= m {
					continue
				}
				gx, gy := -xMax+float64(c)*step, xMax-float64(r)*step
				if (gx-x1)*(gx-x1)+(gy-x2)*(gy-x2) < eps {
					img.SetRGBA(c, r, classColor(int(label), true))
				}
			}
		}
	}
	p := plot.New()
	p.Title.Text = "Decision map (test points in darker shades)"
	p.X.Label.Text = "x1"
	p.Y.Label.Text = "x2"
	p.Add(plotter.NewImage(img, -xMax, -xMax, xMax, xMax))
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -xMax, xMax, -xMax, xMax
	return p, nil
}
