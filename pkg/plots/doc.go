// Package plots draws the figures of the tutorial's main sections with
// gonum/plot, and encodes and shows every figure, the bonus section's too
// (package lif draws those).
//
// Figure functions take plain data (slices) and return a *plot.Plot or a
// [Figure] of several panels; they know nothing about models. The same value
// is encoded as PNG or SVG ([PNG], [SVG]), written to a file ([Save]) or shown
// inline in a GoNB notebook ([Display]).
//
// Axis labels and legends are in English, as in the original: gonum/plot's
// bundled fonts have no Japanese glyphs. The notebooks explain each figure in
// Japanese in the cell above it.
package plots
