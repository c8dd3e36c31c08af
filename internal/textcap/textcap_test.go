package textcap_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/nma-go/mlp/internal/textcap"
)

func TestHeadAndTail(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		limit    int
		wantHead string
		wantTail string
	}{
		{"short", "short", 10, "short", "short"},
		{"exactly the limit", "exactly10!", 10, "exactly10!", "exactly10!"},
		{"ASCII", "abcdefghijkl", 10, "abcdefg...", "...fghijkl"},
		// 日, 本, ... are 3 bytes each: a cut inside one moves to its boundary.
		{"Japanese", "日本語の文字列です", 10, "日本...", "...です"},
		{"Japanese, one character fits", "日本語", 7, "日...", "...語"},
		{"no character fits", "日本語", 4, "...", "..."},
		{"limit below the ellipsis", "abcdef", 2, "...", "..."},
		{"limit zero", "abc", 0, "...", "..."},
		{"negative limit", "abc", -5, "...", "..."},
		{"empty", "", 0, "", ""},
		{"mixed", "パニック: index out of range", 20, "パニック: ind...", "...ndex out of range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range []struct {
				name string
				fn   func(string, int) string
				want string
			}{{"Head", textcap.Head, tc.wantHead}, {"Tail", textcap.Tail, tc.wantTail}} {
				got := c.fn(tc.in, tc.limit)
				assert.Equal(t, c.want, got, "%s(%q, %d)", c.name, tc.in, tc.limit)
				assert.LessOrEqual(t, len(got), max(tc.limit, len(textcap.Ellipsis)), "%s: length", c.name)
				assert.True(t, utf8.ValidString(got), "%s: valid UTF-8", c.name)
			}
		})
	}
}

// TestCapsNeverSplitACharacter tries every limit on text with 1- to 4-byte
// characters.
func TestCapsNeverSplitACharacter(t *testing.T) {
	s := strings.Repeat("aé日😀", 5)
	for limit := 0; limit <= len(s)+1; limit++ {
		for _, fn := range []func(string, int) string{textcap.Head, textcap.Tail} {
			got := fn(s, limit)
			assert.True(t, utf8.ValidString(got), "limit %d: %q", limit, got)
			assert.LessOrEqual(t, len(got), max(limit, len(textcap.Ellipsis)), "limit %d", limit)
		}
		if head := textcap.Head(s, limit); limit < len(s) {
			assert.True(t, strings.HasPrefix(s, strings.TrimSuffix(head, textcap.Ellipsis)), "Head keeps a prefix")
			assert.True(t, strings.HasSuffix(s, strings.TrimPrefix(textcap.Tail(s, limit), textcap.Ellipsis)), "Tail keeps a suffix")
		}
	}
}

func ExampleHead() {
	fmt.Println(textcap.Head("膜電位のシミュレーション", 14))
	// Output: 膜電位...
}

func ExampleTail() {
	fmt.Println(textcap.Tail("compile error\npanic: index out of range", 22))
	// Output: ... index out of range
}
