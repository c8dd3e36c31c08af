package plots

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
)

func TestCaptureDisplayed(t *testing.T) {
	fig := Single(plot.New())
	require.NoError(t, Display(fig), "without a capture, Display does nothing outside a notebook")

	var got []*Figure
	stop := CaptureDisplayed(func(f *Figure) error {
		got = append(got, f)
		return nil
	})
	require.NoError(t, Display(fig))
	Show(fig, nil)
	assert.Equal(t, []*Figure{fig, fig}, got)

	stop()
	require.NoError(t, Display(fig))
	assert.Len(t, got, 2, "after stop, figures are no longer captured")
}

func TestCaptureDisplayedError(t *testing.T) {
	failed := errors.New("disk full")
	stop := CaptureDisplayed(func(*Figure) error { return failed })
	defer stop()
	fig := Single(plot.New())
	assert.ErrorIs(t, Display(fig), failed)
	assert.PanicsWithError(t, "disk full", func() { Show(fig, nil) })
}
