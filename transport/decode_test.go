package transport

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestDecodeError(t *testing.T) {
	tests := []struct {
		name      string
		provider  Profile
		status    int
		body      string
		wantCode  string
		wantMsg   string
		wantField []FieldError
		wantIs    error
		wantText  string // Error() with URL "https://x/y" and method GET
	}{
		{
			name: "kobas code and message", provider: Kobas, status: 404,
			body:     `{"code":"not_found","message":"Staff member not found"}`,
			wantCode: "not_found", wantMsg: "Staff member not found", wantIs: ErrNotFound,
			wantText: "transport: kobas: 404 Not Found: GET https://x/y: not_found: Staff member not found",
		},
		{
			name: "kobas token server bad_request", provider: Kobas, status: 400,
			body:     `{"code":"bad_request"}`,
			wantCode: "bad_request", wantIs: ErrValidation,
			wantText: "transport: kobas: 400 Bad Request: GET https://x/y: bad_request",
		},
		{
			name: "octotable envelope", provider: Octotable, status: 409,
			body:     `{ "success": false, "error": { "code": "RESOURCE_CONFLICT", "message": "The table is already booked.", "class_name": "ConflictException" } }`,
			wantCode: "RESOURCE_CONFLICT", wantMsg: "The table is already booked.", wantIs: ErrConflict,
			wantText: "transport: octotable: 409 Conflict: GET https://x/y: RESOURCE_CONFLICT: The table is already booked.",
		},
		{
			name: "octotable class name only", provider: Octotable, status: 500,
			body:     `{"success":false,"error":{"class_name":"NullPointerException"}}`,
			wantCode: "NullPointerException",
			wantText: "transport: octotable: 500 Internal Server Error: GET https://x/y: NullPointerException",
		},
		{
			name: "cloudbeds v1 success false", provider: Cloudbeds, status: 200,
			body:     `{"success":false,"message":"Your request could not be fully completed. The property(ies) you are accessing have an invalid status. See details:\ncanceled: XXX"}`,
			wantMsg:  "Your request could not be fully completed. The property(ies) you are accessing have an invalid status. See details:\ncanceled: XXX",
			wantText: "transport: cloudbeds: 200 OK (success false): GET https://x/y: Your request could not be fully completed. The property(ies) you are accessing have an invalid status. See details: canceled: XXX",
		},
		{
			name: "cloudbeds oauth 401 error_description", provider: Cloudbeds, status: 401,
			body:     `{"error":"server_error","error_description":"The authorization code is invalid or has expired."}`,
			wantCode: "server_error", wantMsg: "The authorization code is invalid or has expired.", wantIs: ErrUnauthorized,
			wantText: "transport: cloudbeds: 401 Unauthorized: GET https://x/y: server_error: The authorization code is invalid or has expired.",
		},
		{
			name: "cloudbeds 401 access_denied message", provider: Cloudbeds, status: 401,
			body:     `{"error":"access_denied","message":"The resource owner or authorization server denied the request."}`,
			wantCode: "access_denied", wantMsg: "The resource owner or authorization server denied the request.", wantIs: ErrUnauthorized,
			wantText: "transport: cloudbeds: 401 Unauthorized: GET https://x/y: access_denied: The resource owner or authorization server denied the request.",
		},
		{
			name: "cloudbeds message list", provider: Cloudbeds, status: 400,
			body:     `[{"message_code":"E_DATE","message_type":"error","message":"Invalid start date"},{"message_code":"E_ROOM","message_type":"error","message":"Room not available"}]`,
			wantCode: "E_DATE", wantMsg: "Invalid start date; Room not available", wantIs: ErrValidation,
			wantText: "transport: cloudbeds: 400 Bad Request: GET https://x/y: E_DATE: Invalid start date; Room not available",
		},
		{
			name: "cloudbeds errorCode errorDetails", provider: Cloudbeds, status: 400,
			body:     `{"id":"8c1f","timestamp":"2024-05-01T10:00:00Z","errorCode":"INVALID_PARAMETER","errorDetails":"propertyID is required"}`,
			wantCode: "INVALID_PARAMETER", wantMsg: "propertyID is required", wantIs: ErrValidation,
			wantText: "transport: cloudbeds: 400 Bad Request: GET https://x/y: INVALID_PARAMETER: propertyID is required",
		},
		{
			name: "cloudbeds code description", provider: Cloudbeds, status: 403,
			body:     `{"id":"8c20","timestamp":"2024-05-01T10:00:00Z","code":"ACCESS_DENIED","description":"Access denied for this property"}`,
			wantCode: "ACCESS_DENIED", wantMsg: "Access denied for this property", wantIs: ErrForbidden,
			wantText: "transport: cloudbeds: 403 Forbidden: GET https://x/y: ACCESS_DENIED: Access denied for this property",
		},
		{
			name: "cloudbeds data insights", provider: Cloudbeds, status: 400,
			body:     `{"error":{"code":"BAD_QUERY","status":400,"description":"unknown dataset","message":"Dataset not found"}}`,
			wantCode: "BAD_QUERY", wantMsg: "Dataset not found", wantIs: ErrValidation,
			wantText: "transport: cloudbeds: 400 Bad Request: GET https://x/y: BAD_QUERY: Dataset not found",
		},
		{
			name: "cloudbeds v2 bad request with field errors", provider: CloudbedsV2, status: 400,
			body:     `{"message":"Invalid request","code":"INVALID_REQUEST","errors":[{"field":"startDate","message":"must be a date"}]}`,
			wantCode: "INVALID_REQUEST", wantMsg: "Invalid request",
			wantField: []FieldError{{Field: "startDate", Message: "must be a date"}}, wantIs: ErrValidation,
			wantText: "transport: cloudbeds-v2: 400 Bad Request: GET https://x/y: INVALID_REQUEST: Invalid request",
		},
		{
			name: "cloudbeds v2 errors map", provider: CloudbedsV2, status: 400,
			body:      `{"message":"Validation failed","errors":{"rate":["must be positive"],"name":"is required"}}`,
			wantMsg:   "Validation failed",
			wantField: []FieldError{{Field: "name", Message: "is required"}, {Field: "rate", Message: "must be positive"}}, wantIs: ErrValidation,
			wantText: "transport: cloudbeds-v2: 400 Bad Request: GET https://x/y: Validation failed",
		},
		{
			// Regression: field messages were not redacted, and Error() shows
			// them when the provider gives no top-level message.
			name: "field messages redacted", provider: CloudbedsV2, status: 400,
			body:      `{"errors":{"token":["Bearer tok-SECRET-4f1c9d is not valid"]}}`,
			wantField: []FieldError{{Field: "token", Message: "Bearer REDACTED is not valid"}}, wantIs: ErrValidation,
			wantText: "transport: cloudbeds-v2: 400 Bad Request: GET https://x/y: token: Bearer REDACTED is not valid",
		},
		{
			name: "cloudbeds v2 forbidden", provider: CloudbedsV2, status: 403,
			body:    `{"message":"Forbidden: missing scope read:rate"}`,
			wantMsg: "Forbidden: missing scope read:rate", wantIs: ErrForbidden,
			wantText: "transport: cloudbeds-v2: 403 Forbidden: GET https://x/y: Forbidden: missing scope read:rate",
		},
		{
			name: "cobot 422 pointers", provider: Cobot, status: 422,
			body:    `{"errors":[{"source":{"pointer":"/data/attributes/name"},"detail":"can't be blank"},{"source":{"pointer":"/data/attributes/password"},"detail":"is too short"}]}`,
			wantMsg: "name: can't be blank; password: is too short",
			wantField: []FieldError{
				{Field: "name", Pointer: "/data/attributes/name", Message: "can't be blank"},
				{Field: "password", Pointer: "/data/attributes/password", Message: "is too short"},
			},
			wantIs:   ErrValidation,
			wantText: "transport: cobot: 422 Unprocessable Entity: GET https://x/y: name: can't be blank; password: is too short",
		},
		{
			name: "cobot 402 add-on", provider: Cobot, status: 402,
			body:     `{"errors":[{"title":"Payment required","detail":"This API requires the space to have the external bookings subscription.\n"}]}`,
			wantMsg:  "Payment required: This API requires the space to have the external bookings subscription.",
			wantIs:   ErrPaymentRequired,
			wantText: "transport: cobot: 402 Payment Required: GET https://x/y: Payment required: This API requires the space to have the external bookings subscription.",
		},
		{
			name: "cobot 400 detail only", provider: Cobot, status: 400,
			body:    `{"errors":[{"detail":"Resource is not bookable."}]}`,
			wantMsg: "Resource is not bookable.", wantIs: ErrValidation,
			wantText: "transport: cobot: 400 Bad Request: GET https://x/y: Resource is not bookable.",
		},
		{
			name: "cobot 404 expired code", provider: Cobot, status: 404,
			body:    `{"errors":[{"title":"Expired","detail":"The code has expired.."}]}`,
			wantMsg: "Expired: The code has expired..", wantIs: ErrNotFound,
			wantText: "transport: cobot: 404 Not Found: GET https://x/y: Expired: The code has expired..",
		},
		{
			name: "cobot 429", provider: Cobot, status: 429,
			body:    `{"errors":[{"title":"Too many requests"}]}`,
			wantMsg: "Too many requests", wantIs: ErrRateLimited,
			wantText: "transport: cobot: 429 Too Many Requests: GET https://x/y: Too many requests",
		},
		{
			name: "html from a proxy", provider: Kobas, status: 502,
			body:     "<html>\n<head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
			wantText: `transport: kobas: 502 Bad Gateway: GET https://x/y: body: "502 Bad Gateway"`,
		},
		{
			name: "html without title", provider: Octotable, status: 503,
			body:     "<p>Service   temporarily\n unavailable</p>",
			wantText: `transport: octotable: 503 Service Unavailable: GET https://x/y: body: "Service temporarily unavailable"`,
		},
		{
			name: "plain text", provider: Octotable, status: 500,
			body:     "Internal error: reservation update failed",
			wantText: `transport: octotable: 500 Internal Server Error: GET https://x/y: body: "Internal error: reservation update failed"`,
		},
		{
			name: "empty body", provider: Cobot, status: 409,
			wantIs:   ErrConflict,
			wantText: "transport: cobot: 409 Conflict: GET https://x/y",
		},
		{
			name: "malformed json", provider: Kobas, status: 500,
			body:     `{"code": "oops"`,
			wantText: `transport: kobas: 500 Internal Server Error: GET https://x/y: body: "{\"code\": \"oops\""`,
		},
		{
			name: "unknown status", provider: Kobas, status: 599,
			body:     `{"message":"weird"}`,
			wantMsg:  "weird",
			wantText: "transport: kobas: 599: GET https://x/y: weird",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &APIError{Provider: tc.provider.Name, StatusCode: tc.status, Method: "GET", URL: "https://x/y"}
			DecodeErrorBody(e, []byte(tc.body))
			e.Body = redactBody([]byte(tc.body))
			if e.Code != tc.wantCode || e.Message != tc.wantMsg {
				t.Errorf("DecodeErrorBody(%s) code, message = %q, %q; want %q, %q", tc.body, e.Code, e.Message, tc.wantCode, tc.wantMsg)
			}
			if !reflect.DeepEqual(e.Fields, tc.wantField) {
				t.Errorf("DecodeErrorBody(%s) fields = %+v, want %+v", tc.body, e.Fields, tc.wantField)
			}
			if got := e.Error(); got != tc.wantText {
				t.Errorf("Error() = %q\nwant %q", got, tc.wantText)
			}
			for _, s := range []error{ErrUnauthorized, ErrPaymentRequired, ErrForbidden, ErrNotFound, ErrConflict, ErrValidation, ErrRateLimited} {
				if got, want := errors.Is(e, s), s == tc.wantIs; got != want {
					t.Errorf("errors.Is(err, %v) = %v, want %v", s, got, want)
				}
			}
		})
	}
}

func TestDecodeErrorNeverPanics(t *testing.T) {
	bodies := []string{
		`{`, `[`, `"`, `{"errors":`, `{"errors":[1,2]}`, `{"errors":["a","b"]}`, `{"error":42}`,
		`{"error":{"code":{"x":1}}}`, `[null]`, `{"errors":{"a":1}}`, `{"source":{}}`, "\x00\xff",
		`{"errors":[{"source":{"pointer":""},"detail":"x"}]}`, strings.Repeat("[", 10000),
	}
	for _, b := range bodies {
		e := &APIError{StatusCode: 400}
		DecodeErrorBody(e, []byte(b))
		_ = e.Error()
		_ = redactBody([]byte(b))
	}
}

func TestCloudbedsFailure(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{`{"success":false,"message":"x"}`, true},
		{` { "success" : false }`, true},
		{`{"success":"false"}`, true},
		{`{"success":0}`, true},
		{`{"data":{"success":false,"a":[1,{"b":"}"}]},"success":false}`, true},
		{`{"success":true,"data":[]}`, false},
		{`{"success":"true","data":{"api":{"url":"https://api.cloudbeds.com"}}}`, false},
		{`{"data":{"success":false}}`, false},
		{`{"message":"\"success\":false"}`, false},
		{`[{"success":false}]`, false},
		{`not json`, false},
		{``, false},
	}
	for _, tc := range tests {
		if got := successFailure([]byte(tc.body), "success"); got != tc.want {
			t.Errorf("successFailure(%s) = %v, want %v", tc.body, got, tc.want)
		}
	}
}
