package nbrun

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nma-go/mlp/internal/pristine"
)

func TestFailure(t *testing.T) {
	tests := []struct {
		name      string
		cell      Cell
		wantFail  bool
		wantShown string
	}{
		{"prints", Cell{Type: "code", Source: "ok", Ran: true, Outputs: []Output{{Type: "stream", Name: "stdout", Text: "fine\n"}}}, false, ""},
		{"error output", Cell{Type: "code", Source: "%%\npanic(1)", Ran: true, Outputs: []Output{{Type: "error", Text: "ERROR: exit status 2"}}}, true, "ERROR: exit status 2"},
		{"exit status in stderr", Cell{Type: "code", Source: "%%\nos.Exit(3)", Ran: true, Outputs: []Output{{Type: "stream", Name: "stderr", Text: "exit status 3\n"}}}, true, "exit status 3\n"},
		{"exit status 12", Cell{Type: "code", Source: "x", Ran: true, Outputs: []Output{{Type: "stream", Name: "stderr", Text: "exit status 12\n"}}}, true, "exit status 12\n"},
		{"exit status 0", Cell{Type: "code", Source: "quiet", Ran: true, Outputs: []Output{{Type: "stream", Name: "stderr", Text: "exit status 0\n"}}}, false, ""},
		{"exit status on stdout", Cell{Type: "code", Source: "x", Ran: true, Outputs: []Output{{Type: "stream", Name: "stdout", Text: "exit status 1\n"}}}, false, ""},
		{"never ran", Cell{Type: "code", Source: "fmt.Println(1)"}, true, "(the cell never ran)"},
		{"empty and never ran", Cell{Type: "code", Source: "  \n"}, false, ""},
		{"markdown", Cell{Type: "markdown", Source: "# exit status 1"}, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			failed, shown := tc.cell.Failure()
			assert.Equal(t, tc.wantFail, failed)
			assert.Equal(t, tc.wantShown, shown)
		})
	}
}

func TestProblemsNamesEachFailedCell(t *testing.T) {
	cells := []Cell{
		{Index: 0, Type: "code", Source: "ok", Ran: true},
		{Index: 1, Type: "code", Source: "%%\npanic(1)", Ran: true, Outputs: []Output{{Type: "error", Text: "ERROR: exit status 2"}}},
		{Index: 2, Type: "code", Source: "%%\nos.Exit(3)", Ran: true, Outputs: []Output{{Type: "stream", Name: "stderr", Text: "exit status 3\n"}}},
		{Index: 3, Type: "code", Source: strings.Repeat("日本語", 1000), Ran: true, Outputs: []Output{{Type: "error", Text: strings.Repeat("エラー", 2000)}}},
	}
	problems := Problems(cells)
	require.Len(t, problems, 3)
	assert.Contains(t, problems[0].Error(), "cell 1 failed")
	assert.Contains(t, problems[1].Error(), "cell 2 failed")
	assert.Contains(t, problems[1].Error(), "os.Exit(3)")
	long := problems[2].Error()
	assert.Contains(t, long, "cell 3 failed")
	assert.True(t, utf8.ValidString(long), "excerpts are cut on character boundaries")
	assert.Less(t, len(long), 1500+3000+100, "source and output are capped")
}

func TestDisplaysFigure(t *testing.T) {
	tests := []struct {
		source string
		want   bool
	}{
		{"plots.ShowPlot(plots.Spiral(x, y, \"\"))", true},
		{"plots.Show(fig, err)", true},
		{"err = plots.Display(fig)", true},
		{"gonbui.DisplayPNG(png)", true},
		{"err := lif.ShowDemo(lif.DemoOptions{})", true},
		{"fig, err := lif.StaticFigure()", false},
		{"myplots.Show(x)", false},
		{"fmt.Println(\"plots.Show\")", false},
	}
	for _, tc := range tests {
		t.Run(tc.source, func(t *testing.T) {
			assert.Equal(t, tc.want, Cell{Type: "code", Source: tc.source}.DisplaysFigure())
		})
	}
	assert.False(t, Cell{Type: "markdown", Source: "plots.Show(fig, err)"}.DisplaysFigure(), "markdown cells display nothing")
}

func TestParseCells(t *testing.T) {
	data := []byte(`{"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {"tags": ["exercise"]}, "source": ["a\n", "b"],
	 "outputs": [{"output_type": "display_data", "data": {"image/png": "iVBOR", "text/plain": ["<img>"]}},
	             {"output_type": "stream", "name": "stdout", "text": "hi"}]}]}`)
	cells, err := ParseCells(data)
	require.NoError(t, err)
	require.Len(t, cells, 1)
	assert.Equal(t, "a\nb", cells[0].Source)
	assert.Equal(t, []string{"exercise"}, cells[0].Tags)
	assert.True(t, cells[0].HasImage())
	assert.Contains(t, cells[0].Text(), "hi")
	assert.True(t, cells[0].Ran, "execution_count 3")
}

// TestHungCellFailsWithItsIndex runs a notebook whose second code cell never
// ends: the per-cell timeout must stop it and name the cell.
func TestHungCellFailsWithItsIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a kernel")
	}
	if err := Prerequisites(); err != nil {
		if pristine.Strict() {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	dir := t.TempDir()
	nb := `{"cells": [
	 {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["%%\n", "fmt.Println(\"first\")"]},
	 {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["import \"time\"\n", "\n", "%%\n", "time.Sleep(time.Hour)"]}],
	 "metadata": {"kernelspec": {"display_name": "Go (gonb)", "language": "go", "name": "gonb"}},
	 "nbformat": 4, "nbformat_minor": 4}`
	path := filepath.Join(dir, "hang.ipynb")
	require.NoError(t, os.WriteFile(path, []byte(nb), 0o644))
	_, err := Execute(context.Background(), path, t.TempDir(), Options{CellTimeout: 20 * time.Second, ScratchDir: t.TempDir()})
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "cell 1 did not finish within 20s")
	assert.True(t, strings.Contains(msg, "time.Sleep(time.Hour)"), msg)
}

func TestTextOf(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"string", "a\nb", "a\nb"},
		{"list", []any{"a\n", "b"}, "a\nb"},
		{"list with a non-string", []any{"a", 1.0, "b"}, "ab"},
		{"nil", nil, ""},
		{"number", 3.0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, TextOf(tc.in))
		})
	}
}

func TestKernelDidNotStart(t *testing.T) {
	tests := []struct {
		name, stderr string
		want         bool
	}{
		{"kernel died at start", "[NbConvertApp] ERROR | Error occurred while starting new kernel client for kernel 9ab1: Kernel died before replying to kernel_info\nTraceback ...", true},
		{"a cell failed", "nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell", false},
		{"a timeout", "TimeoutError: Cell execution timed out", false},
		{"nothing", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, KernelDidNotStart(tc.stderr))
		})
	}
}
