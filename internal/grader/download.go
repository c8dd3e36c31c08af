package grader

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// DownloadLimits bound what reading a download may cost: a zip's headers
// can claim anything, so every size is counted while reading.
type DownloadLimits struct {
	MaxEntries   int   // entries in the download (and in each zip a student uploaded)
	MaxFileSize  int64 // bytes of one file, after decompression
	MaxTotalSize int64 // bytes of all files extracted from one download
}

// DefaultDownloadLimits fit a class of thousands: a notebook with its
// figures is a few MiB.
var DefaultDownloadLimits = DownloadLimits{MaxEntries: 50_000, MaxFileSize: 32 << 20, MaxTotalSize: 4 << 30}

// ClassSubmission is one student's work as cmd/grade found it: a plain
// folder or notebook, or the files of one student in an LMS download.
type ClassSubmission struct {
	Key    string // the download's name for the student (see [Scheme]); the roster's "submission"
	Name   string // the student's name as the download writes it ("" for a plain folder or notebook)
	Scheme Scheme
	Late   bool     // Canvas marked a file late
	Source string   // the zip or folder it came from
	Files  []string // the download's names of the files kept, sorted
	// Replaced are older files that a resubmission replaced (Canvas's
	// "-1", "-2" suffixes): only the latest of each file is graded.
	Replaced []string
	// Path is what to grade: the plain folder or notebook, or, after
	// Extract, the folder the student's files were written to.
	Path string
	// Error says why the submission cannot be graded (a file over the size
	// limit, two files with one name, an unreadable zip); it is the
	// result's Error, for the instructor.
	Error string

	files    map[string]*downloadEntry // student's relative path → entry
	download *Download
}

// Download is a bulk download of an assignment from an LMS (a zip or the
// folder it unpacks to), grouped by student. Open one with [OpenDownload];
// it reads nothing until [ClassSubmission.Extract].
type Download struct {
	Path        string
	Submissions []*ClassSubmission // sorted by key
	// Skipped are the entries that are not graded, each with the reason:
	// files that name no student, other file types, unsafe paths, links.
	Skipped []string

	limits    DownloadLimits
	zip       *zip.ReadCloser
	extracted int64
}

// downloadEntry is a file of a download, not yet read.
type downloadEntry struct {
	name string // the download's name for it, for messages
	size uint64 // the size its header claims (a zip's may lie)
	open func() (io.ReadCloser, error)
	lms  lmsName
}

// IsDownload reports whether path is an LMS download rather than one
// student's work: a .zip file, or a folder with at least one entry at its
// top named in Moodle's or Canvas's scheme. A missing path is not a
// download (it is graded, and reported, as a missing submission), except a
// missing .zip, which is an error.
func IsDownload(path string) (bool, error) {
	info, err := os.Stat(path)
	if err != nil {
		if strings.EqualFold(filepath.Ext(path), ".zip") {
			return false, fmt.Errorf("grader: download: %w", err)
		}
		return false, nil // graded, and reported, as a missing submission
	}
	if !info.IsDir() {
		return strings.EqualFold(filepath.Ext(path), ".zip"), nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return false, fmt.Errorf("grader: %w", err)
	}
	for _, e := range entries {
		if hasLMSName(e.Name(), e.IsDir()) {
			return true, nil
		}
	}
	return false, nil
}

// PlainSubmission is a folder or notebook that is one student's work (see
// [Submission]); its key is its name.
func PlainSubmission(p string) *ClassSubmission {
	sub := NewSubmission(p)
	scheme := SchemeFolder
	if strings.EqualFold(filepath.Ext(p), ".ipynb") {
		scheme = SchemeNotebook
	}
	return &ClassSubmission{Key: sub.Student, Scheme: scheme, Source: p, Path: p}
}

// OpenDownload reads the names in a download, a zip or a folder, and groups
// its files by student:
//
//   - a Moodle name ("Name_12345_assignsubmission_file_mlp.go") or Moodle
//     folder ("Name_12345_assignsubmission_file_/mlp.go") belongs to
//     participant 12345;
//   - a Canvas name ("name_12345_67890_mlp.go", "name_LATE_12345_…") to user
//     12345; of "mlp.go", "mlp-1.go" and "mlp-2.go" only the last is kept;
//   - another folder is a student named after it, another notebook too;
//   - a single folder around everything is looked through, and so is a
//     single folder around one student's files.
//
// Only .go files, notebooks and zips that students uploaded (opened one
// level deep) are kept; the rest is listed in Skipped. It fails on a file
// that is not a zip, a corrupt zip, two entries with one name, or more
// entries than limits allow. An entry whose path leaves the download
// ("../x", "/etc/x") or that is a link is skipped, never followed. Close the
// download when done.
func OpenDownload(p string, limits DownloadLimits) (*Download, error) {
	d := &Download{Path: p, limits: limits}
	entries, err := d.list()
	if err != nil {
		d.Close()
		return nil, err
	}
	entries = stripWrapper(entries, func(first string) bool { return hasLMSName(first, true) })
	bySubmission := map[string]*ClassSubmission{}
	for _, e := range entries {
		d.add(e, bySubmission)
	}
	for _, sub := range bySubmission {
		d.Submissions = append(d.Submissions, sub)
	}
	sort.Slice(d.Submissions, func(i, j int) bool { return d.Submissions[i].Key < d.Submissions[j].Key })
	for _, sub := range d.Submissions {
		sub.normalise()
	}
	return d, nil
}

// Close releases the zip.
func (d *Download) Close() error {
	if d.zip != nil {
		return d.zip.Close()
	}
	return nil
}

// list returns the download's regular files, with validated relative
// names.
func (d *Download) list() ([]downloadEntry, error) {
	info, err := os.Stat(d.Path)
	if err != nil {
		return nil, fmt.Errorf("grader: download %s: %w", d.Path, err)
	}
	if info.IsDir() {
		return d.listFolder()
	}
	z, err := zip.OpenReader(d.Path)
	// With GODEBUG=zipinsecurepath=0 a zip-slip name fails the whole zip;
	// the reader is still valid, and list skips those names itself.
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("grader: download %s is not a readable zip: %w", d.Path, err)
	}
	d.zip = z
	return d.listZip(&z.Reader, d.Path)
}

// listZip lists a zip's regular files, refusing duplicates.
func (d *Download) listZip(z *zip.Reader, where string) ([]downloadEntry, error) {
	if len(z.File) > d.limits.MaxEntries {
		return nil, fmt.Errorf("grader: %s has %d entries, more than the limit of %d", where, len(z.File), d.limits.MaxEntries)
	}
	var entries []downloadEntry
	seen := map[string]bool{}
	for _, f := range z.File {
		raw := f.Name
		if !utf8.ValidString(raw) {
			raw = strings.ToValidUTF8(raw, "\uFFFD")
		}
		name := strings.ReplaceAll(raw, `\`, "/") // zips made on Windows
		if strings.HasSuffix(name, "/") || systemFile(name) {
			continue
		}
		clean, ok := localPath(name)
		switch {
		case !ok:
			d.skip(raw, "its path leaves the download")
			continue
		case f.Mode()&fs.ModeType != 0:
			d.skip(raw, "not a regular file")
			continue
		case seen[clean]:
			return nil, fmt.Errorf("grader: %s holds two entries named %q; download it again", where, clean)
		}
		seen[clean] = true
		entries = append(entries, downloadEntry{name: clean, size: f.UncompressedSize64, open: f.Open})
	}
	return entries, nil
}

// listFolder lists a folder's regular files; links are skipped, never
// followed.
func (d *Download) listFolder() ([]downloadEntry, error) {
	// The folder itself may be a link (to where the download was unpacked);
	// nothing below it is followed.
	root, err := filepath.EvalSymlinks(d.Path)
	if err != nil {
		return nil, fmt.Errorf("grader: download %s: %w", d.Path, err)
	}
	var entries []downloadEntry
	err = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if systemFile(rel) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		if !e.Type().IsRegular() {
			d.skip(rel, "not a regular file")
			return nil
		}
		if len(entries) == d.limits.MaxEntries {
			return fmt.Errorf("more files than the limit of %d", d.limits.MaxEntries)
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		full := p
		entries = append(entries, downloadEntry{name: rel, size: uint64(info.Size()),
			open: func() (io.ReadCloser, error) { return os.Open(full) }})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("grader: download %s: %w", d.Path, err)
	}
	return entries, nil
}

// localPath cleans a slash-separated name and reports whether it stays
// inside its folder: not absolute, no "..", no drive letter, no NUL.
func localPath(name string) (string, bool) {
	if name == "" || strings.ContainsRune(name, 0) || strings.HasPrefix(name, "/") || (len(name) > 1 && name[1] == ':') {
		return "", false
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "", false
		}
	}
	clean := path.Clean(name)
	if clean == "." || !filepath.IsLocal(filepath.FromSlash(clean)) {
		return "", false
	}
	return clean, true
}

// stripWrapper removes the single folder that every entry is in, if there
// is one and keep says it is not itself meaningful.
func stripWrapper(entries []downloadEntry, keep func(first string) bool) []downloadEntry {
	if len(entries) == 0 {
		return entries
	}
	first, _, nested := strings.Cut(entries[0].name, "/")
	if !nested || keep(first) {
		return entries
	}
	for _, e := range entries[1:] {
		f, _, ok := strings.Cut(e.name, "/")
		if !ok || f != first {
			return entries
		}
	}
	out := make([]downloadEntry, len(entries))
	for i, e := range entries {
		out[i] = e
		out[i].name = strings.TrimPrefix(e.name, first+"/")
	}
	return out
}

// add files an entry under its student.
func (d *Download) add(e downloadEntry, subs map[string]*ClassSubmission) {
	first, rest, inFolder := strings.Cut(e.name, "/")
	var n lmsName
	var rel string
	switch {
	case inFolder:
		if m, ok := parseLMSFolder(first); ok {
			n, rel = m, rest
		} else {
			n, rel = lmsName{scheme: SchemeFolder, key: first}, rest
		}
	default:
		if m, ok := parseLMSFile(first); ok {
			n, rel = m, m.file
		} else if strings.EqualFold(path.Ext(first), ".ipynb") {
			n, rel = lmsName{scheme: SchemeNotebook, key: strings.TrimSuffix(first, path.Ext(first))}, first
		} else {
			d.skip(e.name, "its name names no student (neither Moodle's nor Canvas's scheme, nor in a folder)")
			return
		}
	}
	if !gradedExt(rel) {
		d.skip(e.name, "not a .go file, a notebook or a zip")
		return
	}
	if n.key == "" || rel == "" {
		d.skip(e.name, "its name names no student")
		return
	}
	id := string(n.scheme) + "\x00" + n.key
	sub := subs[id]
	if sub == nil {
		sub = &ClassSubmission{Key: n.key, Name: n.name, Scheme: n.scheme, Source: d.Path,
			files: map[string]*downloadEntry{}, download: d}
		subs[id] = sub
	}
	sub.Late = sub.Late || n.late
	if sub.Name == "" {
		sub.Name = n.name
	}
	e.lms = n
	if old := sub.files[rel]; old != nil {
		if n.scheme != SchemeCanvas {
			sub.fail(fmt.Sprintf("two files would be %s: %s and %s", rel, old.name, e.name))
			return
		}
		// Canvas: the later upload of the same file wins.
		if later(old.lms, n) {
			sub.Replaced = append(sub.Replaced, old.name)
		} else {
			sub.Replaced = append(sub.Replaced, e.name)
			return
		}
	}
	entry := e
	sub.files[rel] = &entry
}

// later reports whether b is a later upload than a.
func later(a, b lmsName) bool {
	if a.resubmission != b.resubmission {
		return b.resubmission > a.resubmission
	}
	return b.attachment > a.attachment
}

// normalise strips a single folder around all of a student's files (other
// than pkg, which the grader reads) and lists the files.
func (sub *ClassSubmission) normalise() {
	rels := make([]string, 0, len(sub.files))
	for rel := range sub.files {
		rels = append(rels, rel)
	}
	prefix := ""
	if first, _, nested := strings.Cut(rels[0], "/"); nested && first != "pkg" {
		prefix = first + "/"
		for _, rel := range rels {
			if !strings.HasPrefix(rel, prefix) {
				prefix = ""
				break
			}
		}
	}
	files := map[string]*downloadEntry{}
	for _, rel := range rels {
		e := sub.files[rel]
		files[strings.TrimPrefix(rel, prefix)] = e
		sub.Files = append(sub.Files, e.name)
	}
	sub.files = files
	sort.Strings(sub.Files)
	sort.Strings(sub.Replaced)
}

// fail records why the submission cannot be graded; the first reason wins.
func (sub *ClassSubmission) fail(reason string) {
	if sub.Error == "" {
		sub.Error = reason
	}
}

// skip records an entry that is not graded.
func (d *Download) skip(name, reason string) {
	d.Skipped = append(d.Skipped, fmt.Sprintf("%s: %s", name, reason))
}

// Extract writes the student's files into dir (created), opening a zip the
// student uploaded one level deep, and sets Path to dir. A plain folder or
// notebook is graded where it is and Extract does nothing. A file over the
// size limit, a corrupt or unreadable file, or two files that would have
// one name sets Error and returns nil: the student is reported, the class
// graded. It returns an error only when the whole download exceeds its
// limit or dir cannot be written.
func (sub *ClassSubmission) Extract(dir string) error {
	if sub.download == nil || sub.Error != "" {
		return nil
	}
	d := sub.download
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("grader: %w", err)
	}
	sub.Path = dir
	written := map[string]string{} // relative path → the download's name
	rels := make([]string, 0, len(sub.files))
	for rel := range sub.files {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		e := sub.files[rel]
		data, err := d.read(e)
		if errors.Is(err, errDownloadTooLarge) {
			return err
		}
		if err != nil {
			sub.fail(err.Error())
			return nil
		}
		if strings.EqualFold(path.Ext(rel), ".zip") {
			if err := sub.extractInner(dir, e.name, data, written); err != nil {
				return err
			}
			continue
		}
		if err := sub.write(dir, rel, e.name, data, written); err != nil {
			return err
		}
	}
	return nil
}

// extractInner writes the .go files and notebooks of a zip a student
// uploaded; zips inside it are skipped.
func (sub *ClassSubmission) extractInner(dir, name string, data []byte, written map[string]string) error {
	d := sub.download
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		sub.fail(fmt.Sprintf("%s is not a readable zip: %v", name, err))
		return nil
	}
	inner := &Download{Path: name, limits: d.limits}
	entries, err := inner.listZip(z, name)
	if err != nil {
		sub.fail(strings.TrimPrefix(err.Error(), "grader: "))
		return nil
	}
	entries = stripWrapper(entries, func(first string) bool { return first == "pkg" })
	for _, s := range inner.Skipped {
		d.Skipped = append(d.Skipped, name+": "+s)
	}
	for _, e := range entries {
		ext := strings.ToLower(path.Ext(e.name))
		if ext != ".go" && ext != ".ipynb" {
			d.skip(name+": "+e.name, "not a .go file or a notebook")
			continue
		}
		data, err := d.read(&e)
		if errors.Is(err, errDownloadTooLarge) {
			return err
		}
		if err != nil {
			sub.fail(fmt.Sprintf("%s: %v", name, err))
			return nil
		}
		if err := sub.write(dir, e.name, name+": "+e.name, data, written); err != nil {
			return err
		}
	}
	return nil
}

// write stores one file of the student under dir.
func (sub *ClassSubmission) write(dir, rel, name string, data []byte, written map[string]string) error {
	if other, dup := written[rel]; dup {
		sub.fail(fmt.Sprintf("two files would be %s: %s and %s", rel, other, name))
		return nil
	}
	written[rel] = name
	target := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return fmt.Errorf("grader: %w", err)
	}
	if err := os.WriteFile(target, data, 0o644); err != nil {
		return fmt.Errorf("grader: %w", err)
	}
	return nil
}

// errDownloadTooLarge stops a run whose download exceeds MaxTotalSize.
var errDownloadTooLarge = errors.New("grader: the download is larger than its limit")

// read reads one entry, counting its real size against the limits.
func (d *Download) read(e *downloadEntry) ([]byte, error) {
	if e.size > uint64(d.limits.MaxFileSize) {
		return nil, fmt.Errorf("%s is %d MiB, more than the limit of %d MiB per file", e.name, e.size>>20, d.limits.MaxFileSize>>20)
	}
	rc, err := e.open()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", e.name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, d.limits.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", e.name, err)
	}
	if int64(len(data)) > d.limits.MaxFileSize {
		return nil, fmt.Errorf("%s decompresses to more than the limit of %d MiB per file", e.name, d.limits.MaxFileSize>>20)
	}
	d.extracted += int64(len(data))
	if d.extracted > d.limits.MaxTotalSize {
		return nil, fmt.Errorf("%w: %s extracts to more than %d MiB", errDownloadTooLarge, d.Path, d.limits.MaxTotalSize>>20)
	}
	return data, nil
}
