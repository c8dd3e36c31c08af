package studentsetup

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/nbgen"
)

// The answer toggles' one summary, with the style that brings back the ▶
// marker in the classic notebook (its Bootstrap CSS sets summary to
// display: block, which hides the marker; the notebook's sanitizer keeps
// display: list-item). internal/browsertest checks the rendering.
const (
	summaryStyle  = `<summary style="display: list-item">`
	answerSummary = summaryStyle + "解答例 (クリックで開く)</summary>"
)

var (
	summaryTag     = regexp.MustCompile(`<summary[^>]*>.*?</summary>`)
	tableDelimiter = regexp.MustCompile(`^\|(\s*:?-+:?\s*\|)+\s*$`)
	leftAligned    = regexp.MustCompile(`^\|(\s*:-+\s*\|)+\s*$`)
)

// TestMarkdownAStudentSeesFirst reads every notebook source: each <summary>
// carries the marker style, an answer toggle says "解答例 (クリックで開く)"
// word for word, and every Markdown table is left-aligned (":---"), which the
// classic notebook, nbconvert and the static site all honor, where they would
// otherwise align cells right.
func TestMarkdownAStudentSeesFirst(t *testing.T) {
	sources, err := nbgen.Sources(repoRoot(t))
	require.NoError(t, err)
	require.NotEmpty(t, sources)
	summaries, tables := 0, 0
	for _, src := range sources {
		data, err := os.ReadFile(src)
		require.NoError(t, err)
		name := filepath.Base(src)
		for i, line := range strings.Split(string(data), "\n") {
			for _, s := range summaryTag.FindAllString(line, -1) {
				summaries++
				assert.True(t, strings.HasPrefix(s, summaryStyle), "%s:%d: %s lacks %s", name, i+1, s, summaryStyle)
				if strings.Contains(s, "解答") {
					assert.Equal(t, answerSummary, s, "%s:%d: one wording for the answer toggles", name, i+1)
				}
			}
			if strings.Contains(line, "<summary") && !summaryTag.MatchString(line) {
				t.Errorf("%s:%d: keep <summary>...</summary> on one line", name, i+1)
			}
			if tableDelimiter.MatchString(strings.TrimSpace(line)) {
				tables++
				assert.Regexp(t, leftAligned, strings.TrimSpace(line), "%s:%d: left-align the table (|:---|)", name, i+1)
			}
		}
	}
	assert.NotZero(t, summaries, "no <summary> found: the pattern is stale")
	assert.NotZero(t, tables, "no table found: the pattern is stale")
}
