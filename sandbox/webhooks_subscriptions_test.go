package sandbox_test

import (
	"context"
	"errors"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// webhookClient returns a v1.3 client on a fresh sandbox, signed in with its API key.
func webhookClient(t *testing.T) (*cloudbeds.ClientWithResponses, *sandbox.Server) {
	t.Helper()
	sb := sandbox.Start(t, sandbox.Options{})
	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: sb.URL() + sandbox.CloudbedsAPIPath,
	}, hospitality.WithRateLimit(transport.RateLimit{Disabled: true})))
	if err != nil {
		t.Fatalf("ConnectCloudbeds: %v", err)
	}
	return c, sb
}

func TestCloudbedsWebhookSubscriptions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, sb := webhookClient(t)
	prop := sb.Credentials().CloudbedsPropertyID

	list := func() []cloudbeds.GetWebhooksItem {
		t.Helper()
		res, err := c.GetWebhooksWithResponse(ctx, &cloudbeds.GetWebhooksParams{})
		if err != nil {
			t.Fatalf("GetWebhooks: %v", err)
		}
		if res.JSON200 == nil || !bool(res.JSON200.Success) || int(res.JSON200.Total) != len(res.JSON200.Data) {
			t.Fatalf("GetWebhooks = %s, want success with total = len(data)", res.Body)
		}
		return res.JSON200.Data
	}
	if got := list(); len(got) != 0 {
		t.Fatalf("GetWebhooks on a new sandbox = %d subscriptions, want 0", len(got))
	}

	var ids []string
	for _, f := range []cloudbeds.PostWebhookForm{
		{Object: "reservation", Action: "created", EndpointURL: "https://hooks.example.org/cb/reservations"},
		{Object: "guest", Action: "details_changed", EndpointURL: "https://hooks.example.org/cb/guests", PropertyID: &prop},
	} {
		res, err := c.PostWebhookWithFormdataBodyWithResponse(ctx, f)
		if err != nil {
			t.Fatalf("PostWebhook(%s/%s): %v", f.Object, f.Action, err)
		}
		if res.JSON200 == nil || res.JSON200.Data.SubscriptionID == "" {
			t.Fatalf("PostWebhook(%s/%s) = %s, want a subscriptionID", f.Object, f.Action, res.Body)
		}
		ids = append(ids, string(res.JSON200.Data.SubscriptionID))
	}
	got := list()
	if len(got) != 2 {
		t.Fatalf("GetWebhooks after two subscriptions = %d, want 2", len(got))
	}
	first := got[0]
	if string(first.ID) != ids[0] || first.Event.Entity != "reservation" || first.Event.Action != "created" ||
		first.SubscriptionData.Endpoint != "https://hooks.example.org/cb/reservations" ||
		first.Key.Type != "property" || string(first.Key.ID) != prop {
		t.Errorf("GetWebhooks[0] = %+v, want reservation/created to its endpoint for property %s", first, prop)
	}

	if _, err := c.DeleteWebhookWithResponse(ctx, &cloudbeds.DeleteWebhookParams{SubscriptionID: ids[0], PropertyIDs: &prop}); err != nil {
		t.Fatalf("DeleteWebhook(%s): %v", ids[0], err)
	}
	if got := list(); len(got) != 1 || string(got[0].ID) != ids[1] {
		t.Errorf("GetWebhooks after DeleteWebhook = %+v, want only %s", got, ids[1])
	}

	tests := []struct {
		name string
		call func() error
		want error
	}{
		{"delete an unknown subscription", func() error {
			_, err := c.DeleteWebhookWithResponse(ctx, &cloudbeds.DeleteWebhookParams{SubscriptionID: ids[0]})
			return err
		}, hospitality.ErrNotFound},
		{"endpoint that is not a URL", func() error {
			_, err := c.PostWebhookWithFormdataBodyWithResponse(ctx, cloudbeds.PostWebhookForm{Object: "reservation", Action: "created", EndpointURL: "hooks"})
			return err
		}, hospitality.ErrValidation},
		{"another property", func() error {
			other := "1"
			_, err := c.GetWebhooksWithResponse(ctx, &cloudbeds.GetWebhooksParams{PropertyID: &other})
			return err
		}, hospitality.ErrForbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, tc.want) {
				t.Errorf("error = %v, want %v", err, tc.want)
			}
		})
	}
}
