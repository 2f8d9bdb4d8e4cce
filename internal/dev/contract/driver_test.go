package contract_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// tinySpec is a small document with the shapes the driver must handle: path-item parameters, a
// required enum query parameter and header, an optional parameter without example (not sent), a
// JSON body without example, a multipart upload, an answer without body, an operationId in
// kebab case, an answer that does not decode and an operation the client lacks.
const tinySpec = `
openapi: 3.0.3
info: {title: tiny, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 5}}
        - {name: status, in: query, required: true, schema: {type: string, enum: [open, closed]}}
        - {name: X-Tenant, in: header, required: true, schema: {type: string}, example: acme}
        - {name: ownerID, in: query, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: array, items: {type: object}}}}}
    post:
      operationId: create-thing
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/NewThing'}
      responses:
        "201": {description: created, content: {application/json: {schema: {type: object}}}}
  /things/{thing_id}:
    parameters:
      - {name: thing_id, in: path, required: true, schema: {type: integer}, example: 7}
    get:
      operationId: getThing
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
    patch:
      operationId: updateThing
      requestBody:
        required: true
        content:
          application/vnd.api+json:
            schema: {type: object}
            example: {data: {id: "1", type: things, attributes: {name: lamp}}}
      responses:
        "200": {description: ok, content: {application/vnd.api+json: {schema: {type: object}}}}
    delete:
      operationId: deleteThing
      responses:
        "204": {description: gone}
  /things/{thing_id}/photo:
    post:
      operationId: uploadPhoto
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: integer}}
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file, caption]
              properties:
                file: {type: string, format: binary}
                caption: {type: string, example: front}
                note: {type: string}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /broken:
    get:
      operationId: getBroken
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /absent:
    get:
      operationId: notInClient
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
components:
  schemas:
    NewThing:
      type: object
      required: [name, day, size, tags, kind]
      properties:
        name: {type: string, minLength: 8}
        day: {type: string, format: date}
        size: {type: integer, minimum: 3}
        tags: {type: array, items: {type: string, pattern: '^\d{2}:\d{2}$'}}
        kind: {type: string, enum: [small, big]}
        note: {type: string}
`

// The types below look like oapi-codegen's output for tinySpec.

type RequestEditorFn func(ctx context.Context, req *http.Request) error

type status struct{ code int }

func (s status) StatusCode() int { return s.code }

type ListThingsParamsStatus string

type ListThingsParams struct {
	Limit   *int                   `form:"limit,omitempty" json:"limit,omitempty"`
	Status  ListThingsParamsStatus `form:"status" json:"status"`
	XTenant string                 `json:"X-Tenant"`
	OwnerID *string                `form:"ownerID,omitempty" json:"ownerID,omitempty"`
}

type NewThing struct {
	Name string   `json:"name"`
	Day  string   `json:"day"`
	Size int      `json:"size"`
	Tags []string `json:"tags"`
	Kind string   `json:"kind"`
	Note *string  `json:"note,omitempty"`
}

type CreateThingJSONRequestBody = NewThing

type ListThingsResponse struct {
	status
	Body         []byte
	HTTPResponse *http.Response
	JSON200      *[]map[string]any
}

type CreateThingResponse struct {
	status
	Body         []byte
	HTTPResponse *http.Response
	JSON201      *map[string]any
}

type GetThingResponse struct {
	status
	Body         []byte
	HTTPResponse *http.Response
	JSON200      *map[string]any
}

type DeleteThingResponse struct {
	status
	Body         []byte
	HTTPResponse *http.Response
}

type UploadPhotoResponse = GetThingResponse

type UpdateThingApplicationVndAPIPlusJSONRequestBody = map[string]any

type UpdateThingResponse struct {
	status
	Body                     []byte
	HTTPResponse             *http.Response
	ApplicationVndAPIJSON200 *map[string]any
}

type GetBrokenResponse = GetThingResponse

// call is what the fake client received.
type call struct {
	op   string
	args []any
}

// tinyClient records its calls and is its own [contract.Recorder].
type tinyClient struct {
	mu    sync.Mutex
	calls []call
}

func (c *tinyClient) record(op string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, call{op, args})
}

func (c *tinyClient) Operations() map[string]sandbox.OpStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]sandbox.OpStats{}
	for _, cl := range c.calls {
		st := out["/tiny "+cl.op]
		st.Valid++
		out["/tiny "+cl.op] = st
	}
	return out
}

func (c *tinyClient) ListThingsWithResponse(_ context.Context, params *ListThingsParams, _ ...RequestEditorFn) (*ListThingsResponse, error) {
	c.record("listThings", *params)
	return &ListThingsResponse{status: status{200}, Body: []byte("[]"), JSON200: &[]map[string]any{}}, nil
}

func (c *tinyClient) CreateThingWithBodyWithResponse(_ context.Context, contentType string, _ io.Reader, _ ...RequestEditorFn) (*CreateThingResponse, error) {
	c.record("create-thing", "raw "+contentType)
	return nil, errors.New("the raw variant must not be used when a typed one exists")
}

func (c *tinyClient) CreateThingWithResponse(_ context.Context, body CreateThingJSONRequestBody, _ ...RequestEditorFn) (*CreateThingResponse, error) {
	c.record("create-thing", body)
	return &CreateThingResponse{status: status{201}, Body: []byte(`{"data":{"id":42,"ownerID":"u-1","name":"x"}}`), JSON201: &map[string]any{"data": map[string]any{"id": 42.0, "ownerID": "u-1", "name": "x"}}}, nil
}

func (c *tinyClient) GetThingWithResponse(_ context.Context, thingID int, _ ...RequestEditorFn) (*GetThingResponse, error) {
	c.record("getThing", thingID)
	return &GetThingResponse{status: status{200}, Body: []byte("{}"), JSON200: &map[string]any{}}, nil
}

func (c *tinyClient) UpdateThingWithBodyWithResponse(_ context.Context, thingID int, contentType string, _ io.Reader, _ ...RequestEditorFn) (*UpdateThingResponse, error) {
	c.record("updateThing", thingID, "raw "+contentType)
	return nil, errors.New("the raw variant must not be used when a typed one exists")
}

func (c *tinyClient) UpdateThingWithApplicationVndAPIPlusJSONBodyWithResponse(_ context.Context, thingID int, body UpdateThingApplicationVndAPIPlusJSONRequestBody, _ ...RequestEditorFn) (*UpdateThingResponse, error) {
	c.record("updateThing", thingID, body)
	return &UpdateThingResponse{status: status{200}, Body: []byte("{}"), ApplicationVndAPIJSON200: &map[string]any{}}, nil
}

func (c *tinyClient) DeleteThingWithResponse(_ context.Context, thingID int64, _ ...RequestEditorFn) (*DeleteThingResponse, error) {
	c.record("deleteThing", thingID)
	return &DeleteThingResponse{status: status{204}}, nil
}

func (c *tinyClient) UploadPhotoWithBodyWithResponse(_ context.Context, thingID int, contentType string, body io.Reader, _ ...RequestEditorFn) (*UploadPhotoResponse, error) {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil, err
	}
	parts := map[string]string{}
	r := multipart.NewReader(body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		b, _ := io.ReadAll(p)
		parts[p.FormName()] = p.FileName() + "|" + string(b)
	}
	c.record("uploadPhoto", thingID, parts)
	return &GetThingResponse{status: status{200}, Body: []byte("{}"), JSON200: &map[string]any{}}, nil
}

func (c *tinyClient) GetBrokenWithResponse(_ context.Context, _ ...RequestEditorFn) (*GetBrokenResponse, error) {
	c.record("getBroken")
	return &GetThingResponse{status: status{200}, Body: []byte("<html>")}, nil
}

func TestRun(t *testing.T) {
	thing := func(kind string) call {
		return call{"create-thing", []any{NewThing{Name: "samplexx", Day: "2025-06-12", Size: 3, Tags: []string{"10:00"}, Kind: kind}}}
	}
	upload := func(id int) call {
		return call{"uploadPhoto", []any{id, map[string]string{"file": "file.pdf|%PDF-1.7\n%%EOF\n", "caption": "|front"}}}
	}
	update := func(id int) call {
		return call{"updateThing", []any{id, map[string]any{"data": map[string]any{"id": strconv.Itoa(id), "type": "things",
			"attributes": map[string]any{"name": "lamp"}}}}}
	}
	owner := "u-1"
	tests := []struct {
		name        string
		opts        []contract.Option
		wantCalls   []call
		wantLine    string
		wantFail    []string
		wantMissing []string
	}{
		{
			name: "defaults",
			// Creations first, then reads, updates and deletions; the id create-thing answered
			// with fills the path parameter of /things/{thing_id}, and the JSON:API document's id.
			wantCalls: []call{thing("small"), upload(42), {"getBroken", nil},
				{"listThings", []any{ListThingsParams{Status: "open", XTenant: "acme"}}},
				{"getThing", []any{42}}, update(42), {"deleteThing", []any{int64(42)}}},
			wantLine:    "contract: tiny 7/8 operations exercised, 0 request violations, 1 undecodable responses",
			wantFail:    []string{"getBroken: status 200 but JSON200 is nil", "notInClient: no client method"},
			wantMissing: []string{"notInClient"},
		},
		{
			name: "values, bodies and hooks",
			opts: []contract.Option{
				contract.WithName("tiny-api"),
				contract.WithValue("thing_id", 9),
				contract.WithOperationValue("getThing", "thing_id", 5),
				contract.WithValue("X-Tenant", "other"),
				contract.WithValue("kind", "big"),
				contract.WithBody("updateThing", map[string]any{"data": map[string]any{"id": "1"}}),
				contract.WithHook("getBroken", func(context.Context) error { return nil }),
				contract.WithHook("notInClient", func(context.Context) error { return errors.New("boom") }),
			},
			wantCalls: []call{thing("big"), upload(9),
				{"listThings", []any{ListThingsParams{Status: "open", XTenant: "other"}}},
				{"getThing", []any{5}},
				{"updateThing", []any{9, map[string]any{"data": map[string]any{"id": "1"}}}},
				{"deleteThing", []any{int64(9)}}},
			wantLine:    "contract: tiny-api 6/8 operations exercised, 0 request violations, 1 undecodable responses",
			wantFail:    []string{"notInClient: boom"},
			wantMissing: []string{"getBroken", "notInClient"},
		},
		{
			name: "first operations and learned ids",
			opts: []contract.Option{contract.WithFirst("getBroken", "create-thing")},
			wantCalls: []call{{"getBroken", nil}, thing("small"), upload(42),
				{"listThings", []any{ListThingsParams{Status: "open", XTenant: "acme", OwnerID: &owner}}},
				{"getThing", []any{42}}, update(42), {"deleteThing", []any{int64(42)}}},
			wantLine:    "contract: tiny 7/8 operations exercised, 0 request violations, 1 undecodable responses",
			wantFail:    []string{"getBroken: status 200 but JSON200 is nil", "notInClient: no client method"},
			wantMissing: []string{"notInClient"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &tinyClient{}
			rep, err := contract.Run(context.Background(), []byte(tinySpec), "/tiny", c, c, tc.opts...)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if got := rep.String(); got != tc.wantLine {
				t.Errorf("Report.String() = %q, want %q", got, tc.wantLine)
			}
			if !slices.Equal(rep.Failed, tc.wantFail) {
				t.Errorf("Report.Failed = %q, want %q", rep.Failed, tc.wantFail)
			}
			if !slices.Equal(rep.Missing, tc.wantMissing) {
				t.Errorf("Report.Missing = %q, want %q", rep.Missing, tc.wantMissing)
			}
			if !reflect.DeepEqual(c.calls, tc.wantCalls) {
				t.Errorf("calls =\n%#v\nwant\n%#v", c.calls, tc.wantCalls)
			}
			if rep.OK() {
				t.Errorf("Report.OK() = true, want false")
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	c := &tinyClient{}
	if _, err := contract.Run(context.Background(), []byte(tinySpec), "/tiny", c, c, contract.WithFirst("nope")); err == nil {
		t.Errorf("Run(WithFirst(unknown operation)) = nil error, want one")
	}
	if _, err := contract.Run(context.Background(), []byte("openapi: [nope"), "/tiny", c, c); err == nil {
		t.Errorf("Run(bad spec) = nil error, want one")
	}
	if _, err := contract.Run(context.Background(), []byte(tinySpec), "/tiny", struct{}{}, c); err == nil {
		t.Errorf("Run(client without methods) = nil error, want one")
	}
}

func TestReportOK(t *testing.T) {
	tests := []struct {
		name string
		rep  contract.Report
		want bool
	}{
		{"complete", contract.Report{API: "x", Operations: 3, Exercised: 3}, true},
		{"missing", contract.Report{API: "x", Operations: 3, Exercised: 2}, false},
		{"violation", contract.Report{API: "x", Operations: 3, Exercised: 3, Violations: 1}, false},
		{"undecodable", contract.Report{API: "x", Operations: 3, Exercised: 3, Undecodable: 1}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.rep.OK(); got != tc.want {
				t.Errorf("%+v.OK() = %v, want %v", tc.rep, got, tc.want)
			}
		})
	}
}

func TestSample(t *testing.T) {
	tests := []struct {
		name   string
		schema string
		want   string
	}{
		{"example wins", `{type: string, example: hello, enum: [a]}`, `"hello"`},
		{"enum", `{type: string, enum: [open, closed]}`, `"open"`},
		{"date", `{type: string, format: date}`, `"2025-06-12"`},
		{"date-time", `{type: string, format: date-time}`, `"2025-06-12T10:00:00Z"`},
		{"email", `{type: string, format: email}`, `"guest@example.com"`},
		{"uuid", `{type: string, format: uuid}`, `"3fa85f64-5717-4562-b3fc-2c963f66afa6"`},
		{"pattern", `{type: string, pattern: '^([01]\d|2[0-3]):[0-5]\d$'}`, `"10:00"`},
		{"min length", `{type: string, minLength: 8}`, `"samplexx"`},
		{"max length", `{type: string, maxLength: 3}`, `"sam"`},
		{"integer", `{type: integer}`, `1`},
		{"integer minimum", `{type: integer, minimum: 5}`, `5`},
		{"integer exclusive minimum", `{type: integer, minimum: 5, exclusiveMinimum: true}`, `6`},
		{"integer maximum below one", `{type: integer, maximum: 0}`, `0`},
		{"number", `{type: number}`, `1`},
		{"boolean", `{type: boolean}`, `true`},
		{"default", `{type: integer, default: 20}`, `20`},
		{"array", `{type: array, minItems: 2, items: {type: string, enum: [x]}}`, `["x","x"]`},
		{"object required only", `{type: object, required: [a], properties: {a: {type: integer}, b: {type: string}}}`, `{"a":1}`},
		{"object without required", `{type: object, properties: {b: {type: integer}, a: {type: string}}}`, `{"a":"sample"}`},
		{"object examples", `{type: object, properties: {b: {type: integer, example: 4}, a: {type: string}}}`, `{"b":4}`},
		{"empty object", `{type: object}`, `{}`},
		{"all of", `{allOf: [{type: object, required: [a], properties: {a: {type: boolean}}}, {type: object, required: [b], properties: {b: {type: string}}}]}`, `{"a":true,"b":"sample"}`},
		{"one of", `{oneOf: [{type: integer}, {type: string}]}`, `1`},
		{"any of", `{anyOf: [{type: string, format: date}, {type: integer}]}`, `"2025-06-12"`},
		{"untyped", `{description: anything}`, `null`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s openapi3.Schema
			if err := yamlUnmarshal(tc.schema, &s); err != nil {
				t.Fatalf("schema %s: %v", tc.schema, err)
			}
			b, err := json.Marshal(contract.Sample(&openapi3.SchemaRef{Value: &s}))
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tc.want {
				t.Errorf("Sample(%s) = %s, want %s", tc.schema, b, tc.want)
			}
		})
	}
}

// yamlUnmarshal decodes a schema written in YAML flow style through a one-schema document, so
// kin-openapi resolves it exactly as it does a spec.
func yamlUnmarshal(schema string, s *openapi3.Schema) error {
	doc, err := openapi3.NewLoader().LoadFromData([]byte("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S: " + schema + "\n"))
	if err != nil {
		return err
	}
	*s = *doc.Components.Schemas["S"].Value
	return nil
}
