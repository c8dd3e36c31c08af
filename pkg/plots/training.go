package plots

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TrainingLoss plots the training loss of every batch, as the original does
// after training, with the y axis from 0.
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
	line.Color = ClassColor(0)
	line.Width = vg.Points(1)
	p := New()
	p.Title.Text = "Training loss"
	p.X.Label.Text = "Batch"
	p.Y.Label.Text = "Training loss"
	p.Add(line)
	p.Y.Min = min(0, p.Y.Min)
	return p, nil
}

// Decision map styling: the regions' tint, and the test points' markers.
const (
	// RegionTint is the fraction of the class colour in the decision map's
	// regions (see [Tint]); the test points are drawn in the full colour.
	RegionTint = 0.45
	// TestPointRadius and TestPointOutline are the radius of a test point's
	// marker and the width of its black outline, in points (the outline lies
	// inside the radius).
	TestPointRadius  = 3
	TestPointOutline = 1
)

// DecisionMapHeight is the height of [DecisionMap]'s figure; its width fits
// the square map and the legend.
const DecisionMapHeight = 5.2 * vg.Inch

// DecisionMap draws the decision map of a classifier with its test points, as
// the original's plot_decision_map does: the class predicted at every point
// of an M x M grid on [-xMax, xMax]², as an image in light tints of the class
// colours (Tint(ClassColor(k), RegionTint)), under the test points, drawn as
// circles filled with the full colour of their true class and outlined in
// black, so that they show on every region, their own class's too. The map is
// square (the figure has EqualAspect), with axes x1 (right) and x2 (up) and a
// legend entry per class.
//
// yPred holds the M*M predicted classes in the row-major order of the
// lesson's SampleGrid: top row (x2 = xMax) first, each row from x1 = -xMax to
// xMax. xTest holds the test points row-major, shape [n, 2], and yTest their
// n classes. It returns an error if yPred has not M*M values (M >= 2), xMax
// is not positive and finite, numClasses < 1, a class is outside [0,
// numClasses), the test sizes don't match, or a test point is not finite.
//
// The original marks a test point by setting the grid points within
// squared distance 1e-3 of it to K + its class, in one image (imshow with
// the "jet" colour map); markers keep a test point visible whatever its
// colour and size on the screen.
func DecisionMap(yPred []int32, m int, xMax float64, xTest []float32, yTest []int32, numClasses int) (*Figure, error) {
	switch {
	case m < 2 || len(yPred) != m*m:
		return nil, fmt.Errorf("plots: decision map: %d values for an M=%d grid, want M*M=%d and M >= 2", len(yPred), m, m*m)
	case !(xMax > 0) || math.IsInf(xMax, 0):
		return nil, fmt.Errorf("plots: decision map: xMax must be positive and finite, got %g", xMax)
	case numClasses < 1:
		return nil, fmt.Errorf("plots: decision map: numClasses must be >= 1, got %d", numClasses)
	case len(xTest) != 2*len(yTest):
		return nil, fmt.Errorf("plots: decision map: xTest has %d values, want 2 per test label (%d labels), i.e. shape [n, 2]", len(xTest), len(yTest))
	}
	img := image.NewRGBA(image.Rect(0, 0, m, m))
	for i, k := range yPred {
		if k < 0 || int(k) >= numClasses {
			return nil, fmt.Errorf("plots: decision map: predicted class %d at grid point %d is out of range [0, %d)", k, i, numClasses)
		}
		img.SetRGBA(i%m, i/m, Tint(ClassColor(int(k)), RegionTint))
	}
	byClass := make([]plotter.XYs, numClasses)
	for i, k := range yTest {
		if k < 0 || int(k) >= numClasses {
			return nil, fmt.Errorf("plots: decision map: class %d of test point %d is out of range [0, %d)", k, i, numClasses)
		}
		x1, x2 := float64(xTest[2*i]), float64(xTest[2*i+1])
		if math.IsNaN(x1) || math.IsInf(x1, 0) || math.IsNaN(x2) || math.IsInf(x2, 0) {
			return nil, fmt.Errorf("plots: decision map: test point %d is not finite: (%g, %g)", i, x1, x2)
		}
		byClass[k] = append(byClass[k], plotter.XY{X: x1, Y: x2})
	}

	p := New()
	p.Title.Text = "Decision map and test points (true class)"
	p.X.Label.Text = "x1"
	p.Y.Label.Text = "x2"
	p.Add(plotter.NewImage(img, -xMax, -xMax, xMax, xMax))
	for k, points := range byClass {
		style := draw.GlyphStyle{Color: ClassColor(k), Radius: vg.Points(TestPointRadius), Shape: outlinedCircle{}}
		if len(points) > 0 {
			scatter, err := plotter.NewScatter(points)
			if err != nil {
				return nil, fmt.Errorf("plots: decision map: %w", err)
			}
			scatter.GlyphStyle = style
			p.Add(scatter)
		}
		p.Legend.Add(fmt.Sprintf("class %d", k), regionThumbnail{region: Tint(ClassColor(k), RegionTint), marker: style})
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = -xMax, xMax, -xMax, xMax
	p.X.Padding, p.Y.Padding = 0, 0

	fig := &Figure{Rows: [][]*plot.Plot{{p}}, Height: DecisionMapHeight, EqualAspect: true}
	fig.Width = fig.fitWidth(p)
	return fig, nil
}

// fitWidth returns the width at which p, alone in f with EqualAspect, fills
// f's height without room to spare on the right.
func (f *Figure) fitWidth(p *plot.Plot) vg.Length {
	const wide = 100 * vg.Inch
	_, h := f.size()
	pad := 4 * vg.Millimeter // the figure's tiles: 2 mm on each side
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: wide, Y: h - pad}}}
	data := p.DataCanvas(c)
	dataWidth := vg.Length(float64(data.Size().Y) * (p.X.Max - p.X.Min) / (p.Y.Max - p.Y.Min))
	legend := p.Legend.Rectangle(c).Size().X
	if legend > 0 {
		legend += legendGap
	}
	return pad + (wide - data.Size().X) + dataWidth + legend
}

// outlinedCircle is a filled circle with a black outline of width
// TestPointOutline, drawn inside the glyph's radius.
type outlinedCircle struct{}

// DrawGlyph implements draw.GlyphDrawer.
func (outlinedCircle) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	outline := vg.Points(TestPointOutline)
	r := sty.Radius - outline/2
	var path vg.Path
	path.Move(vg.Point{X: pt.X + r, Y: pt.Y})
	path.Arc(pt, r, 0, 2*math.Pi)
	path.Close()
	c.SetColor(sty.Color)
	c.Fill(path)
	c.SetLineStyle(draw.LineStyle{Color: color.Black, Width: outline})
	c.Stroke(path)
}

// regionThumbnail is a legend entry of the decision map: a square of the
// region's tint with the test point's marker on it.
type regionThumbnail struct {
	region color.Color
	marker draw.GlyphStyle
}

// Thumbnail implements plot.Thumbnailer.
func (t regionThumbnail) Thumbnail(c *draw.Canvas) {
	side := min(c.Size().X, c.Size().Y)
	center := c.Center()
	half := side / 2
	c.SetColor(t.region)
	c.Fill(vg.Rectangle{
		Min: vg.Point{X: center.X - half, Y: center.Y - half},
		Max: vg.Point{X: center.X + half, Y: center.Y + half},
	}.Path())
	c.DrawGlyphNoClip(t.marker, center)
}
