package hospitality_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// recorder answers every request with {"success":true} and keeps the form or JSON bodies.
type recorder struct {
	mu     sync.Mutex
	bodies []string
	srv    *httptest.Server
}

func newRecorder(t *testing.T) *recorder {
	t.Helper()
	r := &recorder{}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.bodies = append(r.bodies, string(b))
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(req.URL.Path, "/item/v1/items") {
			w.WriteHeader(http.StatusCreated)
			_, _ = io.WriteString(w, `{"data":[]}`)
			return
		}
		_, _ = io.WriteString(w, `{"success":true}`)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *recorder) received() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.bodies...)
}

// Cloudbeds v1 form bodies write booleans as 1/0 and date-times as "YYYY-MM-DD HH:MM:SS" unless
// the call asks for the forms the upstream document declares (true/false, RFC 3339).
func TestCloudbedsFormBodiesPerCall(t *testing.T) {
	rec := newRecorder(t)
	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(context.Background(), hospitality.CloudbedsConfig{APIKey: "cbat_test_key", BaseURL: rec.srv.URL + "/api/v1.3"}))
	if err != nil {
		t.Fatal(err)
	}
	deposit := true
	payment := cloudbeds.PostPaymentFormdataRequestBody{Amount: 50, Type: "cash", ReservationID: ptr("8829301744"), IsDeposit: &deposit}
	created := wire.SQLDateTime{Time: time.Date(2025, 6, 12, 14, 5, 0, 0, time.UTC)}
	note := cloudbeds.PostReservationNoteFormdataRequestBody{ReservationID: "8829301744", ReservationNote: "late arrival", DateCreated: created}
	tests := []struct {
		name        string
		ctx         context.Context
		deposit, at string
	}{
		{"defaults", context.Background(), "1", "2025-06-12 14:05:00"},
		{"booleans as words", hospitality.WithFormBooleans(context.Background(), hospitality.FormBooleansWords), "true", "2025-06-12 14:05:00"},
		{"date-times in RFC 3339", hospitality.WithFormDateTimes(context.Background(), hospitality.FormDateTimesRFC3339), "1", "2025-06-12T14:05:00Z"},
		{"both, then back to the defaults", hospitality.WithFormDateTimes(hospitality.WithFormBooleans(
			hospitality.WithFormDateTimes(hospitality.WithFormBooleans(context.Background(), hospitality.FormBooleansWords), hospitality.FormDateTimesRFC3339),
			hospitality.FormBooleansNumeric), hospitality.FormDateTimesSQL), "1", "2025-06-12 14:05:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := c.PostPaymentWithFormdataBodyWithResponse(tc.ctx, payment); err != nil {
				t.Fatalf("PostPayment: %v", err)
			}
			if _, err := c.PostReservationNoteWithFormdataBodyWithResponse(tc.ctx, note); err != nil {
				t.Fatalf("PostReservationNote: %v", err)
			}
			got := rec.received()
			pay, _ := url.ParseQuery(got[len(got)-2])
			nt, _ := url.ParseQuery(got[len(got)-1])
			if v := pay.Get("isDeposit"); v != tc.deposit {
				t.Errorf("postPayment isDeposit = %q, want %q (body %s)", v, tc.deposit, got[len(got)-2])
			}
			if v := nt.Get("dateCreated"); v != tc.at {
				t.Errorf("postReservationNote dateCreated = %q, want %q (body %s)", v, tc.at, got[len(got)-1])
			}
			if v := pay.Get("amount"); v != "50" {
				t.Errorf("postPayment amount = %q, want 50: the options touch booleans and date-times only", v)
			}
		})
	}
}

// createItems needs exactly one of reservationId, houseAccountId and groupCode; a body with none
// or several fails before anything is sent.
func TestCloudbedsV2CreateItemsTarget(t *testing.T) {
	rec := newRecorder(t)
	c, err := cloudbedsv2.New(hospitality.ConnectCloudbedsV2(context.Background(), hospitality.CloudbedsConfig{APIKey: "cbat_test_key", BaseURL: rec.srv.URL}))
	if err != nil {
		t.Fatal(err)
	}
	items := []cloudbedsv2.ItemInput{{ItemID: "it-1", ItemQuantity: 1}}
	tests := []struct {
		name    string
		body    cloudbedsv2.CreateItemsJSONRequestBody
		wantErr string // "" when the request must be sent
	}{
		{"reservation", cloudbedsv2.CreateItemsJSONRequestBody{ReservationID: ptr("8829301744"), Items: items}, ""},
		{"house account", cloudbedsv2.CreateItemsJSONRequestBody{HouseAccountID: ptr("55"), Items: items}, ""},
		{"group", cloudbedsv2.CreateItemsJSONRequestBody{GroupCode: ptr("GRP2025"), Items: items}, ""},
		{"none", cloudbedsv2.CreateItemsJSONRequestBody{Items: items}, "none is set"},
		{"two", cloudbedsv2.CreateItemsJSONRequestBody{ReservationID: ptr("8829301744"), GroupCode: ptr("GRP2025"), Items: items}, "reservationId and groupCode are set"},
		{"three", cloudbedsv2.CreateItemsJSONRequestBody{ReservationID: ptr("1"), HouseAccountID: ptr("2"), GroupCode: ptr("3"), Items: items}, "reservationId, houseAccountId and groupCode are set"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(rec.received())
			r, err := c.CreateItemsWithResponse(context.Background(), &cloudbedsv2.CreateItemsParams{PropertyIDs: "172938"}, tc.body)
			sent := len(rec.received()) - before
			if tc.wantErr == "" {
				if err != nil || sent != 1 || r.JSON201 == nil {
					t.Fatalf("CreateItems = %v, %v with %d requests sent, want the answer of one request", r, err, sent)
				}
				return
			}
			if err == nil || !errors.Is(err, hospitality.ErrValidation) {
				t.Fatalf("CreateItems error = %v, want one matching ErrValidation", err)
			}
			for _, want := range []string{"createItems", "exactly one of reservationId, houseAccountId or groupCode", tc.wantErr} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("CreateItems error = %q, want it to name %q", err, want)
				}
			}
			if sent != 0 {
				t.Errorf("CreateItems sent %d requests, want none", sent)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
