// Package lmsfixture builds, for tests, the LMS bulk downloads that the
// layouts in testdata/lms describe (see testdata/lms/README.md): zips in
// Moodle or Canvas naming whose files are copies of corpus submissions.
// The zips are made at test time, so no binary fixture is committed.
package lmsfixture

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Zip writes the zip that the layout file lmsDir/layout describes, taking
// the files it names from corpusDir, into a temporary folder of t, and
// returns its path.
func Zip(t testing.TB, lmsDir, corpusDir, layout string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(lmsDir, layout))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), strings.TrimSuffix(layout, ".layout")+".zip")
	var outer bytes.Buffer
	zw := zip.NewWriter(&outer)
	var inner *zip.Writer
	var innerBuf bytes.Buffer
	var innerName string
	closeInner := func() {
		if inner == nil {
			return
		}
		require.NoError(t, inner.Close())
		w, err := zw.Create(innerName)
		require.NoError(t, err)
		_, err = w.Write(innerBuf.Bytes())
		require.NoError(t, err)
		inner, innerName = nil, ""
		innerBuf.Reset()
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		nested := strings.HasPrefix(line, "\t")
		fields := strings.Split(strings.TrimPrefix(line, "\t"), "\t")
		require.GreaterOrEqual(t, len(fields), 2, "layout line %q", line)
		if !nested {
			closeInner()
		}
		src, name := fields[0], fields[1]
		if strings.HasSuffix(name, ".zip:") {
			inner, innerName = zip.NewWriter(&innerBuf), strings.TrimSuffix(name, ":")
			continue
		}
		content := []byte(strings.Join(fields[2:], "\t"))
		if src != "-" {
			content, err = os.ReadFile(filepath.Join(corpusDir, src))
			require.NoError(t, err)
		}
		target := zw
		if nested {
			require.NotNil(t, inner, "an indented line outside a zip: %q", line)
			target = inner
		}
		w, err := target.Create(name)
		require.NoError(t, err)
		_, err = w.Write(content)
		require.NoError(t, err)
	}
	closeInner()
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(path, outer.Bytes(), 0o644))
	return path
}
