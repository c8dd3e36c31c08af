package checks

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHintsByLevel(t *testing.T) {
	h := Hints{Gentle: "やさしい", Pointed: "具体的", Explicit: "ほぼ答え"}
	assert.Equal(t, "やさしい", h.At(GentleHint))
	assert.Equal(t, "具体的", h.At(PointedHint))
	assert.Equal(t, "ほぼ答え", h.At(ExplicitHint))
	assert.PanicsWithValue(t, "checks: hint level 0 outside 1..3", func() { h.At(0) })
	assert.Equal(t, "ヒント 1/3", GentleHint.Label())
	assert.Equal(t, "ヒント 3/3", ExplicitHint.Label())
	assert.PanicsWithValue(t, "checks: hint level 4 outside 1..3", func() { h.At(4) })

	tests := []struct {
		level HintLevel
		want  []string
	}{
		{0, nil},
		{GentleHint, []string{"やさしい"}},
		{PointedHint, []string{"やさしい", "具体的"}},
		{ExplicitHint, []string{"やさしい", "具体的", "ほぼ答え"}},
		{99, []string{"やさしい", "具体的", "ほぼ答え"}},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, h.UpTo(tc.level), "level %d", tc.level)
	}
}
