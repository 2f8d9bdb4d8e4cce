// Package speclint checks the OpenAPI documents in specs/ and the overlays in overlays/ against
// the project's rules, so that every document the generator reads is valid, complete and free of
// Go-specific markup.
//
// The rules for a spec: it loads and validates with kin-openapi; every operation has an
// operationId, a summary, at least one tag and a security requirement (its own, an explicit empty
// list for a public endpoint, or the document's default); every operation has a 2xx response,
// and every 2xx response with a body has a schema and an example; every example (media type,
// parameter or schema) validates against its schema; and no code-generator extension (x-go-*,
// x-oapi-codegen-*, x-order, ...) appears, because those belong in the overlay.
//
// The rules for an overlay: it is referenced by a generator config; every action has a
// description; applied in order to its spec, every action's target matches at least one node,
// evaluated by the same overlay library oapi-codegen uses in strict mode; and the document that
// results still loads.
package speclint

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Problem is one rule violation: the file, the line (0 when unknown), the JSONPath of the
// offending node and what is wrong.
type Problem struct {
	File    string
	Line    int
	Path    string
	Message string
}

// String formats the problem as "file:line: path: message".
func (p Problem) String() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.Path == "" {
		return loc + ": " + p.Message
	}
	return loc + ": " + p.Path + ": " + p.Message
}

// Generator is one //go:generate line of generate.go: the spec it reads, its oapi-codegen config
// and the overlay the config names (empty when it names none).
type Generator struct {
	Spec    string
	Config  string
	Overlay string
	Package string
}

// Generators parses the //go:generate lines of generate.go in the repository at root and the
// configs they name. Paths are relative to root, with forward slashes.
func Generators(root string) ([]Generator, error) {
	data, err := os.ReadFile(filepath.Join(root, "generate.go"))
	if err != nil {
		return nil, fmt.Errorf("speclint: %w", err)
	}
	var gens []Generator
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "//go:generate ") || !strings.Contains(line, "oapi-codegen") {
			continue
		}
		fields := strings.Fields(strings.TrimPrefix(line, "//go:generate "))
		var g Generator
		for i := 0; i < len(fields); i++ {
			f := fields[i]
			switch {
			case (f == "-config" || f == "--config") && i+1 < len(fields):
				g.Config = fields[i+1]
				i++
			case strings.HasPrefix(f, "-config=") || strings.HasPrefix(f, "--config="):
				g.Config = f[strings.Index(f, "=")+1:]
			case strings.HasSuffix(f, ".yaml") || strings.HasSuffix(f, ".yml") || strings.HasSuffix(f, ".json"):
				g.Spec = f
			}
		}
		if g.Config == "" || g.Spec == "" {
			return nil, fmt.Errorf("speclint: generate.go: cannot find -config and spec in %q", line)
		}
		cfg, err := os.ReadFile(filepath.Join(root, g.Config))
		if err != nil {
			return nil, fmt.Errorf("speclint: %w", err)
		}
		var c struct {
			Package       string `yaml:"package"`
			OutputOptions struct {
				Overlay struct {
					Path string `yaml:"path"`
				} `yaml:"overlay"`
			} `yaml:"output-options"`
		}
		if err := yaml.Unmarshal(cfg, &c); err != nil {
			return nil, fmt.Errorf("speclint: %s: %w", g.Config, err)
		}
		g.Overlay, g.Package = c.OutputOptions.Overlay.Path, c.Package
		gens = append(gens, g)
	}
	return gens, nil
}

// Specs returns the documents matching specs/*.yaml under root, sorted, relative to root.
func Specs(root string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(root, "specs", "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("speclint: %w", err)
	}
	out := make([]string, 0, len(matches))
	for _, m := range matches {
		rel, err := filepath.Rel(root, m)
		if err != nil {
			return nil, fmt.Errorf("speclint: %w", err)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	sort.Strings(out)
	return out, nil
}

// Repo lints every specs/*.yaml and every overlays/*.yaml of the repository at root. The error is
// for failures to read the repository, not for rule violations, which are the returned problems.
func Repo(root string) ([]Problem, error) {
	specs, err := Specs(root)
	if err != nil {
		return nil, err
	}
	gens, err := Generators(root)
	if err != nil {
		return nil, err
	}
	var problems []Problem
	for _, s := range specs {
		data, err := os.ReadFile(filepath.Join(root, s))
		if err != nil {
			return nil, fmt.Errorf("speclint: %w", err)
		}
		problems = append(problems, Spec(s, data)...)
	}

	used := map[string]bool{}
	for _, g := range gens {
		if g.Overlay == "" {
			continue
		}
		used[g.Overlay] = true
		ov, err := os.ReadFile(filepath.Join(root, g.Overlay))
		if err != nil {
			problems = append(problems, Problem{File: g.Config, Path: "$['output-options'].overlay.path", Message: fmt.Sprintf("overlay %s cannot be read: %v", g.Overlay, err)})
			continue
		}
		spec, err := os.ReadFile(filepath.Join(root, g.Spec))
		if err != nil {
			problems = append(problems, Problem{File: "generate.go", Message: fmt.Sprintf("spec %s cannot be read: %v", g.Spec, err)})
			continue
		}
		problems = append(problems, Overlay(g.Overlay, ov, spec)...)
	}
	overlays, err := filepath.Glob(filepath.Join(root, "overlays", "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("speclint: %w", err)
	}
	for _, o := range overlays {
		rel, _ := filepath.Rel(root, o)
		rel = filepath.ToSlash(rel)
		if !used[rel] {
			problems = append(problems, Problem{File: rel, Message: "overlay is not named by any generator config in generate.go, so its targets are never checked"})
		}
	}
	return problems, nil
}
