package cobot_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
)

const vndJSON = "application/vnd.api+json"

// newClient returns a typed client for srv that sends a bearer token and the JSON:API Accept
// header. The generated code sets Content-Type on bodies but never sends Accept; the SDK's root
// constructor adds it, and this editor stands in for it here.
func newClient(t *testing.T, srv *spectest.Server) *cobot.ClientWithResponses {
	t.Helper()
	c, err := cobot.NewClientWithResponses(srv.BaseURL(), cobot.WithRequestEditorFn(
		spectest.Headers("Authorization", "Bearer test-token-cobot", "Accept", vndJSON)))
	if err != nil {
		t.Fatalf("NewClientWithResponses: %v", err)
	}
	return c
}

// answerWithExamples registers, for every operation, the example of its first 2xx answer (or an
// empty answer when that status has no body).
func answerWithExamples(t *testing.T, srv *spectest.Server, doc *openapi3.T) {
	t.Helper()
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			status, ctype, body := firstSuccess(t, op)
			srv.Handle(op.OperationID, func(w http.ResponseWriter, _ *http.Request) {
				if ctype != "" {
					w.Header().Set("Content-Type", ctype)
				}
				w.WriteHeader(status)
				w.Write(body)
			})
		}
	}
}

func firstSuccess(t *testing.T, op *openapi3.Operation) (int, string, []byte) {
	t.Helper()
	best := 0
	for code := range op.Responses.Map() {
		n, err := strconv.Atoi(code)
		if err == nil && n >= 200 && n < 300 && (best == 0 || n < best) {
			best = n
		}
	}
	if best == 0 {
		t.Fatalf("%s: no 2xx answer in the spec", op.OperationID)
	}
	r := op.Responses.Status(best).Value
	for ctype, mt := range r.Content {
		if s, ok := mt.Example.(string); ok && !strings.Contains(ctype, "json") {
			return best, ctype, []byte(s)
		}
		b, err := json.Marshal(mt.Example)
		if err != nil {
			t.Fatalf("%s: example: %v", op.OperationID, err)
		}
		return best, ctype, b
	}
	return best, "", nil
}

// body decodes the request example of operationID into the generated body type T.
func body[T any](t *testing.T, doc *openapi3.T, operationID string) T {
	t.Helper()
	var v T
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.OperationID != operationID {
				continue
			}
			mt := op.RequestBody.Value.Content.Get(vndJSON)
			b, err := json.Marshal(mt.Example)
			if err != nil {
				t.Fatalf("%s: request example: %v", operationID, err)
			}
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatalf("%s: request example does not decode into %T: %v", operationID, v, err)
			}
			return v
		}
	}
	t.Fatalf("no operation %q", operationID)
	return v
}
