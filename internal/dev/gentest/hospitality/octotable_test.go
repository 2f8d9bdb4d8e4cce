package hospitality_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

func TestNewOctotableConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  hospitality.OctotableConfig
		want string
	}{
		{"missing property", hospitality.OctotableConfig{ClientID: "id", ClientSecret: "s"}, "PropertyID is required"},
		{"negative property", hospitality.OctotableConfig{ClientID: "id", ClientSecret: "s", PropertyID: -1}, "PropertyID is required"},
		{"missing client id", hospitality.OctotableConfig{ClientSecret: "s", PropertyID: 7}, "ClientID"},
		{"missing client secret", hospitality.OctotableConfig{ClientID: "id", PropertyID: 7}, "ClientSecret"},
		{"plain http token url", hospitality.OctotableConfig{ClientID: "id", ClientSecret: "s", PropertyID: 7, TokenURL: "http://auth.example/oauth2/token"}, "https"},
		{"unknown token encoding", hospitality.OctotableConfig{ClientID: "id", ClientSecret: "s", PropertyID: 7, TokenEncoding: 9}, "TokenEncoding"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := octotable.New(hospitality.ConnectOctotable(context.Background(), tc.cfg))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "hospitality: octotable: ") {
				t.Errorf("ConnectOctotable(%+v) error = %v, want one naming %q", tc.cfg, err, tc.want)
			}
		})
	}
}

// The sandbox's token endpoint takes both encodings; with OctotableRejectJSON it refuses JSON, as
// a client tested against the real service found. The default form request works either way,
// with a single token request.
func TestNewOctotableAgainstSandbox(t *testing.T) {
	for _, rejectJSON := range []bool{false, true} {
		t.Run(fmt.Sprintf("rejectJSON=%v", rejectJSON), func(t *testing.T) {
			ctx := context.Background()
			sb, root := startSandbox(t, sandbox.Options{OctotableRejectJSON: rejectJSON})
			c := sb.Credentials()
			client, err := octotable.New(hospitality.ConnectOctotable(ctx, hospitality.OctotableConfig{
				ClientID: c.OctotableClientID, ClientSecret: c.OctotableClientSecret, PropertyID: c.OctotablePropertyID,
				BaseURL: root + sandbox.OctotableAPIPath, AuthBaseURL: root + sandbox.OctotableAuthPath,
			}))
			if err != nil {
				t.Fatalf("ConnectOctotable: %v", err)
			}
			res, err := client.ListRoomsWithResponse(ctx)
			if err != nil {
				t.Fatalf("ListRooms: %v", err)
			}
			if res.JSON200 == nil || len(res.JSON200.Data) == 0 {
				t.Fatalf("ListRooms: no rooms decoded from %s", res.Body)
			}
			if tokens, calls := sb.Stats(); tokens != 1 || calls != 1 {
				t.Errorf("sandbox stats = %d token requests, %d calls; want 1, 1", tokens, calls)
			}
		})
	}
}

// fakeOctotable is a hand-rolled OctoTable: it records what the SDK sends and answers with the
// provider's shapes.
type fakeOctotable struct {
	t      *testing.T
	mu     sync.Mutex
	tokens []string // Content-Type and body of each token request
	calls  []string // "METHOD path?query Authorization Property Content-Type" of each API call
	reject string   // access token the API answers 401 to
	answer func(w http.ResponseWriter, r *http.Request)
}

func (f *fakeOctotable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("Content-Type", "application/json")
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.URL.Path == "/octotable-auth/api/v2/oauth2/token" {
		f.tokens = append(f.tokens, r.Header.Get("Content-Type")+" "+string(body))
		fmt.Fprintf(w, `{"access_token":"octo-%d","expires_in":1440,"type":"Bearer"}`, len(f.tokens))
		return
	}
	f.calls = append(f.calls, fmt.Sprintf("%s %s?%s %s %s %s", r.Method, strings.TrimPrefix(r.URL.Path, "/octotable-pms/api/v2"),
		r.URL.RawQuery, r.Header.Get("Authorization"), r.Header.Get("Property"), r.Header.Get("Content-Type")))
	if f.reject != "" && r.Header.Get("Authorization") == "Bearer "+f.reject {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"success":false,"error":{"code":"UNAUTHORIZED","message":"Token expired.","class_name":"UnauthorizedException"}}`)
		return
	}
	f.answer(w, r)
}

func newFakeOctotable(t *testing.T, answer func(w http.ResponseWriter, r *http.Request), opts ...hospitality.Option) (*fakeOctotable, *octotable.ClientWithResponses) {
	t.Helper()
	f := &fakeOctotable{t: t, answer: answer}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	opts = append([]hospitality.Option{hospitality.WithRetry(transport.RetryPolicy{BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond})}, opts...)
	c, err := octotable.New(hospitality.ConnectOctotable(context.Background(), hospitality.OctotableConfig{
		ClientID: "public_test", ClientSecret: "octo-secret", PropertyID: 999643,
		BaseURL: srv.URL + "/octotable-pms/api/v2", AuthBaseURL: srv.URL + "/octotable-auth/api/v2",
	}, opts...))
	if err != nil {
		t.Fatalf("ConnectOctotable: %v", err)
	}
	return f, c
}

const octoRooms = `{"data":[{"id":18800,"name":"Terrace","property_id":999643,"bookable":true}]}`

// Every PMS call carries the bearer token, the Property header and a JSON Content-Type; the
// token request is form-encoded; a 401 invalidates the token and the call is repeated once with
// a new one.
func TestNewOctotableWire(t *testing.T) {
	ctx := context.Background()
	f, c := newFakeOctotable(t, func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, octoRooms) })
	f.reject = "octo-1"
	res, err := c.ListRoomsWithResponse(ctx)
	if err != nil {
		t.Fatalf("ListRooms: %v", err)
	}
	if got := res.JSON200.Data[0].Name; got != "Terrace" {
		t.Errorf("ListRooms()[0].Name = %q, want Terrace", got)
	}
	wantTokens := []string{
		"application/x-www-form-urlencoded client_id=public_test&client_secret=octo-secret&grant_type=client_credentials",
		"application/x-www-form-urlencoded client_id=public_test&client_secret=octo-secret&grant_type=client_credentials",
	}
	wantCalls := []string{
		"GET /rooms? Bearer octo-1 999643 application/json",
		"GET /rooms? Bearer octo-2 999643 application/json",
	}
	if fmt.Sprint(f.tokens) != fmt.Sprint(wantTokens) {
		t.Errorf("token requests = %q, want %q", f.tokens, wantTokens)
	}
	if fmt.Sprint(f.calls) != fmt.Sprint(wantCalls) {
		t.Errorf("API calls = %q, want %q", f.calls, wantCalls)
	}
}

// OctoTable's error envelope becomes an *APIError carrying its code and message; a malformed
// reservation update is answered with 500 rather than 400, and 429 and 503 are retried.
func TestNewOctotableErrors(t *testing.T) {
	ctx := context.Background()
	update := octotable.ReservationUpdate{Pax: 2, Status: octotable.ReservationStatusConfirmed, Channel: octotable.ChannelAdmin,
		ServiceID: 30280, RoomID: 18800, Customer: octotable.Customer{FirstName: "Adam", LastName: "Devis"}}
	tests := []struct {
		name       string
		fail       []int // statuses answered before the final one
		status     int   // final status
		body       string
		call       func(c *octotable.ClientWithResponses) error
		wantCalls  int
		wantStatus int // 0: success
		wantCode   string
		wantMsg    string
		wantIs     error
	}{
		{
			name: "not found", status: http.StatusNotFound,
			body: `{"success":false,"error":{"code":"RESOURCE_NOT_FOUND","message":"The specified table ID does not exist.","class_name":"ResourceNotFoundException"}}`,
			call: func(c *octotable.ClientWithResponses) error {
				_, err := c.GetTableWithResponse(ctx, 18800, 1)
				return err
			},
			wantCalls: 1, wantStatus: 404, wantCode: "RESOURCE_NOT_FOUND", wantMsg: "The specified table ID does not exist.", wantIs: hospitality.ErrNotFound,
		},
		{
			name: "conflict", status: http.StatusConflict,
			body: `{"success":false,"error":{"code":"CONFLICT","message":"The table is already booked.","class_name":"ConflictException"}}`,
			call: func(c *octotable.ClientWithResponses) error {
				_, err := c.CancelReservationWithResponse(ctx, 1)
				return err
			},
			wantCalls: 1, wantStatus: 409, wantCode: "CONFLICT", wantMsg: "The table is already booked.", wantIs: hospitality.ErrConflict,
		},
		{
			name: "malformed reservation update answers 500", status: http.StatusInternalServerError,
			body: `{"success":false,"error":{"code":"INTERNAL_ERROR","message":"Unexpected failure.","class_name":"NullPointerException"}}`,
			call: func(c *octotable.ClientWithResponses) error {
				// A retry cannot mend a malformed body, so the caller sends it once.
				_, err := c.UpdateReservationWithResponse(transport.WithoutRetry(ctx), 32992280, update)
				return err
			},
			wantCalls: 1, wantStatus: 500, wantCode: "INTERNAL_ERROR", wantMsg: "Unexpected failure.",
		},
		{
			name: "503 then success", fail: []int{http.StatusServiceUnavailable}, status: http.StatusOK, body: octoRooms,
			call: func(c *octotable.ClientWithResponses) error {
				_, err := c.ListRoomsWithResponse(ctx)
				return err
			},
			wantCalls: 2,
		},
		{
			name: "429 then success", fail: []int{http.StatusTooManyRequests}, status: http.StatusOK, body: octoRooms,
			call: func(c *octotable.ClientWithResponses) error {
				_, err := c.ListRoomsWithResponse(ctx)
				return err
			},
			wantCalls: 2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			f, c := newFakeOctotable(t, func(w http.ResponseWriter, _ *http.Request) {
				n++
				if n <= len(tc.fail) {
					w.WriteHeader(tc.fail[n-1])
					fmt.Fprintf(w, `{"success":false,"error":{"code":"BUSY","message":"retry later","class_name":"X"}}`)
					return
				}
				w.WriteHeader(tc.status)
				fmt.Fprint(w, tc.body)
			})
			err := tc.call(c)
			if len(f.calls) != tc.wantCalls {
				t.Errorf("API calls = %d (%q), want %d", len(f.calls), f.calls, tc.wantCalls)
			}
			if tc.wantStatus == 0 {
				if err != nil {
					t.Fatalf("call error = %v, want nil", err)
				}
				return
			}
			var apiErr *hospitality.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("call error = %v, want an *APIError", err)
			}
			if apiErr.Provider != "octotable" || apiErr.StatusCode != tc.wantStatus || apiErr.Code != tc.wantCode || apiErr.Message != tc.wantMsg {
				t.Errorf("APIError = %s %d %q %q, want octotable %d %q %q", apiErr.Provider, apiErr.StatusCode, apiErr.Code, apiErr.Message, tc.wantStatus, tc.wantCode, tc.wantMsg)
			}
			if tc.wantIs != nil && !errors.Is(err, tc.wantIs) {
				t.Errorf("errors.Is(%v, %v) = false, want true", err, tc.wantIs)
			}
			if strings.Contains(err.Error(), "octo-secret") || strings.Contains(err.Error(), "octo-1") {
				t.Errorf("error text %q leaks a credential", err)
			}
		})
	}
}

// Where OctoTable returns the next reservation cursor is not documented. ConnectOctotable's client
// reads it wherever the answer holds it (or as a number) and pages on with it as next_cursor.
func TestNewOctotableCursorTolerance(t *testing.T) {
	const res = `{"id":%d,"pax":2,"status":"CONFIRMED","start_date":"2025-05-15","start_hour":"13:00:00"}`
	tests := []struct {
		name       string
		firstPage  string // JSON object members after "data" on the first page
		wantCursor string // next_cursor the second request sends
	}{
		{name: "top-level string, as the spec says", firstPage: `"next_cursor":"c2"`, wantCursor: "c2"},
		{name: "top-level number", firstPage: `"next_cursor":32992280`, wantCursor: "32992280"},
		{name: "camelCase", firstPage: `"nextCursor":"c2"`, wantCursor: "c2"},
		{name: "plain cursor key", firstPage: `"cursor":"c2"`, wantCursor: "c2"},
		{name: "null next_cursor, cursor in meta", firstPage: `"next_cursor":null,"meta":{"next_cursor":"c2","total":3}`, wantCursor: "c2"},
		{name: "pagination object", firstPage: `"pagination":{"nextCursor":77}`, wantCursor: "77"},
		{name: "paging object", firstPage: `"paging":{"cursor":"c2"}`, wantCursor: "c2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, c := newFakeOctotable(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Query().Get("next_cursor") == "" {
					fmt.Fprintf(w, `{"data":[`+res+`,`+res+`],%s}`, 1, 2, tc.firstPage)
					return
				}
				fmt.Fprintf(w, `{"data":[`+res+`],"meta":{"next_cursor":null}}`, 3)
			})
			var ids []int64
			for r, err := range c.ListReservationsIter(context.Background(), &octotable.ListReservationsParams{}) {
				if err != nil {
					t.Fatalf("ListReservationsIter: %v", err)
				}
				ids = append(ids, r.ID)
			}
			if fmt.Sprint(ids) != "[1 2 3]" {
				t.Errorf("reservation ids = %v, want [1 2 3]", ids)
			}
			wantCalls := []string{
				"GET /reservations? Bearer octo-1 999643 application/json",
				"GET /reservations?next_cursor=" + tc.wantCursor + " Bearer octo-1 999643 application/json",
			}
			if fmt.Sprint(f.calls) != fmt.Sprint(wantCalls) {
				t.Errorf("API calls = %q, want %q", f.calls, wantCalls)
			}
		})
	}
}

// Tokens kept in a shared store are keyed by client and restaurant, since an OctoTable token
// carries a property_id claim.
func TestNewOctotableStoreKeyedByProperty(t *testing.T) {
	store := auth.NewMemoryStore()
	f := &fakeOctotable{t: t, answer: func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, octoRooms) }}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	for _, property := range []int64{1, 2, 1} {
		c, err := octotable.New(hospitality.ConnectOctotable(context.Background(), hospitality.OctotableConfig{
			ClientID: "public_test", ClientSecret: "octo-secret", PropertyID: property, TokenStore: store,
			BaseURL: srv.URL + "/octotable-pms/api/v2", AuthBaseURL: srv.URL + "/octotable-auth/api/v2",
		}))
		if err != nil {
			t.Fatalf("ConnectOctotable: %v", err)
		}
		if _, err := c.ListRoomsWithResponse(context.Background()); err != nil {
			t.Fatalf("ListRooms for property %d: %v", property, err)
		}
	}
	wantCalls := []string{
		"GET /rooms? Bearer octo-1 1 application/json",
		"GET /rooms? Bearer octo-2 2 application/json",
		"GET /rooms? Bearer octo-1 1 application/json",
	}
	if fmt.Sprint(f.calls) != fmt.Sprint(wantCalls) || len(f.tokens) != 2 {
		t.Errorf("API calls = %q after %d token requests, want %q after 2", f.calls, len(f.tokens), wantCalls)
	}
}
