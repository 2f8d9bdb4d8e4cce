package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// cloudbedsEvents are the Cloudbeds webhook events send knows, with the id each carries.
var cloudbedsEvents = map[string]string{
	"reservation/created": "reservationID", "reservation/status_changed": "reservationID",
	"reservation/dates_changed": "reservationID", "reservation/deleted": "reservationID",
	"guest/created": "guestID", "guest/details_changed": "guestID",
	"invoice/created": "invoiceID",
}

// cobotEvents are the Cobot API 1 subscription events send knows, with the resource each points at.
var cobotEvents = map[string]string{
	"created_membership": "memberships", "confirmed_membership": "memberships", "canceled_membership": "memberships",
	"created_booking": "bookings", "updated_booking": "bookings", "deleted_booking": "bookings",
	"created_invoice": "invoices",
}

func newWebhooksCmd(s streams) *cobra.Command {
	w := &cobra.Command{
		Use:   "webhooks",
		Short: "Manage webhook subscriptions, and test a receiver without the provider",
		Long: `webhooks subscribe, list and unsubscribe manage the provider's subscriptions through its API
(Cloudbeds v1.3 postWebhook/getWebhooks/deleteWebhook, Cobot API 1 subscriptions) with the stored
sign-in; webhooks send posts a realistic delivery to a local receiver, with no provider at all.`,
		Example: `  hospitality webhooks subscribe cloudbeds reservation/created --to https://hooks.example.org/cloudbeds
  hospitality webhooks list cobot --json
  hospitality webhooks unsubscribe cloudbeds 5101
  hospitality webhooks send cloudbeds reservation/created --to http://127.0.0.1:3000/hooks/cloudbeds`,
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			c.Help()
			return usageError("webhooks: a subcommand is required")
		},
	}
	var to, id, property string
	send := &cobra.Command{
		Use:   "send <provider> <event> --to <url>",
		Short: "Post a realistic delivery to a local handler",
		Long: `send posts one delivery shaped like the provider's to --to: Cloudbeds' JSON event (version,
event, timestamp, propertyID as an integer and propertyID_str, the event's id), or Cobot's API 1
notification ({"url": the resource's API 1 URL}, the callback of cobot-v1's
createWebhookSubscription). It prints the handler's answer status and fails (exit 1) on anything
but 2xx. Events: cloudbeds ` + strings.Join(sortedKeys(cloudbedsEvents), ", ") + `; cobot ` + strings.Join(sortedKeys(cobotEvents), ", ") + `.`,
		Example: `  hospitality webhooks send cloudbeds reservation/created --to http://127.0.0.1:3000/hooks/cloudbeds
  hospitality webhooks send cobot confirmed_membership --to http://127.0.0.1:3000/hooks/cobot --id 75a3f1a6`,
		Args: exactArgs(2),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			switch {
			case len(args) == 0:
				return []string{"cloudbeds", "cobot"}, cobra.ShellCompDirectiveNoFileComp
			case len(args) == 1 && args[0] == "cloudbeds":
				return sortedKeys(cloudbedsEvents), cobra.ShellCompDirectiveNoFileComp
			case len(args) == 1 && args[0] == "cobot":
				return sortedKeys(cobotEvents), cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			body, err := webhookBody(args[0], args[1], id, property)
			if err != nil {
				return err
			}
			if to == "" {
				return usageError("webhooks send: --to is required")
			}
			if u, err := url.Parse(to); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return usageError("webhooks send: --to %q is not an http(s) URL", to)
			}
			return postWebhook(c.Context(), s, to, body)
		},
	}
	send.Flags().StringVar(&to, "to", "", "the receiver's URL (required)")
	send.Flags().StringVar(&id, "id", "", "the id the event names (default: the sandbox's seeded one)")
	send.Flags().StringVar(&property, "property", sandbox.DefaultCredentials.CloudbedsPropertyID, "cloudbeds: the property id")
	w.AddCommand(send, newSubscribeCmd(s), newListSubscriptionsCmd(s), newUnsubscribeCmd(s))
	return w
}

// webhookBody builds the delivery of event.
func webhookBody(provider, event, id, property string) ([]byte, error) {
	switch provider {
	case "cloudbeds":
		field, ok := cloudbedsEvents[event]
		if !ok {
			return nil, usageError("webhooks send: unknown cloudbeds event %q (known: %s)", event, strings.Join(sortedKeys(cloudbedsEvents), ", "))
		}
		if id == "" {
			id = "9100000001"
		}
		prop := json.Number("0")
		if property != "" {
			prop = json.Number(property)
		}
		now := float64(time.Now().UnixMicro()) / 1e6
		return json.Marshal(map[string]any{"version": "1.0", "event": event, "timestamp": now,
			"propertyID": prop, "propertyID_str": property, field: id})
	case "cobot":
		res, ok := cobotEvents[event]
		if !ok {
			return nil, usageError("webhooks send: unknown cobot event %q (known: %s)", event, strings.Join(sortedKeys(cobotEvents), ", "))
		}
		if id == "" {
			id = cobotMember
		}
		return json.Marshal(map[string]string{"url": "https://" + sandbox.DefaultCredentials.CobotSubdomain + ".cobot.me/api/" + res + "/" + url.PathEscape(id)})
	}
	return nil, usageError("webhooks send: provider %q sends no webhooks (cloudbeds or cobot; Kobas and OctoTable have none)", provider)
}

// postWebhook posts body to the receiver and reports its answer.
func postWebhook(ctx context.Context, s streams, to string, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, to, bytes.NewReader(body))
	if err != nil {
		return usageError("webhooks send: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "hospitality-cli webhooks send")
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("webhooks send: %w", err)
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 1<<20))
	fmt.Fprintf(s.out, "POST %s: %s\n%s\n", to, res.Status, body)
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return &exitError{code: exitAPI, err: fmt.Errorf("webhooks send: the receiver answered %s", res.Status)}
	}
	return nil
}
