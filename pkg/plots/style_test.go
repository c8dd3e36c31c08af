package plots_test

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/plots"
)

func TestPaletteIsOkabeIto(t *testing.T) {
	assert.Equal(t, okabeIto, plots.Palette)
	for k := range 20 {
		assert.Equal(t, okabeIto[k%len(okabeIto)], plots.ClassColor(k), "class %d", k)
	}
	assert.Equal(t, color.RGBA{255, 255, 255, 255}, plots.Tint(okabeIto[0], 0))
	assert.Equal(t, okabeIto[3], plots.Tint(okabeIto[3], 1))
	assert.Equal(t, tint(okabeIto[1], 0.45), plots.Tint(okabeIto[1], 0.45))
}

// Colour vision deficiency, simulated as in Machado, Oliveira and Fernandes
// (2009), severity 1, on linear RGB; distances are CIE76 ΔE in CIELAB (D65).
var cvd = map[string][3][3]float64{
	"normal":       {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
	"deuteranopia": {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	"protanopia":   {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
	"tritanopia":   {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}},
}

func toLinear(v uint8) float64 {
	c := float64(v) / 255
	if c <= 0.04045 {
		return c / 12.92
	}
	return math.Pow((c+0.055)/1.055, 2.4)
}

// lab returns the CIELAB coordinates of c as seen through the matrix m.
func lab(c color.RGBA, m [3][3]float64) [3]float64 {
	in := [3]float64{toLinear(c.R), toLinear(c.G), toLinear(c.B)}
	var rgb [3]float64
	for i := range 3 {
		for j := range 3 {
			rgb[i] += m[i][j] * in[j]
		}
		rgb[i] = min(1, max(0, rgb[i]))
	}
	x := (0.4124*rgb[0] + 0.3576*rgb[1] + 0.1805*rgb[2]) / 0.95047
	y := 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
	z := (0.0193*rgb[0] + 0.1192*rgb[1] + 0.9505*rgb[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

func deltaE(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

// The spiral's four class colours, and the decision map's tints of them, stay
// apart under each simulated colour vision deficiency. Thresholds: ΔE 15 for
// markers and lines, 10 for the light regions (ΔE about 2 is a just noticeable
// difference). Under tritanopia, the rarest (about 1 in 10,000), the regions
// of classes 0 and 2 come closer (ΔE about 7); they are opposite arms of the
// spiral and never meet, and their markers stay apart.
func TestPaletteSurvivesColourBlindness(t *testing.T) {
	for name, m := range cvd {
		for _, set := range []struct {
			what     string
			fraction float64
			minDE    float64
		}{{"class colours", 1, 15}, {"region tints", plots.RegionTint, 10}} {
			for i := range 4 {
				for j := i + 1; j < 4; j++ {
					if name == "tritanopia" && set.fraction < 1 && i == 0 && j == 2 {
						continue
					}
					a, b := tint(okabeIto[i], set.fraction), tint(okabeIto[j], set.fraction)
					assert.Greater(t, deltaE(lab(a, m), lab(b, m)), set.minDE, "%s, %s: classes %d and %d", name, set.what, i, j)
				}
			}
		}
	}
}

func TestSeriesStyles(t *testing.T) {
	type style struct {
		c      color.RGBA
		dashes string
	}
	seen := map[style]int{}
	for k := range 18 {
		c := plots.SeriesColor(k)
		assert.NotEqual(t, okabeIto[6], c, "series %d: no yellow lines", k)
		var d []string
		for _, l := range plots.SeriesDashes(k) {
			d = append(d, strconv.FormatFloat(l.Points(), 'g', -1, 64))
		}
		s := style{c, strings.Join(d, ",")}
		if prev, ok := seen[s]; ok {
			t.Errorf("series %d looks like series %d: %v", k, prev, s)
		}
		seen[s] = k
		if k < 6 {
			assert.Equal(t, okabeIto[k], c)
			assert.Empty(t, plots.SeriesDashes(k), "the first six lines are solid")
		}
	}
}

func TestNiceTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		step   float64
		want   string
	}{
		{-2, 2, 0, "-2 -1 0 1 2"},
		{-1.3, 1.3, 0, "-1.0 -0.5 0.0 0.5 1.0"},
		{0, 50, 0, "0 10 20 30 40 50"},
		{0, 1.5, 0, "0.00 0.25 0.50 0.75 1.00 1.25 1.50"},
		{0, 2499, 0, "0 500 1000 1500 2000"},
		{0.1, 1.37, 0, "0.25 0.50 0.75 1.00 1.25"},
		{-1.9, 1.9, 0.5, "-1.5 -1.0 -0.5 0.0 0.5 1.0 1.5"},
		{0, 6.28, 0, "0 2 4 6"},
	}
	for _, tc := range tests {
		var labels []string
		minor := 0
		for _, tick := range (plots.NiceTicks{Step: tc.step}).Ticks(tc.lo, tc.hi) {
			require.True(t, tc.lo-1e-9 <= tick.Value && tick.Value <= tc.hi+1e-9, "[%g, %g]: tick %g is outside the range", tc.lo, tc.hi, tick.Value)
			if tick.Label == "" {
				minor++
			} else {
				labels = append(labels, tick.Label)
			}
		}
		assert.Equal(t, tc.want, strings.Join(labels, " "), "[%g, %g], step %g", tc.lo, tc.hi, tc.step)
		assert.Positive(t, minor, "[%g, %g]: minor ticks", tc.lo, tc.hi)
	}
}

// The spiral's scatter plot, shown at the default size, has equal scales: two
// points two units apart across are as far apart on the screen as two points
// two units apart up and down.
func TestSpiralEqualScales(t *testing.T) {
	x := []float32{-1, 0, 1, 0, 0, -1, 0, 1}
	y := []int32{0, 0, 1, 1}
	p, err := plots.Spiral(x, y, "")
	require.NoError(t, err)
	img := decodePNG(t, plots.Single(p))
	// The markers are the patches of their class's colour; the legend has one
	// more of each, away from the pair.
	across, upDown := patches(img, okabeIto[0]), patches(img, okabeIto[1])
	require.GreaterOrEqual(t, len(across), 2)
	require.GreaterOrEqual(t, len(upDown), 2)
	centre := func(r image.Rectangle) (float64, float64) {
		return float64(r.Min.X+r.Max.X) / 2, float64(r.Min.Y+r.Max.Y) / 2
	}
	// closestPair returns the distance, along the other axis, of the two
	// patches nearest each other along axis (0 for x, 1 for y).
	closestPair := func(rs []image.Rectangle, axis int) float64 {
		best, dist := math.Inf(1), 0.0
		for i := range rs {
			for j := i + 1; j < len(rs); j++ {
				xi, yi := centre(rs[i])
				xj, yj := centre(rs[j])
				d := [2]float64{math.Abs(xi - xj), math.Abs(yi - yj)}
				if d[axis] < best {
					best, dist = d[axis], d[1-axis]
				}
			}
		}
		return dist
	}
	dx, dy := closestPair(across, 1), closestPair(upDown, 0)
	t.Logf("two units: %.1f px across, %.1f px up and down", dx, dy)
	assert.Greater(t, dx, 100.0, "the markers are found")
	assert.InDelta(t, dx, dy, 2, "equal scales on x1 and x2")
}
