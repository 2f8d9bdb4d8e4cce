package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAnswerTargets checks that every spec under specs/ has a target and that each target's
// client builds: an API added without one would be silently impossible to check.
func TestAnswerTargets(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "..", "..", "specs", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("specs/*.yaml: %v (%d files)", err, len(files))
	}
	var apis []string
	for _, f := range files {
		apis = append(apis, strings.TrimSuffix(filepath.Base(f), ".yaml"))
	}
	for _, api := range apis {
		target, ok := answerTargets[api]
		if !ok {
			t.Errorf("answerTargets[%q] missing", api)
			continue
		}
		if len(target.Spec) == 0 {
			t.Errorf("answerTargets[%q].Spec is empty", api)
		}
		if c, err := target.NewClient("http://127.0.0.1:1"); err != nil || c == nil {
			t.Errorf("answerTargets[%q].NewClient() = %v, %v", api, c, err)
		}
	}
	for api := range answerTargets {
		if !slices.Contains(apis, api) {
			t.Errorf("answerTargets[%q] has no specs/%s.yaml", api, api)
		}
	}
}

func TestUpstreamAnswersCommand(t *testing.T) {
	dir := t.TempDir()
	upstream := filepath.Join(dir, "up.yaml")
	// One operation our Kobas spec lacks, so nothing is matched and nothing is called.
	if err := os.WriteFile(upstream, []byte("openapi: 3.1.0\ninfo: {title: up, version: \"1\"}\npaths:\n  /nowhere:\n    get:\n      responses: {\"200\": {description: ok}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "no arguments", args: []string{"upstream-answers"}, wantCode: 2, wantStderr: "usage: hospitality-dev upstream-answers"},
		{name: "unknown api", args: []string{"upstream-answers", "nope", upstream}, wantCode: 2, wantStderr: `unknown api "nope" (one of cloudbeds, `},
		{name: "missing file", args: []string{"upstream-answers", "kobas", filepath.Join(dir, "absent.yaml")}, wantCode: 1, wantStderr: "upstream-answers: open "},
		{
			name: "report", args: []string{"upstream-answers", "-n", "3", "-root", dir, "kobas", upstream},
			wantStdout: "upstream-answers: specs/kobas.yaml against " + upstream + "\n3 answers per operation, seed 1; 0 operation(s) matched upstream",
		},
		{name: "bad exceptions file", args: []string{"upstream-answers", "-root", writeExceptions(t, "kobas", "listVenues /x\n"), "kobas", upstream}, wantCode: 1, wantStderr: "exceptions line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != tc.wantCode {
				t.Errorf("run(%q) = %d, want %d (stderr %q)", tc.args, code, tc.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tc.wantStdout) {
				t.Errorf("run(%q) stdout = %q, want it to contain %q", tc.args, stdout.String(), tc.wantStdout)
			}
			if !strings.Contains(stderr.String(), tc.wantStderr) {
				t.Errorf("run(%q) stderr = %q, want it to contain %q", tc.args, stderr.String(), tc.wantStderr)
			}
		})
	}
}

// writeExceptions lays out a repository root holding one exceptions file for api.
func writeExceptions(t *testing.T, api, content string) string {
	t.Helper()
	root := t.TempDir()
	p := filepath.Join(root, "internal", "dev", "upstreamanswers", "exceptions", api+".txt")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}
