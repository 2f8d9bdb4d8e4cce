package main

import (
	"slices"
	"strings"
	"testing"
)

// Every event webhooks send can post is one subscribe accepts: a user tests a receiver with
// send, then subscribes it to the same event.
func TestSendEventsAreSubscribable(t *testing.T) {
	for provider, events := range map[string][]string{"cloudbeds": sortedKeys(cloudbedsEvents), "cobot": sortedKeys(cobotEvents)} {
		for _, ev := range events {
			if !slices.Contains(subscriptionEvents(provider), ev) {
				t.Errorf("%s event %q: send posts it, subscribe does not know it", provider, ev)
			}
			if err := checkEvent("webhooks subscribe", provider, ev, false); err != nil {
				t.Errorf("checkEvent(%s, %q) = %v, want nil", provider, ev, err)
			}
		}
	}
}

func TestCheckEvent(t *testing.T) {
	tests := []struct {
		name, provider, event string
		allowUnknown          bool
		want                  string // "" for no error
	}{
		{"known cloudbeds", "cloudbeds", "reservation/created", false, ""},
		{"unknown cloudbeds", "cloudbeds", "room/painted", false, `unknown cloudbeds event "room/painted"`},
		{"unknown cloudbeds allowed", "cloudbeds", "room/painted", true, ""},
		{"cloudbeds without action", "cloudbeds", "reservation/", true, "is not object/action"},
		{"cloudbeds with two slashes", "cloudbeds", "a/b/c", true, "is not object/action"},
		{"known cobot", "cobot", "created_checkin", false, ""},
		{"cobot upper case", "cobot", "Created_Booking", true, "is not a snake_case name"},
		{"empty cobot", "cobot", "", true, "is not a snake_case name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := checkEvent("webhooks subscribe", tc.provider, tc.event, tc.allowUnknown)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("checkEvent(%s, %q) = %v, want nil", tc.provider, tc.event, err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || exitCode(err) != exitUsage):
				t.Errorf("checkEvent(%s, %q) = %v, want a usage error containing %q", tc.provider, tc.event, err, tc.want)
			}
		})
	}
}

func TestWrapList(t *testing.T) {
	got := wrapList(cobotSubscriptionEvents, 60, "  ")
	var words []string
	for _, line := range strings.Split(got, "\n") {
		if len(line) > 60 || !strings.HasPrefix(line, "  ") {
			t.Errorf("wrapList line %q: longer than 60 or not indented", line)
		}
		for _, w := range strings.Fields(line) {
			words = append(words, strings.TrimSuffix(w, ","))
		}
	}
	if !slices.Equal(words, cobotSubscriptionEvents) {
		t.Errorf("wrapList lost or reordered items: %v", words)
	}
}
