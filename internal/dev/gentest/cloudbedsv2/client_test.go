package cloudbedsv2_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
)

// Synthetic credentials and ids; nothing here is a real Cloudbeds secret.
const (
	testToken  = "test-access-token"
	propertyID = "12345"
)

// newClient returns a typed client for srv that sends a bearer token on every call, the way the
// auth package's editors do.
func newClient(t *testing.T, srv *spectest.Server) *cloudbedsv2.ClientWithResponses {
	t.Helper()
	bearer := spectest.Headers("Authorization", "Bearer "+testToken)
	c, err := cloudbedsv2.NewClientWithResponses(srv.BaseURL(), cloudbedsv2.WithRequestEditorFn(bearer))
	if err != nil {
		t.Fatalf("NewClientWithResponses(%q) = %v", srv.BaseURL(), err)
	}
	return c
}

func ptr[T any](v T) *T { return &v }

// lastRequest returns the request the fake server last accepted for op and checks the details every
// v2 call shares: method, path, bearer token and, when property is set, the x-property-id header.
func lastRequest(t *testing.T, srv *spectest.Server, op, method, path string, property bool) spectest.Request {
	t.Helper()
	req, ok := srv.LastRequest(op)
	if !ok {
		t.Fatalf("LastRequest(%q): no request received", op)
	}
	if req.Method != method {
		t.Errorf("%s: method = %s, want %s", op, req.Method, method)
	}
	if req.URL.Path != path {
		t.Errorf("%s: path = %s, want %s", op, req.URL.Path, path)
	}
	if got, want := req.Header.Get("Authorization"), "Bearer "+testToken; got != want {
		t.Errorf("%s: Authorization = %q, want %q", op, got, want)
	}
	if property {
		if got := req.Header.Get("x-property-id"); got != propertyID {
			t.Errorf("%s: x-property-id = %q, want %q", op, got, propertyID)
		}
	}
	return req
}

// checkQuery compares the query parameters the client sent with want. The fake server fills in
// schema defaults (offset=0, limit=100) while validating, so parameters absent from want are
// ignored; every parameter in want must be present with exactly that value.
func checkQuery(t *testing.T, req spectest.Request, want string) {
	t.Helper()
	w, err := url.ParseQuery(want)
	if err != nil {
		t.Fatalf("ParseQuery(%q) = %v", want, err)
	}
	got := req.URL.Query()
	for k, v := range w {
		if !slices.Equal(got[k], v) {
			t.Errorf("query %s = %q, want %q (raw query %q)", k, got[k], v, req.URL.RawQuery)
		}
	}
}

func checkStatus(t *testing.T, op string, got, want int, body []byte) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: status = %d, want %d (body %s)", op, got, want, body)
	}
}

// checkJSON compares a request body with want after normalising both as JSON values.
func checkJSON(t *testing.T, op string, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s: request body %s: %v", op, got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: want body: %v", op, err)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if string(gb) != string(wb) {
		t.Errorf("%s: body = %s, want %s", op, gb, wb)
	}
}

// example returns the 2xx example the document gives for op, used as the answer where a test does
// not need a hand-written one.
func example(t *testing.T, doc *openapi3.T, op string) (int, string) {
	t.Helper()
	for _, item := range doc.Paths.Map() {
		for _, o := range item.Operations() {
			if o.OperationID != op {
				continue
			}
			for code, resp := range o.Responses.Map() {
				if !strings.HasPrefix(code, "2") {
					continue
				}
				if code == "204" {
					return http.StatusNoContent, ""
				}
				for _, mt := range resp.Value.Content {
					b, err := json.Marshal(mt.Example)
					if err != nil {
						t.Fatalf("%s: example: %v", op, err)
					}
					var status int
					switch code {
					case "200":
						status = http.StatusOK
					case "201":
						status = http.StatusCreated
					case "202":
						status = http.StatusAccepted
					}
					return status, string(b)
				}
			}
		}
	}
	t.Fatalf("example(%q): no 2xx example", op)
	return 0, ""
}

func sqlTime(y int, mo time.Month, d, h, mi, s int) time.Time {
	return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
}

// opCase is one operation call: the answer the fake gives (the document's example when answer is
// empty) and the typed call with its assertions.
type opCase struct {
	op     string
	status int
	answer string
	call   func(t *testing.T)
}

// run registers every answer, runs every call and fails when an operation of the document was
// never exercised.
func run(t *testing.T, srv *spectest.Server, doc *openapi3.T, cases []opCase) {
	t.Helper()
	for _, tc := range cases {
		status, answer := tc.status, tc.answer
		if answer == "" {
			status, answer = example(t, doc, tc.op)
		}
		if status == http.StatusNoContent {
			srv.Handle(tc.op, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
		} else {
			srv.JSON(tc.op, status, answer)
		}
		t.Run(tc.op, tc.call)
	}
}
