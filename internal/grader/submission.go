package grader

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/i18n"
)

// Submission is one student's work: either a folder holding their version of
// the pkg/exercises files (directly or under pkg/exercises/, and possibly
// .ipynb notebooks), or one notebook (.ipynb). The student's name is the
// folder's name, or the notebook's without its extension.
type Submission struct {
	Student string
	Path    string
	// Lang is the language of the student's messages; empty means the
	// grader's (Options.Lang).
	Lang i18n.Lang
}

// NewSubmission names a submission after its path.
func NewSubmission(path string) Submission {
	base := filepath.Base(filepath.Clean(path))
	return Submission{Student: strings.TrimSuffix(base, filepath.Ext(base)), Path: path}
}

// Source is the Go code of one exercise file of a submission, ready to build
// as pkg/exercises/File.
type Source struct {
	File   string // the registry's file name, e.g. "relu_approx.go"
	Data   []byte
	Origin string // where the student wrote it, e.g. "relu_approx.go" or "01_relu_approximation.ipynb"
	// spans map the lines of Data back to notebook cells; nil for a Go file,
	// whose lines are the student's own.
	spans []cellSpan
}

// cellSpan is the body of one notebook exercise cell inside Data.
type cellSpan struct {
	Exercise    string
	Cell        int // 1-based index of the cell in the notebook
	First, Last int // lines of Data, 1-based, inclusive
	CellFirst   int // the cell's line number of Data's line First
}

// Position describes line of Data in the student's terms, in Japanese:
// [Source.PositionIn].
func (s *Source) Position(line int) string { return s.PositionIn(i18n.Japanese, line) }

// PositionIn describes line of Data in the student's terms, in language l:
// the line of their Go file, or the line of a notebook cell.
func (s *Source) PositionIn(l i18n.Lang, line int) string {
	if s.spans == nil {
		return l.Sprintf("grader.position.file", s.Origin, line)
	}
	for _, sp := range s.spans {
		if line >= sp.First && line <= sp.Last {
			return l.Sprintf("grader.position.cell", s.Origin, sp.Exercise, sp.Cell, sp.CellFirst+line-sp.First)
		}
	}
	return l.Sprintf("grader.position.imports", s.Origin, line)
}

// Prepared is a submission read from disk: the code of each exercise file it
// provides, and why the others are missing.
type Prepared struct {
	Submission
	Sources map[string]*Source // by registry file name
	Missing map[string]string  // exercise ID → why it has no code, in the submission's Lang
	Hash    string             // content hash of Sources and Missing
}

// prepare reads a submission. exercises are the gradable exercises; root is
// the module root, used to resolve imports in notebook cells.
func prepare(root string, sub Submission, exercises []checks.Exercise) (*Prepared, error) {
	info, err := os.Stat(sub.Path)
	if err != nil {
		return nil, fmt.Errorf("grader: submission %s: %w", sub.Path, err)
	}
	p := &Prepared{Submission: sub, Sources: map[string]*Source{}, Missing: map[string]string{}}
	var notebooks []string
	if info.IsDir() {
		for _, ex := range exercises {
			if p.Sources[ex.File] != nil {
				continue
			}
			for _, rel := range []string{ex.File, filepath.Join("pkg", "exercises", ex.File)} {
				data, err := os.ReadFile(filepath.Join(sub.Path, rel))
				if err == nil {
					p.Sources[ex.File] = &Source{File: ex.File, Data: data, Origin: filepath.ToSlash(rel)}
					break
				}
				if !os.IsNotExist(err) {
					return nil, fmt.Errorf("grader: submission %s: %w", sub.Path, err)
				}
			}
		}
		notebooks, err = filepath.Glob(filepath.Join(sub.Path, "*.ipynb"))
		if err != nil {
			return nil, err
		}
		sort.Strings(notebooks)
	} else if strings.EqualFold(filepath.Ext(sub.Path), ".ipynb") {
		notebooks = []string{sub.Path}
	} else {
		return nil, fmt.Errorf("grader: submission %s is neither a folder nor a .ipynb notebook", sub.Path)
	}
	for _, nb := range notebooks {
		data, err := os.ReadFile(nb)
		if err != nil {
			return nil, fmt.Errorf("grader: submission %s: %w", sub.Path, err)
		}
		sources, err := notebookSources(root, filepath.Base(nb), data, exercises)
		if err != nil {
			return nil, fmt.Errorf("grader: submission %s: %w", sub.Path, err)
		}
		for file, src := range sources {
			if p.Sources[file] == nil { // a Go file in the folder wins over a notebook
				p.Sources[file] = src
			}
		}
	}
	for _, ex := range exercises {
		if p.Sources[ex.File] != nil {
			continue
		}
		if len(notebooks) > 0 {
			p.Missing[string(ex.ID)] = sub.Lang.Sprintf("grader.missing.cell", ex.LabelIn(sub.Lang), ex.ID)
		} else {
			p.Missing[string(ex.ID)] = sub.Lang.Sprintf("grader.missing.file", ex.File)
		}
	}
	p.Hash = p.contentHash()
	return p, nil
}

// contentHash hashes what grading depends on in the submission.
func (p *Prepared) contentHash() string {
	h := sha256.New()
	files := make([]string, 0, len(p.Sources))
	for f := range p.Sources {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		fmt.Fprintf(h, "file %q %d\n", f, len(p.Sources[f].Data))
		h.Write(p.Sources[f].Data)
	}
	ids := make([]string, 0, len(p.Missing))
	for id := range p.Missing {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(h, "missing %q\n", id)
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}
