package i18n

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loadFixture reads a catalog fixture: {"en": {ID: text}, "ja": {ID: text}}.
func loadFixture(t *testing.T, path string) map[Lang]map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var raw map[Lang]map[string]string
	require.NoError(t, json.Unmarshal(data, &raw))
	return raw
}

// TestCatalogIsComplete fails when a message lacks a translation in either
// language, or when a translation's parameters differ from the English
// one's. With I18N_CATALOG=FILE it checks that fixture instead of the
// catalog: I18N_CATALOG=testdata/one_missing.json makes it fail.
func TestCatalogIsComplete(t *testing.T) {
	catalog := table()
	if path := os.Getenv("I18N_CATALOG"); path != "" {
		catalog = loadFixture(t, path)
	}
	for _, p := range verify(catalog) {
		t.Error(p)
	}
}

func TestVerifyFindsTheMissingMessageOfTheFixture(t *testing.T) {
	problems := verify(loadFixture(t, "testdata/one_missing.json"))
	assert.Equal(t, []string{"message check.relu.case.random has no ja translation"}, problems)
}

func TestVerifyComparesParameters(t *testing.T) {
	tests := []struct {
		name, en, ja string
		want         []string
	}{
		{"same", "On %[1]s, %[2]d", "%[1]s で %[2]d", nil},
		{"reordered", "row %[3]d of %[2]s on %[1]s", "%s で %s の %d 行目", nil},
		{"implicit and explicit", "%s then %d", "%[1]s %[2]d", nil},
		{"a parameter dropped", "%[1]s is %[2]d", "%[1]s です", []string{"message m: the ja translation's parameters [1:s] differ from the English [1:s 2:d]"}},
		{"another verb", "%[1]d points", "%[1]s 点", []string{"message m: the ja translation's parameters [1:s] differ from the English [1:d]"}},
		{"another precision", "%.6[1]g", "%.4[1]g", []string{"message m: the ja translation's parameters [1:.4g] differ from the English [1:.6g]"}},
		{"a literal percent", "100%% of %[1]s", "%[1]s の 100%%", nil},
		{"a bad index", "%[1]s", "%[x]s", []string{`message m (ja): bad argument index "[x]" in "%[x]s"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := verify(map[Lang]map[string]string{English: {"m": tc.en}, Japanese: {"m": tc.ja}})
			assert.Equal(t, tc.want, got)
		})
	}
	assert.Equal(t, []string{"message m has no en translation"},
		verify(map[Lang]map[string]string{English: {}, Japanese: {"m": "x"}}))
}

func TestParameters(t *testing.T) {
	tests := []struct{ format, want string }{
		{"no verbs", "[]"},
		{"%s %d %v", "[1:s 2:d 3:v]"},
		{"%[2]s %s", "[2:s 3:s]"},
		{"%-8[1]s %[1]s", "[1:s]"},
		{"%6.2[3]f %.8f", "[3:.2f 4:.8f]"},
		{"%*d", "[1:width* 2:d]"},
		{"%.6q", "[1:q]"},
	}
	for _, tc := range tests {
		got, err := parameters(tc.format)
		require.NoError(t, err, tc.format)
		assert.Equal(t, tc.want, got, tc.format)
	}
	_, err := parameters("ends in %")
	assert.Error(t, err)
}

func TestChoose(t *testing.T) {
	env := func(lang string) func(string) string {
		return func(k string) string {
			if k == "LANG" {
				return lang
			}
			return ""
		}
	}
	tests := []struct {
		flag, lang string
		want       Lang
	}{
		{"", "", Japanese},
		{"", "C", Japanese},
		{"", "C.UTF-8", Japanese},
		{"", "POSIX", Japanese},
		{"", "ja_JP.UTF-8", Japanese},
		{"", "fr_FR.UTF-8", Japanese},
		{"", "en_US.UTF-8", English},
		{"", "en_GB", English},
		{"", "en", English},
		{"", "eng", Japanese},
		{"ja", "en_US.UTF-8", Japanese},
		{"en", "ja_JP.UTF-8", English},
		{" EN ", "", English},
	}
	for _, tc := range tests {
		got, err := Choose(tc.flag, env(tc.lang))
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "-lang %q with LANG=%q", tc.flag, tc.lang)
	}
	_, err := Choose("fr", env("en_US.UTF-8"))
	assert.EqualError(t, err, `i18n: unknown language "fr" (want ja or en)`)
}

func TestLangIsAFlagValue(t *testing.T) {
	var l Lang
	require.NoError(t, l.Set("en"))
	assert.Equal(t, English, l)
	assert.Equal(t, "en", l.String())
	assert.Error(t, l.Set("de"))
	assert.Equal(t, English, l, "a refused value leaves the flag as it was")
	assert.Equal(t, Japanese, Lang("").Or(Japanese))
}

func TestSprintfFormatsNumbersAsFmtDoes(t *testing.T) {
	for _, l := range Langs {
		got := l.Sprintf("check.split.describe", 4000, int64(1234567))
		assert.Contains(t, got, "N=4000", "no digit grouping")
		assert.Contains(t, got, "seed=1234567")
	}
	assert.Equal(t, fmt.Sprintf("x[3] の期待値は %.6g ですが、%.6g", 1234.5678, float32(0.1)),
		strings.TrimPrefix(Japanese.Sprintf("check.relu.x", "X", 3, 1234.5678, float32(0.1)), "入力 X で、")[:len(fmt.Sprintf("x[3] の期待値は %.6g ですが、%.6g", 1234.5678, float32(0.1)))])
	assert.Equal(t, "On X, x[3] should be 1234.57, but your code returned 0.1.", English.Sprintf("check.relu.x", "X", 3, 1234.5678, float32(0.1)))
	assert.Equal(t, Japanese.Sprintf("check.no_check"), Lang("").Sprintf("check.no_check"), "the zero Lang is Japanese")
	assert.Equal(t, "no.such.id", English.Sprintf("no.such.id"))
	assert.True(t, English.Has("check.no_check"))
	assert.False(t, English.Has("no.such.id"))
}

// resetDefault undoes SetDefault.
func resetDefault() { defaultLang.Store(nil) }

func TestDefault(t *testing.T) {
	t.Setenv("NMA_MLP_LANG", "")
	t.Cleanup(resetDefault)
	resetDefault()
	assert.Equal(t, Japanese, Default())
	SetDefault(English)
	assert.Equal(t, English, Default())
	t.Setenv("NMA_MLP_LANG", "ja")
	assert.Equal(t, English, Default(), "SetDefault wins over the environment")
	SetDefault(Japanese)
	t.Setenv("NMA_MLP_LANG", "en")
	assert.Equal(t, Japanese, Default())
}

// Without SetDefault, NMA_MLP_LANG chooses the default language, read as
// -lang is; anything else is Japanese, and never a failure.
func TestDefaultFromTheEnvironment(t *testing.T) {
	t.Cleanup(resetDefault)
	resetDefault()
	tests := []struct {
		value string
		set   bool
		want  Lang
	}{
		{"", false, Japanese},
		{"", true, Japanese},
		{"en", true, English},
		{"ja", true, Japanese},
		{" EN ", true, English},
		{"Ja", true, Japanese},
		{"fr", true, Japanese},
		{"en_US.UTF-8", true, Japanese},
		{"english", true, Japanese},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%q set=%v", tc.value, tc.set), func(t *testing.T) {
			if tc.set {
				t.Setenv("NMA_MLP_LANG", tc.value)
			} else {
				t.Setenv("NMA_MLP_LANG", "")
				require.NoError(t, os.Unsetenv("NMA_MLP_LANG"))
			}
			assert.Equal(t, tc.want, Default())
			assert.Equal(t, tc.want, FromEnvVar(tc.value))
		})
	}
	assert.Equal(t, "NMA_MLP_LANG", EnvVar)
}

// idPattern is what a message ID looks like.
var idPattern = regexp.MustCompile(`^(blank|check|grader|lif|notebook|site|tool|tutorial)(\.[a-z0-9_]+)+$`)

// TestEveryIDIsDefinedAndUsed parses the module's Go files (tests left out)
// and fails when a call of Sprintf, Fprintf or Blank (tutorial.Blank, in the
// stubs) passes a message ID the catalog lacks, or when the catalog holds an
// ID that no file names.
func TestEveryIDIsDefinedAndUsed(t *testing.T) {
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	named := map[string]bool{} // every ID-like string literal outside this package's tables
	var calls []string         // IDs passed to Sprintf/Fprintf, "file:line id"
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".") && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		if filepath.Dir(path) == filepath.Join(root, "internal", "i18n") && strings.HasPrefix(d.Name(), "messages_") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil // a file that does not parse is someone else's test
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if s, err := strconv.Unquote(n.Value); err == nil && n.Kind == token.STRING && idPattern.MatchString(s) {
					named[s] = true
				}
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				at := map[string]int{"Sprintf": 0, "Fprintf": 1, "Blank": 0}
				i, ok := at[sel.Sel.Name]
				if !ok || len(n.Args) <= i {
					return true
				}
				if lit, ok := n.Args[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil && idPattern.MatchString(s) {
						rel, _ := filepath.Rel(root, fset.Position(lit.Pos()).Filename)
						calls = append(calls, fmt.Sprintf("%s:%d %s", rel, fset.Position(lit.Pos()).Line, s))
					}
				}
			}
			return true
		})
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, calls, "the scan finds the code's messages")
	defined := map[string]bool{}
	for _, m := range allMessages() {
		defined[m.ID] = true
	}
	for _, c := range calls {
		id := c[strings.LastIndexByte(c, ' ')+1:]
		assert.True(t, defined[id], "%s: the catalog has no message %s", c[:strings.LastIndexByte(c, ' ')], id)
	}
	for id := range defined {
		assert.True(t, named[id], "no code names message %s: remove it from the catalog", id)
	}
}

func Example() {
	fmt.Println(Japanese.Sprintf("check.split.describe", 4000, 7))
	fmt.Println(English.Sprintf("check.split.describe", 4000, 7))
	// Output:
	// N=4000 のデータ (seed=7)
	// the data with N=4000 (seed=7)
}
