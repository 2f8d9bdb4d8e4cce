package spectest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
)

func TestRequestLog(t *testing.T) {
	var log spectest.RequestLog
	if got := log.Requests(); len(got) != 0 {
		t.Fatalf("Requests() of a new log = %q, want none", got)
	}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() { log.Add(strconv.Itoa(i)) })
	}
	wg.Wait()
	got := log.Requests()
	slices.Sort(got)
	want := make([]string, 20)
	for i := range want {
		want[i] = strconv.Itoa(i)
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Requests() = %q, want %q", got, want)
	}
	got[0] = "changed"
	if log.Requests()[0] == "changed" {
		t.Error("Requests() returned the log's own slice, want a copy")
	}
}

func TestDrain(t *testing.T) {
	errPage := errors.New("page 2 failed")
	seq := func(yield func(string, error) bool) {
		for _, v := range []struct {
			s   string
			err error
		}{{"r1", nil}, {"r2", nil}, {"", errPage}, {"r7", nil}} {
			if !yield(v.s, v.err) {
				return
			}
		}
	}
	keys, errs := spectest.Drain(seq, func(s string) int { n, _ := strconv.Atoi(s[1:]); return n })
	if want := []int{1, 2, 7}; !slices.Equal(keys, want) {
		t.Errorf("Drain() keys = %v, want %v", keys, want)
	}
	if len(errs) != 1 || errs[0] != errPage {
		t.Errorf("Drain() errs = %v, want [%v]", errs, errPage)
	}
}

func TestSpan(t *testing.T) {
	tests := []struct {
		name     string
		from, to int64
		want     []int64
	}{
		{name: "range", from: 3, to: 6, want: []int64{3, 4, 5, 6}},
		{name: "one", from: 2, to: 2, want: []int64{2}},
		{name: "empty", from: 5, to: 4, want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := spectest.Span(tc.from, tc.to); !slices.Equal(got, tc.want) || (got == nil) != (tc.want == nil) {
				t.Errorf("Span(%d, %d) = %v, want %v", tc.from, tc.to, got, tc.want)
			}
		})
	}
}

func TestFailingDoer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "ok")
	}))
	t.Cleanup(srv.Close)
	errDown := errors.New("network down")
	d := &spectest.FailingDoer{OK: 2, Err: errDown}
	var got []string
	for range 4 {
		req, err := http.NewRequest(http.MethodGet, srv.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := d.Do(req)
		switch {
		case err != nil:
			if !errors.Is(err, errDown) {
				t.Errorf("Do() error = %v, want %v", err, errDown)
			}
			got = append(got, "fail")
		default:
			resp.Body.Close()
			got = append(got, strconv.Itoa(resp.StatusCode))
		}
	}
	if want := []string{"200", "200", "fail", "fail"}; !slices.Equal(got, want) {
		t.Errorf("Do() results = %q, want %q", got, want)
	}
}

func TestHeaders(t *testing.T) {
	kv := []string{"Authorization", "Bearer synthetic-token", "x-kobas-company-id", "1234"}
	edit := spectest.Headers(kv...)
	kv[1] = "changed" // the editor keeps its own copy
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/x", nil)
	req.Header.Set("Authorization", "Basic old")
	if err := edit(context.Background(), req); err != nil {
		t.Fatalf("editor error = %v", err)
	}
	want := http.Header{"Authorization": {"Bearer synthetic-token"}, "X-Kobas-Company-Id": {"1234"}}
	for k, v := range want {
		if got := req.Header.Values(k); !slices.Equal(got, v) {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Headers(odd count) did not panic")
		}
	}()
	//lint:ignore SA5012 the odd count is what is tested
	spectest.Headers("Authorization")
}
