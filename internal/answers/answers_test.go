package answers

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/i18n"
)

const (
	stub     = "package exercises\n\n// Double doubles x.\nfunc Double(x int) int {\n\tpanic(\"TODO\")\n}\n"
	answer   = "package exercises\n\n// Double doubles x.\nfunc Double(x int) int {\n\treturn 2 * x\n}\n"
	answer2  = "package exercises\n\n// Double doubles x.\nfunc Double(x int) int {\n\treturn x + x\n}\n"
	editorV1 = "package exercises\n\n// Double doubles x (edited in an editor).\nfunc Double(x int) int {\n\treturn x << 1\n}\n"
)

// newTarget returns the path of a file holding the stub, in its own folder.
func newTarget(t *testing.T) string {
	t.Helper()
	target := filepath.Join(t.TempDir(), "double.go")
	require.NoError(t, os.WriteFile(target, []byte(stub), 0o644))
	return target
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

func save(t *testing.T, target, cell string) Outcome {
	t.Helper()
	o, err := Save(target, []byte(cell), Hash([]byte(stub)))
	require.NoError(t, err)
	return o
}

// A student solving in the notebook: the first run replaces the stub, a
// re-run changes nothing, an edited cell replaces the cell's earlier answer.
func TestSaveFromTheNotebook(t *testing.T) {
	target := newTarget(t)
	assert.Equal(t, Unchanged, save(t, target, stub), "the shipped cell on the shipped file")
	assert.NoFileExists(t, RecordPath(target), "an unchanged stub leaves no record: a pristine checkout stays untouched")

	assert.Equal(t, Wrote, save(t, target, answer))
	assert.Equal(t, answer, read(t, target))
	assert.Equal(t, Hash([]byte(answer))+"\n", read(t, RecordPath(target)))

	assert.Equal(t, Unchanged, save(t, target, answer))
	assert.Equal(t, Wrote, save(t, target, answer2), "the file is what the cell saved last, so the cell may replace it")
	assert.Equal(t, answer2, read(t, target))
}

// Run All must never overwrite an answer edited in an editor since the cell
// last saved it.
func TestRunAllKeepsAnEditorsAnswer(t *testing.T) {
	target := newTarget(t)
	require.Equal(t, Wrote, save(t, target, answer))
	require.NoError(t, os.WriteFile(target, []byte(editorV1), 0o644)) // the student edits the file

	assert.Equal(t, KeptEdited, save(t, target, answer), "Run All with the cell as it was")
	assert.Equal(t, KeptEdited, save(t, target, answer2), "nor with an edited cell")
	assert.Equal(t, KeptAnswer, save(t, target, stub), "nor with the stub")
	assert.Equal(t, editorV1, read(t, target))

	// Deleting the file is how a student hands it back to the cell.
	require.NoError(t, os.Remove(target))
	assert.Equal(t, Wrote, save(t, target, answer2))
	assert.Equal(t, answer2, read(t, target))
}

// An answer written in an editor before the notebook ever ran: the shipped
// cell (the stub) does not replace it, nor does another answer.
func TestTheNotebookUsesAnAnswerWrittenInAnEditor(t *testing.T) {
	target := newTarget(t)
	require.NoError(t, os.WriteFile(target, []byte(editorV1), 0o644))
	assert.Equal(t, KeptAnswer, save(t, target, stub))
	assert.Equal(t, KeptEdited, save(t, target, answer))
	assert.Equal(t, editorV1, read(t, target))
	assert.NoFileExists(t, RecordPath(target))

	// Once the cell holds the same code, the two agree and the cell takes over.
	assert.Equal(t, Unchanged, save(t, target, editorV1))
	assert.Equal(t, Wrote, save(t, target, answer))
}

// A cell that still holds the stub never replaces an answer, even one it
// saved itself (a notebook closed without saving shows the stub again).
func TestTheStubNeverReplacesAnAnswer(t *testing.T) {
	target := newTarget(t)
	require.Equal(t, Wrote, save(t, target, answer))
	assert.Equal(t, KeptAnswer, save(t, target, stub))
	assert.Equal(t, answer, read(t, target))
}

func TestSaveCreatesAMissingFile(t *testing.T) {
	target := filepath.Join(t.TempDir(), "double.go")
	assert.Equal(t, Wrote, save(t, target, answer))
	assert.Equal(t, answer, read(t, target))
}

func TestSaveComparesNormalizedText(t *testing.T) {
	target := newTarget(t)
	assert.Equal(t, Unchanged, save(t, target, stub+"\n\n"), "extra final newlines")
	crlf := "package exercises\r\n\r\n// Double doubles x.\r\nfunc Double(x int) int {\r\n\tpanic(\"TODO\")\r\n}"
	assert.Equal(t, Unchanged, save(t, target, crlf), "CRLF line ends, no final newline")
	assert.Equal(t, stub, read(t, target))
}

func TestSaveRefusesACellThatDoesNotParse(t *testing.T) {
	t.Setenv(i18n.EnvVar, "")
	target := newTarget(t)
	_, err := Save(target, []byte("package exercises\n\nfunc Double(x int) int {\n\treturn 2 *\n}\n"), Hash([]byte(stub)))
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	require.NotEmpty(t, se.Errors)
	assert.Contains(t, se.Errors[0], "セルの 6 行目", "file line 5 is cell line 6, below the %%script line")
	assert.Equal(t, stub, read(t, target), "nothing is written")

	_, err = Save(target, []byte("package main\n\nfunc Double(x int) int { return 2 * x }\n"), Hash([]byte(stub)))
	require.ErrorAs(t, err, &se)
	assert.Equal(t, []string{"セルの 2 行目: package main を package exercises に戻してください"}, se.Errors)
	assert.Equal(t, stub, read(t, target))
}

// The syntax errors are in the language of i18n.Default: what NMA_MLP_LANG
// names (the English notebooks set en), Japanese otherwise.
func TestSyntaxErrorsSpeakTheDefaultLanguage(t *testing.T) {
	broken := "package exercises\n\nfunc Double(x int) int {\n\treturn 2 *\n}\n"
	var many strings.Builder
	many.WriteString("package exercises\n")
	for i := range 7 {
		fmt.Fprintf(&many, "func F%d() { return ) }\n", i)
	}
	tests := []struct {
		env             string
		line, pkg, more string
	}{
		{"", "セルの 6 行目: `", "セルの 2 行目: package main を package exercises に戻してください", "ほか "},
		{"ja", "セルの 6 行目: `", "セルの 2 行目: package main を package exercises に戻してください", "ほか "},
		{"en", "line 6 of the cell: `", "line 2 of the cell: change package main back to package exercises", "and "},
	}
	for _, tc := range tests {
		t.Run(tc.env, func(t *testing.T) {
			t.Setenv(i18n.EnvVar, tc.env)
			l := i18n.Default()
			target := newTarget(t)
			var se *SyntaxError
			_, err := Save(target, []byte(broken), Hash([]byte(stub)))
			require.ErrorAs(t, err, &se)
			assert.True(t, strings.HasPrefix(se.Errors[0], tc.line), "%q", se.Errors[0])
			assert.True(t, strings.HasSuffix(se.Errors[0], "`"), "the parser's words are quoted: %q", se.Errors[0])
			for _, e := range se.Errors {
				assert.Empty(t, l.Foreign(e), "%q is in one language", e)
			}

			_, err = Save(target, []byte("package main\n\nfunc Double(x int) int { return 2 * x }\n"), Hash([]byte(stub)))
			require.ErrorAs(t, err, &se)
			assert.Equal(t, []string{tc.pkg}, se.Errors)

			_, err = Save(target, []byte(many.String()), Hash([]byte(stub)))
			require.ErrorAs(t, err, &se)
			require.Len(t, se.Errors, 6, "five errors and how many more")
			assert.True(t, strings.HasPrefix(se.Errors[5], tc.more), "%q", se.Errors[5])
			assert.Empty(t, l.Foreign(se.Errors[5]))
			assert.Equal(t, stub, read(t, target), "nothing is written")
		})
	}
}

func TestSaveLeavesNoTemporaryFiles(t *testing.T) {
	target := newTarget(t)
	require.Equal(t, Wrote, save(t, target, answer))
	entries, err := os.ReadDir(filepath.Dir(target))
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{RecordDir, "double.go"}, names)
}

func TestScriptLine(t *testing.T) {
	assert.Equal(t, "%%script go run ../../cmd/answer -stub 0123456789abcdef ../../pkg/exercises/mlp.go",
		ScriptLine("../..", "mlp.go", "0123456789abcdef"))
	assert.Len(t, Hash([]byte(stub)), 16)
	assert.Equal(t, Hash([]byte(stub)), Hash([]byte(stub+"\n")))
	assert.NotEqual(t, Hash([]byte(stub)), Hash([]byte(answer)))
}

// The notebooks show the stub with one language's comments, so a notebook
// names several hashes: the shipped file's and each shown form's. Any form
// of the stub counts as the stub, on disk and in the cell.
func TestStubInSeveralForms(t *testing.T) {
	const (
		shipped = "package exercises\n\n// Double は x を 2 倍にします。\n// Double doubles x.\nfunc Double(x int) int {\n\tpanic(\"TODO\")\n}\n"
		japan   = "package exercises\n\n// Double は x を 2 倍にします。\nfunc Double(x int) int {\n\tpanic(\"TODO\")\n}\n"
		english = "package exercises\n\n// Double doubles x.\nfunc Double(x int) int {\n\tpanic(\"TODO\")\n}\n"
	)
	hashes := Hash([]byte(shipped)) + "," + Hash([]byte(japan)) + "," + Hash([]byte(english))
	tests := []struct {
		name       string
		disk, cell string
		record     bool // the cell's save left a record of the disk's content
		want       Outcome
		wantDisk   string
	}{
		{"the Japanese cell on the shipped file", shipped, japan, false, Unchanged, shipped},
		{"the English cell on the Japanese form a cell saved", japan, english, true, Unchanged, japan},
		{"an answer in the Japanese cell on the shipped file", shipped, answer, false, Wrote, answer},
		{"an answer over the English form", english, answer, false, Wrote, answer},
		{"the Japanese cell on an answer", answer, japan, true, KeptAnswer, answer},
		{"the English cell on an editor's answer", editorV1, english, false, KeptAnswer, editorV1},
		{"an answer on an editor's answer", editorV1, answer, false, KeptEdited, editorV1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "double.go")
			require.NoError(t, os.WriteFile(target, []byte(tc.disk), 0o644))
			if tc.record {
				require.NoError(t, writeRecord(target, Hash([]byte(tc.disk))))
			}
			got, err := Save(target, []byte(tc.cell), hashes)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.wantDisk, read(t, target))
		})
	}
}
