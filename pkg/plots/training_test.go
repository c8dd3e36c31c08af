package plots_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/pkg/plots"
)

// okabeIto is the Okabe–Ito palette without black, in the order the package
// documents: blue, orange, bluish green, vermillion, reddish purple, sky
// blue, yellow.
var okabeIto = []color.RGBA{
	{0x00, 0x72, 0xB2, 255}, {0xE6, 0x9F, 0x00, 255}, {0x00, 0x9E, 0x73, 255}, {0xD5, 0x5E, 0x00, 255},
	{0xCC, 0x79, 0xA7, 255}, {0x56, 0xB4, 0xE9, 255}, {0xF0, 0xE4, 0x42, 255},
}

// tint mixes c with white: fraction 1 is c, 0 is white.
func tint(c color.RGBA, fraction float64) color.RGBA {
	mix := func(v uint8) uint8 { return uint8(math.Round(255 - (255-float64(v))*fraction)) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 255}
}

func near(a, b color.RGBA, tol int) bool {
	d := func(x, y uint8) int { return max(int(x)-int(y), int(y)-int(x)) }
	return d(a.R, b.R) <= tol && d(a.G, b.G) <= tol && d(a.B, b.B) <= tol
}

func decodePNG(t *testing.T, fig *plots.Figure) *image.RGBA {
	t.Helper()
	data, err := plots.PNG(fig)
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(data))
	require.NoError(t, err)
	rgba := image.NewRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			rgba.Set(x, y, img.At(x, y))
		}
	}
	return rgba
}

// patches returns the bounding boxes of the 4-connected sets of pixels of
// colour c (within 2 per channel), largest first.
func patches(img *image.RGBA, c color.RGBA) []image.Rectangle {
	b := img.Bounds()
	seen := make([]bool, b.Dx()*b.Dy())
	idx := func(p image.Point) int { return (p.Y-b.Min.Y)*b.Dx() + p.X - b.Min.X }
	type patch struct {
		box  image.Rectangle
		size int
	}
	var found []patch
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			start := image.Pt(x, y)
			if seen[idx(start)] || !near(img.RGBAAt(x, y), c, 2) {
				continue
			}
			seen[idx(start)] = true
			stack, size, box := []image.Point{start}, 0, image.Rectangle{Min: start, Max: start.Add(image.Pt(1, 1))}
			for len(stack) > 0 {
				p := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				size++
				box = box.Union(image.Rectangle{Min: p, Max: p.Add(image.Pt(1, 1))})
				for _, d := range []image.Point{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
					q := p.Add(d)
					if q.In(b) && !seen[idx(q)] && near(img.RGBAAt(q.X, q.Y), c, 2) {
						seen[idx(q)] = true
						stack = append(stack, q)
					}
				}
			}
			found = append(found, patch{box, size})
		}
	}
	slices.SortStableFunc(found, func(a, b patch) int { return b.size - a.size })
	boxes := make([]image.Rectangle, len(found))
	for i, p := range found {
		boxes[i] = p.box
	}
	return boxes
}

// quadrantMap is an M x M decision map on [-xMax, xMax]² predicting class 0
// at the top left, 1 at the top right, 2 at the bottom left and 3 at the
// bottom right, in SampleGrid's order (top row first).
func quadrantMap(m int) []int32 {
	yPred := make([]int32, m*m)
	for r := range m {
		for c := range m {
			k := 0
			if c >= m/2 {
				k++
			}
			if r >= m/2 {
				k += 2
			}
			yPred[r*m+c] = int32(k)
		}
	}
	return yPred
}

// The decision map's contract, read back from its PNG: the map is square,
// each quadrant has the tint of its class the right way up, and a test point
// is a disc of its class's full colour in a dark ring, also on its own class's
// region.
func TestDecisionMapPNG(t *testing.T) {
	const m, xMax = 40, 2.0
	xTest := []float32{-1, 1, 1, -1}
	yTest := []int32{0, 1} // on its own region; on class 3's region
	fig, err := plots.DecisionMap(quadrantMap(m), m, xMax, xTest, yTest, 4)
	require.NoError(t, err)
	img := decodePNG(t, fig)

	tints := make([]color.RGBA, 4)
	for k := range tints {
		tints[k] = tint(okabeIto[k], plots.RegionTint)
	}
	// The map's extent: the union of each tint's largest connected patch
	// (the legend's swatches are small ones).
	var box image.Rectangle
	for _, c := range tints {
		p := patches(img, c)
		require.NotEmpty(t, p)
		box = box.Union(p[0])
	}
	w, h := box.Dx(), box.Dy()
	t.Logf("map %v (%d x %d px) in a %v image", box, w, h, img.Bounds().Size())
	require.Greater(t, h, 300, "the map fills most of the figure's height")
	assert.InDelta(t, w, h, 3, "the map is square: %d x %d px", w, h)
	assert.Less(t, img.Bounds().Dx()-box.Max.X, 200, "no wide empty margin right of the map and legend")

	// pixel returns the pixel at data point (x1, x2) of the map.
	pixel := func(x1, x2 float64) (int, int) {
		px := box.Min.X + int(math.Round((x1+xMax)/(2*xMax)*float64(w)))
		py := box.Min.Y + int(math.Round((xMax-x2)/(2*xMax)*float64(h)))
		return px, py
	}
	for k, q := range [][2]float64{{-1.5, 1.5}, {1.5, 1.5}, {-1.5, -1.5}, {1.5, -1.5}} {
		x, y := pixel(q[0], q[1])
		assert.True(t, near(img.RGBAAt(x, y), tints[k], 2), "quadrant (%g, %g) has class %d's tint %v, got %v", q[0], q[1], k, tints[k], img.RGBAAt(x, y))
	}

	const pxPerPoint = 96.0 / 72
	radius := plots.TestPointRadius * pxPerPoint
	for i, k := range yTest {
		x, y := pixel(float64(xTest[2*i]), float64(xTest[2*i+1]))
		assert.True(t, near(img.RGBAAt(x, y), okabeIto[k], 12), "test point %d: the centre has class %d's colour %v, got %v", i, k, okabeIto[k], img.RGBAAt(x, y))
		for _, dir := range [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
			dark := false
			for d := 1; d <= int(math.Ceil(radius))+1; d++ {
				c := img.RGBAAt(x+d*dir[0], y+d*dir[1])
				dark = dark || (c.R < 90 && c.G < 90 && c.B < 90)
			}
			if !dark {
				for d := 0; d <= 8; d++ {
					t.Logf("pt %d dir %v d %d: %v", i, dir, d, img.RGBAAt(x+d*dir[0], y+d*dir[1]))
				}
			}
			assert.True(t, dark, "test point %d: a dark outline in direction %v", i, dir)
			out := int(math.Ceil(radius)) + 3
			assert.False(t, near(img.RGBAAt(x+out*dir[0], y+out*dir[1]), okabeIto[k], 12), "test point %d: the marker ends within %d px", i, out)
		}
	}
}

func TestDecisionMapLegendAndAxes(t *testing.T) {
	fig, err := plots.DecisionMap(quadrantMap(4), 4, 2, nil, nil, 4)
	require.NoError(t, err)
	assert.True(t, fig.EqualAspect)
	svg, err := plots.SVG(fig)
	require.NoError(t, err)
	for _, label := range []string{"class 0", "class 1", "class 2", "class 3", "x1", "x2"} {
		assert.Contains(t, string(svg), ">"+label+"<", "the figure shows %q", label)
	}
	assert.NotContains(t, string(svg), "class 4")
}

func TestDecisionMapRejects(t *testing.T) {
	good := quadrantMap(4)
	bad := append([]int32(nil), good...)
	bad[5] = 4
	tests := []struct {
		name       string
		yPred      []int32
		m          int
		xMax       float64
		xTest      []float32
		yTest      []int32
		numClasses int
		want       string
	}{
		{"too few values", good[:15], 4, 2, nil, nil, 4, "15 values for an M=4 grid, want M*M=16"},
		{"M < 2", []int32{0}, 1, 2, nil, nil, 4, "1 values for an M=1 grid, want M*M=1 and M >= 2"},
		{"xMax 0", good, 4, 0, nil, nil, 4, "xMax must be positive and finite, got 0"},
		{"xMax NaN", good, 4, math.NaN(), nil, nil, 4, "xMax must be positive and finite, got NaN"},
		{"xMax Inf", good, 4, math.Inf(1), nil, nil, 4, "xMax must be positive and finite, got +Inf"},
		{"no classes", good, 4, 2, nil, nil, 0, "numClasses must be >= 1, got 0"},
		{"predicted class too large", bad, 4, 2, nil, nil, 4, "predicted class 4 at grid point 5 is out of range [0, 4)"},
		{"test sizes", good, 4, 2, []float32{0, 0, 1}, []int32{0}, 4, "xTest has 3 values, want 2 per test label"},
		{"test class", good, 4, 2, []float32{0, 0}, []int32{-1}, 4, "class -1 of test point 0 is out of range"},
		{"test point NaN", good, 4, 2, []float32{0, float32(math.NaN())}, []int32{1}, 4, "test point 0 is not finite"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fig, err := plots.DecisionMap(tc.yPred, tc.m, tc.xMax, tc.xTest, tc.yTest, tc.numClasses)
			assert.Nil(t, fig)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "plots: decision map: "+tc.want)
		})
	}
}

func TestTrainingLoss(t *testing.T) {
	p, err := plots.TrainingLoss([]float32{1.4, 0.9, 0.5})
	require.NoError(t, err)
	assert.Equal(t, "Training loss", p.Title.Text)
	assert.Equal(t, 0.0, p.Y.Min, "the loss axis starts at 0")
	_, err = plots.TrainingLoss(nil)
	assert.ErrorContains(t, err, "no losses")
}

func ExampleDecisionMap() {
	// A 2 x 2 grid on [-1, 1]²: classes 0 and 1 on the top row, 2 and 3 below,
	// and one test point of class 0 at (-0.5, 0.5).
	fig, err := plots.DecisionMap([]int32{0, 1, 2, 3}, 2, 1, []float32{-0.5, 0.5}, []int32{0}, 4)
	if err != nil {
		panic(err)
	}
	fmt.Println("square:", fig.EqualAspect, "height:", fig.Height == plots.DecisionMapHeight)

	_, err = plots.DecisionMap([]int32{0, 1, 2, 3}, 2, 1, nil, nil, 3)
	fmt.Println(err)
	// Output:
	// square: true height: true
	// plots: decision map: predicted class 3 at grid point 3 is out of range [0, 3)
}
