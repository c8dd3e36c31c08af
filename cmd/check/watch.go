package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/nma-go/mlp/internal/grader"
)

// debounce is how long the watcher waits after the last change before it
// re-runs: editors often write a file in several steps.
const debounce = 300 * time.Millisecond

// clearScreen moves the cursor home and clears the terminal.
const clearScreen = "\033[H\033[2J"

// watch runs once, then again after every change to the watched files, until
// ctx ends. It watches folders, not files, because editors save by renaming.
func watch(ctx context.Context, g *grader.Grader, o options, w io.Writer, once func() error) error {
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer watcher.Close()
	relevant := map[string]bool{} // files that trigger a run; empty means any .go file
	dirs := map[string]bool{}
	if len(o.notebooks) == 0 {
		dirs[filepath.Join(g.Root(), "pkg", "exercises")] = true
	} else {
		for _, nb := range o.notebooks {
			abs, err := filepath.Abs(nb)
			if err != nil {
				return err
			}
			relevant[abs] = true
			dirs[filepath.Dir(abs)] = true
		}
	}
	for d := range dirs {
		if err := watcher.Add(d); err != nil {
			return fmt.Errorf("watching %s: %w", d, err)
		}
	}
	trigger := func(name string) bool {
		abs, err := filepath.Abs(name)
		if err != nil {
			return false
		}
		if len(relevant) > 0 {
			return relevant[abs]
		}
		return strings.HasSuffix(abs, ".go")
	}
	runAndWait := func() {
		if !o.json {
			fmt.Fprint(w, clearScreen)
		}
		if err := once(); err != nil {
			fmt.Fprintln(w, "check:", err)
		}
		if !o.json {
			fmt.Fprintf(w, "\n%s\n", o.lang.Sprintf("tool.check.watching", time.Now().Format("15:04:05")))
		}
	}
	runAndWait()
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-watcher.Events:
			if !ok {
				return nil
			}
			if ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename|fsnotify.Remove) != 0 && trigger(ev.Name) {
				timer = time.After(debounce)
			}
		case err, ok := <-watcher.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintln(w, "check: watching:", err)
		case <-timer:
			timer = nil
			runAndWait()
		}
	}
}
