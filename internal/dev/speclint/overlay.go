package speclint

import (
	"bytes"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/speakeasy-api/openapi/overlay"
	"gopkg.in/yaml.v3"
)

// Overlay lints an overlay against the spec it applies to; file names the overlay in the
// problems. Actions are applied one at a time, in order, with the overlay library's strict mode,
// so a target that matches nothing is reported against its own action, exactly where
// oapi-codegen would stop.
func Overlay(file string, data, spec []byte) []Problem {
	l := &linter{file: file}
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		l.add(nil, "not YAML: %v", err)
		return l.problems
	}
	l.node = &node
	ov, err := overlay.ParseReader(bytes.NewReader(data))
	if err != nil {
		l.add(nil, "not an overlay: %v", err)
		return l.problems
	}
	if err := ov.Validate(); err != nil {
		l.add(nil, "invalid overlay: %v", err)
	}

	var root yaml.Node
	if err := yaml.Unmarshal(spec, &root); err != nil {
		l.add(nil, "the spec it applies to is not YAML: %v", err)
		return l.problems
	}
	legacy := false
	for i, action := range ov.Actions {
		at := Path{"actions", i}
		if strings.TrimSpace(action.Description) == "" {
			l.add(at, "action has no description saying why it exists")
		}
		single := *ov
		single.Actions = []overlay.Action{action}
		warnings, err := single.ApplyToStrict(&root)
		if err != nil {
			l.add(at.with("target"), "target %s: %v", action.Target, strings.TrimPrefix(err.Error(), "error applying overlay (strict): "))
			continue
		}
		for _, w := range warnings {
			if strings.Contains(w, "lacks `x-speakeasy-jsonpath: rfc9535`") {
				legacy = true
				continue
			}
			l.add(at, "target %s: %s", action.Target, w)
		}
	}
	if legacy {
		l.add(nil, "filter expressions are evaluated with the deprecated legacy JSONPath; add `x-speakeasy-jsonpath: rfc9535` at the top of the overlay")
	}

	out, err := yaml.Marshal(&root)
	if err != nil {
		l.add(nil, "cannot render the overlaid spec: %v", err)
		return l.problems
	}
	if _, err := openapi3.NewLoader().LoadFromData(out); err != nil {
		l.add(nil, "the overlaid spec no longer loads: %v", err)
	}
	return l.problems
}
