package sandbox_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsaccounting"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// cbAccountingClient returns an Accounting client on a fresh sandbox with its API key.
func cbAccountingClient(t *testing.T) (*cloudbedsaccounting.ClientWithResponses, string) {
	t.Helper()
	sb, root := start(t, sandbox.Options{})
	c, err := cloudbedsaccounting.New(hospitality.ConnectCloudbedsAccounting(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsAccountingAPIPath,
	}))
	if err != nil {
		t.Fatalf("ConnectCloudbedsAccounting: %v", err)
	}
	return c, root
}

// cbReservation filters the transactions of the seeded reservation.
func cbReservation(t *testing.T) cloudbedsaccounting.Filters {
	t.Helper()
	var f cloudbedsaccounting.Filters
	var v cloudbedsaccounting.AnyValue = "4417001"
	if err := f.FromFieldFilter(cloudbedsaccounting.FieldFilter{Field: "sourceId", Operator: cloudbedsaccounting.Equals, Value: &v}); err != nil {
		t.Fatal(err)
	}
	return f
}

const cbAccountingProperty = 172938

func TestCloudbedsAccountingTransactions(t *testing.T) {
	c, _ := cbAccountingClient(t)
	ctx := context.Background()
	p := &cloudbedsaccounting.ListTransactionsParams{PropertyID: cbAccountingProperty}
	list := func() []string {
		t.Helper()
		var ids []string
		token := ""
		for range 10 {
			body := cloudbedsaccounting.ListTransactionsJSONRequestBody{Filters: cbReservation(t), Limit: 2}
			if token != "" {
				body.PageToken = &token
			}
			res, err := c.ListTransactionsWithResponse(ctx, p, body)
			if err != nil {
				t.Fatalf("ListTransactions = %v", err)
			}
			for _, tx := range *res.JSON200.Transactions {
				ids = append(ids, *tx.ID)
			}
			if res.JSON200.NextPageToken == nil {
				return ids
			}
			token = *res.JSON200.NextPageToken
		}
		t.Fatal("ListTransactions never ends")
		return nil
	}
	if got, want := strings.Join(list(), ","), "700001,700002,700003"; got != want {
		t.Fatalf("seeded transactions = %s, want %s", got, want)
	}
	if _, err := c.PostChannelCommissionWithResponse(ctx, &cloudbedsaccounting.PostChannelCommissionParams{PropertyID: cbAccountingProperty},
		cloudbedsaccounting.PostChannelCommissionJSONRequestBody{ReservationID: 4417001, GuestID: 88120, ChannelCode: "EXPEDIA", Amount: 12.5}); err != nil {
		t.Fatalf("PostChannelCommission = %v", err)
	}
	vp := &cloudbedsaccounting.VoidChannelCommissionParams{PropertyID: cbAccountingProperty}
	if _, err := c.VoidChannelCommissionWithResponse(ctx, 700003, vp); err != nil {
		t.Fatalf("VoidChannelCommission(700003) = %v", err)
	}
	if got, want := strings.Join(list(), ","), "700001,700002,700003,800001,800002"; got != want {
		t.Errorf("transactions after commission and void = %s, want %s", got, want)
	}
	tests := []struct {
		name string
		id   int64
	}{
		{"twice", 700003},
		{"not a commission", 700001},
		{"unknown", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := c.VoidChannelCommissionWithResponse(ctx, tc.id, vp); err == nil {
				t.Errorf("VoidChannelCommission(%d) = nil error, want one", tc.id)
			}
		})
	}
}

func TestCloudbedsAccountingMoveAndDeleteFolio(t *testing.T) {
	c, _ := cbAccountingClient(t)
	ctx := context.Background()
	dp := &cloudbedsaccounting.DeleteFolioParams{PropertyID: cbAccountingProperty}
	if _, err := c.DeleteFolioWithResponse(ctx, 900102, dp); err == nil {
		t.Fatal("DeleteFolio(900102) with transactions = nil error, want FOLIO_HAS_TRANSACTIONS")
	}
	// Move everything of folio 900102 to 900101; then 900102 is empty and can go.
	if _, err := c.MoveTransactionsWithResponse(ctx, &cloudbedsaccounting.MoveTransactionsParams{PropertyID: cbAccountingProperty},
		cloudbedsaccounting.MoveTransactionsJSONRequestBody{SourceKind: cloudbedsaccounting.SourceKindRESERVATION, SourceID: 4417001,
			SourceFolioID: 900102, TargetFolioID: 900101}); err != nil {
		t.Fatalf("MoveTransactions = %v", err)
	}
	if _, err := c.DeleteFolioWithResponse(ctx, 900102, dp); err != nil {
		t.Fatalf("DeleteFolio(900102) after the move = %v", err)
	}
	res, err := c.ListFolioTransactionsWithResponse(ctx, &cloudbedsaccounting.ListFolioTransactionsParams{PropertyID: cbAccountingProperty},
		cloudbedsaccounting.ListFolioTransactionsJSONRequestBody{SourceID: 4417001, SourceKind: cloudbedsaccounting.SourceKindRESERVATION})
	if err != nil {
		t.Fatalf("ListFolioTransactions = %v", err)
	}
	if g := *res.JSON200.Groups; len(g) != 1 || g["900101"].Transactions == nil || len(*g["900101"].Transactions) != 3 {
		t.Errorf("ListFolioTransactions groups = %+v, want the three transactions in folio 900101", g)
	}
}

// The Accounting API answers failures with its own error body and real status codes.
func TestCloudbedsAccountingErrors(t *testing.T) {
	_, root := cbAccountingClient(t)
	tests := []struct {
		name, property, key string
		status              int
		want                string
	}{
		{"other property", "1", "cbat_sandbox_api_key", http.StatusForbidden, `"errorCode":"ACCESS_DENIED"`},
		{"bad key", "172938", "cbat_wrong", http.StatusUnauthorized, `"error":"access_denied"`},
		{"no property", "", "cbat_sandbox_api_key", http.StatusBadRequest, `"errorCode":"INVALID_REQUEST"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, root+sandbox.CloudbedsAccountingAPIPath+"/accounting/v1.0/settings", nil)
			req.Header.Set("x-api-key", tc.key)
			if tc.property != "" {
				req.Header.Set("X-Property-ID", tc.property)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.status || !strings.Contains(string(b), tc.want) {
				t.Errorf("GET settings = %d %s, want %d with %s", res.StatusCode, b, tc.status, tc.want)
			}
		})
	}
}
