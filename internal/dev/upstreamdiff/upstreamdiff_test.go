package upstreamdiff

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func compareTestdata(t *testing.T) *Report {
	t.Helper()
	r, err := Compare(readTestdata(t, "ours.yaml"), readTestdata(t, "upstream.yaml"))
	if err != nil {
		t.Fatalf("Compare(ours.yaml, upstream.yaml) error = %v", err)
	}
	return r
}

func TestCompareOperations(t *testing.T) {
	r := compareTestdata(t)
	keys := func(ops []*Operation) []string {
		var out []string
		for _, op := range ops {
			out = append(out, op.Method+" "+op.Path)
		}
		return out
	}
	var matched []string
	for _, m := range r.Matched {
		matched = append(matched, m.Ours.Method+" "+m.Ours.Path+" = "+m.Upstream.Method+" "+m.Upstream.Path)
	}
	tests := []struct {
		name string
		got  []string
		want []string
	}{
		{"matched", matched, []string{"GET /rooms = GET /v2/rooms", "GET /rooms/{roomID} = GET /v2/rooms/{id}/", "POST /rooms = POST /v2/rooms"}},
		{"upstream only", keys(r.UpstreamOnly), []string{"GET /v2/rooms/{id}/photos"}},
		{"ours only", keys(r.OursOnly), []string{"GET /legacy"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("Compare() %s = %q, want %q", tc.name, tc.got, tc.want)
			}
		})
	}
	if got := r.Missing(); got != 1 {
		t.Errorf("Missing() = %d, want 1", got)
	}
}

func TestCompareParts(t *testing.T) {
	r := compareTestdata(t)
	if len(r.Matched) != 3 {
		t.Fatalf("len(Matched) = %d, want 3", len(r.Matched))
	}
	list, get, create := r.Matched[0], r.Matched[1], r.Matched[2]
	tests := []struct {
		name string
		got  Delta
		want Delta
	}{
		{"list params", list.Params, Delta{UpstreamOnly: []string{"query:per_page"}, OursOnly: []string{"header:x-property"}, Common: 1}},
		{"list response fields (data envelope)", list.ResponseFields, Delta{UpstreamOnly: []string{"data.color", "total"}, Common: 5}},
		{"create request fields (form vs JSON)", create.RequestFields, Delta{UpstreamOnly: []string{"floor"}, OursOnly: []string{"beds"}, Common: 1}},
		{"create response fields (no upstream body)", create.ResponseFields, Delta{OursOnly: []string{"beds", "id", "name"}}},
		{"get params (path-level, renamed)", get.Params, Delta{UpstreamOnly: []string{"path:id"}, OursOnly: []string{"path:roomID"}}},
		{"get response fields (allOf)", get.ResponseFields, Delta{UpstreamOnly: []string{"color"}, Common: 3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.got, tc.want) {
				t.Errorf("Compare() %s = %+v, want %+v", tc.name, tc.got, tc.want)
			}
		})
	}
}

func TestCompareExamples(t *testing.T) {
	r := compareTestdata(t)
	var got []string
	for _, m := range r.Matched {
		for _, e := range m.Examples {
			got = append(got, m.Ours.OperationID+" "+e.Status+" "+e.Name+": "+e.Problem)
		}
	}
	want := []string{
		"listRooms 200 bad: at /data/0/id: value must be a string; at /data/0/beds: value must be an integer",
		"listRooms 200 good: ",
		"getRoom 200 example: ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("examples =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWriteGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := compareTestdata(t).Write(&buf); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := readTestdata(t, "report.golden")
	if got := buf.String(); got != string(want) {
		t.Errorf("Write() =\n%s\nwant (testdata/report.golden; refresh with -update)\n%s", got, want)
	}
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		wantErr string
		wantOps []string
	}{
		{name: "swagger 2 refused", doc: "swagger: '2.0'\n", wantErr: `upstreamdiff: not an OpenAPI 3 document (openapi: "")`},
		{name: "not a mapping", doc: "- a\n", wantErr: "upstreamdiff: document is not a mapping"},
		{
			// Upstream Cloudbeds v2 declares /segments/{enabled} beside /segments/{id}: both must
			// survive normalisation instead of one silently replacing the other.
			name:    "templates that normalise alike",
			doc:     "openapi: 3.0.0\npaths:\n  /s/{id}:\n    get: {responses: {}}\n  /s/{enabled}:\n    get: {responses: {}}\n",
			wantOps: []string{"GET /s/{id}", "GET /s/{enabled}"},
		},
		{
			name:    "JSON document with integer status keys",
			doc:     `{"openapi": "3.1.0", "paths": {"/a": {"delete": {"responses": {"200": {"description": "ok"}}}}}}`,
			wantOps: []string{"DELETE /a"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Load([]byte(tc.doc))
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("Load() error = %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load() error = %v", err)
			}
			var got []string
			for _, k := range sortedKeys(d.Operations) {
				got = append(got, d.Operations[k].Method+" "+d.Operations[k].Path)
			}
			if !reflect.DeepEqual(got, tc.wantOps) {
				t.Errorf("Load() operations = %q, want %q", got, tc.wantOps)
			}
		})
	}
}

func TestCompareInstantiatedTemplate(t *testing.T) {
	upstream := `openapi: 3.1.0
info: {title: up, version: "1"}
paths:
  /segments/{enabled}:
    get:
      operationId: listByFlag
      parameters: [{name: enabled, in: path, required: true, schema: {type: boolean}}]
      responses: {"200": {description: ok}}
  /segments/{id}/notes:
    get:
      responses: {"200": {description: ok}}
`
	ours := `openapi: 3.0.3
info: {title: ours, version: "1"}
paths:
  /segments/true:
    get: {operationId: listEnabled, responses: {"200": {description: ok}}}
  /segments/false:
    get: {operationId: listAll, responses: {"200": {description: ok}}}
  /segments/true/notes/extra:
    get: {operationId: unrelated, responses: {"200": {description: ok}}}
`
	r, err := Compare([]byte(ours), []byte(upstream))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Instantiated) != 1 || r.Instantiated[0].Upstream.Path != "/segments/{enabled}" || len(r.Instantiated[0].Ours) != 2 {
		t.Fatalf("Instantiated = %+v, want /segments/{enabled} as two literal paths", r.Instantiated)
	}
	if len(r.UpstreamOnly) != 1 || r.UpstreamOnly[0].Path != "/segments/{id}/notes" {
		t.Errorf("UpstreamOnly = %v, want only /segments/{id}/notes", r.UpstreamOnly)
	}
	if len(r.OursOnly) != 1 || r.OursOnly[0].Path != "/segments/true/notes/extra" {
		t.Errorf("OursOnly = %v, want only the unrelated path", r.OursOnly)
	}
	var out bytes.Buffer
	if err := r.Write(&out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Matched by spelling out a path template: 1 upstream operation(s)") {
		t.Errorf("report lacks the instantiation section:\n%s", out.String())
	}
}
