package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	openapi_types "github.com/oapi-codegen/runtime/types"
	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

func cobotClients(t *testing.T, sb *sandbox.Server, root string) (*cobot.ClientWithResponses, *cobotv1.ClientWithResponses, string) {
	t.Helper()
	tok := sb.CobotTestToken()
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok})
	c, err := cobot.New(hospitality.ConnectCobot(context.Background(), hospitality.CobotConfig{TokenSource: ts, BaseURL: root + sandbox.CobotAPIPath}, noLimit()))
	if err != nil {
		t.Fatal(err)
	}
	v1, err := cobotv1.New(hospitality.ConnectCobotV1(context.Background(), hospitality.CobotConfig{TokenSource: ts, BaseURL: root + sandbox.CobotV1APIPath}, noLimit()))
	if err != nil {
		t.Fatal(err)
	}
	return c, v1, tok
}

func at(s string) wire.DateTime {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return wire.DateTime{Time: t}
}

func ptr[T any](v T) *T { return &v }

func testCobotBookingLifecycle(t *testing.T, sb *sandbox.Server, root string) {
	ctx := context.Background()
	c, _, tok := cobotClients(t, sb, root)
	members, err := c.GetSpaceMembershipsWithResponse(ctx, sandbox.CobotSpaceID, &cobot.GetSpaceMembershipsParams{
		FilterFrom: openapi_types.Date{Time: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}, FilterTo: openapi_types.Date{Time: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}})
	if err != nil {
		t.Fatal(err)
	}
	member := members.ApplicationVndAPIJSON200.Data[1].ID

	// Five bookings for the member in 2031, one by an admin without a member.
	var ids []string
	for i := range 5 {
		body := cobot.CreateMembershipBookingApplicationVndAPIPlusJSONRequestBody{Data: cobot.CreateBookingData{
			Type: "bookings",
			Attributes: cobot.CreateBookingAttributes{
				From:  at("2031-03-0" + string(rune('1'+i)) + "T10:00:00+01:00"),
				To:    at("2031-03-0" + string(rune('1'+i)) + "T11:30:00+01:00"),
				Title: ptr("Stand-up"), CustomPrice: &cobot.Money{Net: "20.0"},
			},
			Relationships: &cobot.CreateBookingRelationships{Resource: cobot.ToOne{Data: &cobot.ResourceIdentifier{ID: "room-1", Type: "resources"}}},
		}}
		res, err := c.CreateMembershipBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, member, body)
		if err != nil {
			t.Fatalf("create %d: %v", i, err)
		}
		b := res.ApplicationVndAPIJSON201.Data
		if got := b.Attributes.From.UTC().Format(time.RFC3339); got != "2031-03-0"+string(rune('1'+i))+"T09:00:00Z" {
			t.Errorf("created from = %s, want the instant in UTC", got)
		}
		if b.Relationships.Membership == nil || b.Relationships.Membership.Data.ID != member || b.Relationships.Resource.Data.ID != "room-1" {
			t.Errorf("created relationships = %+v, want the member and room-1", b.Relationships)
		}
		if b.Attributes.Price.Net != "20.0" || b.Attributes.Price.Gross != "23.8" || !*b.Attributes.HasCustomPrice {
			t.Errorf("custom price = %+v, want net 20.0 gross 23.8", b.Attributes.Price)
		}
		ids = append(ids, b.ID)
	}
	admin, err := c.CreateAdminBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, cobot.CreateAdminBookingApplicationVndAPIPlusJSONRequestBody{
		Data: cobot.CreateBookingData{Type: "bookings",
			Attributes:    cobot.CreateBookingAttributes{From: at("2031-03-02T08:00:00Z"), To: at("2031-03-02T09:00:00Z"), Title: ptr("Cleaning")},
			Relationships: &cobot.CreateBookingRelationships{Resource: cobot.ToOne{Data: &cobot.ResourceIdentifier{ID: "room-2", Type: "resources"}}}}})
	if err != nil {
		t.Fatalf("admin booking: %v", err)
	}
	if rel := admin.ApplicationVndAPIJSON201.Data.Relationships.Membership; rel == nil || rel.Data != nil {
		t.Errorf("admin booking membership = %+v, want data null", rel)
	}

	// The member's bookings, two a page, by following links.next.
	q := url.Values{"filter[from]": {"2031-03-01T00:00:00Z"}, "filter[to]": {"2031-04-01T00:00:00Z"}, "page[size]": {"2"}}
	next := sandbox.CobotAPIPath + "/memberships/" + member + "/bookings?" + q.Encode()
	var listed []string
	for pages := 0; next != ""; pages++ {
		if pages > 3 {
			t.Fatal("more than 3 pages for 5 bookings")
		}
		res, body := cobotRaw(t, "GET", root+next, tok, "", "")
		var page cobot.BookingList
		if err := json.Unmarshal(body, &page); err != nil || res.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", next, res.StatusCode, body)
		}
		if pages == 0 {
			base := sandbox.CobotAPIPath + "/memberships/" + member + "/bookings?filter[from]=2031-03-01T00%3A00%3A00Z&filter[to]=2031-04-01T00%3A00%3A00Z&"
			want := map[string]any{"self": base + "page[number]=1&page[size]=2", "first": base + "page[number]=1&page[size]=2",
				"prev": nil, "next": base + "page[number]=2&page[size]=2", "last": base + "page[number]=3&page[size]=2"}
			var raw struct {
				Links map[string]any
				Meta  map[string]any
			}
			json.Unmarshal(body, &raw)
			if !equalJSON(raw.Links, want) {
				t.Errorf("first page links = %v, want %v", raw.Links, want)
			}
			if !equalJSON(raw.Meta, map[string]any{"totalPages": 3, "currentPage": 1, "totalBookings": 5}) {
				t.Errorf("first page meta = %v, want totalPages 3, currentPage 1, totalBookings 5", raw.Meta)
			}
		}
		for _, b := range page.Data {
			listed = append(listed, b.ID)
		}
		next = ""
		if page.Links != nil && page.Links.Next != nil {
			next = *page.Links.Next
		}
	}
	if !slices.Equal(listed, ids) {
		t.Errorf("paged bookings = %v, want %v in start order", listed, ids)
	}

	// The space's bookings through the SDK's iterator include the admin booking.
	spaceParams := cobot.GetSpaceBookingsParams{FilterFrom: at("2031-03-01T00:00:00Z").Time, FilterTo: at("2031-04-01T00:00:00Z").Time, PageSize: ptr(4)}
	countSpace := func() int {
		n := 0
		for _, err := range c.GetSpaceBookingsIter(ctx, sandbox.CobotSpaceID, &spaceParams) {
			if err != nil {
				t.Fatalf("GetSpaceBookingsIter: %v", err)
			}
			n++
		}
		return n
	}
	if n := countSpace(); n != 6 {
		t.Errorf("space bookings in March 2031 = %d, want 6", n)
	}

	// Update, read back, delete.
	upd, err := c.UpdateSpaceBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, ids[0], cobot.UpdateSpaceBookingApplicationVndAPIPlusJSONRequestBody{
		Data: cobot.UpdateBookingData{ID: ids[0], Type: "bookings", Attributes: &cobot.UpdateBookingAttributes{
			Title: ptr("Retro"), To: at("2031-03-01T12:00:00+01:00")}}})
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	got, err := c.GetBookingWithResponse(ctx, ids[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]cobot.Booking{"update answer": upd.ApplicationVndAPIJSON200.Data, "get": got.ApplicationVndAPIJSON200.Data} {
		if *b.Attributes.Title != "Retro" || b.Attributes.To.UTC().Format(time.RFC3339) != "2031-03-01T11:00:00Z" ||
			b.Attributes.From.UTC().Format(time.RFC3339) != "2031-03-01T09:00:00Z" || b.Relationships.Membership.Data.ID != member {
			t.Errorf("%s after update = title %q %v–%v, want Retro 09:00–11:00Z, other fields kept", name, *b.Attributes.Title, b.Attributes.From, b.Attributes.To)
		}
	}
	_, err = c.UpdateSpaceBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, ids[1], cobot.UpdateSpaceBookingApplicationVndAPIPlusJSONRequestBody{
		Data: cobot.UpdateBookingData{ID: ids[1], Type: "bookings", Attributes: &cobot.UpdateBookingAttributes{To: at("2031-03-01T00:00:00Z")}}})
	var apiErr *hospitality.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 422 || len(apiErr.Fields) != 1 || apiErr.Fields[0].Pointer != "/data/attributes/to" {
		t.Errorf("update ending before it starts: %v, want 422 pointing at /data/attributes/to", err)
	}
	if _, err := c.DeleteSpaceBookingWithResponse(ctx, ids[0]); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := c.GetBookingWithResponse(ctx, ids[0], nil); !errors.Is(err, hospitality.ErrNotFound) {
		t.Errorf("get after delete: %v, want ErrNotFound", err)
	}
	if _, err := c.DeleteSpaceBookingWithResponse(ctx, ids[0]); !errors.Is(err, hospitality.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
	if n := countSpace(); n != 5 {
		t.Errorf("space bookings after a delete = %d, want 5", n)
	}
	_, err = c.CreateMembershipBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "no-such-member", cobot.CreateMembershipBookingApplicationVndAPIPlusJSONRequestBody{
		Data: cobot.CreateBookingData{Type: "bookings", Attributes: cobot.CreateBookingAttributes{From: at("2031-03-02T08:00:00Z"), To: at("2031-03-02T09:00:00Z")},
			Relationships: &cobot.CreateBookingRelationships{Resource: cobot.ToOne{Data: &cobot.ResourceIdentifier{ID: "room-2", Type: "resources"}}}}})
	if !errors.Is(err, hospitality.ErrNotFound) {
		t.Errorf("booking for an unknown membership: %v, want ErrNotFound", err)
	}
}

func testCobotMemberships(t *testing.T, sb *sandbox.Server, root string) {
	ctx := context.Background()
	c, v1, tok := cobotClients(t, sb, root)
	params := cobot.GetSpaceMembershipsParams{FilterFrom: openapi_types.Date{Time: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)},
		FilterTo: openapi_types.Date{Time: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}, PageSize: ptr(3)}
	var ids []string
	for m, err := range c.GetSpaceMembershipsIter(ctx, sandbox.CobotSpaceID, &params) {
		if err != nil {
			t.Fatalf("GetSpaceMembershipsIter: %v", err)
		}
		ids = append(ids, m.ID)
		got, err := c.GetMembershipWithResponse(ctx, m.ID, nil)
		if err != nil || got.ApplicationVndAPIJSON200.Data.Attributes.Email == nil || *got.ApplicationVndAPIJSON200.Data.Attributes.Email != *m.Attributes.Email {
			t.Errorf("GetMembership(%s) = %v, want the listed membership", m.ID, err)
		}
	}
	if len(ids) != 7 || ids[0] != "75a3f1a6f033140094c49bfd81f87c06" {
		t.Errorf("memberships = %v, want the 7 seeded, the user's first", ids)
	}
	// Before the first confirmation date nobody is a member.
	early := params
	early.FilterFrom, early.FilterTo = openapi_types.Date{Time: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}, openapi_types.Date{Time: time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC)}
	res, err := c.GetSpaceMembershipsWithResponse(ctx, sandbox.CobotSpaceID, &early)
	if err != nil || len(res.ApplicationVndAPIJSON200.Data) != 0 || res.ApplicationVndAPIJSON200.Meta.TotalPages.Int != 0 {
		t.Errorf("memberships in 2020 = %s, %v; want none", res.Body, err)
	}
	if _, err := c.GetMembershipWithResponse(ctx, "nobody", nil); !errors.Is(err, hospitality.ErrNotFound) {
		t.Errorf("GetMembership(nobody): %v, want ErrNotFound", err)
	}
	if _, err := c.GetSpaceMembershipsWithResponse(ctx, "other-space", &params); !errors.Is(err, hospitality.ErrNotFound) {
		t.Errorf("memberships of another space: %v, want ErrNotFound", err)
	}
	// Page past the end: empty data, prev pointing back at the last page.
	_, body := cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/spaces/"+sandbox.CobotSpaceID+"/memberships?filter[from]=2000-01-01&filter[to]=2100-01-01&page[size]=3&page[number]=9", tok, "", "")
	var past struct {
		Data  []any
		Links map[string]any
		Meta  map[string]any
	}
	json.Unmarshal(body, &past)
	if len(past.Data) != 0 || past.Links["next"] != nil || !strings.HasSuffix(past.Links["prev"].(string), "page[number]=3&page[size]=3") || past.Meta["currentPage"] != 9.0 {
		t.Errorf("page 9 of 3 = %s", body)
	}

	// API 1 lists the same memberships in its own form.
	list, err := v1.ListMembershipsWithResponse(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var v1ids []string
	for _, m := range *list.JSON200 {
		v1ids = append(v1ids, string(m.ID))
	}
	if !slices.Equal(v1ids, ids) {
		t.Errorf("API 1 memberships = %v, want %v", v1ids, ids)
	}
	one, err := v1.GetMembershipWithResponse(ctx, ids[0])
	if err != nil || one.JSON200 == nil || *one.JSON200.Name != "Maria Keller" || *one.JSON200.StartsAt != "2023/01/02" {
		t.Errorf("API 1 GetMembership = %s, %v", one.Body, err)
	}
	if _, err := v1.GetMembershipWithResponse(ctx, "nobody"); !errors.Is(err, hospitality.ErrNotFound) {
		t.Errorf("API 1 GetMembership(nobody): %v, want ErrNotFound", err)
	}
}

func testCobotValidation(t *testing.T, sb *sandbox.Server, root string) {
	tok := sb.CobotTestToken()
	tests := []struct {
		name, method, path, contentType, body string
		status                                int
		pointer, parameter                    string
	}{
		{name: "vnd.api+json body field", method: "POST", path: "/bookings", contentType: "application/vnd.api+json",
			body:   `{"data":{"type":"bookings","attributes":{"to":"2031-01-01T10:00:00Z"},"relationships":{"resource":{"data":{"id":"r","type":"resources"}}}}}`,
			status: 422, pointer: "/data/attributes/from"},
		{name: "wrong resource type", method: "POST", path: "/bookings", contentType: "application/vnd.api+json",
			body:   `{"data":{"type":"rooms","attributes":{"from":"2031-01-01T09:00:00Z","to":"2031-01-01T10:00:00Z"},"relationships":{"resource":{"data":{"id":"r","type":"resources"}}}}}`,
			status: 422, pointer: "/data/type"},
		{name: "page size above 200", method: "GET", path: "/spaces/" + sandbox.CobotSpaceID + "/bookings?filter[from]=2031-01-01T00:00:00Z&filter[to]=2031-02-01T00:00:00Z&page[size]=500",
			status: 400, parameter: "page[size]"},
		{name: "missing filter", method: "GET", path: "/spaces/" + sandbox.CobotSpaceID + "/bookings?filter[from]=2031-01-01T00:00:00Z",
			status: 400, parameter: "filter[to]"},
		{name: "unknown path", method: "GET", path: "/nothing/here", status: 404},
		{name: "update of an unknown booking", method: "PATCH", path: "/bookings/abc", contentType: "application/vnd.api+json",
			body: `{"data":{"type":"bookings","id":"xyz","attributes":{"title":"x"}}}`, status: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := cobotRaw(t, tt.method, root+sandbox.CobotAPIPath+tt.path, tok, tt.contentType, tt.body)
			e := firstError(t, body)
			if res.StatusCode != tt.status || e.Status != strconv.Itoa(tt.status) ||
				e.Source.Pointer != tt.pointer || e.Source.Parameter != tt.parameter || res.Header.Get("Content-Type") != "application/vnd.api+json" {
				t.Errorf("%s %s: %d %s, want %d with pointer %q parameter %q", tt.method, tt.path, res.StatusCode, body, tt.status, tt.pointer, tt.parameter)
			}
		})
	}
}

func testCobotExamples(t *testing.T, sb *sandbox.Server, root string) {
	ctx := context.Background()
	c, v1, tok := cobotClients(t, sb, root)
	space, err := c.GetSpaceWithResponse(ctx, sandbox.CobotSpaceID, nil)
	if err != nil || space.ApplicationVndAPIJSON200 == nil || space.ApplicationVndAPIJSON200.Data.ID != sandbox.CobotSpaceID {
		t.Errorf("GetSpace = %v, %v; want the example space decoded as JSON:API", space, err)
	}
	res, body := cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/invoices/abc.pdf", tok, "", "")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Errorf("GET /invoices/abc.pdf: %d %q %q, want a PDF", res.StatusCode, res.Header.Get("Content-Type"), body)
	}

	// Webhook subscriptions on API 1 are kept.
	sub := cobotv1.CreateWebhookSubscriptionJSONRequestBody{Event: "created_booking", CallbackURL: "https://hooks.example.org/b"}
	created, err := v1.CreateWebhookSubscriptionWithResponse(ctx, sub)
	if err != nil || created.JSON201 == nil {
		t.Fatalf("CreateWebhookSubscription: %v", err)
	}
	if _, err := v1.CreateWebhookSubscriptionWithResponse(ctx, sub); !errors.Is(err, hospitality.ErrConflict) {
		t.Errorf("the same subscription twice: %v, want ErrConflict", err)
	}
	id := string(created.JSON201.ID)
	list, err := v1.ListWebhookSubscriptionsWithResponse(ctx)
	if err != nil || len(*list.JSON200) != 1 || (*list.JSON200)[0].CallbackURL != sub.CallbackURL {
		t.Errorf("ListWebhookSubscriptions = %s, %v; want the one created", list.Body, err)
	}
	if _, err := v1.DeleteWebhookSubscriptionWithResponse(ctx, id); err != nil {
		t.Errorf("DeleteWebhookSubscription: %v", err)
	}
	if _, err := v1.DeleteWebhookSubscriptionWithResponse(ctx, id); !errors.Is(err, hospitality.ErrNotFound) {
		t.Errorf("deleting it again: %v, want ErrNotFound", err)
	}
}

// testCobotAnswersMatchSpec validates the stateful answers against the documents.
func testCobotAnswersMatchSpec(t *testing.T, sb *sandbox.Server, root string) {
	tok := sb.CobotTestToken()
	v2, v1 := specRouter(t, specs.Cobot, root+sandbox.CobotAPIPath), specRouter(t, specs.CobotV1, root+sandbox.CobotV1APIPath)
	create := `{"data":{"type":"bookings","attributes":{"from":"2032-01-01T09:00:00Z","to":"2032-01-01T10:00:00Z"},"relationships":{"resource":{"data":{"id":"r","type":"resources"}}}}}`
	res, body := cobotRaw(t, "POST", root+sandbox.CobotAPIPath+"/bookings", tok, "application/vnd.api+json", create)
	var doc struct{ Data struct{ ID string } }
	json.Unmarshal(body, &doc)
	checkAnswer(t, v2, "POST", root+sandbox.CobotAPIPath+"/bookings", "application/vnd.api+json", create, res, body)
	member := "75a3f1a6f033140094c49bfd81f87c06"
	for _, tt := range []struct {
		router      routers.Router
		method, url string
	}{
		{v2, "GET", root + sandbox.CobotAPIPath + "/bookings/" + doc.Data.ID},
		{v2, "GET", root + sandbox.CobotAPIPath + "/spaces/" + sandbox.CobotSpaceID + "/bookings?filter[from]=2024-01-01T00:00:00Z&filter[to]=2033-01-01T00:00:00Z&page[size]=2"},
		{v2, "GET", root + sandbox.CobotAPIPath + "/memberships/" + member + "/bookings?filter[from]=2024-01-01T00:00:00Z&filter[to]=2033-01-01T00:00:00Z"},
		{v2, "GET", root + sandbox.CobotAPIPath + "/memberships/" + member},
		{v2, "GET", root + sandbox.CobotAPIPath + "/spaces/" + sandbox.CobotSpaceID + "/memberships?filter[from]=2000-01-01&filter[to]=2100-01-01"},
		{v2, "GET", root + sandbox.CobotAPIPath + "/spaces/" + sandbox.CobotSpaceID + "/resources"},
		{v1, "GET", root + sandbox.CobotV1APIPath + "/api/memberships"},
		{v1, "GET", root + sandbox.CobotV1APIPath + "/api/memberships/" + member},
		{v1, "GET", root + sandbox.CobotV1APIPath + "/api/access_tokens/" + tok},
	} {
		res, body := cobotRaw(t, tt.method, tt.url, tok, "", "")
		checkAnswer(t, tt.router, tt.method, tt.url, "", "", res, body)
	}
	res, body = cobotRaw(t, "PATCH", root+sandbox.CobotAPIPath+"/bookings/"+doc.Data.ID, tok, "application/vnd.api+json",
		`{"data":{"type":"bookings","id":"`+doc.Data.ID+`","attributes":{"title":"Renamed"}}}`)
	checkAnswer(t, v2, "PATCH", root+sandbox.CobotAPIPath+"/bookings/"+doc.Data.ID, "application/vnd.api+json", `{"data":{"type":"bookings","id":"x"}}`, res, body)
	res, body = cobotRaw(t, "POST", root+sandbox.CobotV1APIPath+"/api/access_tokens/"+tok+"/space", tok, "application/json", `{"space_id":"`+sandbox.CobotSpaceID+`"}`)
	checkAnswer(t, v1, "POST", root+sandbox.CobotV1APIPath+"/api/access_tokens/"+tok+"/space", "application/json", `{"space_id":"x"}`, res, body)
}

func specRouter(t *testing.T, spec []byte, base string) routers.Router {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		t.Fatal(err)
	}
	doc.Servers = openapi3.Servers{{URL: base}}
	r, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// checkAnswer validates an answer against the operation's documented responses.
func checkAnswer(t *testing.T, router routers.Router, method, u, contentType, reqBody string, res *http.Response, body []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(reqBody))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatalf("%s %s: no route: %v", method, u, err)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status: res.StatusCode, Header: res.Header, Body: io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s answered %d, not as documented: %v\n%s", method, u, res.StatusCode, err, body)
	}
}

// equalJSON compares two values by their JSON encodings.
func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// Regression: a page[number] so large that (number-1)*size overflowed gave a negative offset
// and the handler panicked, dropping the connection.
func testCobotHugePageNumber(t *testing.T, sb *sandbox.Server, root string) {
	tok := sb.CobotTestToken()
	for _, number := range []string{"2", "46116860184273879", "9223372036854775807"} {
		path := "/spaces/" + sandbox.CobotSpaceID + "/memberships?filter[from]=2020-01-01&filter[to]=2040-01-01&page[number]=" + number + "&page[size]=200"
		a := send(t, "GET", root+sandbox.CobotAPIPath+path, "", "", map[string]string{"Authorization": "Bearer " + tok, "Accept": "application/vnd.api+json"})
		data, isList := a.body["data"].([]any)
		meta, _ := a.body["meta"].(map[string]any)
		if a.status != 200 || !isList || len(data) != 0 || meta["currentPage"] != mustFloat(t, number) {
			t.Errorf("GET %s = %d %v, want 200 with an empty page %s", path, a.status, a.body, number)
		}
	}
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
