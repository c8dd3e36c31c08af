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

// Spiral returns a scatter plot of 2-D points coloured by class (ClassColor,
// the decision map's colours; past len(Palette) classes the marker's shape
// changes too), with axes x1 and x2 and a legend "class k" for every class
// present, at the top left. Shown as a Single figure of the default size, one
// unit of x1 is as long as one of x2: the axes are widened around the data to
// fit that shape, which leaves room for the legend.
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
	p := New()
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
		scatter.GlyphStyle = draw.GlyphStyle{Color: ClassColor(k), Radius: vg.Points(1.8), Shape: classShape(k)}
		p.Add(scatter)
		p.Legend.Add(fmt.Sprintf("class %d", k), legendGlyph{scatter.GlyphStyle})
	}
	for _, a := range []*plot.Axis{&p.X, &p.Y} { // a margin around the data
		margin := 0.04 * (a.Max - a.Min)
		a.Min, a.Max = a.Min-margin, a.Max+margin
	}
	equalScales(p, DefaultWidth, DefaultHeight)
	return p, nil
}

// classShape is the marker of class k: a filled circle for the first
// len(Palette) classes, then other shapes, one per round of the palette.
func classShape(k int) draw.GlyphDrawer {
	if round := k / len(Palette); round > 0 {
		return plotutil.Shape(round)
	}
	return draw.CircleGlyph{}
}

// legendGlyph is a legend entry drawn as one marker, larger than the plot's.
type legendGlyph struct{ style draw.GlyphStyle }

// Thumbnail implements plot.Thumbnailer.
func (g legendGlyph) Thumbnail(c *draw.Canvas) {
	g.style.Radius = vg.Points(3)
	c.DrawGlyphNoClip(g.style, c.Center())
}

// equalScales widens p's axes, about their centres, so that one unit of x is
// as long as one unit of y when p is drawn as a Single figure of size w x h,
// and gives both axes the tick step of the narrower range.
func equalScales(p *plot.Plot, w, h vg.Length) {
	step, _, _ := niceStep(min(p.X.Max-p.X.Min, p.Y.Max-p.Y.Min))
	p.X.Tick.Marker, p.Y.Tick.Marker = NiceTicks{Step: step}, NiceTicks{Step: step}
	pad := 4 * vg.Millimeter // the figure's tiles: 2 mm on each side
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: w - pad, Y: h - pad}}}
	for range 3 { // the axes' widths depend on their tick labels, so on the ranges
		data := p.DataCanvas(c)
		dw, dh := float64(data.Size().X), float64(data.Size().Y)
		xr, yr := p.X.Max-p.X.Min, p.Y.Max-p.Y.Min
		if !(dw > 0 && dh > 0 && xr > 0 && yr > 0) {
			return
		}
		if want := yr * dw / dh; want > xr {
			mid := (p.X.Min + p.X.Max) / 2
			p.X.Min, p.X.Max = mid-want/2, mid+want/2
		} else if want := xr * dh / dw; want > yr {
			mid := (p.Y.Min + p.Y.Max) / 2
			p.Y.Min, p.Y.Max = mid-want/2, mid+want/2
		}
	}
}
