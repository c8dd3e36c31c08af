package plots

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/janpfeifer/gonb/gonbui"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Default figure size, about matplotlib's default at the notebook's width.
const (
	DefaultWidth  = 6.4 * vg.Inch
	DefaultHeight = 4.8 * vg.Inch
)

// Figure is a grid of plots drawn on one canvas, like matplotlib's subplots.
// Rows holds the panels row by row; a nil panel leaves its cell empty.
//
// With EqualAspect, one unit on x is as long as one unit on y in every panel
// (matplotlib's set_aspect("equal")): a panel's legend, if it has one, moves
// out of the data area to its right, and the data area shrinks to the largest
// rectangle of the data ranges' shape that leaves room for it, at the top
// left of the panel's cell.
type Figure struct {
	Rows          [][]*plot.Plot
	Width, Height vg.Length // zero means DefaultWidth / DefaultHeight
	EqualAspect   bool
}

// Single wraps one plot as a Figure of the default size.
func Single(p *plot.Plot) *Figure {
	return &Figure{Rows: [][]*plot.Plot{{p}}}
}

func (f *Figure) size() (vg.Length, vg.Length) {
	w, h := f.Width, f.Height
	if w <= 0 {
		w = DefaultWidth
	}
	if h <= 0 {
		h = DefaultHeight
	}
	return w, h
}

// draw renders the figure onto c.
func (f *Figure) draw(c draw.Canvas) error {
	if len(f.Rows) == 0 || len(f.Rows[0]) == 0 {
		return fmt.Errorf("plots: the figure has no panels")
	}
	cols := len(f.Rows[0])
	for i, row := range f.Rows {
		if len(row) != cols {
			return fmt.Errorf("plots: figure row %d has %d panels, want %d like row 0", i, len(row), cols)
		}
	}
	tiles := draw.Tiles{Rows: len(f.Rows), Cols: cols, PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align(f.Rows, tiles, c)
	for i, row := range f.Rows {
		for j, p := range row {
			switch {
			case p == nil:
			case f.EqualAspect:
				drawEqualAspect(p, canvases[i][j])
			default:
				p.Draw(canvases[i][j])
			}
		}
	}
	return nil
}

// legendGap separates a legend drawn outside the data area from it.
const legendGap = 4 * vg.Millimeter

// drawEqualAspect draws p in c with equal scales on x and y and its legend
// outside the data area, on the right (see [Figure]).
func drawEqualAspect(p *plot.Plot, c draw.Canvas) {
	legend := p.Legend
	var legendWidth vg.Length
	if w := legend.Rectangle(c).Size().X; w > 0 {
		legendWidth = w + legendGap
	}
	p.Legend = plot.NewLegend() // drawn below, outside the data area
	defer func() { p.Legend = legend }()

	data := p.DataCanvas(c)
	w, h := data.Size().X-legendWidth, data.Size().Y
	xRange, yRange := p.X.Max-p.X.Min, p.Y.Max-p.Y.Min
	if w > 0 && h > 0 && xRange > 0 && yRange > 0 {
		scale := min(float64(w)/xRange, float64(h)/yRange) // length per data unit
		cropX := w - vg.Length(scale*xRange) + legendWidth
		cropY := h - vg.Length(scale*yRange)
		c = draw.Crop(c, 0, -cropX, cropY, 0)
	}
	p.Draw(c)
	if legendWidth > 0 {
		data = p.DataCanvas(c)
		legend.Top, legend.Left, legend.XOffs, legend.YOffs = true, true, 0, 0
		legend.Draw(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: data.Max.X + legendGap, Y: data.Min.Y},
			Max: vg.Point{X: data.Max.X + legendWidth, Y: data.Max.Y},
		}})
	}
}

// PNG encodes the figure as a PNG image at 96 dpi.
func PNG(f *Figure) ([]byte, error) {
	w, h := f.size()
	c := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(96))}
	if err := f.draw(draw.New(c)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// SVG encodes the figure as an SVG document.
func SVG(f *Figure) ([]byte, error) {
	w, h := f.size()
	c := vgsvg.New(w, h)
	if err := f.draw(draw.New(c)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: encoding SVG: %w", err)
	}
	return buf.Bytes(), nil
}

// Save writes the figure to path, as PNG or SVG by the file's extension,
// creating the folder if needed.
func Save(f *Figure, path string) error {
	var data []byte
	var err error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".png":
		data, err = PNG(f)
	case ".svg":
		data, err = SVG(f)
	default:
		return fmt.Errorf("plots: unsupported file extension %q in %q; use .png or .svg", ext, path)
	}
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("plots: %w", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("plots: %w", err)
	}
	return nil
}

// Display shows the figure inline in a GoNB notebook, as PNG. Outside a
// notebook it hands the figure to the function set by [CaptureDisplayed], or
// does nothing and returns nil.
func Display(f *Figure) error {
	if !gonbui.IsNotebook {
		return displayOutsideNotebook(f)
	}
	data, err := PNG(f)
	if err != nil {
		return err
	}
	gonbui.DisplayPNG(data)
	gonbui.Sync()
	return nil
}

// Show displays a figure inline in a notebook and panics on error: it is
// meant to wrap a figure function in a notebook cell, e.g.
// plots.Show(plots.FunctionApproximation(x, acts, yHat)).
func Show(f *Figure, err error) {
	if err == nil {
		err = Display(f)
	}
	if err != nil {
		panic(err)
	}
}

// ShowPlot is [Show] for a single plot.
func ShowPlot(p *plot.Plot, err error) {
	if err != nil {
		panic(err)
	}
	Show(Single(p), nil)
}
