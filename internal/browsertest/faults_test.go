package browsertest

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServerFailureShowsLogTail: when the server cannot start (here: its port
// is taken and port retries are off), StartServer fails fast with the tail
// of the server's log, instead of waiting for its deadline in silence.
func TestServerFailureShowsLogTail(t *testing.T) {
	requirePrerequisites(t, false)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port

	start := time.Now()
	srv, err := StartServer(context.Background(), ServerOptions{
		Root: t.TempDir(), Scratch: t.TempDir(), Port: port, StartTimeout: 60 * time.Second,
	})
	if srv != nil {
		srv.Stop()
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "server log")
	assert.Contains(t, err.Error(), "already in use", "the error must carry the server's own explanation")
	assert.Less(t, time.Since(start), 60*time.Second, "an exited server must not be waited for until the deadline")
	t.Logf("StartServer failed after %s as expected:\n%v", time.Since(start).Round(time.Millisecond), err)
}

// hangNotebook has one code cell that never ends within the test's
// per-cell timeout.
const hangNotebook = `{
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["A cell that hangs."]},
  {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
   "source": ["import \"time\"\n", "\n", "%%\n", "time.Sleep(10 * time.Minute) // hangs\n"]}
 ],
 "metadata": {"kernelspec": {"display_name": "Go (gonb)", "language": "go", "name": "gonb"}},
 "nbformat": 4,
 "nbformat_minor": 5
}`

// TestHungCellIsReported: a cell that never ends fails the run after the
// per-cell timeout, with the cell's index and source, instead of stalling.
func TestHungCellIsReported(t *testing.T) {
	chromium := requirePrerequisites(t, true)
	ctx, cancel := testContext(t)
	defer cancel()
	scratch := t.TempDir()
	root := filepath.Join(scratch, "root")
	require.NoError(t, os.MkdirAll(root, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "hang.ipynb"), []byte(hangNotebook), 0o644))

	srv, err := StartServer(ctx, ServerOptions{Root: root, Scratch: scratch, StartTimeout: serverStartTimeout})
	require.NoError(t, err)
	defer srv.Stop()
	br, err := StartBrowser(chromium, scratch)
	require.NoError(t, err)
	defer br.Close()
	page, err := br.NewPage()
	require.NoError(t, err)
	defer page.Close()

	nb, err := Open(ctx, page, srv.NotebookURL("hang.ipynb"), "hang.ipynb", kernelTimeout)
	require.NoError(t, err)
	require.NoError(t, nb.ExecuteAll(ctx))
	const cellTimeout = 8 * time.Second
	start := time.Now()
	_, err = nb.WaitIdle(ctx, cellTimeout, nil)
	var hang *HangError
	require.True(t, errors.As(err, &hang), "want a *HangError, got %v", err)
	assert.Equal(t, 1, hang.Index)
	assert.Contains(t, hang.Source, "time.Sleep(10 * time.Minute)")
	assert.Contains(t, err.Error(), "cell 1 did not finish within 8s")
	assert.Less(t, time.Since(start), cellTimeout+30*time.Second)
	t.Logf("reported after %s: %v", time.Since(start).Round(time.Millisecond), strings.TrimSpace(err.Error()))
	require.NoError(t, nb.Interrupt(ctx))
}
