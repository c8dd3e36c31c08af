package grader

import (
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Scheme is how a submission was named in what cmd/grade was given.
type Scheme string

// The schemes. A learning management system's bulk download names every
// file (or folder) after the student; a plain folder or notebook is named
// after the student by the instructor.
const (
	// SchemeMoodle: "Yamada Taro_12345_assignsubmission_file_mlp.go", or a
	// folder "Yamada Taro_12345_assignsubmission_file_" (Moodle's "download
	// submissions in folders"); the key is the participant ID, 12345.
	SchemeMoodle Scheme = "moodle"
	// SchemeCanvas: "yamadataro_12345_67890_mlp.go", with "_LATE_" (or
	// "_late_") after the name when it was late and "-1", "-2" before the
	// extension for a resubmitted file; the key is the Canvas user ID, 12345,
	// and 67890 is the file's attachment ID.
	SchemeCanvas Scheme = "canvas"
	// SchemeFolder: a folder of the student's files; the key is its name.
	SchemeFolder Scheme = "folder"
	// SchemeNotebook: one notebook; the key is its name without .ipynb.
	SchemeNotebook Scheme = "notebook"
)

// lmsName is what an LMS's name of a file or folder says.
type lmsName struct {
	scheme Scheme
	key    string // participant ID (Moodle) or user ID (Canvas)
	name   string // the student's name as the LMS writes it
	file   string // the student's own file name ("" for a Moodle folder)
	late   bool   // Canvas: submitted late
	// Canvas: the resubmission number (0 for the first upload, n for "-n")
	// and the attachment ID; a larger pair is a later file.
	resubmission int
	attachment   int64
}

var (
	// Moodle: "<full name>_<participant id>_assignsubmission_<plugin>_<file>".
	// The full name may hold spaces and underscores; the first
	// "_<digits>_assignsubmission_" ends it.
	moodleRe = regexp.MustCompile(`^(.+?)_(\d+)_assignsubmission_([a-z0-9]+)_(.*)$`)
	// Canvas: "<name>[_LATE]_<user id>_<attachment id>_<file>". The name is
	// Canvas's sortable name, lower case and without spaces; it holds no "_".
	canvasRe = regexp.MustCompile(`^([^_]*?)(_(?i:late))?_(\d+)_(\d+)_(.+)$`)
	// Canvas's resubmission suffix: "mlp-1.go" is the second "mlp.go".
	resubmissionRe = regexp.MustCompile(`^(.+)-(\d{1,4})(\.[A-Za-z0-9]+)$`)
)

// parseMoodle reads a Moodle name: a file's (file set) or a folder's
// (file empty, with or without the trailing "_").
func parseMoodle(base string) (lmsName, bool) {
	if !strings.Contains(base, "_assignsubmission_") {
		return lmsName{}, false
	}
	m := moodleRe.FindStringSubmatch(base)
	if m == nil {
		// A folder without the trailing "_": "Name_12345_assignsubmission_file".
		m = moodleRe.FindStringSubmatch(base + "_")
		if m == nil || m[4] != "" {
			return lmsName{}, false
		}
	}
	return lmsName{scheme: SchemeMoodle, key: m[2], name: strings.TrimSpace(m[1]), file: m[4]}, true
}

// parseCanvas reads a Canvas file name.
func parseCanvas(base string) (lmsName, bool) {
	m := canvasRe.FindStringSubmatch(base)
	if m == nil {
		return lmsName{}, false
	}
	attachment, err := strconv.ParseInt(m[4], 10, 64)
	if err != nil {
		return lmsName{}, false
	}
	n := lmsName{scheme: SchemeCanvas, key: m[3], name: m[1], late: m[2] != "", file: m[5], attachment: attachment}
	if r := resubmissionRe.FindStringSubmatch(n.file); r != nil {
		n.file = r[1] + r[3]
		n.resubmission, _ = strconv.Atoi(r[2])
	}
	return n, true
}

// parseLMSFile reads the name of a file at the top of a download: Moodle's
// naming first (it is the more specific), then Canvas's.
func parseLMSFile(base string) (lmsName, bool) {
	if n, ok := parseMoodle(base); ok && n.file != "" {
		return n, true
	}
	return parseCanvas(base)
}

// parseLMSFolder reads the name of a folder at the top of a download: only
// Moodle makes folders per student.
func parseLMSFolder(base string) (lmsName, bool) {
	n, ok := parseMoodle(base)
	if !ok || n.file != "" {
		return lmsName{}, false
	}
	return n, true
}

// hasLMSName reports whether a top-level entry of a folder looks like part
// of an LMS download.
func hasLMSName(base string, isDir bool) bool {
	if isDir {
		_, ok := parseLMSFolder(base)
		return ok
	}
	_, ok := parseLMSFile(base)
	return ok
}

// gradedExt reports whether a file is one the grader reads (Go code or a
// notebook) or a zip a student uploaded, which is opened one level deep.
func gradedExt(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".go", ".ipynb", ".zip":
		return true
	}
	return false
}

// systemFile reports whether an entry is an operating system's litter, which
// is skipped without a word: macOS's resource forks, Finder and Explorer
// metadata.
func systemFile(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if part == "__MACOSX" || part == ".DS_Store" || part == "Thumbs.db" || part == "desktop.ini" || strings.HasPrefix(part, "._") {
			return true
		}
	}
	return false
}
