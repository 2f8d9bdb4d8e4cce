package cobotv1_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

func newClient(t *testing.T, srv *spectest.Server) *cobotv1.ClientWithResponses {
	t.Helper()
	c, err := cobotv1.NewClientWithResponses(srv.BaseURL(), cobotv1.WithRequestEditorFn(
		spectest.Headers("Authorization", "Bearer test-token-cobot-v1")))
	if err != nil {
		t.Fatalf("NewClientWithResponses: %v", err)
	}
	return c
}

const membershipsJSON = `[{
  "id": 93207605, "name": "Maria Keller", "email": "maria.keller@example.org", "phone": null,
  "user": {"id": "3b2a1c9d", "email": "maria.keller@example.org"},
  "address": {"company": "Keller & Rossi GmbH", "name": "Maria Keller", "full_address": "Kastanienallee 12\n10435 Berlin", "country": "Germany"},
  "billing_emails": ["accounts@keller-rossi.example.org"], "charge_taxes": true, "customer_number": 1042,
  "plan": {"name": "Flex Desk", "price_per_cycle_in_cents": "19000", "price_per_cycle": "190.0", "total_price_per_cycle": 226.1,
           "tax_rate": "19.0", "cycle_duration": 1, "currency": "EUR", "cancellation_period": 30, "canceled_to": null},
  "upcoming_plan": null, "payment_method": {"name": "SEPA direct debit", "automated": true},
  "confirmed_at": "2024/01/02 10:15:00 +0000", "starts_at": "2024/01/02", "canceled_to": null, "next_invoice_at": "2024/06/01"
}]`

// TestContractEveryOperation calls every API 1 operation through the typed client against a server
// that validates requests and answers against specs/cobot-v1.yaml.
func TestContractEveryOperation(t *testing.T) {
	srv := spectest.New(t, specs.CobotV1)
	srv.JSON("getAccessToken", http.StatusOK, `{"scope":["read_memberships","write_subscriptions"]}`)
	srv.Handle("revokeAccessToken", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv.JSON("createSpaceAccessToken", http.StatusCreated, `{"scope":["read_memberships"],"token":"space-owned-token-1","client_id":"7c2a9e41b3d85f60"}`)
	srv.JSON("listMemberships", http.StatusOK, membershipsJSON)
	srv.JSON("getMembership", http.StatusOK, membershipsJSON[1:len(membershipsJSON)-1])
	srv.JSON("listWebhookSubscriptions", http.StatusOK, `[{"id":48213,"event":"created_booking","url":"https://canal-works.cobot.me/api/subscriptions/48213","active":false,"callback_url":"https://hooks.example.org/b"}]`)
	srv.JSON("createWebhookSubscription", http.StatusCreated, `{"id":"48214","event":"confirmed_membership","url":"https://canal-works.cobot.me/api/subscriptions/48214","active":true,"callback_url":"https://hooks.example.org/m"}`)
	srv.Handle("deleteWebhookSubscription", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	c := newClient(t, srv)
	ctx := context.Background()

	t.Run("getAccessToken", func(t *testing.T) {
		res, err := c.GetAccessTokenWithResponse(ctx, "user-token-abc")
		if err != nil || res.JSON200 == nil {
			t.Fatalf("GetAccessToken = %v, %v; want scopes", res, err)
		}
		if got := res.JSON200.Scope; len(got) != 2 || got[1] != "write_subscriptions" {
			t.Errorf("GetAccessToken scope = %v, want [read_memberships write_subscriptions]", got)
		}
		if req, _ := srv.LastRequest("getAccessToken"); req.URL.Path != "/api/access_tokens/user-token-abc" {
			t.Errorf("GetAccessToken path = %q, want /api/access_tokens/user-token-abc", req.URL.Path)
		}
	})
	t.Run("revokeAccessToken", func(t *testing.T) {
		res, err := c.RevokeAccessTokenWithResponse(ctx, "user-token-abc")
		if err != nil || res.StatusCode() != http.StatusNoContent {
			t.Fatalf("RevokeAccessToken = %v, %v; want 204", res, err)
		}
		if req, _ := srv.LastRequest("revokeAccessToken"); req.Method != http.MethodDelete || req.URL.Path != "/api/access_tokens/user-token-abc" {
			t.Errorf("RevokeAccessToken request = %s %s, want DELETE /api/access_tokens/user-token-abc", req.Method, req.URL.Path)
		}
	})
	t.Run("createSpaceAccessToken", func(t *testing.T) {
		res, err := c.CreateSpaceAccessTokenWithResponse(ctx, "user-token-abc", cobotv1.SpaceAccessTokenRequest{SpaceID: "space-9"})
		if err != nil || res.JSON201 == nil {
			t.Fatalf("CreateSpaceAccessToken = %v, %v; want a token", res, err)
		}
		if res.JSON201.Token != "space-owned-token-1" {
			t.Errorf("CreateSpaceAccessToken token = %q, want space-owned-token-1", res.JSON201.Token)
		}
		req, _ := srv.LastRequest("createSpaceAccessToken")
		if req.URL.Path != "/api/access_tokens/user-token-abc/space" {
			t.Errorf("CreateSpaceAccessToken path = %q, want /api/access_tokens/user-token-abc/space", req.URL.Path)
		}
		if got, want := string(req.Body), `{"space_id":"space-9"}`; got != want {
			t.Errorf("CreateSpaceAccessToken body = %s, want %s", got, want)
		}
		if got := req.Header.Get("Content-Type"); got != "application/json" {
			t.Errorf("CreateSpaceAccessToken Content-Type = %q, want application/json", got)
		}
	})
	t.Run("listMemberships", func(t *testing.T) {
		res, err := c.ListMembershipsWithResponse(ctx)
		if err != nil || res.JSON200 == nil || len(*res.JSON200) != 1 {
			t.Fatalf("ListMemberships = %v, %v; want one membership", res, err)
		}
		m := (*res.JSON200)[0]
		tests := []struct {
			name      string
			got, want any
		}{
			{"numeric id", m.ID, wire.String("93207605")},
			{"numeric customer number", m.CustomerNumber, wire.String("1042")},
			{"cents as string", m.Plan.PricePerCycleInCents, wire.Int(19000)},
			{"decimal string", m.Plan.PricePerCycle, wire.Decimal("190.0")},
			{"decimal number", m.Plan.TotalPricePerCycle, wire.Decimal("226.1")},
			{"slash date kept", *m.StartsAt, "2024/01/02"},
			{"null phone", m.Phone == nil, true},
			{"null upcoming plan", m.UpcomingPlan == nil, true},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				if tc.got != tc.want {
					t.Errorf("membership %s = %v, want %v", tc.name, tc.got, tc.want)
				}
			})
		}
	})
	t.Run("getMembership", func(t *testing.T) {
		res, err := c.GetMembershipWithResponse(ctx, "93207605")
		if err != nil || res.JSON200 == nil || res.JSON200.ID != "93207605" {
			t.Fatalf("GetMembership = %v, %v; want id 93207605", res, err)
		}
		if req, _ := srv.LastRequest("getMembership"); req.URL.Path != "/api/memberships/93207605" {
			t.Errorf("GetMembership path = %q, want /api/memberships/93207605", req.URL.Path)
		}
	})
	t.Run("listWebhookSubscriptions", func(t *testing.T) {
		res, err := c.ListWebhookSubscriptionsWithResponse(ctx)
		if err != nil || res.JSON200 == nil || len(*res.JSON200) != 1 {
			t.Fatalf("ListWebhookSubscriptions = %v, %v; want one", res, err)
		}
		if s := (*res.JSON200)[0]; s.ID != "48213" || s.Active == nil || *s.Active {
			t.Errorf("subscription = %+v, want id 48213, inactive", s)
		}
	})
	t.Run("createWebhookSubscription", func(t *testing.T) {
		res, err := c.CreateWebhookSubscriptionWithResponse(ctx, cobotv1.WebhookSubscriptionRequest{Event: "confirmed_membership", CallbackURL: "https://hooks.example.org/m"})
		if err != nil || res.JSON201 == nil || res.JSON201.ID != "48214" {
			t.Fatalf("CreateWebhookSubscription = %v, %v; want id 48214", res, err)
		}
		req, _ := srv.LastRequest("createWebhookSubscription")
		if got, want := string(req.Body), `{"callback_url":"https://hooks.example.org/m","event":"confirmed_membership"}`; got != want {
			t.Errorf("CreateWebhookSubscription body = %s, want %s", got, want)
		}
	})
	t.Run("deleteWebhookSubscription", func(t *testing.T) {
		res, err := c.DeleteWebhookSubscriptionWithResponse(ctx, "48214")
		if err != nil || res.StatusCode() != http.StatusNoContent {
			t.Fatalf("DeleteWebhookSubscription = %v, %v; want 204", res, err)
		}
		if req, _ := srv.LastRequest("deleteWebhookSubscription"); req.Method != http.MethodDelete || req.URL.Path != "/api/subscriptions/48214" {
			t.Errorf("DeleteWebhookSubscription request = %s %s, want DELETE /api/subscriptions/48214", req.Method, req.URL.Path)
		}
	})
	srv.RequireAll(t)
}

func TestWebhookSubscriptionErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		errors string // the errors member, kept raw because it is a list or a map
		typed  func(*cobotv1.CreateWebhookSubscriptionResponse) *cobotv1.ErrorBody
	}{
		{"duplicate", http.StatusConflict, `["callback_url has already been taken"]`,
			func(r *cobotv1.CreateWebhookSubscriptionResponse) *cobotv1.ErrorBody { return r.JSON409 }},
		{"invalid event", http.StatusUnprocessableEntity, `{"event":["is not included in the list"]}`,
			func(r *cobotv1.CreateWebhookSubscriptionResponse) *cobotv1.ErrorBody { return r.JSON422 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.CobotV1)
			srv.Handle("createWebhookSubscription", func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.status)
				io.WriteString(w, `{"errors":`+tc.errors+`}`)
			})
			res, err := newClient(t, srv).CreateWebhookSubscriptionWithResponse(context.Background(),
				cobotv1.WebhookSubscriptionRequest{Event: "created_booking", CallbackURL: "https://hooks.example.org/b"})
			if err != nil {
				t.Fatalf("CreateWebhookSubscription: %v", err)
			}
			body := tc.typed(res)
			if res.StatusCode() != tc.status || body == nil {
				t.Fatalf("CreateWebhookSubscription = %d (typed %v), want %d typed", res.StatusCode(), body, tc.status)
			}
			if got := string(body.Errors); got != tc.errors {
				t.Errorf("CreateWebhookSubscription %d errors = %s, want %s", tc.status, got, tc.errors)
			}
		})
	}
}

// TestWebhookNotification delivers a webhook with the generated callback initiator to a receiver
// that decodes it into WebhookNotification and answers 410 to cancel the subscription.
func TestWebhookNotification(t *testing.T) {
	const url = "https://canal-works.cobot.me/api/memberships/93207605"
	var method, ctype, body string
	var got cobotv1.WebhookNotification
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		method, ctype, body = r.Method, r.Header.Get("Content-Type"), string(b)
		if err := json.Unmarshal(b, &got); err != nil {
			t.Errorf("receiver: json.Unmarshal(%s) = %v", b, err)
		}
		w.WriteHeader(http.StatusGone)
	}))
	t.Cleanup(srv.Close)
	cb, err := cobotv1.NewCallbackInitiator(cobotv1.WithCallbackHTTPClient(srv.Client()))
	if err != nil {
		t.Fatalf("NewCallbackInitiator: %v", err)
	}
	res, err := cb.WebhookNotification(context.Background(), srv.URL+"/hooks/cobot", cobotv1.WebhookNotification{URL: url})
	if err != nil {
		t.Fatalf("WebhookNotification: %v", err)
	}
	res.Body.Close()
	tests := []struct{ name, got, want string }{
		{"method", method, http.MethodPost},
		{"content type", ctype, "application/json"},
		{"body", body, `{"url":"` + url + `"}`},
		{"decoded url", got.URL, url},
		{"status", strconv.Itoa(res.StatusCode), "410"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("webhook %s = %q, want %q", tc.name, tc.got, tc.want)
			}
		})
	}
}
