package contract_test

import (
	"context"
	"slices"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
)

func TestWithObserver(t *testing.T) {
	c := &tinyClient{}
	var before []string
	calls := map[string]contract.Call{}
	var order []string
	_, err := contract.Run(context.Background(), []byte(tinySpec), "/tiny", c, c,
		contract.WithObserver(func(id string) { before = append(before, id) },
			func(call contract.Call) { calls[call.OperationID] = call; order = append(order, call.OperationID) }))
	if err != nil {
		t.Fatalf("Run() error = %v", err)
	}
	if !slices.Equal(before, order) {
		t.Errorf("before saw %q, after %q, want the same operations in the same order", before, order)
	}
	tests := []struct {
		name       string
		op         string
		wantCalled bool
		wantErr    bool
		wantResp   bool
	}{
		{"decoded", "getThing", true, false, true},
		{"answer without its typed field", "getBroken", true, true, true},
		{"no client method", "notInClient", false, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := calls[tc.op]
			if !ok {
				t.Fatalf("after was not called for %s", tc.op)
			}
			if got.Called != tc.wantCalled || (got.Err != nil) != tc.wantErr || (got.Response != nil) != tc.wantResp {
				t.Errorf("Call for %s = {Called %v, Err %v, Response %T}, want Called %v, error %v, response %v",
					tc.op, got.Called, got.Err, got.Response, tc.wantCalled, tc.wantErr, tc.wantResp)
			}
		})
	}
}

func TestWithIsolatedCalls(t *testing.T) {
	c := &tinyClient{}
	if _, err := contract.Run(context.Background(), []byte(tinySpec), "/tiny", c, c, contract.WithIsolatedCalls()); err != nil {
		t.Fatalf("Run() error = %v", err)
	}
	for _, cl := range c.calls {
		// Without isolation getThing gets 42, the id create-thing answered with (see TestRun).
		if cl.op == "getThing" && (len(cl.args) != 1 || cl.args[0] != 7) {
			t.Errorf("getThing called with %v, want the document's example 7", cl.args)
		}
	}
}
