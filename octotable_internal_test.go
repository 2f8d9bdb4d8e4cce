package hospitality

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// A reservation list too large to inspect reaches the caller whole and unchanged.
func TestOctotableCursorLargeBodyPassesWhole(t *testing.T) {
	old := maxCursorBody
	maxCursorBody = 64
	t.Cleanup(func() { maxCursorBody = old })

	body := `{"data":[` + strings.Repeat(`{"id":1},`, 20) + `{"id":2}],"nextCursor":7}`
	var closed bool
	next := func(*http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			Body: closeRecorder{strings.NewReader(body), &closed}}, nil
	}
	req, _ := http.NewRequest(http.MethodGet, "https://api.octotable.test/octotable-pms/api/v2/reservations", nil)
	resp, err := octotableCursor(req, next)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(resp.Body)
	if err != nil || string(got) != body {
		t.Errorf("body = %q, %v; want the %d bytes unchanged", got, err, len(body))
	}
	if closed {
		t.Error("the network body was closed before the caller read it")
	}
	resp.Body.Close()
	if !closed {
		t.Error("closing the response did not close the network body")
	}
}

type closeRecorder struct {
	io.Reader
	closed *bool
}

func (c closeRecorder) Close() error { *c.closed = true; return nil }
