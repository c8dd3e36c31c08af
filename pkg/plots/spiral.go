package plots

// The figure of Section 2.2: the spiral dataset as a scatter plot coloured by
// class, the counterpart of the original's plt.scatter(X[:, 0], X[:, 1], c=y).

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// MaxScatterClasses bounds the number of classes [Spiral] draws, one series
// and legend entry each.
const MaxScatterClasses = 64

// Spiral returns a scatter plot of 2-D points coloured by class, with axes
// x1 and x2 and a legend "class k" for every class present.
//
// x holds the points row-major, shape [n, 2] (sample i is x[2i], x[2i+1]), as
// in tutorial.Dataset.X; y holds n labels in [0, MaxScatterClasses). The
// title may be empty, as in the original. It returns an error if the sizes
// don't match, there are no points, a label is out of range, or a coordinate
// is NaN or infinite.
func Spiral(x []float32, y []int32, title string) (*plot.Plot, error) {
	if len(y) == 0 {
		return nil, fmt.Errorf("plots: spiral: there are no points")
	}
	if len(x) != 2*len(y) {
		return nil, fmt.Errorf("plots: spiral: x has %d values, want 2 per label (%d labels), i.e. shape [n, 2]", len(x), len(y))
	}
	byClass := map[int32]plotter.XYs{}
	numClasses := 0
	for i, label := range y {
		if label < 0 || label >= MaxScatterClasses {
			return nil, fmt.Errorf("plots: spiral: label %d of point %d is out of range [0, %d)", label, i, MaxScatterClasses)
		}
		x1, x2 := float64(x[2*i]), float64(x[2*i+1])
		if math.IsNaN(x1) || math.IsInf(x1, 0) || math.IsNaN(x2) || math.IsInf(x2, 0) {
			return nil, fmt.Errorf("plots: spiral: point %d is not finite: (%g, %g)", i, x1, x2)
		}
		byClass[label] = append(byClass[label], plotter.XY{X: x1, Y: x2})
		numClasses = max(numClasses, int(label)+1)
	}
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "x1"
	p.Y.Label.Text = "x2"
	p.Legend.Top = true
	p.Legend.Left = true
	for k := range numClasses {
		points, ok := byClass[int32(k)]
		if !ok {
			continue
		}
		scatter, err := plotter.NewScatter(points)
		if err != nil {
			return nil, fmt.Errorf("plots: spiral: %w", err)
		}
		scatter.GlyphStyle = draw.GlyphStyle{Color: plotutil.Color(k), Radius: vg.Points(1.5), Shape: draw.CircleGlyph{}}
		p.Add(scatter)
		p.Legend.Add(fmt.Sprintf("class %d", k), scatter)
	}
	return p, nil
}
