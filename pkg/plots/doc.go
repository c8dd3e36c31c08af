// Package plots draws the figures of the tutorial's main sections with
// gonum/plot, and encodes and shows every figure, the bonus section's too
// (package lif draws those).
//
// Figure functions take plain data (slices) and return a *plot.Plot or a
// [Figure] of several panels; they know nothing about models. The same value
// is encoded as PNG or SVG ([PNG], [SVG]), written to a file ([Save]) or shown
// inline in a GoNB notebook ([Display]).
//
// Every figure starts from [New] (sans-serif text, [NiceTicks]) and takes its
// colours from [Palette], the Okabe–Ito colours, which colour-blind readers
// can tell apart: class k is [ClassColor](k) in the spiral's scatter plot and
// in the decision map alike, and line k of a line plot is [SeriesColor](k).
// The decision map is drawn with equal scales on its axes ([Figure]'s
// EqualAspect), and so is the spiral at the default figure size.
//
// Axis labels and legends are in English, as in the original: gonum/plot's
// bundled fonts have no Japanese glyphs. The notebooks explain each figure in
// Japanese in the cell above it.
package plots
