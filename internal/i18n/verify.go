package i18n

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// verify lists what is wrong with a catalog: an ID that some language lacks,
// and a translation whose parameters (which arguments it formats, and with
// which verb) differ from the English one's. It returns nil for a complete
// catalog.
func verify(tables map[Lang]map[string]string) []string {
	ids := map[string]bool{}
	for _, l := range Langs {
		for id := range tables[l] {
			ids[id] = true
		}
	}
	var problems []string
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		missing := false
		for _, l := range Langs {
			if _, ok := tables[l][id]; !ok {
				problems = append(problems, fmt.Sprintf("message %s has no %s translation", id, l))
				missing = true
			}
		}
		if missing {
			continue
		}
		source, err := parameters(tables[English][id])
		if err != nil {
			problems = append(problems, fmt.Sprintf("message %s (en): %v", id, err))
			continue
		}
		for _, l := range Langs {
			if l == English {
				continue
			}
			got, err := parameters(tables[l][id])
			switch {
			case err != nil:
				problems = append(problems, fmt.Sprintf("message %s (%s): %v", id, l, err))
			case got != source:
				problems = append(problems, fmt.Sprintf("message %s: the %s translation's parameters %s differ from the English %s", id, l, got, source))
			}
		}
	}
	return problems
}

// parameters describes the arguments a format string uses, as fmt reads it:
// "1:s 2:d 3:.6g" lists each argument index with its verbs (and a
// precision, which changes what a number says), in index order. An argument
// used twice with the same verb counts once.
func parameters(format string) (string, error) {
	used := map[int][]string{}
	arg := 0 // the next argument, 0-based
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			continue
		}
		// Flags.
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		index := func() error {
			if i < len(format) && format[i] == '[' {
				end := strings.IndexByte(format[i:], ']')
				if end < 0 {
					return fmt.Errorf("unclosed argument index in %q", format)
				}
				n, err := strconv.Atoi(format[i+1 : i+end])
				if err != nil || n < 1 {
					return fmt.Errorf("bad argument index %q in %q", format[i:i+end+1], format)
				}
				arg = n - 1
				i += end + 1
			}
			return nil
		}
		number := func(what string) error {
			if err := index(); err != nil {
				return err
			}
			if i < len(format) && format[i] == '*' {
				used[arg] = append(used[arg], what+"*")
				arg++
				i++
				return nil
			}
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				i++
			}
			return nil
		}
		if err := number("width"); err != nil {
			return "", err
		}
		precision := ""
		if i < len(format) && format[i] == '.' {
			start := i
			i++
			if err := number("precision"); err != nil {
				return "", err
			}
			precision = format[start:i]
		}
		if err := index(); err != nil {
			return "", err
		}
		if i >= len(format) {
			return "", fmt.Errorf("format %q ends inside a verb", format)
		}
		verb := string(format[i])
		if verb == "v" || verb == "s" || verb == "q" || verb == "d" {
			precision = "" // a precision of a string or an int only cuts or pads it
		}
		if !slices.Contains(used[arg], precision+verb) {
			used[arg] = append(used[arg], precision+verb)
		}
		arg++
	}
	var parts []string
	for _, n := range slices.Sorted(maps.Keys(used)) {
		verbs := slices.Sorted(slices.Values(used[n]))
		parts = append(parts, fmt.Sprintf("%d:%s", n+1, strings.Join(verbs, ",")))
	}
	return "[" + strings.Join(parts, " ") + "]", nil
}
