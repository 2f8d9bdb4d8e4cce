package sandbox_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsvault"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

func TestCloudbedsVaultTokenize(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	c, err := cloudbedsvault.New(hospitality.ConnectCloudbedsPaymentsVault(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsVaultAPIPath,
	}))
	if err != nil {
		t.Fatalf("ConnectCloudbedsPaymentsVault: %v", err)
	}
	ctx := context.Background()
	property := sb.Credentials().CloudbedsPropertyID
	card := func(number, cvv, month, year string) cloudbedsvault.Card {
		return cloudbedsvault.Card{CardNumber: number, CVV: cvv, CardholderName: "Ana Silva",
			Expiration: cloudbedsvault.Expiration{Month: month, Year: year}}
	}
	res, err := c.TokenizeCardWithResponse(ctx, &cloudbedsvault.TokenizeCardParams{PropertyID: &property}, card("4111111111111111", "123", "08", "2099"))
	if err != nil || res.JSON200 == nil || len(res.JSON200.ID) != 36 {
		t.Fatalf("TokenizeCard = %v, %v; want a payment method id", res, err)
	}
	if strings.Contains(string(res.Body), "4111") || strings.Contains(string(res.Body), "123") {
		t.Errorf("TokenizeCard answer %s repeats card data", res.Body)
	}

	other := "999"
	tests := []struct {
		name     string
		params   *cloudbedsvault.TokenizeCardParams
		card     cloudbedsvault.Card
		status   int
		wantText string
	}{
		{"not a card number", nil, card("4111111111111112", "123", "08", "2099"), http.StatusBadRequest, "card_number"},
		{"short cvv", nil, card("4111111111111111", "12", "08", "2099"), http.StatusBadRequest, "cvv"},
		{"bad month", nil, card("4111111111111111", "123", "13", "2099"), http.StatusBadRequest, "expiration.month"},
		{"expired", nil, card("4111111111111111", "123", "01", "2001"), http.StatusBadRequest, "expired"},
		{"other property", &cloudbedsvault.TokenizeCardParams{PropertyID: &other}, card("4111111111111111", "123", "08", "2099"), http.StatusForbidden, "999"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.params
			if p == nil {
				p = &cloudbedsvault.TokenizeCardParams{}
			}
			_, err := c.TokenizeCardWithResponse(ctx, p, tc.card)
			var ae *hospitality.APIError
			if !errors.As(err, &ae) || ae.StatusCode != tc.status || !strings.Contains(ae.Message, tc.wantText) {
				t.Fatalf("TokenizeCard = %v, want status %d with %q", err, tc.status, tc.wantText)
			}
			if strings.Contains(err.Error()+string(ae.Body), tc.card.CardNumber) {
				t.Errorf("error %v (body %s) repeats the card number", err, ae.Body)
			}
		})
	}
}

// A validation failure of the spec itself (here a card number that is not a string) must not
// quote card data either.
func TestCloudbedsVaultValidationDoesNotEchoCard(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	body := `{"card_number": 4111111111111111, "cvv": "123", "cardholder_name": "A", "expiration": {"month": "08", "year": "2099"}}`
	got := send(t, http.MethodPost, root+sandbox.CloudbedsVaultAPIPath+"/vault/v1/tokens/card", "application/json", body,
		map[string]string{"Authorization": "Bearer " + sb.Credentials().CloudbedsAPIKey})
	if got.status != http.StatusBadRequest {
		t.Fatalf("status = %d, want 400", got.status)
	}
	if msg, _ := got.body["message"].(string); msg == "" || strings.Contains(msg, "4111111111111111") {
		t.Errorf("message = %q, want one that does not repeat the card number", msg)
	}
}
