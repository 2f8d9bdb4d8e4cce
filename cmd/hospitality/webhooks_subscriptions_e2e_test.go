package main

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// subscriptions decodes the --json output of webhooks list.
func subscriptions(t *testing.T, out string) []subscription {
	t.Helper()
	var subs []subscription
	if err := json.Unmarshal([]byte(out), &subs); err != nil {
		t.Fatalf("webhooks list --json printed no JSON array: %v\n%s", err, out)
	}
	return subs
}

// subscribed decodes the --json output of webhooks subscribe.
func subscribed(t *testing.T, out string) subscription {
	t.Helper()
	var sub subscription
	if err := json.Unmarshal([]byte(out), &sub); err != nil || sub.ID == "" {
		t.Fatalf("webhooks subscribe --json printed no subscription (%v):\n%s", err, out)
	}
	return sub
}

func TestWebhookSubscriptionsCloudbeds(t *testing.T) {
	w := newWorld(t)
	if r := w.login("login", "cloudbeds", "--sandbox", "--no-browser", "--redirect-url", w.redirect); r.code != 0 {
		t.Fatalf("login cloudbeds: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	mustContain(t, "empty list", w.ok("webhooks", "list", "cloudbeds"), "No webhook subscriptions on Cloudbeds.")
	if got := subscriptions(t, w.ok("webhooks", "list", "cloudbeds", "--json")); len(got) != 0 {
		t.Fatalf("webhooks list --json on a new sandbox = %+v, want []", got)
	}

	// A table by default, JSON with --json; a loopback http URL is fine (the sandbox delivers
	// nowhere, so no note about reachability either).
	table := w.ok("webhooks", "subscribe", "cloudbeds", "reservation/created", "--to", "https://hooks.example.org/cloudbeds")
	if !regexp.MustCompile(`(?m)^ID\s+EVENT\s+CALLBACK URL\s+PROPERTY\n\d+\s+reservation/created\s+https://hooks\.example\.org/cloudbeds\s+172938$`).MatchString(table) {
		t.Errorf("webhooks subscribe printed no table row for the subscription:\n%s", table)
	}
	first := strings.Fields(strings.Split(table, "\n")[1])[0]
	r := w.run([]string{"webhooks", "subscribe", "cloudbeds", "guest/details_changed", "--to", "http://127.0.0.1:3000/hooks", "--property", "172938", "--json"})
	if r.code != 0 || strings.Contains(r.stderr, "note:") {
		t.Fatalf("subscribe to a loopback URL: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	second := subscribed(t, r.stdout)
	if second.Event != "guest/details_changed" || second.CallbackURL != "http://127.0.0.1:3000/hooks" || second.PropertyID != "172938" {
		t.Errorf("subscribe --json = %+v, want guest/details_changed to the loopback URL at property 172938", second)
	}

	subs := subscriptions(t, w.ok("webhooks", "list", "cloudbeds", "--json"))
	want := []subscription{
		{ID: first, Event: "reservation/created", CallbackURL: "https://hooks.example.org/cloudbeds", PropertyID: "172938"},
		{ID: second.ID, Event: "guest/details_changed", CallbackURL: "http://127.0.0.1:3000/hooks", PropertyID: "172938"},
	}
	if !slices.Equal(subs, want) {
		t.Errorf("webhooks list --json = %+v, want %+v", subs, want)
	}
	mustContain(t, "list table", w.ok("webhooks", "list", "cloudbeds"), "reservation/created", "guest/details_changed", "http://127.0.0.1:3000/hooks")
	if ops := w.sb.Operations()[sandbox.CloudbedsAPIPath+" postWebhook"]; ops.Valid != 2 || ops.Violations != 0 {
		t.Errorf("sandbox saw postWebhook %+v, want 2 valid requests", ops)
	}

	// Expired on the server: unsubscribe refreshes the token transparently and retries.
	before := w.storedToken("cloudbeds:live1_sandbox_cloudbeds")
	w.advance(2 * time.Hour)
	mustContain(t, "unsubscribe", w.ok("webhooks", "unsubscribe", "cloudbeds", first), "Unsubscribed "+first+" from Cloudbeds.")
	if after := w.storedToken("cloudbeds:live1_sandbox_cloudbeds"); after == before || after == "" {
		t.Errorf("the expired token was not replaced in the store")
	}
	if subs := subscriptions(t, w.ok("webhooks", "list", "cloudbeds", "--json")); len(subs) != 1 || subs[0].ID != second.ID {
		t.Errorf("webhooks list after unsubscribe = %+v, want only %s", subs, second.ID)
	}

	var gone struct {
		ID           string `json:"id"`
		Unsubscribed bool   `json:"unsubscribed"`
	}
	if err := json.Unmarshal([]byte(w.ok("webhooks", "unsubscribe", "cloudbeds", second.ID, "--json")), &gone); err != nil || gone.ID != second.ID || !gone.Unsubscribed {
		t.Errorf("unsubscribe --json = %+v (%v), want {id: %s, unsubscribed: true}", gone, err, second.ID)
	}
	mustContain(t, "list after unsubscribing all", w.ok("webhooks", "list", "cloudbeds"), "No webhook subscriptions")

	// An id the provider does not know is the API's error (exit 1), not a usage error.
	r = w.run([]string{"webhooks", "unsubscribe", "cloudbeds", first})
	if r.code != exitAPI || !strings.Contains(r.stderr, "webhooks unsubscribe:") || !strings.Contains(r.stderr, "not found") {
		t.Errorf("unsubscribe of a deleted subscription: exit %d, %q; want exit 1 saying not found", r.code, r.stderr)
	}
}

func TestWebhookSubscriptionsCloudbedsAPIKey(t *testing.T) {
	w := newWorld(t)
	if r := w.run([]string{"login", "cloudbeds", "--sandbox", "--api-key"}, envName("cloudbeds", "API_KEY")+"="+sandbox.DefaultCredentials.CloudbedsAPIKey); r.code != 0 {
		t.Fatalf("login --api-key: exit %d\n%s", r.code, r.stderr)
	}
	sub := subscribed(t, w.ok("webhooks", "subscribe", "cloudbeds", "reservation/status_changed", "--to", "https://hooks.example.org/status", "--json"))
	if subs := subscriptions(t, w.ok("webhooks", "list", "cloudbeds", "--json")); len(subs) != 1 || subs[0].ID != sub.ID {
		t.Errorf("webhooks list with an API key = %+v, want the one subscription %s", subs, sub.ID)
	}
	w.ok("webhooks", "unsubscribe", "cloudbeds", sub.ID)
}

func TestWebhookSubscriptionsCobot(t *testing.T) {
	w := newWorld(t)
	// The default scopes lack the subscription scopes: the provider refuses, and the error says
	// how to sign in.
	if r := w.login("login", "cobot", "--sandbox", "--no-browser", "--redirect-url", w.redirect); r.code != 0 {
		t.Fatalf("login cobot: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r := w.run([]string{"webhooks", "list", "cobot"})
	if r.code != exitAPI || !strings.Contains(r.stderr, "--scopes openid,") || !strings.Contains(r.stderr, "read_subscriptions,write_subscriptions") {
		t.Errorf("list without the subscription scopes: exit %d, %q; want exit 1 naming the scopes to log in with", r.code, r.stderr)
	}

	if r := w.login("login", "cobot", "--sandbox", "--no-browser", "--redirect-url", w.redirect,
		"--scopes", "openid,email,profile,read_subscriptions,write_subscriptions"); r.code != 0 {
		t.Fatalf("login cobot --scopes: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	mustContain(t, "empty list", w.ok("webhooks", "list", "cobot"), "No webhook subscriptions on Cobot.")
	table := w.ok("webhooks", "subscribe", "cobot", "confirmed_membership", "--to", "https://hooks.example.org/cobot")
	if !regexp.MustCompile(`(?m)^ID\s+EVENT\s+CALLBACK URL\s+ACTIVE\n\d+\s+confirmed_membership\s+https://hooks\.example\.org/cobot\s+yes$`).MatchString(table) {
		t.Errorf("webhooks subscribe cobot printed no table row:\n%s", table)
	}
	first := strings.Fields(strings.Split(table, "\n")[1])[0]
	second := subscribed(t, w.ok("webhooks", "subscribe", "cobot", "created_booking", "--to", "https://hooks.example.org/cobot", "--json"))
	if second.Event != "created_booking" || second.Active == nil || !*second.Active || !strings.HasSuffix(second.URL, "/api/subscriptions/"+second.ID) {
		t.Errorf("subscribe --json = %+v, want an active created_booking subscription with its API URL", second)
	}

	// The same event and URL twice is Cobot's 409.
	r = w.run([]string{"webhooks", "subscribe", "cobot", "confirmed_membership", "--to", "https://hooks.example.org/cobot"})
	if r.code != exitAPI || !strings.Contains(r.stderr, "409") {
		t.Errorf("duplicate subscription: exit %d, %q; want exit 1 with the 409", r.code, r.stderr)
	}

	subs := subscriptions(t, w.ok("webhooks", "list", "cobot", "--json"))
	if len(subs) != 2 || subs[0].ID != first || subs[0].Event != "confirmed_membership" || subs[1].ID != second.ID {
		t.Errorf("webhooks list cobot = %+v, want %s (confirmed_membership) and %s", subs, first, second.ID)
	}
	mustContain(t, "unsubscribe", w.ok("webhooks", "unsubscribe", "cobot", first), "Unsubscribed "+first+" from Cobot.")
	if subs := subscriptions(t, w.ok("webhooks", "list", "cobot", "--json")); len(subs) != 1 || subs[0].ID != second.ID {
		t.Errorf("webhooks list after unsubscribe = %+v, want only %s", subs, second.ID)
	}
	w.ok("webhooks", "unsubscribe", "cobot", second.ID)
	mustContain(t, "list after unsubscribing all", w.ok("webhooks", "list", "cobot"), "No webhook subscriptions on Cobot.")
	if r := w.run([]string{"webhooks", "unsubscribe", "cobot", second.ID}); r.code != exitAPI || !strings.Contains(r.stderr, "404") {
		t.Errorf("unsubscribe of a deleted subscription: exit %d, %q; want exit 1 with the 404", r.code, r.stderr)
	}
}

func TestWebhookSubscriptionUsageErrors(t *testing.T) {
	w := newWorld(t) // nobody is logged in: every usage error is found before a sign-in is looked for
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"http callback", []string{"webhooks", "subscribe", "cloudbeds", "reservation/created", "--to", "http://hooks.example.org/cb"}, exitUsage,
			[]string{`--to "http://hooks.example.org/cb" must use https (http is accepted only for loopback hosts)`}},
		{"relative callback", []string{"webhooks", "subscribe", "cobot", "created_booking", "--to", "hooks/cobot"}, exitUsage,
			[]string{`--to "hooks/cobot" must be an absolute URL`}},
		{"callback with user info", []string{"webhooks", "subscribe", "cobot", "created_booking", "--to", "https://me:pa55word@hooks.example.org/"}, exitUsage,
			[]string{"must not contain user info", "xxxxx@hooks.example.org"}},
		{"callback with a fragment", []string{"webhooks", "subscribe", "cobot", "created_booking", "--to", "https://hooks.example.org/#x"}, exitUsage,
			[]string{"must not have a fragment"}},
		{"missing --to", []string{"webhooks", "subscribe", "cloudbeds", "reservation/created"}, exitUsage, []string{"webhooks subscribe: --to is required"}},
		{"unknown cloudbeds event", []string{"webhooks", "subscribe", "cloudbeds", "room/painted", "--to", "https://hooks.example.org/"}, exitUsage,
			[]string{`unknown cloudbeds event "room/painted"`, "known: guest/created, guest/details_changed", "reservation/status_changed", "--allow-unknown-event"}},
		{"unknown cobot event", []string{"webhooks", "subscribe", "cobot", "painted_room", "--to", "https://hooks.example.org/"}, exitUsage,
			[]string{`unknown cobot event "painted_room"`, "confirmed_membership", "wrote_off_invoice"}},
		{"cloudbeds event without an action", []string{"webhooks", "subscribe", "cloudbeds", "reservation", "--to", "https://hooks.example.org/", "--allow-unknown-event"}, exitUsage,
			[]string{`cloudbeds event "reservation" is not object/action`}},
		{"cobot event in Cloudbeds form", []string{"webhooks", "subscribe", "cobot", "membership/confirmed", "--to", "https://hooks.example.org/"}, exitUsage,
			[]string{`cobot event "membership/confirmed" is not a snake_case name`}},
		{"missing event", []string{"webhooks", "subscribe", "cobot", "--to", "https://hooks.example.org/"}, exitUsage, []string{"want 2 argument(s), got 1"}},
		{"provider without webhooks", []string{"webhooks", "list", "kobas"}, exitUsage, []string{"Kobas has no webhooks"}},
		{"unknown provider", []string{"webhooks", "unsubscribe", "opera", "1"}, exitUsage, []string{`unknown provider "opera" (want cloudbeds or cobot)`}},
		{"--property on cobot", []string{"webhooks", "list", "cobot", "--property", "1"}, exitUsage, []string{"--property is for cloudbeds"}},
		{"--property not a number", []string{"webhooks", "list", "cloudbeds", "--property", "main"}, exitUsage, []string{`--property "main" is not a Cloudbeds property id`}},
		{"missing subscription id", []string{"webhooks", "unsubscribe", "cobot"}, exitUsage, []string{"want 2 argument(s), got 1"}},
		{"subscription id with a slash", []string{"webhooks", "unsubscribe", "cobot", "../tokens"}, exitUsage, []string{`"../tokens" is not a subscription id`}},
		{"unknown flag", []string{"webhooks", "list", "cobot", "--frob"}, exitUsage, []string{"unknown flag: --frob"}},
		// Valid input reaches the sign-in, which is missing: exit 3.
		{"not logged in", []string{"webhooks", "list", "cobot"}, exitAuth, []string{"not logged in to Cobot"}},
		{"unknown event allowed", []string{"webhooks", "subscribe", "cloudbeds", "room/painted", "--to", "https://hooks.example.org/", "--allow-unknown-event"}, exitAuth,
			[]string{"not logged in to Cloudbeds"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := w.run(tc.args)
			if r.code != tc.code {
				t.Errorf("hospitality %q: exit %d, want %d\n%s", tc.args, r.code, tc.code, r.stderr)
			}
			for _, want := range tc.want {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("hospitality %q: stderr lacks %q:\n%s", tc.args, want, r.stderr)
				}
			}
			if strings.Contains(r.stderr, "pa55word") {
				t.Errorf("hospitality %q printed the callback URL's password:\n%s", tc.args, r.stderr)
			}
		})
	}
}

func TestWebhookSubscriptionsHelpAndCompletion(t *testing.T) {
	w := newWorld(t)
	for _, cmd := range []string{"subscribe", "list", "unsubscribe"} {
		mustContain(t, "webhooks "+cmd+" --help", w.ok("webhooks", cmd, "--help"), "Examples:", "hospitality webhooks "+cmd, "--json", "Exit codes")
	}
	mustContain(t, "webhooks --help", w.ok("webhooks", "--help"), "subscribe", "unsubscribe", "list", "send")
	mustContain(t, "provider completion", w.ok("__complete", "webhooks", "list", ""), "cloudbeds", "cobot")
	if got := w.ok("__complete", "webhooks", "list", ""); strings.Contains(got, "kobas") {
		t.Errorf("provider completion offers kobas, which has no webhooks:\n%s", got)
	}
	mustContain(t, "cobot event completion", w.ok("__complete", "webhooks", "subscribe", "cobot", ""), "confirmed_membership", "created_booking")
	mustContain(t, "cloudbeds event completion", w.ok("__complete", "webhooks", "subscribe", "cloudbeds", "res"), "reservation/created")
}
