package nbgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/pristine"
)

// TestRepositoryCommentsAreBilingual fails when a comment of the Go code the
// notebooks show (pkg/lesson, pkg/exercises, pkg/solutions) breaks the
// bilingual convention, so that one edition would lose it: add the missing
// English (or Japanese) lines.
func TestRepositoryCommentsAreBilingual(t *testing.T) {
	root, err := pristine.Root()
	require.NoError(t, err)
	for _, dir := range []string{"pkg/lesson", "pkg/exercises", "pkg/solutions"} {
		paths, err := filepath.Glob(filepath.Join(root, filepath.FromSlash(dir), "*.go"))
		require.NoError(t, err)
		var files []string
		for _, p := range paths {
			if !strings.HasSuffix(p, "_test.go") {
				files = append(files, p)
			}
		}
		require.NotEmpty(t, files, "no Go files in %s", dir)
		for _, path := range files {
			rel := dir + "/" + filepath.Base(path)
			t.Run(rel, func(t *testing.T) {
				// TODO: remove this skip once pkg/lesson/decisionmap.go has its
				// English comment lines.
				if rel == "pkg/lesson/decisionmap.go" {
					t.Skip("pkg/lesson/decisionmap.go is being translated")
				}
				data, err := os.ReadFile(path)
				require.NoError(t, err)
				for _, err := range CheckBilingual(rel, string(data)) {
					assert.NoError(t, err)
				}
			})
		}
	}
}

// TestLocalizeAndCheckComments runs LocalizeComments and CheckBilingual on
// small samples, with the expected results written out by hand.
func TestLocalizeAndCheckComments(t *testing.T) {
	for _, tc := range []struct {
		name string
		code string
		ja   string // LocalizeComments(code, i18n.Japanese)
		en   string // LocalizeComments(code, i18n.English)
		errs []string
	}{
		{
			name: "an English-only block is shared",
			code: "// Foo is shared.\n// It has no Japanese.\nfunc Foo() {}",
			ja:   "// Foo is shared.\n// It has no Japanese.\nfunc Foo() {}",
			en:   "// Foo is shared.\n// It has no Japanese.\nfunc Foo() {}",
		},
		{
			name: "a Japanese line and its English",
			code: "// Foo は例です。\n// Foo is an example.\nfunc Foo() {}",
			ja:   "// Foo は例です。\nfunc Foo() {}",
			en:   "// Foo is an example.\nfunc Foo() {}",
		},
		{
			name: "interleaved pairs in a function",
			code: "func F() {\n\t// 一つ目。\n\t// First.\n\t// 二つ目の\n\t// 文です。\n\t// The second\n\t// sentence.\n\tx := 1\n}",
			ja:   "func F() {\n\t// 一つ目。\n\t// 二つ目の\n\t// 文です。\n\tx := 1\n}",
			en:   "func F() {\n\t// First.\n\t// The second\n\t// sentence.\n\tx := 1\n}",
		},
		{
			name: "a paragraph break stays in both",
			code: "// 段落一。\n// Paragraph one.\n//\n// 段落二。\n// Paragraph two.\nfunc F() {}",
			ja:   "// 段落一。\n//\n// 段落二。\nfunc F() {}",
			en:   "// Paragraph one.\n//\n// Paragraph two.\nfunc F() {}",
		},
		{
			name: "a directive inside a block",
			code: "// BEGIN CELL X\n// X は例です。\n// X is an example.\nfunc X() {}\n// END CELL X",
			ja:   "// BEGIN CELL X\n// X は例です。\nfunc X() {}\n// END CELL X",
			en:   "// BEGIN CELL X\n// X is an example.\nfunc X() {}\n// END CELL X",
		},
		{
			name: "a code sample line",
			code: "\t// F は次を計算します:\n\t// F computes:\n\t//\tx := 1\n\t// 以上です。\n\t// That is all.\n\tF()",
			ja:   "\t// F は次を計算します:\n\t//\tx := 1\n\t// 以上です。\n\tF()",
			en:   "\t// F computes:\n\t//\tx := 1\n\t// That is all.\n\tF()",
		},
		{
			name: "a code sample between paragraphs",
			code: "// 例:\n// Example:\n//\n//\tx := 1\n//\n// 終わり。\n// The end.\nfunc F() {}",
			ja:   "// 例:\n//\n//\tx := 1\n//\n// 終わり。\nfunc F() {}",
			en:   "// Example:\n//\n//\tx := 1\n//\n// The end.\nfunc F() {}",
		},
		{
			name: "a comment at the end of a code line is kept in both",
			code: "x := 1 // 説明\ny := 2",
			ja:   "x := 1 // 説明\ny := 2",
			en:   "x := 1 // 説明\ny := 2",
		},
		{
			name: "a Japanese line without English",
			code: "// 日本語だけです。\nfunc F() {}",
			ja:   "// 日本語だけです。\nfunc F() {}",
			en:   "func F() {}",
			errs: []string{`x.go:1: Japanese comment without the English line after it: "// 日本語だけです。"`},
		},
		{
			name: "a Japanese paragraph without English",
			code: "// 一。\n//\n// 二。\n// Two.\nfunc F() {}",
			ja:   "// 一。\n//\n// 二。\nfunc F() {}",
			en:   "// Two.\nfunc F() {}",
			errs: []string{`x.go:1: Japanese comment without the English line after it: "// 一。"`},
		},
		{
			name: "an English line before the Japanese",
			code: "// English first.\n// 日本語。\n// Japanese.\nfunc F() {}",
			ja:   "// 日本語。\nfunc F() {}",
			en:   "// English first.\n// Japanese.\nfunc F() {}",
			errs: []string{`x.go:1: English comment without a Japanese line before it, in a block that has Japanese: "// English first."`},
		},
		{
			name: "an English-only paragraph in a block with Japanese",
			code: "// 一。\n// One.\n//\n// Only English.\nfunc F() {}",
			ja:   "// 一。\nfunc F() {}",
			en:   "// One.\n//\n// Only English.\nfunc F() {}",
			errs: []string{`x.go:4: English comment without a Japanese line before it, in a block that has Japanese: "// Only English."`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.ja, LocalizeComments(tc.code, i18n.Japanese), "Japanese")
			assert.Equal(t, tc.en, LocalizeComments(tc.code, i18n.English), "English")
			var errs []string
			for _, err := range CheckBilingual("x.go", tc.code) {
				errs = append(errs, err.Error())
			}
			assert.Equal(t, tc.errs, errs)
		})
	}
}
