// Package nbgen generates the tutorial's Jupyter notebooks from readable
// sources, so that the exercise code has one source of truth.
//
// A source (notebooks/src/NN_name.nb) is a sequence of cells, each started by
// a marker line:
//
//	--- markdown                prose (Japanese, then "--- en" and English)
//	--- markdown student        prose only in the student edition
//	--- markdown instructor     only in the instructor edition (e.g. the full
//	                            explanation next to the solution)
//	--- code                    a GoNB code cell, in both editions
//	--- code student            only in the student edition
//	--- code instructor         only in the instructor edition
//	--- title TEXT              the first cell: the title and the credits
//	--- header                  the setup cell that makes GoNB use this module
//	--- exercise ID             the exercise's code: in the student edition
//	                            the stub file from pkg/exercises, which the
//	                            cell saves back there when run, then a cell
//	                            that declares the function as that saved
//	                            answer; in the instructor edition the
//	                            reference from pkg/solutions (see exercise.go)
//	--- exercise ID reuse       the exercise's function again in a later
//	                            notebook that needs it: the saved answer
//	                            (student) or the reference, tagged
//	                            "exercise-reuse" (instructor)
//	--- hints ID                the exercise's three graded hints from
//	                            checks.Registry, collapsed (both editions)
//	--- cell NAME               a code cell in both editions: the region NAME
//	                            of the lesson package (pkg/lesson), which
//	                            cmd/tutorial runs headless
//
// Exercise code is the region between "// BEGIN EXERCISE ID" and
// "// END EXERCISE ID" of the exercise's file (named in checks.Registry),
// preceded by that file's import block. Exercise cells carry the cell tags
// "exercise" and "exercise-ID", which the grader uses to extract a student's
// answer from a notebook.
//
// A lesson region is the code between "// BEGIN CELL NAME" and
// "// END CELL NAME" in a Go file of pkg/lesson, with the imports it uses
// (see [ExtractCells]). The same text compiles there, where cmd/tutorial calls
// it with the reference solutions, and in the notebook, so the headless run
// and the notebooks cannot drift apart.
//
// Each source renders, without outputs, to one notebook per [Target]: an
// edition in a language, notebooks/LANG/EDITION/NN_name.ipynb (ja/student,
// ja/instructor, en/student, en/instructor). Markdown and title cells carry
// their English text in an "--- en" cell right after them:
//
//	--- markdown
//	日本語の本文
//	--- en
//	The English text.
//	--- title 02 セクション 2: ...
//	--- en 02 Section 2: ...
//
// and rendering an English target fails on a cell without it. Code is shared;
// its comments are bilingual and each language keeps its own lines
// ([LocalizeComments]). The header cell, the exercise cells' %%script line
// and the expected outputs' links reach the repository root by the target's
// [Target.RootFromNotebook].
//
//	--- expected NAME           the expected outputs of NAME (see expected.go)
//	                            where no lesson cell of that name precedes
package nbgen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nma-go/mlp/checks"
	"github.com/nma-go/mlp/internal/i18n"
	"github.com/nma-go/mlp/internal/nbrun"
)

// Edition is one of the two versions of every notebook.
type Edition string

// The two editions.
const (
	Student    Edition = "student"
	Instructor Edition = "instructor"
)

// Editions lists both editions, student first.
var Editions = []Edition{Student, Instructor}

// SourceDir is where the notebook sources live, relative to the repository root.
const SourceDir = "notebooks/src"

// SourceExt is the extension of notebook sources.
const SourceExt = ".nb"

// Cell is one notebook cell.
type Cell struct {
	Type   string   // "markdown" or "code"
	Source string   // the cell's text
	Tags   []string // cell tags, e.g. "exercise", "exercise-1"
}

// sourceCell is a cell of a source, before rendering.
type sourceCell struct {
	kind    string // markdown, code, header, exercise, cell
	edition Edition
	arg     string // exercise ID, lesson cell name or title
	reuse   bool   // an exercise repeated in a later notebook
	text    string
	line    int
	// The English text of a markdown or title cell ("--- en"), and the
	// English title.
	hasEnglish bool
	en, enArg  string
}

// Parse splits a notebook source into cells. name is used in error messages.
func parse(name, src string) ([]sourceCell, error) {
	var cells []sourceCell
	lines := strings.Split(src, "\n")
	for i, line := range lines {
		if strings.HasPrefix(line, "--- ") {
			fields := strings.Fields(strings.TrimPrefix(line, "--- "))
			c := sourceCell{line: i + 1}
			if len(fields) == 0 {
				return nil, fmt.Errorf("nbgen: %s:%d: empty cell marker", name, i+1)
			}
			c.kind = fields[0]
			switch c.kind {
			case "title":
				if len(fields) < 2 {
					return nil, fmt.Errorf("nbgen: %s:%d: want \"--- title TEXT\"", name, i+1)
				}
				c.arg = strings.Join(fields[1:], " ")
			case "header":
				if len(fields) != 1 {
					return nil, fmt.Errorf("nbgen: %s:%d: %q takes no arguments", name, i+1, c.kind)
				}
			case "markdown", "code":
				if len(fields) > 2 {
					return nil, fmt.Errorf("nbgen: %s:%d: too many arguments in %q", name, i+1, line)
				}
				if len(fields) == 2 {
					c.edition = Edition(fields[1])
					if c.edition != Student && c.edition != Instructor {
						return nil, fmt.Errorf("nbgen: %s:%d: unknown edition %q, want student or instructor", name, i+1, fields[1])
					}
				}
			case "exercise":
				if len(fields) != 2 && !(len(fields) == 3 && fields[2] == "reuse") {
					return nil, fmt.Errorf("nbgen: %s:%d: want \"--- exercise ID\" or \"--- exercise ID reuse\"", name, i+1)
				}
				c.arg = fields[1]
				c.reuse = len(fields) == 3
			case "cell":
				if len(fields) != 2 {
					return nil, fmt.Errorf("nbgen: %s:%d: want \"--- cell NAME\"", name, i+1)
				}
				c.arg = fields[1]
			case "en":
				// The English text of the cell before: its own cell in
				// parsing, merged into that cell below.
				c.arg = strings.Join(fields[1:], " ")
			case "expected":
				if len(fields) != 2 {
					return nil, fmt.Errorf("nbgen: %s:%d: want \"--- expected NAME\"", name, i+1)
				}
				c.arg = fields[1]
			case "hints":
				if len(fields) != 2 {
					return nil, fmt.Errorf("nbgen: %s:%d: want \"--- hints ID\"", name, i+1)
				}
				c.arg = fields[1]
			default:
				return nil, fmt.Errorf("nbgen: %s:%d: unknown cell kind %q, want markdown, code, header, exercise, hints, cell, expected or en", name, i+1, c.kind)
			}
			cells = append(cells, c)
			continue
		}
		if len(cells) == 0 {
			if strings.TrimSpace(line) != "" {
				return nil, fmt.Errorf("nbgen: %s:%d: text before the first cell marker", name, i+1)
			}
			continue
		}
		last := &cells[len(cells)-1]
		last.text += line + "\n"
	}
	for i := range cells {
		cells[i].text = strings.Trim(cells[i].text, "\n")
		if cells[i].kind == "expected" && cells[i].text != "" {
			return nil, fmt.Errorf("nbgen: %s:%d: an \"--- expected\" takes its text from %s; move the text below it into a cell of its own", name, cells[i].line, ExpectedDir)
		}
		if cells[i].kind == "cell" && cells[i].text != "" {
			return nil, fmt.Errorf("nbgen: %s:%d: a \"--- cell\" takes its code from %s; move the text below it into a cell of its own", name, cells[i].line, LessonDir)
		}
		if cells[i].kind == "hints" && cells[i].text != "" {
			return nil, fmt.Errorf("nbgen: %s:%d: a \"--- hints\" takes its text from checks.Registry; move the text below it into a cell of its own", name, cells[i].line)
		}
	}
	return mergeEnglish(name, cells)
}

// mergeEnglish moves each "--- en" cell into the cell before it, which must
// be a markdown or title cell: its text becomes that cell's English text
// (and, for a title, its argument the English title).
func mergeEnglish(name string, cells []sourceCell) ([]sourceCell, error) {
	var out []sourceCell
	for _, c := range cells {
		if c.kind != "en" {
			out = append(out, c)
			continue
		}
		if len(out) == 0 || (out[len(out)-1].kind != "markdown" && out[len(out)-1].kind != "title") || out[len(out)-1].hasEnglish {
			return nil, fmt.Errorf("nbgen: %s:%d: \"--- en\" must follow a markdown or title cell that has no English text yet", name, c.line)
		}
		prev := &out[len(out)-1]
		prev.hasEnglish = true
		prev.en = c.text
		prev.enArg = c.arg
		if prev.kind == "title" && c.arg == "" {
			return nil, fmt.Errorf("nbgen: %s:%d: the English of a title is \"--- en TITLE\"", name, c.line)
		}
		if prev.kind == "markdown" && c.arg != "" {
			return nil, fmt.Errorf("nbgen: %s:%d: \"--- en\" after a markdown cell takes no arguments", name, c.line)
		}
		if prev.kind == "markdown" && strings.TrimSpace(c.text) == "" {
			return nil, fmt.Errorf("nbgen: %s:%d: empty English text", name, c.line)
		}
	}
	return out, nil
}

// Target is one rendering of a source: an edition in a language.
type Target struct {
	Edition Edition
	Lang    i18n.Lang
}

// Targets lists every rendering of a source, Japanese first.
func Targets() []Target {
	var ts []Target
	for _, l := range Languages {
		for _, ed := range Editions {
			ts = append(ts, Target{Edition: ed, Lang: l})
		}
	}
	return ts
}

// LangEnv is the environment variable that the header cell sets to the
// notebook's language, so that every cell's program (a fresh one in GoNB)
// prints the checks' messages in it (package i18n reads it).
const LangEnv = i18n.EnvVar

// langCode is "en" for English and "ja" for anything else, as package i18n
// reads languages.
func langCode(l i18n.Lang) string {
	if l == i18n.English {
		return "en"
	}
	return "ja"
}

// Languages are the languages the notebooks are generated in.
var Languages = []i18n.Lang{i18n.Japanese, i18n.English}

// Dir is the folder of the target's notebooks, relative to the repository
// root: notebooks/LANG/EDITION, e.g. notebooks/ja/student.
func (t Target) Dir() string { return filepath.Join("notebooks", langCode(t.Lang), string(t.Edition)) }

// String names the target by its folder below notebooks/, e.g. "ja/student".
func (t Target) String() string { return langCode(t.Lang) + "/" + string(t.Edition) }

// StudentDirs are the folders, relative to the repository root, of the
// student edition in every language: the notebooks a student edits.
func StudentDirs() []string {
	var dirs []string
	for _, t := range Targets() {
		if t.Edition == Student {
			dirs = append(dirs, t.Dir())
		}
	}
	return dirs
}

// Notebooks lists the committed notebooks of target t under root, sorted.
func Notebooks(root string, t Target) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(root, t.Dir(), "*.ipynb"))
	sort.Strings(files)
	return files, err
}

// RootFromNotebook is the repository root as a relative path from the
// target's folder, slash-separated ("../.."): the one place that the header
// cell, the exercise cells' %%script line and the expected outputs' image
// links take it from.
func (t Target) RootFromNotebook() string {
	depth := strings.Count(filepath.ToSlash(t.Dir()), "/") + 1
	return strings.TrimSuffix(strings.Repeat("../", depth), "/")
}

// HeaderCellFor is the first code cell of every notebook of target t: it
// sets the language of the messages (NMA_MLP_LANG, read by package i18n),
// points GoNB's temporary module at this repository (t's
// [Target.RootFromNotebook] above the notebook), sets the toolchain the
// module needs, and builds once what the cells import (scripts/prebuild.sh:
// silent when the build cache is warm, a note and progress lines when it is
// cold). The kernel that scripts/setup.sh installs does the module part by
// itself (scripts/gonb-kernel.sh), so a restarted kernel also works without
// this cell.
func HeaderCellFor(t Target) string {
	root := "${GONB_DIR}/" + t.RootFromNotebook()
	return "%env GOTOOLCHAIN go1.27.3\n" +
		"%env GOEXPERIMENT simd\n" +
		"%env " + LangEnv + " " + langCode(t.Lang) + "\n" +
		`!*go mod edit -require=github.com/nma-go/mlp@v0.0.0 -replace=github.com/nma-go/mlp=$(realpath "` + root + `") -require=github.com/janpfeifer/gonb@v0.11.5` + "\n" +
		`!bash "` + root + `/scripts/prebuild.sh" --quiet`
}

// HeaderCell is the header cell of the Japanese notebooks.
var HeaderCell = HeaderCellFor(Target{Edition: Student, Lang: i18n.Japanese})

// HeaderNote is the markdown cell above every notebook's header cell.
func HeaderNote(l i18n.Lang) string { return l.Sprintf("notebook.header_note") }

// Credits is the credit block of every notebook's first cell.
func Credits(l i18n.Lang) string { return l.Sprintf("notebook.credits") }

// Render turns a source into the cells of one target, reading exercise code
// from the repository at root. A target in English needs the English text
// ("--- en") of every markdown and title cell.
func Render(root, name, src string, t Target) ([]Cell, error) {
	parsed, err := parse(name, src)
	if err != nil {
		return nil, err
	}
	english := langCode(t.Lang) == "en"
	var cells []Cell
	var lesson map[string]LessonCell // read at the first "--- cell"
	notebook := strings.TrimSuffix(filepath.Base(name), SourceExt)
	for _, c := range parsed {
		if c.edition != "" && c.edition != t.Edition {
			continue
		}
		text, arg := c.text, c.arg
		if english && (c.kind == "markdown" || c.kind == "title") {
			if !c.hasEnglish {
				return nil, fmt.Errorf("nbgen: %s:%d: this %s cell has no English text: add a \"--- en\" cell after it", name, c.line, c.kind)
			}
			text, arg = c.en, c.enArg
		}
		switch c.kind {
		case "markdown":
			cells = append(cells, Cell{Type: "markdown", Source: text})
		case "code":
			cells = append(cells, Cell{Type: "code", Source: LocalizeComments(text, t.Lang)})
		case "header":
			cells = append(cells, Cell{Type: "markdown", Source: HeaderNote(t.Lang)},
				Cell{Type: "code", Source: HeaderCellFor(t), Tags: []string{"setup"}})
		case "title":
			md := "# " + arg + "\n\n" + Credits(t.Lang)
			if text != "" {
				md += "\n\n" + text
			}
			cells = append(cells, Cell{Type: "markdown", Source: md})
		case "exercise":
			ex, err := exerciseCells(root, c.arg, t, c.reuse)
			if err != nil {
				return nil, fmt.Errorf("nbgen: %s:%d: %w", name, c.line, err)
			}
			cells = append(cells, ex...)
		case "hints":
			hc, err := HintsCell(c.arg, t.Lang)
			if err != nil {
				return nil, fmt.Errorf("nbgen: %s:%d: %w", name, c.line, err)
			}
			cells = append(cells, hc)
		case "cell":
			if lesson == nil {
				if lesson, err = LessonCells(root); err != nil {
					return nil, err
				}
			}
			lc, ok := lesson[c.arg]
			if !ok {
				return nil, fmt.Errorf("nbgen: %s:%d: no lesson cell %q: mark it in %s with %q and %q", name, c.line, c.arg, LessonDir, cellBegin+c.arg, cellEnd+c.arg)
			}
			cells = append(cells, Cell{Type: "code", Source: LocalizeComments(lc.Code, t.Lang)})
			if ec, ok, err := ExpectedCell(root, notebook, c.arg, t); err != nil {
				return nil, fmt.Errorf("nbgen: %s:%d: %w", name, c.line, err)
			} else if ok {
				cells = append(cells, ec)
			}
		case "expected":
			ec, ok, err := ExpectedCell(root, notebook, c.arg, t)
			if err != nil {
				return nil, fmt.Errorf("nbgen: %s:%d: %w", name, c.line, err)
			}
			if !ok {
				return nil, fmt.Errorf("nbgen: %s:%d: no expected output %q in %s (make expected writes them)", name, c.line, c.arg, filepath.Join(ExpectedDir, notebook))
			}
			cells = append(cells, ec)
		}
	}
	return cells, nil
}

// ExerciseTags are the cell tags of the exercise cell for exercise id.
func ExerciseTags(id string) []string {
	return []string{"exercise", "exercise-" + id}
}

// ExerciseFile is the path, relative to root, of the file that holds
// exercise id in the given edition.
func ExerciseFile(id string, ed Edition) (string, error) {
	ex, ok := checks.Find(checks.ExerciseID(id))
	if !ok {
		return "", fmt.Errorf("unknown exercise %q (not in checks.Registry)", id)
	}
	dir := "pkg/exercises"
	if ed == Instructor {
		dir = "pkg/solutions"
	}
	return filepath.Join(dir, ex.File), nil
}

// ExerciseCode returns the notebook code of exercise id for an edition: the
// file's import block, a blank line, then the marked region.
func ExerciseCode(root, id string, ed Edition) (string, error) {
	rel, err := ExerciseFile(id, ed)
	if err != nil {
		return "", err
	}
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		return "", err
	}
	return ExtractExercise(rel, data, id)
}

// ExtractExercise extracts the import block and the region of exercise id
// from Go source data (named file in messages).
func ExtractExercise(file string, data []byte, id string) (string, error) {
	begin, end := "// BEGIN EXERCISE "+id+"\n", "// END EXERCISE "+id
	src := string(data)
	bi := strings.Index(src, begin)
	ei := strings.Index(src, end)
	if bi < 0 || ei < 0 || ei < bi {
		return "", fmt.Errorf("%s: markers %q and %q not found in order", file, strings.TrimSpace(begin), end)
	}
	region := strings.Trim(src[bi+len(begin):ei], "\n")
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, data, parser.ImportsOnly)
	if err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	var imports string
	if len(f.Imports) > 0 {
		// The import declarations run from the first "import" to the end of the last one.
		first := f.Decls[0].Pos()
		last := f.Decls[len(f.Decls)-1].End()
		imports = src[fset.Position(first).Offset:fset.Position(last).Offset]
	}
	if imports == "" {
		return region, nil
	}
	return imports + "\n\n" + region, nil
}

// Sources lists the notebook sources under root, sorted by name.
func Sources(root string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(root, SourceDir, "*"+SourceExt))
	if err != nil {
		return nil, err
	}
	sort.Strings(matches)
	return matches, nil
}

// OutputPath is where the notebook of a source is written for target t,
// relative to root.
func OutputPath(source string, t Target) string {
	base := strings.TrimSuffix(filepath.Base(source), SourceExt)
	return filepath.Join(t.Dir(), base+".ipynb")
}

// GenerateAll renders every source in both editions and returns the
// notebooks by their path relative to root.
func GenerateAll(root string) (map[string][]byte, error) {
	sources, err := Sources(root)
	if err != nil {
		return nil, err
	}
	if len(sources) == 0 {
		return nil, fmt.Errorf("nbgen: no %s sources in %s", SourceExt, filepath.Join(root, SourceDir))
	}
	out := map[string][]byte{}
	for _, s := range sources {
		data, err := os.ReadFile(s)
		if err != nil {
			return nil, err
		}
		for _, t := range Targets() {
			cells, err := Render(root, filepath.Base(s), string(data), t)
			if err != nil {
				return nil, err
			}
			nb, err := MarshalNotebook(cells)
			if err != nil {
				return nil, err
			}
			out[OutputPath(s, t)] = nb
		}
	}
	return out, nil
}

// MarshalNotebook encodes cells as an nbformat 4.4 notebook for the GoNB
// kernel, without outputs.
func MarshalNotebook(cells []Cell) ([]byte, error) {
	nb := struct {
		Cells         []map[string]any `json:"cells"`
		Metadata      map[string]any   `json:"metadata"`
		NBFormat      int              `json:"nbformat"`
		NBFormatMinor int              `json:"nbformat_minor"`
	}{
		Metadata: map[string]any{
			"kernelspec":    map[string]any{"display_name": "Go (gonb)", "language": "go", "name": "gonb"},
			"language_info": map[string]any{"name": "go", "file_extension": ".go", "mimetype": "text/x-go"},
		},
		NBFormat:      4,
		NBFormatMinor: 4,
	}
	for _, c := range cells {
		metadata := map[string]any{}
		if len(c.Tags) > 0 {
			metadata["tags"] = c.Tags
		}
		jc := map[string]any{"cell_type": c.Type, "metadata": metadata, "source": splitLines(c.Source)}
		if c.Type == "code" {
			jc["execution_count"] = nil
			jc["outputs"] = []any{}
		}
		nb.Cells = append(nb.Cells, jc)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// splitLines splits text the way nbformat stores sources: lines keep their
// "\n", except the last.
func splitLines(text string) []string {
	if text == "" {
		return []string{}
	}
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// ReadCells decodes the cell types, sources and tags of an .ipynb file,
// ignoring outputs and other metadata.
func ReadCells(data []byte) ([]Cell, error) {
	parsed, err := nbrun.ParseCells(data)
	if err != nil {
		return nil, fmt.Errorf("nbgen: %w", err)
	}
	cells := make([]Cell, len(parsed))
	for i, c := range parsed {
		cells[i] = Cell{Type: c.Type, Source: c.Source, Tags: c.Tags}
	}
	return cells, nil
}
