package hospitality_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsaccounting"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsfiscal"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsgroups"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsguests"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsinsights"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaybylink"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaymentelement"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedstags"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
)

// sent closes the body of a response a generated Client method returned and passes its error on.
func sent(rsp *http.Response, err error) error {
	if rsp != nil {
		rsp.Body.Close()
	}
	return err
}

// TestRequiredParametersNeverSent pins issue 18's "required Cobot query parameters as zero
// values" (GetSpaceExternalBookingsParams{} sent filter[from]=0001-01-01T00:00:00Z), for every
// API: a required parameter the caller forgot fails in the generated request builder with a
// *hospitality.ParameterError naming it, and no request reaches the server. Zero values that
// the schema allows (an integer id without a minimum, a required offset with minimum 0) and
// parameters that are set still go out.
func TestRequiredParametersNeverSent(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name          string
		call          func() error
		op, param, in string // the error's Operation, Name and In; "" when the request must go out
	}{
		{"cloudbeds query string", func() error {
			c, err := cloudbeds.NewClient(srv.URL)
			must(err)
			return sent(c.DeleteAdjustment(ctx, &cloudbeds.DeleteAdjustmentParams{AdjustmentID: "adj-1"}))
		}, "deleteAdjustment", "reservationID", "query"},
		{"cloudbeds nil params", func() error {
			c, err := cloudbeds.NewClient(srv.URL)
			must(err)
			return sent(c.DeleteAdjustment(ctx, nil))
		}, "deleteAdjustment", "reservationID", "query"},
		{"cloudbeds accounting query date", func() error {
			c, err := cloudbedsaccounting.NewClient(srv.URL)
			must(err)
			return sent(c.GetTrialBalanceReport(ctx, &cloudbedsaccounting.GetTrialBalanceReportParams{PropertyID: 12345}))
		}, "getTrialBalanceReport", "date", "query"},
		{"cloudbeds fiscal header with minimum 1", func() error {
			c, err := cloudbedsfiscal.NewClient(srv.URL)
			must(err)
			return sent(c.GetConfigs(ctx, &cloudbedsfiscal.GetConfigsParams{}))
		}, "getConfigs", "X-Property-ID", "header"},
		{"cloudbeds groups query enum", func() error {
			c, err := cloudbedsgroups.NewClient(srv.URL)
			must(err)
			return sent(c.FindByPersonID(ctx, 7, &cloudbedsgroups.FindByPersonIDParams{}))
		}, "findByPersonId", "personType", "query"},
		{"cloudbeds guests header string", func() error {
			c, err := cloudbedsguests.NewClient(srv.URL)
			must(err)
			return sent(c.ListMerges(ctx, &cloudbedsguests.ListMergesParams{}))
		}, "listMerges", "X-Organization-Id", "header"},
		{"cloudbeds insights query array", func() error {
			c, err := cloudbedsinsights.NewClient(srv.URL)
			must(err)
			return sent(c.ExportReportsAsync(ctx, &cloudbedsinsights.ExportReportsAsyncParams{PropertyID: 12345}))
		}, "exportReportsAsync", "report_ids", "query"},
		{"cloudbeds insights required offset and limit with minimum 0", func() error {
			c, err := cloudbedsinsights.NewClient(srv.URL)
			must(err)
			return sent(c.ListTasks(ctx, &cloudbedsinsights.ListTasksParams{PropertyID: 12345}))
		}, "", "", ""},
		{"cloudbeds pay-by-link header", func() error {
			c, err := cloudbedspaybylink.NewClient(srv.URL)
			must(err)
			return sent(c.CreatePayByLink(ctx, &cloudbedspaybylink.CreatePayByLinkParams{}, cloudbedspaybylink.CreatePayByLinkJSONRequestBody{}))
		}, "createPayByLink", "X-Property-Id", "header"},
		{"cloudbeds payment element path", func() error {
			c, err := cloudbedspaymentelement.NewClient(srv.URL)
			must(err)
			return sent(c.RevokeAPIKey(ctx, ""))
		}, "revokeAPIKey", "identity", "path"},
		{"cloudbeds tags header", func() error {
			c, err := cloudbedstags.NewClient(srv.URL)
			must(err)
			return sent(c.ListAttributes(ctx, &cloudbedstags.ListAttributesParams{}))
		}, "listAttributes", "x-organization-id", "header"},
		{"cloudbeds v2 header", func() error {
			c, err := cloudbedsv2.NewClient(srv.URL)
			must(err)
			return sent(c.GetAddons(ctx, &cloudbedsv2.GetAddonsParams{}))
		}, "getAddons", "x-property-id", "header"},
		{"cobot query date-time", func() error {
			c, err := cobot.NewClient(srv.URL)
			must(err)
			return sent(c.GetSpaceExternalBookings(ctx, "sp-1", &cobot.GetSpaceExternalBookingsParams{FilterTo: day}))
		}, "get-space-external-bookings", "filter[from]", "query"},
		{"cobot path", func() error {
			c, err := cobot.NewClient(srv.URL)
			must(err)
			return sent(c.GetAllocation(ctx, "", nil))
		}, "get-allocation", "id", "path"},
		{"cobot all set", func() error {
			c, err := cobot.NewClient(srv.URL)
			must(err)
			return sent(c.GetSpaceExternalBookings(ctx, "sp-1", &cobot.GetSpaceExternalBookingsParams{FilterFrom: day, FilterTo: day.AddDate(0, 0, 7)}))
		}, "", "", ""},
		{"cobot v1 path", func() error {
			c, err := cobotv1.NewClient(srv.URL)
			must(err)
			return sent(c.RevokeAccessToken(ctx, ""))
		}, "revokeAccessToken", "token", "path"},
		{"kobas integer id without a minimum", func() error {
			c, err := kobas.NewClient(srv.URL)
			must(err)
			return sent(c.GetVenue(ctx, 0, nil))
		}, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := requests.Load()
			err := tc.call()
			n := requests.Load() - before
			if tc.op == "" {
				if err != nil || n != 1 {
					t.Fatalf("call = %v with %d requests, want nil with 1", err, n)
				}
				return
			}
			var pe *hospitality.ParameterError
			if !errors.As(err, &pe) || !errors.Is(err, hospitality.ErrMissingParameter) {
				t.Fatalf("call = %v, want a *ParameterError matching ErrMissingParameter", err)
			}
			if pe.Operation != tc.op || pe.Name != tc.param || pe.In != tc.in {
				t.Errorf("ParameterError = %+v, want {Operation:%s Name:%s In:%s}", *pe, tc.op, tc.param, tc.in)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "wire: ") || !strings.Contains(msg, tc.param) {
				t.Errorf("error = %q, want it to start with \"wire: \" and name %s", msg, tc.param)
			}
			if n != 0 {
				t.Errorf("%d requests reached the server, want none", n)
			}
		})
	}
}
