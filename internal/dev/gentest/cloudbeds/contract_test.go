package cloudbeds_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/sandbox/phpform"
	"github.com/hospitality-sdk/hospitality-go/specs"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

var registerFormDecoder sync.Once

// newServer starts the validating fake Cloudbeds. kin-openapi's own form decoder rejects arrays
// of objects in form bodies, so the real PHP-style bytes (rooms[0][roomTypeID]=77) are decoded
// by phpform and coerced to the schema's scalar types before validation.
func newServer(t *testing.T) *spectest.Server {
	t.Helper()
	registerFormDecoder.Do(func() {
		openapi3filter.RegisterBodyDecoder(phpform.MediaType, phpform.BodyDecoder)
	})
	return spectest.New(t, specs.Cloudbeds)
}

// newClient returns a typed client for srv that authenticates with a synthetic bearer token.
func newClient(t *testing.T, srv *spectest.Server) *cloudbeds.ClientWithResponses {
	t.Helper()
	c, err := cloudbeds.NewClientWithResponses(srv.BaseURL(),
		cloudbeds.WithRequestEditorFn(spectest.Headers("Authorization", "Bearer synthetic-access-token")))
	if err != nil {
		t.Fatalf("NewClientWithResponses: %v", err)
	}
	return c
}

// answerExamples registers, for every operation, the example answer of its spec.
func answerExamples(t *testing.T, srv *spectest.Server) {
	t.Helper()
	doc := spectest.Load(t, specs.Cloudbeds)
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			mt := op.Responses.Status(200).Value.Content.Get("application/json")
			if mt == nil || mt.Example == nil {
				t.Fatalf("%s: no example answer in the spec", op.OperationID)
			}
			b, err := json.Marshal(mt.Example)
			if err != nil {
				t.Fatalf("%s: example: %v", op.OperationID, err)
			}
			srv.JSON(op.OperationID, http.StatusOK, string(b))
		}
	}
}

// check fails t unless the call succeeded with HTTP 200 and a decoded JSON200.
func check(t *testing.T, op string, r interface{ StatusCode() int }, err error) {
	t.Helper()
	if err != nil {
		t.Errorf("%s: %v", op, err)
		return
	}
	if r.StatusCode() != http.StatusOK {
		t.Errorf("%s: status = %d, want 200", op, r.StatusCode())
		return
	}
	if reflect.ValueOf(r).Elem().FieldByName("JSON200").IsNil() {
		t.Errorf("%s: JSON200 = nil, want a decoded answer", op)
	}
}

func ptr[T any](v T) *T { return &v }

func date(s string) wire.Date {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(fmt.Sprintf("date(%q): %v", s, err))
	}
	return wire.Date{Time: d}
}

func sqlTime(s string) wire.SQLDateTime {
	d, err := time.Parse("2006-01-02 15:04:05", s)
	if err != nil {
		panic(fmt.Sprintf("sqlTime(%q): %v", s, err))
	}
	return wire.SQLDateTime{Time: d}
}

// TestEveryOperation calls all 115 operations through the typed client against the validating
// fake and fails if one was never exercised.
func TestEveryOperation(t *testing.T) {
	srv := newServer(t)
	answerExamples(t, srv)
	c := newClient(t, srv)
	ctx := context.Background()

	callGenerated(ctx, t, c)
	callHandWritten(ctx, t, c)

	srv.RequireAll(t)
	if got, want := len(srv.Operations()), 115; got != want {
		t.Errorf("operations in the spec = %d, want %d", got, want)
	}
}
