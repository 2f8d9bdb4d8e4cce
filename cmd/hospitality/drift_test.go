package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runDrift runs the built command with args in dir and returns its output and exit code.
func runDrift(t *testing.T, dir string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "XDG_CONFIG_HOME=" + dir}
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

// diffLines returns the added and removed lines of a unified diff, without their + or -.
func diffLines(diff string) (added, removed []string) {
	for _, l := range strings.Split(diff, "\n") {
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
		case strings.HasPrefix(l, "+"):
			added = append(added, l[1:])
		case strings.HasPrefix(l, "-"):
			removed = append(removed, l[1:])
		}
	}
	return added, removed
}

// TestDriftProposeEndToEnd runs `hospitality drift report --answer` on captured answers that add
// a field, drop a required field, change a type and add an enum value, and checks each proposed
// diff of the spec, and that it applies to the spec it was made from.
func TestDriftProposeEndToEnd(t *testing.T) {
	dir := t.TempDir()
	shop, err := filepath.Abs("../../drift/testdata/shop.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, answer   string
		args           []string
		file           string // the diff's file
		added, removed []string
		stderr         string
	}{
		{
			name: "added field", answer: `[{"id":12,"name":"The Crown","vat_number":"GB123","opened":"2019-04-01"}]`,
			args: []string{"--operation", "kobas", "listVenues"}, file: "specs/kobas.yaml",
			added:  []string{"        opened:", "          type: string", "          format: date", "        vat_number:", "          type: string"},
			stderr: "unknown_field /0/opened: property opened added (type: string, format: date); property vat_number added (type: string) (#/components/schemas/Venue)",
		},
		{
			name: "dropped required field", answer: `[{"id":1,"name":"Group"},{"id":12}]`,
			args: []string{"--operation", "kobas.listVenues"}, file: "specs/kobas.yaml",
			added: []string{"      required: [id]"}, removed: []string{"      required: [id, name]"},
			stderr: "missing_required /1/name: name no longer required (#/components/schemas/Venue)",
		},
		{
			name: "changed type", answer: `[{"id":"V-12","name":"The Crown"}]`,
			args: []string{"--operation", "kobas", "listVenues", "--status", "200"}, file: "specs/kobas.yaml",
			added:   []string{"          oneOf:", "            - type: integer", "            - type: string"},
			removed: []string{"          type: integer"},
			stderr:  "wrong_type /0/id: type integer becomes oneOf integer, string (#/components/schemas/Venue/properties/id)",
		},
		{
			// The embedded specs declare no enum in an answer (they are deliberately open), so
			// this case changes a small spec given with --spec.
			name: "new enum value", answer: `{"id":1,"state":"refunded","placed":"2026-01-02T10:00:00Z"}`,
			args: []string{"--operation", "kobas", "getOrder", "--spec", shop}, file: "specs/kobas.yaml",
			added: []string{"             shipped, refunded]"}, removed: []string{"             shipped]"},
			stderr: "new_enum_value /state: enum extended with refunded (#/components/schemas/State)",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			answer := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".json")
			if err := os.WriteFile(answer, []byte(tc.answer), 0o600); err != nil {
				t.Fatal(err)
			}
			r := runDrift(t, dir, append([]string{"drift", "report", "--answer", answer}, tc.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
			}
			if !strings.HasPrefix(r.stdout, "--- a/"+tc.file+"\n+++ b/"+tc.file+"\n@@ ") {
				t.Errorf("diff header:\n%s", r.stdout)
			}
			added, removed := diffLines(r.stdout)
			if strings.Join(added, "\n") != strings.Join(tc.added, "\n") || strings.Join(removed, "\n") != strings.Join(tc.removed, "\n") {
				t.Errorf("diff:\n%s\nwant added %q, removed %q", r.stdout, tc.added, tc.removed)
			}
			if strings.TrimSpace(r.stderr) != tc.stderr {
				t.Errorf("stderr = %q, want %q", r.stderr, tc.stderr)
			}
			// The diff applies to the spec it was made from.
			spec := "../../" + tc.file
			if strings.Contains(strings.Join(tc.args, " "), "--spec") {
				spec = shop
			}
			work := t.TempDir()
			if err := os.MkdirAll(filepath.Join(work, "specs"), 0o755); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(spec)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(work, tc.file), b, 0o644)
			apply := exec.Command("git", "apply", "--check", "-")
			apply.Dir, apply.Stdin = work, strings.NewReader(r.stdout)
			if out, err := apply.CombinedOutput(); err != nil {
				t.Errorf("git apply --check: %v\n%s", err, out)
			}
		})
	}
}

// TestDriftReportEndToEnd prints two report files, merged.
func TestDriftReportEndToEnd(t *testing.T) {
	dir := t.TempDir()
	a := `{"format":"hospitality-drift-report/v1","written":"2026-03-01T10:00:00Z","entries":[
 {"provider":"kobas","operation":"listVenues","kind":"unknown_field","path":"/0/vat_number","count":3,
  "first":"2026-03-01T08:00:00Z","last":"2026-03-01T09:00:00Z","excerpt":"GB1","status":200}]}`
	b := `{"format":"hospitality-drift-report/v1","written":"2026-03-02T10:00:00Z","entries":[
 {"provider":"kobas","operation":"listVenues","kind":"unknown_field","path":"/0/vat_number","count":2,
  "first":"2026-03-01T07:00:00Z","last":"2026-03-02T09:00:00Z","excerpt":"GB2","status":200},
 {"provider":"octotable","operation":"listReservations","kind":"missing_required","path":"/data/3/pax","count":1,
  "first":"2026-03-02T09:30:00Z","last":"2026-03-02T09:30:00Z","excerpt":"map[id:1]","status":200}]}`
	os.WriteFile(filepath.Join(dir, "a.json"), []byte(a), 0o600)
	os.WriteFile(filepath.Join(dir, "b.json"), []byte(b), 0o600)
	r := runDrift(t, dir, "drift", "report", "a.json", "b.json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	want := [][]string{
		{"PROVIDER", "OPERATION", "PATH", "KIND", "COUNT", "FIRST", "SEEN", "LAST", "SEEN", "EXCERPT"},
		{"kobas", "listVenues", "/0/vat_number", "unknown_field", "5", "2026-03-01T07:00:00Z", "2026-03-02T09:00:00Z", "GB2"},
		{"octotable", "listReservations", "/data/3/pax", "missing_required", "1", "2026-03-02T09:30:00Z", "2026-03-02T09:30:00Z", "map[id:1]"},
		{"2", "mismatch(es)", "in", "2", "operation(s)"},
	}
	if len(lines) != len(want) {
		t.Fatalf("output:\n%s", r.stdout)
	}
	for i, l := range lines {
		if got := strings.Fields(l); strings.Join(got, " ") != strings.Join(want[i], " ") {
			t.Errorf("line %d = %q, want %q", i, got, want[i])
		}
	}
	if r := runDrift(t, dir, "drift", "report", filepath.Join(dir, "empty.json")); r.code != 2 {
		t.Errorf("missing report file: exit %d, want 2", r.code)
	}
}

// TestDriftUsageErrors checks that every misuse of drift report exits 2 with a message.
func TestDriftUsageErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "answer.json"), []byte(`[{"id":1,"name":"x"}]`), 0o600)
	os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`[{`), 0o600)
	os.WriteFile(filepath.Join(dir, "other.json"), []byte(`{"format":"other"}`), 0o600)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no subcommand", []string{"drift"}, "a subcommand is required"},
		{"nothing to report", []string{"drift", "report"}, "give report files, or --answer and --operation"},
		{"answer without operation", []string{"drift", "report", "--answer", "answer.json"}, "--answer and --operation go together"},
		{"operation without answer", []string{"drift", "report", "--operation", "kobas", "listVenues"}, "--answer and --operation go together"},
		{"operation without id", []string{"drift", "report", "--answer", "answer.json", "--operation", "kobas"}, "takes the operationId"},
		{"extra argument", []string{"drift", "report", "--answer", "answer.json", "--operation", "kobas", "listVenues", "more"}, "takes the operationId"},
		{"unknown api", []string{"drift", "report", "--answer", "answer.json", "--operation", "pubs", "listVenues"}, `unknown api "pubs"`},
		{"unknown operation", []string{"drift", "report", "--answer", "answer.json", "--operation", "kobas", "listPubs"}, `no operation "listPubs"`},
		{"answer not JSON", []string{"drift", "report", "--answer", "bad.json", "--operation", "kobas", "listVenues"}, "answer is not JSON"},
		{"missing answer", []string{"drift", "report", "--answer", "none.json", "--operation", "kobas", "listVenues"}, "--answer: open none.json"},
		{"not a report", []string{"drift", "report", "other.json"}, `format "other"`},
		{"unknown flag", []string{"drift", "report", "--answr", "x"}, "unknown flag: --answr"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runDrift(t, dir, tc.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q", r.code, r.stderr, tc.want)
			}
		})
	}
	// A matching answer proposes nothing.
	r := runDrift(t, dir, "drift", "report", "--answer", "answer.json", "--operation", "kobas", "listVenues")
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "nothing to change") {
		t.Errorf("matching answer: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
