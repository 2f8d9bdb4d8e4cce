package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// The event catalogues webhooks subscribe checks names against. Neither API declares its events
// as an enum: Cloudbeds' postWebhook takes object and action as free strings and points to its
// webhooks guide, Cobot's WebhookSubscriptionRequest.event says "the list grows". So the
// catalogues live here, and --allow-unknown-event lets a name through that they do not know yet.

// cloudbedsSubscriptionEvents are the Cloudbeds object/action events subscribe knows: those
// webhooks send can post, whose payloads the SDK's receiver is tested with.
var cloudbedsSubscriptionEvents = sortedKeys(cloudbedsEvents)

// cobotSubscriptionEvents are the Cobot API 1 events, from Cobot's webhooks documentation.
var cobotSubscriptionEvents = sortedCopy([]string{
	"connected_user", "updated_connected_user", "created_admin", "deleted_admin",
	"created_booking", "updated_booking", "booking_will_begin", "booking_has_ended", "deleted_booking",
	"created_resource", "updated_resource", "deleted_resource",
	"created_allocation", "updated_allocation", "deleted_allocation",
	"created_calendar_blocker", "updated_calendar_blocker", "deleted_calendar_blocker",
	"confirmed_membership", "created_membership", "deleted_membership", "canceled_membership",
	"uncanceled_membership", "reactivated_membership", "membership_cancellation_date_reached",
	"changed_membership_plan", "membership_plan_change_date_reached", "updated_membership_details",
	"updated_membership_picture", "updated_payment_method",
	"created_checkin", "created_checkout", "created_checkin_token", "deleted_checkin_token",
	"created_invoice", "updated_invoice", "wrote_off_invoice", "requested_e_invoice", "sent_invoice", "deleted_invoice",
	"created_drop_in_pass", "created_guest_account", "approved_external_booking", "updated_custom_field",
	"changed_space_subscription", "membership_added_time_passes", "membership_removed_time_passes",
	"published_event", "created_event_attendance",
})

func sortedCopy(ss []string) []string {
	out := slices.Clone(ss)
	slices.Sort(out)
	return out
}

// subscriptionEvents returns the catalogue of provider.
func subscriptionEvents(provider string) []string {
	if provider == "cobot" {
		return cobotSubscriptionEvents
	}
	return cloudbedsSubscriptionEvents
}

var (
	cloudbedsEventShape = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*/[A-Za-z][A-Za-z0-9_]*$`)
	cobotEventShape     = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// checkEvent validates event for provider: its shape always (Cloudbeds object/action, Cobot
// snake_case), and its name against the catalogue unless allowUnknown.
func checkEvent(cmd, provider, event string, allowUnknown bool) error {
	shape, want := cloudbedsEventShape, "object/action, such as reservation/created"
	if provider == "cobot" {
		shape, want = cobotEventShape, "a snake_case name, such as confirmed_membership"
	}
	if !shape.MatchString(event) {
		return usageError("%s: %s event %q is not %s", cmd, provider, event, want)
	}
	known := subscriptionEvents(provider)
	if allowUnknown || slices.Contains(known, event) {
		return nil
	}
	return usageError("%s: unknown %s event %q (known: %s; --allow-unknown-event sends a name this list lacks)",
		cmd, provider, event, strings.Join(known, ", "))
}

// wrapList joins items with ", " in lines of at most width characters, each after indent.
func wrapList(items []string, width int, indent string) string {
	var b strings.Builder
	line := indent
	for i, it := range items {
		word := it
		if i < len(items)-1 {
			word += ","
		}
		if len(line) > len(indent) && len(line)+1+len(word) > width {
			fmt.Fprintln(&b, line)
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	b.WriteString(line)
	return b.String()
}
