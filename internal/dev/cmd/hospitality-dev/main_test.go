package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeRepo lays out a repository with one generator, its spec and overlay.
func writeRepo(t *testing.T, spec string) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"generate.go":                 "package x\n\n//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config gen/demo/oapi-codegen.yaml specs/demo.yaml\n",
		"gen/demo/oapi-codegen.yaml":  "package: demo\noutput-options:\n  overlay:\n    path: overlays/demo.yaml\n",
		"overlays/demo.yaml":          "overlay: 1.0.0\ninfo: {title: t, version: \"1\"}\nactions:\n  - target: $.info\n    description: Name the API.\n    update: {x-go-name: Demo}\n",
		"specs/demo.yaml":             spec,
		"upstream/demo-upstream.yaml": upstreamDoc,
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const goodSpec = `openapi: 3.0.3
info: {title: demo, version: "1"}
security: []
paths:
  /ping:
    get:
      operationId: ping
      summary: Ping
      tags: [Health]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {ok: {type: boolean}}}
              example: {ok: true}
`

const upstreamDoc = `openapi: 3.1.0
info: {title: up, version: "1"}
paths:
  /ping:
    get:
      responses: {"200": {description: ok}}
  /pong:
    get:
      responses: {"200": {description: ok}}
`

func TestRun(t *testing.T) {
	good := writeRepo(t, goodSpec)
	bad := writeRepo(t, strings.Replace(goodSpec, "      summary: Ping\n", "", 1))
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "no subcommand", args: nil, wantCode: 2, wantStderr: "usage: hospitality-dev"},
		{name: "unknown subcommand", args: []string{"frobnicate"}, wantCode: 2, wantStderr: "usage: hospitality-dev"},
		{name: "lint clean", args: []string{"lint-specs", "-root", good}, wantStdout: "lint-specs: 1 spec(s) and their overlays ok\n"},
		{
			name: "lint problem", args: []string{"lint-specs", "-root", bad}, wantCode: 1,
			wantStdout: "specs/demo.yaml:6: $.paths['/ping'].get: operation has no summary\n",
			wantStderr: "lint-specs: 1 problem(s) in 1 spec(s) and their overlays\n",
		},
		{name: "upstream-diff report", args: []string{"upstream-diff", "-root", good, "demo", filepath.Join(good, "upstream/demo-upstream.yaml")}, wantStdout: "Upstream has, we lack: 1 operation(s)\n  GET     /pong\n"},
		{
			name: "upstream-diff strict", args: []string{"upstream-diff", "-strict", "-root", good, "demo", filepath.Join(good, "upstream/demo-upstream.yaml")}, wantCode: 1,
			wantStderr: "upstream-diff: 1 upstream operation(s) missing from specs/demo.yaml\n",
		},
		{name: "upstream-diff unknown api", args: []string{"upstream-diff", "-root", good, "nope", "x.yaml"}, wantCode: 1, wantStderr: "upstream-diff: open "},
		{name: "breaking without base", args: []string{"breaking"}, wantCode: 2, wantStderr: "usage: hospitality-dev breaking"},
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
