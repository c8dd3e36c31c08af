package grader

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// extractedFiles extracts sub into a fresh folder and returns its files
// (slash paths) and their contents.
func extractedFiles(t *testing.T, sub *ClassSubmission) map[string]string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "student")
	require.NoError(t, sub.Extract(dir))
	files := map[string]string{}
	if sub.Error != "" {
		return files
	}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		require.NoError(t, err)
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			files[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	}))
	return files
}

// corpusFile is a file of the corpus, as text.
func corpusFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, name))
	require.NoError(t, err)
	return string(data)
}

// byKey indexes a download's submissions.
func byKey(d *Download) map[string]*ClassSubmission {
	m := map[string]*ClassSubmission{}
	for _, s := range d.Submissions {
		m[s.Key] = s
	}
	return m
}

func TestOpenDownloadMoodle(t *testing.T) {
	d, err := OpenDownload(buildLayoutZip(t, "moodle.layout"), DefaultDownloadLimits)
	require.NoError(t, err)
	defer d.Close()
	subs := byKey(d)
	keys := make([]string, 0, len(subs))
	for k := range subs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	require.Equal(t, []string{"100001", "100002", "100003", "100099"}, keys)

	tests := []struct {
		key, name string
		files     map[string]string // extracted path → corpus file
	}{
		{"100001", "山田 太郎", map[string]string{"relu_approx.go": "correct/relu_approx.go", "mlp.go": "correct/mlp.go",
			"crossentropy.go": "correct/crossentropy.go", "split.go": "correct/split.go"}},
		{"100002", "鈴木 花子", map[string]string{"relu_approx.go": "partly_correct/relu_approx.go", "crossentropy.go": "partly_correct/crossentropy.go"}},
		// The zip the student uploaded is opened, its folder looked through,
		// and its zip-slip entry skipped.
		{"100003", "Evil Student", map[string]string{"relu_approx.go": "compile_error/relu_approx.go"}},
		{"100099", "Unknown Student", map[string]string{"notebook.ipynb": "notebook_instructor.ipynb"}},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			sub := subs[tc.key]
			assert.Equal(t, SchemeMoodle, sub.Scheme)
			assert.Equal(t, tc.name, sub.Name)
			assert.False(t, sub.Late)
			got := extractedFiles(t, sub)
			require.Empty(t, sub.Error)
			want := map[string]string{}
			for path, src := range tc.files {
				want[path] = corpusFile(t, src)
			}
			assert.Equal(t, want, got)
		})
	}
	assert.Equal(t, []string{"鈴木 花子_100002_assignsubmission_file_/crossentropy.go", "鈴木 花子_100002_assignsubmission_file_/relu_approx.go"}, subs["100002"].Files)
	assert.Contains(t, d.Skipped, "山田 太郎_100001_assignsubmission_onlinetext_onlinetext.html: not a .go file, a notebook or a zip")
	assert.Contains(t, d.Skipped, "Evil Student_100003_assignsubmission_file_work.zip: mywork/pkg/../mlp.go: its path leaves the download")
	assert.Len(t, d.Skipped, 2, "macOS litter is skipped silently: %v", d.Skipped)
}

func TestOpenDownloadCanvas(t *testing.T) {
	d, err := OpenDownload(buildLayoutZip(t, "canvas.layout"), DefaultDownloadLimits)
	require.NoError(t, err)
	defer d.Close()
	subs := byKey(d)
	require.Len(t, subs, 3)
	tests := []struct {
		key, name string
		late      bool
		files     map[string]string
		replaced  []string
	}{
		{"200001", "yamadataro", false, map[string]string{"relu_approx.go": "correct/relu_approx.go", "mlp.go": "correct/mlp.go",
			"crossentropy.go": "correct/crossentropy.go", "split.go": "correct/split.go"}, nil},
		{"200002", "suzukihanako", true, map[string]string{"relu_approx.go": "partly_correct/relu_approx.go", "crossentropy.go": "partly_correct/crossentropy.go"}, nil},
		// The resubmission "relu_approx-1.go" replaces the first upload.
		{"200003", "evilstudent", false, map[string]string{"relu_approx.go": "correct/relu_approx.go", "split.go": "correct/split.go"},
			[]string{"evilstudent_200003_300007_relu_approx.go"}},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			sub := subs[tc.key]
			assert.Equal(t, SchemeCanvas, sub.Scheme)
			assert.Equal(t, tc.name, sub.Name)
			assert.Equal(t, tc.late, sub.Late)
			assert.Equal(t, tc.replaced, sub.Replaced)
			got := extractedFiles(t, sub)
			require.Empty(t, sub.Error)
			want := map[string]string{}
			for path, src := range tc.files {
				want[path] = corpusFile(t, src)
			}
			assert.Equal(t, want, got)
		})
	}
	assert.Empty(t, d.Skipped)
}

// An unpacked download, in a folder around it, reads as the zip does, and
// a link in it is skipped, never followed.
func TestOpenDownloadFolder(t *testing.T) {
	zipped, err := zip.OpenReader(buildLayoutZip(t, "canvas.layout"))
	require.NoError(t, err)
	defer zipped.Close()
	root := t.TempDir()
	dir := filepath.Join(root, "submissions")
	for _, f := range zipped.File {
		rc, err := f.Open()
		require.NoError(t, err)
		var buf bytes.Buffer
		_, err = buf.ReadFrom(rc)
		require.NoError(t, err)
		rc.Close()
		require.NoError(t, os.MkdirAll(dir, 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, f.Name), buf.Bytes(), 0o644))
	}
	secret := filepath.Join(t.TempDir(), "secret.go")
	require.NoError(t, os.WriteFile(secret, []byte("package secret"), 0o644))
	require.NoError(t, os.Symlink(secret, filepath.Join(dir, "yamadataro_200001_300099_secret.go")))

	isDownload, err := IsDownload(dir)
	require.NoError(t, err)
	assert.True(t, isDownload)
	link := filepath.Join(t.TempDir(), "download")
	require.NoError(t, os.Symlink(root, link))
	d, err := OpenDownload(link, DefaultDownloadLimits) // a link to it; the folder around it is looked through
	require.NoError(t, err)
	defer d.Close()
	subs := byKey(d)
	require.Len(t, subs, 3)
	assert.True(t, subs["200002"].Late)
	assert.Equal(t, corpusFile(t, "correct/relu_approx.go"), extractedFiles(t, subs["200003"])["relu_approx.go"])
	assert.Equal(t, []string{"submissions/yamadataro_200001_300099_secret.go: not a regular file"}, d.Skipped)
	assert.NotContains(t, extractedFiles(t, subs["200001"]), "secret.go")
}

func TestIsDownload(t *testing.T) {
	missingZip := filepath.Join(t.TempDir(), "class.zip")
	tests := []struct {
		name, path string
		want       bool
		err        string
	}{
		{"a zip", buildLayoutZip(t, "moodle.layout"), true, ""},
		{"a student's folder", filepath.Join(corpusDir, "correct"), false, ""},
		{"a notebook", filepath.Join(corpusDir, "notebook_instructor.ipynb"), false, ""},
		{"a missing folder is graded as missing", filepath.Join(t.TempDir(), "alice"), false, ""},
		{"a missing zip", missingZip, false, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := IsDownload(tc.path)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// zipEntry is one entry of a hand-made zip.
type zipEntry struct {
	name    string
	content string
	mode    fs.FileMode // 0: a regular file
}

// writeZip writes entries as a zip and returns its path.
func writeZip(t *testing.T, entries ...zipEntry) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "download.zip")
	require.NoError(t, os.WriteFile(path, zipBytes(t, entries...), 0o644))
	return path
}

func zipBytes(t *testing.T, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		w, err := zw.CreateHeader(h)
		require.NoError(t, err)
		_, err = w.Write([]byte(e.content))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestOpenDownloadRefusesABrokenDownload(t *testing.T) {
	notAZip := filepath.Join(t.TempDir(), "download.zip")
	require.NoError(t, os.WriteFile(notAZip, []byte("PK\x03\x04 this is not a zip"), 0o644))
	whole := zipBytes(t, zipEntry{name: "a_1_2_mlp.go", content: "package exercises"})
	truncated := filepath.Join(t.TempDir(), "download.zip")
	require.NoError(t, os.WriteFile(truncated, whole[:len(whole)-10], 0o644))
	many := []zipEntry{}
	for _, n := range []string{"a", "b", "c", "d"} {
		many = append(many, zipEntry{name: n + "_1_2_mlp.go"})
	}
	tests := []struct {
		name, path string
		limits     DownloadLimits
		err        string
	}{
		{"not a zip", notAZip, DefaultDownloadLimits, "is not a readable zip"},
		{"truncated", truncated, DefaultDownloadLimits, "is not a readable zip"},
		{"two entries with one name", writeZip(t, zipEntry{name: "a_1_2_mlp.go"}, zipEntry{name: "a_1_2_mlp.go"}),
			DefaultDownloadLimits, `holds two entries named "a_1_2_mlp.go"`},
		{"too many entries", writeZip(t, many...), DownloadLimits{MaxEntries: 3, MaxFileSize: 1 << 20, MaxTotalSize: 1 << 20},
			"has 4 entries, more than the limit of 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := OpenDownload(tc.path, tc.limits)
			require.Error(t, err)
			assert.Nil(t, d)
			assert.Contains(t, err.Error(), tc.err)
		})
	}
}

// A bad entry costs its student, or only itself; never the class, and
// nothing is written outside the student's folder.
func TestOpenDownloadBoundsEachEntry(t *testing.T) {
	zeros := strings.Repeat("\x00", 2<<20) // deflates to a few KiB
	good := zipEntry{name: "Good Student_1_assignsubmission_file_mlp.go", content: "package exercises // good"}
	tests := []struct {
		name       string
		entries    []zipEntry
		errors     map[string]string // key → substring of its Error
		skipped    []string          // substrings of Skipped
		notWritten []string
	}{
		{"a member over the size limit", []zipEntry{good, {name: "bomb_2_3_mlp.go", content: zeros}},
			map[string]string{"2": "bomb_2_3_mlp.go is 2 MiB, more than the limit of 1 MiB per file"}, nil, nil},
		{"zip-slip and absolute paths", []zipEntry{good,
			{name: "../../etc/x.go", content: "escaped"}, {name: "/etc/y.go", content: "escaped"},
			{name: "C:/windows/z.go", content: "escaped"}, {name: "Evil_4_assignsubmission_file_/../../../w.go", content: "escaped"}},
			nil, []string{"../../etc/x.go: its path leaves the download", "/etc/y.go: its path leaves", "C:/windows/z.go: its path leaves",
				"Evil_4_assignsubmission_file_/../../../w.go: its path leaves"}, []string{"x.go", "y.go", "z.go", "w.go"}},
		{"a symbolic link", []zipEntry{good, {name: "Evil_4_assignsubmission_file_mlp.go", content: "/etc/passwd", mode: fs.ModeSymlink | 0o777}},
			nil, []string{"Evil_4_assignsubmission_file_mlp.go: not a regular file"}, nil},
		{"two files that would be one", []zipEntry{good, {name: "Twice_5_assignsubmission_file_mlp.go"}, {name: "Twice_5_assignsubmission_file_/mlp.go"}},
			map[string]string{"5": "two files would be mlp.go"}, nil, nil},
		{"a corrupt zip a student uploaded", []zipEntry{good, {name: "Zipper_6_assignsubmission_file_work.zip", content: "PK not really"}},
			map[string]string{"6": "Zipper_6_assignsubmission_file_work.zip is not a readable zip"}, nil, nil},
		{"a name that names no student", []zipEntry{good, {name: "notes.txt"}, {name: "relu_approx.go"}},
			nil, []string{"notes.txt: its name names no student", "relu_approx.go: its name names no student"}, nil},
		{"a Windows path and a name that is not UTF-8", []zipEntry{good, {name: "Win\xff_7_assignsubmission_file_\\pkg\\exercises\\mlp.go", content: "package exercises // win"}},
			nil, nil, nil},
	}
	limits := DownloadLimits{MaxEntries: 100, MaxFileSize: 1 << 20, MaxTotalSize: 64 << 20}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := OpenDownload(writeZip(t, tc.entries...), limits)
			require.NoError(t, err)
			defer d.Close()
			parent := t.TempDir()
			for i, sub := range d.Submissions {
				require.NoError(t, sub.Extract(filepath.Join(parent, "students", sub.Key, strings.Repeat("x", i))))
				if want, ok := tc.errors[sub.Key]; ok {
					assert.Contains(t, sub.Error, want)
				} else {
					assert.Empty(t, sub.Error, sub.Key)
				}
			}
			good := byKey(d)["1"]
			require.NotNil(t, good, "the good student is always there")
			assert.Empty(t, good.Error)
			for _, s := range tc.skipped {
				found := false
				for _, got := range d.Skipped {
					found = found || strings.Contains(got, s)
				}
				assert.True(t, found, "%q not in %v", s, d.Skipped)
			}
			var written []string
			require.NoError(t, filepath.WalkDir(filepath.Dir(parent), func(p string, e fs.DirEntry, err error) error {
				if err == nil && !e.IsDir() {
					written = append(written, e.Name())
				}
				return nil
			}))
			for _, name := range tc.notWritten {
				assert.NotContains(t, written, name, "an escaping entry was written")
			}
		})
	}
	t.Run("the Windows path is a folder", func(t *testing.T) {
		d, err := OpenDownload(writeZip(t, zipEntry{name: "Win\xff_7_assignsubmission_file_\\pkg\\exercises\\mlp.go", content: "package exercises // win"}), limits)
		require.NoError(t, err)
		defer d.Close()
		require.Len(t, d.Submissions, 1)
		assert.Equal(t, "Win\uFFFD", d.Submissions[0].Name)
		assert.Equal(t, map[string]string{"pkg/exercises/mlp.go": "package exercises // win"}, extractedFiles(t, d.Submissions[0]))
	})
}

// A zip whose header lies about a member's size is caught while reading.
func TestOpenDownloadCatchesALyingHeader(t *testing.T) {
	content := []byte(strings.Repeat("a", 4096))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "liar_1_2_mlp.go", Method: zip.Store,
		CRC32: crc32.ChecksumIEEE(content), CompressedSize64: uint64(len(content)), UncompressedSize64: 10})
	require.NoError(t, err)
	_, err = w.Write(content)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	path := filepath.Join(t.TempDir(), "download.zip")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))

	d, err := OpenDownload(path, DownloadLimits{MaxEntries: 10, MaxFileSize: 1 << 10, MaxTotalSize: 1 << 20})
	require.NoError(t, err)
	defer d.Close()
	require.Len(t, d.Submissions, 1)
	files := extractedFiles(t, d.Submissions[0])
	assert.Empty(t, files)
	assert.Contains(t, d.Submissions[0].Error, "liar_1_2_mlp.go")
}

// The whole download's limit stops the run, bounded.
func TestOpenDownloadTotalLimit(t *testing.T) {
	kib := strings.Repeat("k", 1024)
	d, err := OpenDownload(writeZip(t, zipEntry{name: "a_1_2_mlp.go", content: kib}, zipEntry{name: "b_3_4_mlp.go", content: kib}),
		DownloadLimits{MaxEntries: 10, MaxFileSize: 4 << 10, MaxTotalSize: 1536})
	require.NoError(t, err)
	defer d.Close()
	require.NoError(t, d.Submissions[0].Extract(filepath.Join(t.TempDir(), "a")))
	err = d.Submissions[1].Extract(filepath.Join(t.TempDir(), "b"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "extracts to more than")
}
