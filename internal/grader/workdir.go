//go:build unix

package grader

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/textcap"
)

// The working directory of one child. It starts with one canary file and
// must end with the canary, unchanged, and nothing else.
//
// The child owns it while it runs, so afterwards the grader trusts nothing
// in it: it lists at most [maxListedEntries] names, never follows a link,
// opens the canary only when it is a regular file of the right size (without
// following links and without blocking on a FIFO), reads at most that many
// bytes, and removes the tree with permissions restored. Anything unexpected
// becomes a line of the report, never an error of the grader.

// canaryName is the file every working directory starts with. Its name
// appears in messages in both languages, so it is plain ASCII; its text
// says what it is in both.
const canaryName = "README_grading.txt"

// canaryText is its content.
const canaryText = "このファイルは採点のためのものです。変更・削除しないでください。\n" +
	"This file is for grading. Do not change or delete it.\n"

// maxListedEntries bounds how many names of the working directory are read.
const maxListedEntries = 64

// maxShownEntries bounds how many of them a report names.
const maxShownEntries = 5

// maxShownName bounds a file name quoted in a report.
const maxShownName = 80

// workdir is one child's private folder on the host.
type workdir struct {
	top string // removed afterwards
	dir string // the working directory, top/work
}

// newWorkdir makes a working directory with its canary in a fresh folder
// under tempDir, owned by uid and gid when they are not negative.
func newWorkdir(tempDir string, owner [2]int) (*workdir, error) {
	top, err := os.MkdirTemp(tempDir, "nma-grade-run-")
	if err != nil {
		return nil, err
	}
	w := &workdir{top: top, dir: filepath.Join(top, "work")}
	canary := filepath.Join(w.dir, canaryName)
	err = os.Mkdir(w.dir, 0o700)
	if err == nil {
		err = os.WriteFile(canary, []byte(canaryText), 0o644)
	}
	if err == nil && owner[0] >= 0 {
		for _, p := range []string{w.dir, canary} {
			if err = os.Lchown(p, owner[0], owner[1]); err != nil {
				break
			}
		}
	}
	if err == nil {
		// The child's user must reach its folder, and no one else's.
		err = os.Chmod(top, 0o711)
	}
	if err != nil {
		w.remove()
		return nil, err
	}
	return w, nil
}

// workdirChanges is how a working directory differs from the canary alone.
type workdirChanges struct {
	unreadable, replaced bool // the directory itself
	canaryDeleted        bool
	canaryChanged        bool
	created              []string // names, sorted, at most maxListedEntries+1
	truncated            bool     // more than maxListedEntries names were there
}

// changes describes, in Japanese, how the working directory differs from
// the canary alone; "" when it does not.
func (w *workdir) changes() string { return w.inspect().describe(i18n.Japanese) }

// inspect finds how the working directory differs from the canary alone.
func (w *workdir) inspect() workdirChanges {
	var c workdirChanges
	d, err := os.Open(w.dir)
	if err != nil {
		c.unreadable = true
		return c
	}
	defer d.Close()
	if info, err := d.Stat(); err != nil || !info.IsDir() {
		c.replaced = true
		return c
	}
	entries, err := d.ReadDir(maxListedEntries + 1)
	if err != nil && err != io.EOF {
		c.unreadable = true
		return c
	}
	canary := filepath.Join(w.dir, canaryName)
	if info, err := os.Lstat(canary); err != nil {
		c.canaryDeleted = true
	} else if !canaryIntact(canary, info.Mode().Type()) {
		c.canaryChanged = true
	}
	for _, e := range entries {
		if e.Name() != canaryName {
			c.created = append(c.created, e.Name())
		}
	}
	c.truncated = len(entries) > maxListedEntries
	sort.Strings(c.created)
	return c
}

// describe says in language l what changed; "" when nothing did.
func (c workdirChanges) describe(l i18n.Lang) string {
	switch {
	case c.unreadable:
		return l.Sprintf("grader.workdir.unreadable")
	case c.replaced:
		return l.Sprintf("grader.workdir.replaced")
	}
	var problems []string
	if c.canaryDeleted {
		problems = append(problems, l.Sprintf("grader.workdir.deleted", canaryName))
	} else if c.canaryChanged {
		problems = append(problems, l.Sprintf("grader.workdir.changed", canaryName))
	}
	for i, name := range c.created {
		if i == maxShownEntries {
			more := "grader.workdir.more"
			if c.truncated {
				more = "grader.workdir.more_at_least"
			}
			problems = append(problems, l.Sprintf(more, len(c.created)-maxShownEntries))
			break
		}
		problems = append(problems, l.Sprintf("grader.workdir.created", quoteName(name)))
	}
	return strings.Join(problems, l.Sprintf("grader.list_separator"))
}

// canaryIntact reports whether path is still a regular file holding exactly
// canaryText. typ is its type as the directory listing says.
func canaryIntact(path string, typ fs.FileMode) bool {
	if !typ.IsRegular() {
		return false
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(canaryText)) {
		return false
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(len(canaryText))+1))
	return err == nil && string(data) == canaryText
}

// quoteName shows a file name chosen by the child: valid UTF-8 without
// control characters, and at most maxShownName bytes.
func quoteName(name string) string {
	name = strings.ToValidUTF8(name, "?")
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, name)
	return textcap.Head(name, maxShownName)
}

// remove deletes the folder and everything the child left in it. The child
// may have taken away its own permissions on folders it made, so they are
// restored first; links are never followed.
func (w *workdir) remove() {
	if os.RemoveAll(w.top) == nil {
		return
	}
	_ = filepath.WalkDir(w.top, func(p string, d fs.DirEntry, err error) error {
		// Called before a folder is listed: restoring it here lets the walk
		// (and then RemoveAll) read it.
		if err == nil && d.IsDir() {
			_ = os.Chmod(p, 0o700)
		}
		return nil
	})
	_ = os.RemoveAll(w.top)
}
