package plots

// The look shared by every figure: the colour palette, fonts, legends and
// ticks.

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Palette is the Okabe–Ito palette (Okabe and Ito, "Color Universal Design",
// 2002) without its black: colours that stay apart under the common kinds of
// colour blindness. Class k of every figure, and series k of a line plot, is
// drawn in Palette[k % len(Palette)]; the first four, the spiral's classes,
// are blue, orange, bluish green and vermillion. Yellow comes last, as it is
// the hardest to see on white.
var Palette = []color.RGBA{
	{0, 114, 178, 255},   // blue #0072B2
	{230, 159, 0, 255},   // orange #E69F00
	{0, 158, 115, 255},   // bluish green #009E73
	{213, 94, 0, 255},    // vermillion #D55E00
	{204, 121, 167, 255}, // reddish purple #CC79A7
	{86, 180, 233, 255},  // sky blue #56B4E9
	{240, 228, 66, 255},  // yellow #F0E442
}

// ClassColor returns the colour of class (or series) k >= 0:
// Palette[k % len(Palette)].
func ClassColor(k int) color.RGBA {
	return Palette[k%len(Palette)]
}

// SeriesColor and SeriesDashes give line k >= 0 of a line plot its style: the
// palette's colours but yellow, which is too faint as a thin line on white,
// solid for the first six lines, then with a dash pattern per round of six.
func SeriesColor(k int) color.RGBA {
	return Palette[k%(len(Palette)-1)]
}

// SeriesDashes: see [SeriesColor].
func SeriesDashes(k int) []vg.Length {
	return plotutil.Dashes(k / (len(Palette) - 1))
}

// Tint returns c mixed with white: fraction 1 gives c, 0 gives white. The
// decision map paints the predicted regions in Tint(ClassColor(k),
// RegionTint).
func Tint(c color.RGBA, fraction float64) color.RGBA {
	mix := func(v uint8) uint8 { return uint8(math.Round(255 - (255-float64(v))*fraction)) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 255}
}

// Font sizes of every figure, in points. Sans serif reads better than
// gonum/plot's default serif at a notebook's size.
const (
	titleSize  = 13
	labelSize  = 12
	tickSize   = 11
	legendSize = 11
)

func sans(size vg.Length) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
}

// New returns an empty plot in the tutorial's style: sans-serif text, a
// little space between legend entries, and ticks by [NiceTicks] (gonum/plot's
// default labels about three, e.g. "0.00 25.00 50.00"). Every figure of the
// tutorial starts from it.
func New() *plot.Plot {
	p := plot.New()
	p.Title.TextStyle.Font = sans(titleSize)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(labelSize)
		a.Tick.Label.Font = sans(tickSize)
		a.Tick.Marker = NiceTicks{}
	}
	p.Legend.TextStyle.Font = sans(legendSize)
	p.Legend.Padding = vg.Points(2)
	p.Legend.ThumbnailWidth = vg.Points(18)
	return p
}

// NiceTicks is a plot.Ticker that labels round values: the step is the
// smallest of 1, 2, 2.5 and 5 times a power of ten that splits the range into
// at most six steps (or Step, if it is positive), and labels have as many
// decimals as the step needs ("0 10 20", "-1.0 -0.5 0.0", "0.25 0.50").
// Unlabelled minor ticks divide each step into four or five.
type NiceTicks struct {
	Step float64
}

func (t NiceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	step, decimals, minorPerMajor := niceStep(hi - lo)
	if t.Step > 0 && !math.IsInf(t.Step, 0) && (hi-lo)/t.Step < 1000 {
		step, decimals, minorPerMajor = t.Step, stepDecimals(t.Step), 5
		if mantissa := step / math.Pow(10, math.Floor(math.Log10(step))); math.Abs(mantissa-2) < 1e-9 {
			minorPerMajor = 4
		}
	}
	minor := step / float64(minorPerMajor)
	var ticks []plot.Tick
	first := math.Ceil(lo/minor - 1e-9)
	for i := first; i*minor <= hi+minor*1e-9; i++ {
		v := i * minor
		if math.Mod(i, float64(minorPerMajor)) == 0 {
			label := strconv.FormatFloat(v, 'f', decimals, 64)
			if f, _ := strconv.ParseFloat(label, 64); f == 0 {
				label = strconv.FormatFloat(0, 'f', decimals, 64) // no "-0"
			}
			ticks = append(ticks, plot.Tick{Value: v, Label: label})
		} else {
			ticks = append(ticks, plot.Tick{Value: v})
		}
	}
	return ticks
}

// niceStep returns the step NiceTicks labels a range of the given width
// with, the decimals its labels need, and how many minor steps make one.
func niceStep(width float64) (step float64, decimals, minorPerMajor int) {
	const most = 6 // steps at most
	raw := width / most
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step, minorPerMajor = 10*mag, 5
	for _, m := range []struct {
		mult  float64
		minor int
	}{{1, 5}, {2, 4}, {2.5, 5}, {5, 5}} {
		if m.mult*mag >= raw {
			step, minorPerMajor = m.mult*mag, m.minor
			break
		}
	}
	return step, stepDecimals(step), minorPerMajor
}

// stepDecimals returns how many decimals labels a step apart need: 0 for 10,
// 1 for 0.5, 2 for 0.25.
func stepDecimals(step float64) int {
	for d := 0; d < 10; d++ {
		scaled := step * math.Pow10(d)
		if math.Abs(scaled-math.Round(scaled)) < 1e-6*scaled {
			return d
		}
	}
	return 10
}
