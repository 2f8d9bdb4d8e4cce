package transport

import (
	"net/http"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// The transport's own test profiles, shaped like the APIs the SDK serves so
// that the tests exercise every kind of profile: a plain API with a
// per-second limit, one without limits, two versions sharing a limit group
// with a success member in 2xx answers, and one with an endpoint limit. The
// real profiles live next to the constructors in the root package.
var (
	Kobas = Profile{Name: "kobas", RateLimit: RateLimit{Limit: 10, Burst: 10}}

	Octotable = Profile{Name: "octotable"}

	Cloudbeds = Profile{Name: "cloudbeds", LimitGroup: "cloudbeds", SuccessMember: "success",
		RateLimit: RateLimit{Limit: 5, Burst: 1}, Classify: testClassify}

	CloudbedsV2 = Profile{Name: "cloudbeds-v2", LimitGroup: "cloudbeds",
		RateLimit: RateLimit{Limit: 5, Burst: 1}, Classify: testClassify}

	Cobot = Profile{Name: "cobot", RateLimit: RateLimit{
		Limit: rate.Every(time.Minute / 60), Burst: 1,
		Endpoints: []EndpointLimit{{Name: "memberships", Match: testMemberships, Limit: rate.Every(time.Minute / 6), Burst: 1}},
	}}
)

// testClassify marks an expired token reported with any status as
// [ErrUnauthorized] and a connection that is gone as [ErrConsentRequired].
func testClassify(e *APIError, _ []byte) {
	msg := strings.ToLower(e.Message)
	switch {
	case strings.Contains(msg, "access token is invalid"):
		e.Kind = ErrUnauthorized
	case strings.Contains(msg, "not available to be connected"):
		e.Kind = ErrConsentRequired
	case e.StatusCode < 300 && strings.Contains(msg, "not found"):
		e.Kind = ErrNotFound
	case e.StatusCode < 300:
		e.Kind = ErrValidation
	}
}

// testMemberships matches GET https://<space>.example.me/api/memberships.
func testMemberships(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != "" {
		return false
	}
	host := r.URL.Hostname()
	if !strings.HasSuffix(host, ".cobot.me") || host == "api.cobot.me" {
		return false
	}
	return strings.TrimSuffix(r.URL.Path, "/") == "/api/memberships"
}
