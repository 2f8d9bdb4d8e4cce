package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
)

// subscriptionProviders are the providers with an API for webhook subscriptions: Cloudbeds
// v1.3 (postWebhook, getWebhooks, deleteWebhook) and Cobot API 1 (/api/subscriptions).
var subscriptionProviders = []string{"cloudbeds", "cobot"}

// subscriptionOptions are the flags of subscribe, list and unsubscribe.
type subscriptionOptions struct {
	to           string
	property     string
	sandbox      bool
	json         bool
	allowUnknown bool
}

// subscription is one webhook subscription as the commands print it, the same for every
// provider: Active and URL are Cobot's, PropertyID is Cloudbeds'.
type subscription struct {
	ID          string `json:"id"`
	Event       string `json:"event"`
	CallbackURL string `json:"callback_url"`
	Active      *bool  `json:"active,omitempty"`
	PropertyID  string `json:"property_id,omitempty"`
	URL         string `json:"url,omitempty"`
}

// subscriber is one provider's subscription API, called through its generated client.
type subscriber interface {
	subscribe(ctx context.Context, event, callback string) (*subscription, error)
	list(ctx context.Context) ([]subscription, error)
	unsubscribe(ctx context.Context, id string) error
}

const subscriptionsLong = `Webhook subscriptions are managed through the provider's own API, with the stored sign-in (see
"hospitality login") and the same transport as "hospitality api": token refresh, rate limits,
retries and redaction.

  cloudbeds  PMS API v1.3 postWebhook, getWebhooks, deleteWebhook; events are object/action
             pairs. No scope is needed to subscribe, but deliveries need the watched object's
             read scope (reservation/created needs read:reservation).
  cobot      API 1 subscriptions on the space's host; the sign-in needs the read_subscriptions
             and write_subscriptions scopes (hospitality login cobot --scopes ...), and the user
             must be an admin of the space.

Kobas and OctoTable have no webhooks.`

const subscriptionsExitCodes = `

Output is a table; --json prints JSON instead. Exit codes: 0 success, 1 the provider refused (or
the network failed), 2 usage error (checked before anything is sent), 3 sign-in needed.`

func newSubscribeCmd(s streams) *cobra.Command {
	var o subscriptionOptions
	c := &cobra.Command{
		Use:   "subscribe <provider> <event> --to <url>",
		Short: "Subscribe a callback URL to a provider's webhook event",
		Long: `subscribe asks the provider to POST event's deliveries to --to, and prints the new subscription.

` + subscriptionsLong + `

The callback URL must be an absolute https URL (http only for loopback hosts, which only a
sandbox can reach) without user info or fragment. The event is checked before sending:
Cloudbeds events are object/action, Cobot events snake_case names, and both must be in the
command's catalogue unless --allow-unknown-event is given (both providers add events over time).
Known events:
  cloudbeds
` + wrapList(cloudbedsSubscriptionEvents, 100, "    ") + `
  cobot
` + wrapList(cobotSubscriptionEvents, 100, "    ") + subscriptionsExitCodes,
		Example: `  hospitality webhooks subscribe cloudbeds reservation/created --to https://hooks.example.org/cloudbeds
  hospitality webhooks subscribe cobot confirmed_membership --to https://hooks.example.org/cobot --json
  hospitality webhooks subscribe cloudbeds reservation/created --to http://127.0.0.1:3000/hooks --sandbox`,
		Args:              exactArgs(2),
		ValidArgsFunction: completeSubscription(true),
		RunE: func(c *cobra.Command, args []string) error {
			const cmd = "webhooks subscribe"
			if err := checkSubscriptionProvider(cmd, args[0], o); err != nil {
				return err
			}
			if err := checkEvent(cmd, args[0], args[1], o.allowUnknown); err != nil {
				return err
			}
			if o.to == "" {
				return usageError("%s: --to is required: the callback URL the provider posts deliveries to", cmd)
			}
			if err := checkCallbackURL(cmd, o.to); err != nil {
				return err
			}
			return withSubscriber(c.Context(), s, cmd, args[0], o, func(ctx context.Context, sub subscriber, e *env) error {
				if !e.sandboxed() && isLoopbackURL(o.to) {
					fmt.Fprintf(s.err, "note: %s delivers from its own servers and cannot reach %s; expose the receiver on a public https URL\n", titles[args[0]], o.to)
				}
				got, err := sub.subscribe(ctx, args[1], o.to)
				if err != nil {
					return err
				}
				return printSubscriptions(s.out, args[0], []subscription{*got}, o.json, true)
			})
		},
	}
	f := c.Flags()
	f.StringVar(&o.to, "to", "", "the callback URL deliveries are posted to (required)")
	f.BoolVar(&o.allowUnknown, "allow-unknown-event", false, "send an event name the command's catalogue does not know")
	subscriptionFlags(c, &o)
	return c
}

func newListSubscriptionsCmd(s streams) *cobra.Command {
	var o subscriptionOptions
	c := &cobra.Command{
		Use:   "list <provider>",
		Short: "List a provider's webhook subscriptions",
		Long: `list prints the webhook subscriptions the provider holds for this sign-in: Cloudbeds' for the
property, Cobot's for the user and app in the space.

` + subscriptionsLong + subscriptionsExitCodes,
		Example: `  hospitality webhooks list cloudbeds
  hospitality webhooks list cobot --json`,
		Args:              exactArgs(1),
		ValidArgsFunction: completeSubscription(false),
		RunE: func(c *cobra.Command, args []string) error {
			const cmd = "webhooks list"
			if err := checkSubscriptionProvider(cmd, args[0], o); err != nil {
				return err
			}
			return withSubscriber(c.Context(), s, cmd, args[0], o, func(ctx context.Context, sub subscriber, _ *env) error {
				got, err := sub.list(ctx)
				if err != nil {
					return err
				}
				return printSubscriptions(s.out, args[0], got, o.json, false)
			})
		},
	}
	subscriptionFlags(c, &o)
	return c
}

func newUnsubscribeCmd(s streams) *cobra.Command {
	var o subscriptionOptions
	c := &cobra.Command{
		Use:   "unsubscribe <provider> <subscription-id>",
		Short: "Delete one of a provider's webhook subscriptions",
		Long: `unsubscribe deletes the subscription with the id subscribe printed (or list shows). An id the
provider does not know is an API error (exit code 1).

` + subscriptionsLong + subscriptionsExitCodes,
		Example: `  hospitality webhooks unsubscribe cloudbeds 5101
  hospitality webhooks unsubscribe cobot 48214 --json`,
		Args:              exactArgs(2),
		ValidArgsFunction: completeSubscription(false),
		RunE: func(c *cobra.Command, args []string) error {
			const cmd = "webhooks unsubscribe"
			if err := checkSubscriptionProvider(cmd, args[0], o); err != nil {
				return err
			}
			id := strings.TrimSpace(args[1])
			if id == "" || strings.ContainsAny(id, "/?#") {
				return usageError("%s: %q is not a subscription id (see hospitality webhooks list %s)", cmd, args[1], args[0])
			}
			return withSubscriber(c.Context(), s, cmd, args[0], o, func(ctx context.Context, sub subscriber, _ *env) error {
				if err := sub.unsubscribe(ctx, id); err != nil {
					return err
				}
				if o.json {
					return writeJSONTo(s.out, map[string]any{"id": id, "unsubscribed": true})
				}
				fmt.Fprintf(s.out, "Unsubscribed %s from %s.\n", id, titles[args[0]])
				return nil
			})
		},
	}
	subscriptionFlags(c, &o)
	return c
}

// subscriptionFlags adds the flags all three commands share.
func subscriptionFlags(c *cobra.Command, o *subscriptionOptions) {
	f := c.Flags()
	f.StringVar(&o.property, "property", "", "cloudbeds: the property id (default: the one signed in to)")
	f.BoolVar(&o.sandbox, "sandbox", false, "use the sandbox sign-in (the default when only a sandbox sign-in exists)")
	f.BoolVar(&o.json, "json", false, "print JSON instead of a table")
}

// completeSubscription completes the provider and, for subscribe, the event names.
func completeSubscription(events bool) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		switch {
		case len(args) == 0:
			return subscriptionProviders, cobra.ShellCompDirectiveNoFileComp
		case len(args) == 1 && events && slices.Contains(subscriptionProviders, args[0]):
			return subscriptionEvents(args[0]), cobra.ShellCompDirectiveNoFileComp
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
}

// checkSubscriptionProvider validates the provider argument and the flags that depend on it.
func checkSubscriptionProvider(cmd, provider string, o subscriptionOptions) error {
	switch {
	case provider == "kobas" || provider == "octotable":
		return usageError("%s: %s has no webhooks to subscribe to (want cloudbeds or cobot)", cmd, titles[provider])
	case !slices.Contains(subscriptionProviders, provider):
		return usageError("%s: unknown provider %q (want cloudbeds or cobot)", cmd, provider)
	case provider == "cobot" && o.property != "":
		return usageError("%s: --property is for cloudbeds; Cobot subscriptions belong to the signed-in space", cmd)
	case o.property != "":
		if _, err := strconv.ParseUint(o.property, 10, 64); err != nil {
			return usageError("%s: --property %q is not a Cloudbeds property id (digits)", cmd, o.property)
		}
	}
	return nil
}

// checkCallbackURL applies the SDK's URL rule ([auth.CheckURL]: https, or http for a loopback
// host) to a callback URL, and refuses user info (a password the tables would print) and
// fragments (never sent).
func checkCallbackURL(cmd, raw string) error {
	var ce *auth.ConfigError
	if err := auth.CheckURL("webhooks", "--to", raw); errors.As(err, &ce) {
		return usageError("%s: --to %q %s", cmd, redactUserinfo(raw), ce.Problem)
	} else if err != nil {
		return usageError("%s: --to %q is not a valid URL", cmd, redactUserinfo(raw))
	}
	u, _ := url.Parse(raw) // auth.CheckURL parsed it
	switch {
	case u.User != nil:
		return usageError("%s: --to %q must not contain user info; put a credential the receiver checks in the path or query instead", cmd, redactUserinfo(raw))
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return usageError("%s: --to %q must not have a fragment", cmd, raw)
	}
	return nil
}

// redactUserinfo hides the user info of a URL for error messages.
func redactUserinfo(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		u.User = url.User("xxxxx")
		return u.String()
	}
	return raw
}

// isLoopbackURL reports whether raw names a loopback host.
func isLoopbackURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && auth.CheckURL("webhooks", "--to", "http://"+u.Host) == nil
}

// withSubscriber connects to provider's subscription API with the stored sign-in, runs fn and
// maps its error to the command's exit code.
func withSubscriber(ctx context.Context, s streams, cmd, provider string, o subscriptionOptions, fn func(context.Context, subscriber, *env) error) error {
	name := "cloudbeds"
	if provider == "cobot" {
		name = "cobot-v1"
	}
	a, err := lookupAPI(name)
	if err != nil {
		return err
	}
	c, err := connect(ctx, s, a, o.sandbox)
	if err != nil {
		return subscriptionFailure(cmd, provider, err)
	}
	defer c.env.close()
	var sub subscriber
	switch provider {
	case "cloudbeds":
		opts := []cloudbeds.ClientOption{cloudbeds.WithHTTPClient(c.doer)}
		for _, e := range c.editors {
			opts = append(opts, cloudbeds.WithRequestEditorFn(e))
		}
		cl, err := cloudbeds.NewClientWithResponses(c.server, opts...)
		if err != nil {
			return err
		}
		sub = &cloudbedsSubscriber{c: cl, property: o.property, signedIn: signedInProperty(o.sandbox)}
	default:
		opts := []cobotv1.ClientOption{cobotv1.WithHTTPClient(c.doer)}
		for _, e := range c.editors {
			opts = append(opts, cobotv1.WithRequestEditorFn(e))
		}
		cl, err := cobotv1.NewClientWithResponses(c.server, opts...)
		if err != nil {
			return err
		}
		sub = &cobotSubscriber{c: cl}
	}
	if err := fn(ctx, sub, c.env); err != nil {
		return subscriptionFailure(cmd, provider, err)
	}
	return nil
}

// subscriptionFailure returns err with its exit code: 3 when signing in again is needed, the
// usage and auth errors of connect as they are, 1 for everything the provider refused.
func subscriptionFailure(cmd, provider string, err error) error {
	var ee *exitError
	var te *auth.TokenError
	switch {
	case errors.As(err, &ee):
		return err
	case errors.Is(err, hospitality.ErrUnauthorized), errors.Is(err, hospitality.ErrConsentRequired),
		errors.As(err, &te), errors.Is(err, auth.ErrCloudbedsAuthorizationRequired):
		return &exitError{code: exitAuth, err: fmt.Errorf("%s: %w (sign in again: hospitality login %s)", cmd, err, provider)}
	case provider == "cobot" && errors.Is(err, hospitality.ErrForbidden):
		return &exitError{code: exitAPI, err: fmt.Errorf("%s: %w (Cobot subscriptions need the read_subscriptions and write_subscriptions scopes and a space admin: hospitality login cobot --scopes %s,read_subscriptions,write_subscriptions)",
			cmd, err, strings.Join(cobotDefaultScopes, ","))}
	}
	return &exitError{code: exitAPI, err: fmt.Errorf("%s: %w", cmd, err)}
}

// printSubscriptions prints subs as a table, or as JSON (one object when one is true).
func printSubscriptions(w io.Writer, provider string, subs []subscription, asJSON, one bool) error {
	if asJSON {
		if one {
			return writeJSONTo(w, subs[0])
		}
		if subs == nil {
			subs = []subscription{}
		}
		return writeJSONTo(w, subs)
	}
	if len(subs) == 0 {
		fmt.Fprintf(w, "No webhook subscriptions on %s.\n", titles[provider])
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if provider == "cobot" {
		fmt.Fprintln(tw, "ID\tEVENT\tCALLBACK URL\tACTIVE")
		for _, sub := range subs {
			active := "yes"
			if sub.Active != nil && !*sub.Active {
				active = "no"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", sub.ID, sub.Event, sub.CallbackURL, active)
		}
	} else {
		fmt.Fprintln(tw, "ID\tEVENT\tCALLBACK URL\tPROPERTY")
		for _, sub := range subs {
			prop := sub.PropertyID
			if prop == "" {
				prop = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", sub.ID, sub.Event, sub.CallbackURL, prop)
		}
	}
	return tw.Flush()
}

// writeJSONTo writes v as indented JSON.
func writeJSONTo(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// cloudbedsSubscriber manages Cloudbeds v1.3 subscriptions. property, when set, is sent as the
// operations' propertyID (propertyIDs for deleteWebhook); otherwise the sign-in's X-PROPERTY-ID
// header selects signedIn, the property the Cloudbeds sign-in is for ("" when it covers several).
type cloudbedsSubscriber struct {
	c                  *cloudbeds.ClientWithResponses
	property, signedIn string
}

// signedInProperty returns the property of the stored Cloudbeds sign-in: the one login was
// given, else the only property the consent covers; "" when that is not one property.
func signedInProperty(useSandbox bool) string {
	_, p, err := findProfile("cloudbeds", useSandbox)
	if err != nil {
		return ""
	}
	if p.PropertyID != "" {
		return p.PropertyID
	}
	var props []string
	for _, r := range p.Resources {
		if id, ok := strings.CutPrefix(r, "property "); ok {
			props = append(props, id)
		}
	}
	if len(props) == 1 {
		return props[0]
	}
	return ""
}

func (cs *cloudbedsSubscriber) propertyParam() *string {
	if cs.property == "" {
		return nil
	}
	return &cs.property
}

func (cs *cloudbedsSubscriber) subscribe(ctx context.Context, event, callback string) (*subscription, error) {
	object, action, _ := strings.Cut(event, "/")
	res, err := cs.c.PostWebhookWithFormdataBodyWithResponse(ctx, cloudbeds.PostWebhookForm{
		Object: object, Action: action, EndpointURL: callback, PropertyID: cs.propertyParam()})
	if err != nil {
		return nil, err
	}
	if res.JSON200 == nil || res.JSON200.Data.SubscriptionID == "" {
		return nil, fmt.Errorf("cloudbeds answered postWebhook (%s) without a subscriptionID", res.Status())
	}
	prop := cs.property
	if prop == "" {
		prop = cs.signedIn
	}
	return &subscription{ID: string(res.JSON200.Data.SubscriptionID), Event: event, CallbackURL: callback, PropertyID: prop}, nil
}

func (cs *cloudbedsSubscriber) list(ctx context.Context) ([]subscription, error) {
	res, err := cs.c.GetWebhooksWithResponse(ctx, &cloudbeds.GetWebhooksParams{PropertyID: cs.propertyParam()})
	if err != nil {
		return nil, err
	}
	if res.JSON200 == nil {
		return nil, fmt.Errorf("cloudbeds answered getWebhooks (%s) without a list", res.Status())
	}
	var out []subscription
	for _, it := range res.JSON200.Data {
		sub := subscription{ID: string(it.ID), Event: it.Event.Entity + "/" + it.Event.Action, CallbackURL: it.SubscriptionData.Endpoint}
		if it.Key.Type == "property" {
			sub.PropertyID = string(it.Key.ID)
		}
		out = append(out, sub)
	}
	return out, nil
}

func (cs *cloudbedsSubscriber) unsubscribe(ctx context.Context, id string) error {
	_, err := cs.c.DeleteWebhookWithResponse(ctx, &cloudbeds.DeleteWebhookParams{SubscriptionID: id, PropertyIDs: cs.propertyParam()})
	return err
}

// cobotSubscriber manages Cobot API 1 subscriptions of the signed-in space.
type cobotSubscriber struct {
	c *cobotv1.ClientWithResponses
}

func cobotSubscription(in cobotv1.WebhookSubscription) subscription {
	out := subscription{ID: string(in.ID), Event: in.Event, CallbackURL: in.CallbackURL, Active: in.Active}
	if in.URL != nil {
		out.URL = *in.URL
	}
	return out
}

func (cs *cobotSubscriber) subscribe(ctx context.Context, event, callback string) (*subscription, error) {
	res, err := cs.c.CreateWebhookSubscriptionWithResponse(ctx, cobotv1.WebhookSubscriptionRequest{Event: event, CallbackURL: callback})
	if err != nil {
		return nil, err
	}
	if res.JSON201 == nil {
		return nil, fmt.Errorf("cobot answered createWebhookSubscription with %s, not the new subscription", res.Status())
	}
	sub := cobotSubscription(*res.JSON201)
	return &sub, nil
}

func (cs *cobotSubscriber) list(ctx context.Context) ([]subscription, error) {
	res, err := cs.c.ListWebhookSubscriptionsWithResponse(ctx)
	if err != nil {
		return nil, err
	}
	if res.JSON200 == nil {
		return nil, fmt.Errorf("cobot answered listWebhookSubscriptions with %s, not a list", res.Status())
	}
	var out []subscription
	for _, it := range *res.JSON200 {
		out = append(out, cobotSubscription(it))
	}
	return out, nil
}

func (cs *cobotSubscriber) unsubscribe(ctx context.Context, id string) error {
	_, err := cs.c.DeleteWebhookSubscriptionWithResponse(ctx, id)
	return err
}
