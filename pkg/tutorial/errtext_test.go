package tutorial

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// maxErrorBytes bounds every error message of this package's public API,
// whatever the input: a few quoted excerpts of at most maxInputInError bytes
// each, plus fixed text (ParseActivation's list of what is accepted is the
// longest).
const maxErrorBytes = 1024

// checkQuoted asserts quoteForError's contract for input s and result q.
func checkQuoted(t *testing.T, s, q string) {
	t.Helper()
	assert.LessOrEqual(t, len(q), maxInputInError+len(ellipsis), "length of %.40q...", q)
	assert.True(t, utf8.ValidString(q), "quoted text must be valid UTF-8")
	body, cut := strings.CutSuffix(q, ellipsis)
	if !cut || !strings.HasSuffix(body, `"`) { // the whole quote, without an ellipsis
		assert.Equal(t, strconv.Quote(s), q)
		return
	}
	prefix, err := strconv.Unquote(body)
	require.NoError(t, err, "the excerpt %q must be a complete quote", body)
	assert.True(t, strings.HasPrefix(s, prefix), "the excerpt must be a prefix of the input")
	assert.Less(t, len(prefix), len(s))
	assert.Equal(t, strconv.Quote(prefix), body, "the excerpt is strconv.Quote of whole characters")
}

func TestQuoteForError(t *testing.T) {
	tests := []struct {
		name, in string
		whole    bool // quoted in full, no ellipsis
	}{
		{"empty", "", true},
		{"short", "ReLU()", true},
		{"exactly fits", strings.Repeat("a", maxInputInError-2), true},
		{"one byte too long", strings.Repeat("a", maxInputInError-1), false},
		{"1 MB", strings.Repeat("X", 1<<20), false},
		{"Japanese (3-byte characters)", strings.Repeat("活性化関数", 100), false},
		{"emoji (4-byte characters)", strings.Repeat("🧠", 100), false},
		{"invalid UTF-8", strings.Repeat("\xff\xfe", 100), false},
		{"cut inside a character", strings.Repeat("a", maxInputInError-4) + "é" + strings.Repeat("b", 50), false},
		{"control characters", strings.Repeat("\x00\n\t", 100), false},
		{"quotes and backslashes", strings.Repeat(`"\`, 100), false},
		{"short invalid UTF-8", "\xe6\x97", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := quoteForError(tc.in)
			checkQuoted(t, tc.in, q)
			assert.Equal(t, !tc.whole, strings.HasSuffix(q, ellipsis), "got %.60q...", q)
		})
	}
}

func FuzzQuoteForError(f *testing.F) {
	for _, s := range []string{"", "ReLU()", strings.Repeat("関", 80), strings.Repeat("\xff", 70), strings.Repeat("a\x00", 90)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkQuoted(t, s, quoteForError(s))
	})
}

func TestClipForError(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"empty", ""},
		{"fits", strings.Repeat("x", maxInputInError)},
		{"too long", strings.Repeat("x", maxInputInError+1)},
		{"Japanese", strings.Repeat("膜電位", 200)},
		{"emoji", strings.Repeat("🧠", 200)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := clipForError(tc.in)
			assert.LessOrEqual(t, len(got), maxInputInError)
			assert.True(t, utf8.ValidString(got))
			if len(tc.in) <= maxInputInError {
				assert.Equal(t, tc.in, got)
				return
			}
			body, cut := strings.CutSuffix(got, ellipsis)
			require.True(t, cut, "a shortened text ends with %q", ellipsis)
			assert.True(t, strings.HasPrefix(tc.in, body))
			assert.Greater(t, len(body), maxInputInError-len(ellipsis)-utf8.UTFMax, "cut no more than one character early")
		})
	}
}

func FuzzClipForError(f *testing.F) {
	f.Add(strings.Repeat("é", 100))
	f.Fuzz(func(t *testing.T, s string) {
		got := clipForError(s)
		assert.LessOrEqual(t, len(got), maxInputInError)
		if utf8.ValidString(s) {
			assert.True(t, utf8.ValidString(got), "a cut must not split a character")
		}
		body, _ := strings.CutSuffix(got, ellipsis)
		assert.True(t, strings.HasPrefix(s, body))
	})
}

func TestSliceForError(t *testing.T) {
	long := make([]float32, 1_000_000)
	for i := range long {
		long[i] = float32(i) / 10
	}
	tests := []struct {
		name string
		got  string
		want string // exact, or the prefix and suffix around "..."
	}{
		{"empty", sliceForError([]int{}), "[]"},
		{"short", sliceForError([]int{4, -3}), "[4 -3]"},
		{"floats", sliceForError([]float32{0, 2, 1}), "[0 2 1]"},
		{"a million floats", sliceForError(long), "[0 0.1 0.2 ... ...] (1000000 values)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.LessOrEqual(t, len(tc.got), maxInputInError+40)
			if head, tail, ok := strings.Cut(tc.want, " ... "); ok {
				assert.True(t, strings.HasPrefix(tc.got, head), "got %s", tc.got)
				assert.True(t, strings.HasSuffix(tc.got, tail), "got %s", tc.got)
				return
			}
			assert.Equal(t, tc.want, tc.got)
		})
	}
}

func TestCapError(t *testing.T) {
	inner := errors.New(strings.Repeat("ブ", 1000))
	err := capError(inner)
	assert.LessOrEqual(t, len(err.Error()), maxWrappedErrorText)
	assert.True(t, utf8.ValidString(err.Error()))
	assert.ErrorIs(t, err, inner, "the original stays in the chain")
	assert.NoError(t, capError(nil))
	short := errors.New("short")
	assert.Equal(t, "short", capError(short).Error())
}

// TestPublicErrorsAreBounded feeds huge input to every public function whose
// error quotes it.
func TestPublicErrorsAreBounded(t *testing.T) {
	huge := strings.Repeat("X", 1<<20)
	hugeJapanese := strings.Repeat("膜", 1<<18)
	manyInts := make([]int, 1_000_000)
	for i := range manyInts {
		manyInts[i] = 1
	}
	manyInts[len(manyInts)-1] = -1
	unsorted := make([]float32, 1_000_000)
	for i := range unsorted {
		unsorted[i] = float32(len(unsorted) - i)
	}
	tests := []struct {
		name     string
		err      error
		contains string
	}{
		{"activation: 1 MB name", second(ParseActivation(huge)), "missing parentheses"},
		{"activation: 1 MB name and a bad character", second(ParseActivation(huge + "!")), "expected '('"},
		{"activation: 1 MB unknown name", second(ParseActivation(huge + "()")), "unknown activation"},
		{"activation: 1 MB Japanese", second(ParseActivation(hugeJapanese)), "expected an activation name"},
		{"activation: 1 MB after the parenthesis", second(ParseActivation("ReLU()" + huge)), "after the closing parenthesis"},
		{"activation: 1 MB keyword", second(ParseActivation("ELU(" + huge + "=1)")), "unknown keyword"},
		{"activation: 1 MB word", second(ParseActivation("GELU(approximate=" + huge + ")")), "must be a quoted string"},
		{"activation: 1 MB string", second(ParseActivation("GELU('" + huge + "')")), "'none' or 'tanh'"},
		{"activation: 1 MB number", second(ParseActivation("ELU(" + strings.Repeat("1", 1<<20) + "e5.)")), "malformed number"},
		{"activation: 1 MB non-number", second(ParseActivation("ELU(" + hugeJapanese + ")")), "expected a number"},
		{"mlp: 1 MB activation", second(NewNet(huge, 2, []int{1}, 1)), "mlp: activation:"},
		{"mlp: a million hidden layers", second(NewNet("ReLU()", 2, manyInts, 1)), "hidden_unit_nums[999999] must be > 0"},
		{"relu approximation: a million unsorted points", ValidateTrainingPoints(unsorted, unsorted), "sorted ascending"},
		{"backend: 1 MB name", second(NewBackend(huge)), "unknown GOMLX_BACKEND"},
		{"backend: 1 MB options", second(NewBackend("go:" + huge)), "backend: creating"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, tc.err)
			msg := tc.err.Error()
			assert.LessOrEqual(t, len(msg), maxErrorBytes, "message starts %.200q", msg)
			assert.Contains(t, msg, tc.contains)
			assert.True(t, utf8.ValidString(msg))
		})
	}
}

// second returns the error of a two-value call.
func second[T any](_ T, err error) error { return err }
