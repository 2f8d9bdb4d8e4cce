package octotable_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// Synthetic values shared by the contract tests.
const (
	testToken    = "test-access-token"
	testProperty = int64(999643)
)

// bearer is the request editor the tests authenticate with; the auth package owns the real one.
func bearer(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer "+testToken)
	return nil
}

// withProperty returns the request editor that names the restaurant in the Property header, as
// the root package's transport does once for the whole client.
func withProperty(id int64) octotable.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("Property", strconv.FormatInt(id, 10))
		return nil
	}
}

func newClient(t *testing.T, baseURL string, opts ...octotable.ClientOption) *octotable.ClientWithResponses {
	t.Helper()
	c, err := octotable.NewClientWithResponses(baseURL, opts...)
	if err != nil {
		t.Fatalf("NewClientWithResponses(%q) error = %v", baseURL, err)
	}
	return c
}

func date(y int, m time.Month, d int) wire.Date {
	return wire.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func clock(h, m, s int) wire.TimeOfDay {
	return wire.TimeOfDay{Hour: h, Minute: m, Second: s, Valid: true}
}

func ptr[T any](v T) *T { return &v }

// checkStatus fails the test unless the typed response carries the wanted status.
func checkStatus(t *testing.T, op string, got *http.Response, body []byte, want int) {
	t.Helper()
	if got == nil {
		t.Fatalf("%s: no HTTP response", op)
	}
	if got.StatusCode != want {
		t.Fatalf("%s status = %d, want %d (body %s)", op, got.StatusCode, want, body)
	}
}

// Realistic answers. They include the provider's quirks: one-element arrays for single objects,
// local date-times without offset, null optional strings, HH:MM service times, short and
// misspelled day names, and status/channel values the spec does not list.
const (
	reservationConfirmed = `{"id":32992280,"pax":4,"status":"CONFIRMED",` +
		`"customer":{"id":33942074,"first_name":"Adam","last_name":"Devis","email":"adam.devis@example.com","phone":"3332211456"},` +
		`"service":{"id":33841,"name":"Custom dinner"},"channel":"OCTOTABLE_ADMIN","room":{"id":23288,"name":"Sala Nuova"},` +
		`"end_date":"2025-05-15T21:30:00","last_status_change":"2025-05-14T17:06:46","notes":"Window seat","special_request":"",` +
		`"start_date":"2025-05-15","start_hour":"20:00:00",` +
		`"tables":[{"id":197934,"name":"T8","bookable":true,"free":false,"group":false,"online":true}]}`
	reservationQuirky = `{"id":32992291,"pax":2,"status":"NO_SHOW",` +
		`"customer":{"id":33942080,"first_name":"Luca","last_name":"Bianchi","email":null,"phone":null},` +
		`"service":{"id":33842,"name":"Lunch"},"channel":"RESERVE_WITH_GOOGLE","room":{"id":23288,"name":"Sala Nuova"},` +
		`"end_date":null,"last_status_change":null,"notes":null,"special_request":null,` +
		`"start_date":"2025-05-16","start_hour":"12:30:00","tables":[]}`
	reservationCancelled = `{"id":32992280,"pax":4,"status":"CANCELLED",` +
		`"customer":{"id":33942074,"first_name":"Adam","last_name":"Devis","email":"adam.devis@example.com","phone":"3332211456"},` +
		`"service":{"id":33841,"name":"Custom dinner"},"channel":"OCTOTABLE_ADMIN","room":{"id":23288,"name":"Sala Nuova"},` +
		`"end_date":"2025-05-15T21:30:00","last_status_change":"2025-05-15T09:01:12","notes":"","special_request":"",` +
		`"start_date":"2025-05-15","start_hour":"20:00:00","tables":[]}`
	propertyJSON = `{"id":999643,"name":"Trattoria da Marco","city":"Bologna","cap":"40121","address":"Via Zamboni 12",` +
		`"latitude":44.4949,"longitude":11.3426,"phone":"+39051234567","description":"Family-run trattoria","sandbox":true}`
	roomJSON    = `{"id":18800,"name":"Terrace","property_id":999643,"bookable":true}`
	tableJSON   = `{"id":148129,"name":"Table 1","bookable":true,"free":true,"group":false,"guests_min":1,"guests_max":4,"room_id":18802}`
	serviceJSON = `{"id":30280,"name":"Lunch (12-14h)","bookable":true,"advance_min":0,"average_stay":60,"max_advance":60,` +
		`"start_time":"12:00","end_time":"14:00:00","days_of_week":["MONDAY","WEN","FRIDAY"]}`
	errorNotFound = `{"success":false,"error":{"code":"RESOURCE_NOT_FOUND","message":"No table with id 999 in room 18802.","class_name":"ResourceNotFoundException"}}`
)

func TestSpecIsValidOpenAPI(t *testing.T) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(specs.Octotable)
	if err != nil {
		t.Fatalf("LoadFromData(specs.Octotable) error = %v", err)
	}
	// Validate checks the document and every example against its schema.
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("Validate() error = %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	if got := doc.Servers[0].URL; got != "https://api.octotable.com/octotable-pms/api/v2" {
		t.Errorf("servers[0].url = %q, want the octotable.com PMS base", got)
	}
	for i, want := range []string{octotable.DefaultServer, octotable.OctorateServer} {
		if got := doc.Servers[i].URL; got != want {
			t.Errorf("servers[%d].url = %q, want the generated constant %q", i, got, want)
		}
	}
	scheme := doc.Components.SecuritySchemes["property"]
	if scheme == nil || scheme.Value.Type != "apiKey" || scheme.Value.In != "header" || scheme.Value.Name != "Property" {
		t.Errorf("securitySchemes.property = %+v, want an apiKey in the Property header", scheme)
	}
	if bytes.Contains(specs.Octotable, []byte("x-go-")) || bytes.Contains(specs.Octotable, []byte("x-oapi-codegen")) {
		t.Errorf("specs/octotable.yaml contains generator extensions; they belong in overlays/octotable.yaml")
	}

	camel := regexp.MustCompile(`^[a-z][a-zA-Z]+$`)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			name := method + " " + path
			if !camel.MatchString(op.OperationID) {
				t.Errorf("%s: operationId %q is not camelCase", name, op.OperationID)
			}
			if op.Summary == "" || op.Description == "" || len(op.Tags) == 0 {
				t.Errorf("%s: missing summary, description or tags", name)
			}
			for _, p := range op.Parameters {
				if p.Value.In == "header" && p.Value.Name == "Property" {
					t.Errorf("%s: Property is a header parameter; it belongs to the property security scheme", name)
				}
			}
			// The effective requirement: the operation's own, else the document's.
			security := doc.Security
			if op.Security != nil {
				security = *op.Security
			}
			if op.OperationID == "registerClient" {
				if len(security) != 0 {
					t.Errorf("%s: security = %v, want none", name, security)
				}
				continue
			}
			want := openapi3.SecurityRequirements{{"octotableOAuth": []string{}, "property": []string{}}}
			if !reflect.DeepEqual(security, want) {
				t.Errorf("%s: security = %v, want %v", name, security, want)
			}
			examples := 0
			for code, resp := range op.Responses.Map() {
				if !strings.HasPrefix(code, "2") || resp.Value.Content == nil {
					continue
				}
				if mt := resp.Value.Content.Get("application/json"); mt != nil && (mt.Example != nil || len(mt.Examples) > 0) {
					examples++
				}
			}
			if examples == 0 {
				t.Errorf("%s: no example on a 2xx response", name)
			}
		}
	}
}

func TestOperations(t *testing.T) {
	srv := spectest.New(t, specs.Octotable)
	c := newClient(t, srv.BaseURL(), octotable.WithRequestEditorFn(bearer), octotable.WithRequestEditorFn(withProperty(testProperty)))
	public := newClient(t, srv.BaseURL())
	ctx := context.Background()

	tests := []struct {
		op     string
		status int
		answer string // empty: no body
		call   func(t *testing.T)
	}{
		{
			op: "registerClient", status: http.StatusCreated,
			answer: `{"data":[{"id":5021,"client_id":"public_4f1c2a9e","client_secret":"sk_test_7d3b",` +
				`"redirect_uri":"https://trattoria.example.com/callback","property":{"id":999643,"name":"Trattoria da Marco","sandbox":true}}]}`,
			call: func(t *testing.T) {
				res, err := public.RegisterClientWithResponse(ctx, octotable.RegisterClientJSONRequestBody{{
					RedirectURI: ptr("https://trattoria.example.com/callback"),
					SandboxProperty: octotable.SandboxPropertyInput{
						Name: "Trattoria da Marco", Username: "marco", Password: "synthetic-password",
						Email: "marco@trattoria.example.com",
					},
				}})
				if err != nil {
					t.Fatalf("RegisterClient() error = %v", err)
				}
				checkStatus(t, "RegisterClient", res.HTTPResponse, res.Body, http.StatusCreated)
				got := res.JSON201.Data[0]
				if got.ClientID != "public_4f1c2a9e" || got.ClientSecret != "sk_test_7d3b" || got.Property == nil || !*got.Property.Sandbox {
					t.Errorf("RegisterClient() = %+v, want client public_4f1c2a9e with a sandbox property", got)
				}
				req, _ := srv.LastRequest("registerClient")
				want := `[{"redirect_uri":"https://trattoria.example.com/callback","sandbox_property":{"email":"marco@trattoria.example.com","name":"Trattoria da Marco","password":"synthetic-password","username":"marco"}}]`
				if string(req.Body) != want {
					t.Errorf("RegisterClient body = %s, want %s", req.Body, want)
				}
				if h := req.Header.Get("Authorization"); h != "" {
					t.Errorf("RegisterClient Authorization = %q, want none", h)
				}
			},
		},
		{
			op: "listProperties", status: http.StatusOK, answer: `{"data":[` + propertyJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.ListPropertiesWithResponse(ctx)
				if err != nil {
					t.Fatalf("ListProperties() error = %v", err)
				}
				checkStatus(t, "ListProperties", res.HTTPResponse, res.Body, http.StatusOK)
				p := res.JSON200.Data[0]
				if p.ID != 999643 || p.Name != "Trattoria da Marco" || *p.Cap != "40121" || *p.Latitude != 44.4949 {
					t.Errorf("ListProperties() = %+v, want Trattoria da Marco, cap 40121, latitude 44.4949", p)
				}
			},
		},
		{
			op: "createProperty", status: http.StatusCreated,
			answer: `{"data":[{"id":999650,"name":"Osteria del Porto","city":"Genova","sandbox":false}]}`,
			call: func(t *testing.T) {
				res, err := c.CreatePropertyWithResponse(ctx,
					octotable.PropertyInput{Name: "Osteria del Porto", City: ptr("Genova"), Latitude: ptr(44.4072), Longitude: ptr(8.9268)})
				if err != nil {
					t.Fatalf("CreateProperty() error = %v", err)
				}
				checkStatus(t, "CreateProperty", res.HTTPResponse, res.Body, http.StatusCreated)
				if got := res.JSON201.Data[0].ID; got != 999650 {
					t.Errorf("CreateProperty() id = %d, want 999650", got)
				}
				req, _ := srv.LastRequest("createProperty")
				want := `{"city":"Genova","latitude":44.4072,"longitude":8.9268,"name":"Osteria del Porto"}`
				if string(req.Body) != want {
					t.Errorf("CreateProperty body = %s, want %s", req.Body, want)
				}
			},
		},
		{
			op: "getProperty", status: http.StatusOK, answer: `{"data":[` + propertyJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.GetPropertyWithResponse(ctx, 999643)
				if err != nil {
					t.Fatalf("GetProperty() error = %v", err)
				}
				checkStatus(t, "GetProperty", res.HTTPResponse, res.Body, http.StatusOK)
				if n := len(res.JSON200.Data); n != 1 || res.JSON200.Data[0].ID != 999643 {
					t.Errorf("GetProperty() = %d elements, want one element with id 999643", n)
				}
				req, _ := srv.LastRequest("getProperty")
				if req.URL.Path != "/octotable-pms/api/v2/properties/999643" {
					t.Errorf("GetProperty path = %q, want /octotable-pms/api/v2/properties/999643", req.URL.Path)
				}
			},
		},
		{
			op: "updateProperty", status: http.StatusOK, answer: `{"data":[` + propertyJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.UpdatePropertyWithResponse(ctx, 999643,
					octotable.PropertyInput{Name: "Trattoria da Marco", Phone: ptr("+39051234567")})
				if err != nil {
					t.Fatalf("UpdateProperty() error = %v", err)
				}
				checkStatus(t, "UpdateProperty", res.HTTPResponse, res.Body, http.StatusOK)
				if got := *res.JSON200.Data[0].Phone; got != "+39051234567" {
					t.Errorf("UpdateProperty() phone = %q, want +39051234567", got)
				}
			},
		},
		{
			op: "deleteProperty", status: http.StatusNoContent,
			call: func(t *testing.T) {
				res, err := c.DeletePropertyWithResponse(ctx, 999650)
				if err != nil {
					t.Fatalf("DeleteProperty() error = %v", err)
				}
				checkStatus(t, "DeleteProperty", res.HTTPResponse, res.Body, http.StatusNoContent)
				if res.JSON200 != nil {
					t.Errorf("DeleteProperty() JSON200 = %+v, want nil for 204", res.JSON200)
				}
			},
		},
		{
			op: "listRooms", status: http.StatusOK,
			answer: `{"data":[` + roomJSON + `,{"id":18802,"name":"Main hall","property_id":999643,"bookable":false}]}`,
			call: func(t *testing.T) {
				res, err := c.ListRoomsWithResponse(ctx)
				if err != nil {
					t.Fatalf("ListRooms() error = %v", err)
				}
				checkStatus(t, "ListRooms", res.HTTPResponse, res.Body, http.StatusOK)
				rooms := res.JSON200.Data
				if len(rooms) != 2 || rooms[1].Name != "Main hall" || *rooms[1].Bookable {
					t.Errorf("ListRooms() = %+v, want Terrace and a non-bookable Main hall", rooms)
				}
			},
		},
		{
			op: "createRoom", status: http.StatusCreated,
			answer: `{"data":[{"id":18803,"name":"Garden","property_id":999643,"bookable":true}]}`,
			call: func(t *testing.T) {
				res, err := c.CreateRoomWithResponse(ctx,
					octotable.RoomInput{Name: "Garden", Bookable: ptr(true)})
				if err != nil {
					t.Fatalf("CreateRoom() error = %v", err)
				}
				checkStatus(t, "CreateRoom", res.HTTPResponse, res.Body, http.StatusCreated)
				if got := res.JSON201.Data[0]; got.ID != 18803 || *got.PropertyID != 999643 {
					t.Errorf("CreateRoom() = %+v, want id 18803 in property 999643", got)
				}
				req, _ := srv.LastRequest("createRoom")
				if want := `{"bookable":true,"name":"Garden"}`; string(req.Body) != want {
					t.Errorf("CreateRoom body = %s, want %s", req.Body, want)
				}
			},
		},
		{
			op: "getRoom", status: http.StatusOK, answer: `{"data":[` + roomJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.GetRoomWithResponse(ctx, 18800)
				if err != nil {
					t.Fatalf("GetRoom() error = %v", err)
				}
				checkStatus(t, "GetRoom", res.HTTPResponse, res.Body, http.StatusOK)
				if got := res.JSON200.Data; len(got) != 1 || got[0].Name != "Terrace" {
					t.Errorf("GetRoom() = %+v, want [Terrace]", got)
				}
			},
		},
		{
			op: "updateRoom", status: http.StatusOK,
			answer: `{"data":[{"id":18800,"name":"Covered terrace","property_id":999643,"bookable":true}]}`,
			call: func(t *testing.T) {
				res, err := c.UpdateRoomWithResponse(ctx, 18800,
					octotable.RoomInput{Name: "Covered terrace", Bookable: ptr(true)})
				if err != nil {
					t.Fatalf("UpdateRoom() error = %v", err)
				}
				checkStatus(t, "UpdateRoom", res.HTTPResponse, res.Body, http.StatusOK)
				if got := res.JSON200.Data[0].Name; got != "Covered terrace" {
					t.Errorf("UpdateRoom() name = %q, want Covered terrace", got)
				}
			},
		},
		{
			op: "deleteRoom", status: http.StatusOK, answer: `{"data":[` + roomJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.DeleteRoomWithResponse(ctx, 18800)
				if err != nil {
					t.Fatalf("DeleteRoom() error = %v", err)
				}
				checkStatus(t, "DeleteRoom", res.HTTPResponse, res.Body, http.StatusOK)
				if got := res.JSON200.Data[0].ID; got != 18800 {
					t.Errorf("DeleteRoom() id = %d, want 18800", got)
				}
				req, _ := srv.LastRequest("deleteRoom")
				if req.Method != http.MethodDelete || req.URL.Path != "/octotable-pms/api/v2/rooms/18800" {
					t.Errorf("DeleteRoom request = %s %s, want DELETE /octotable-pms/api/v2/rooms/18800", req.Method, req.URL.Path)
				}
			},
		},
		{
			op: "listTables", status: http.StatusOK,
			answer: `{"data":[` + tableJSON + `,{"id":148130,"name":"Table 2","bookable":true,"free":false,"group":true,"guests_min":2,"guests_max":8,"room_id":18802}]}`,
			call: func(t *testing.T) {
				res, err := c.ListTablesWithResponse(ctx, 18802, &octotable.ListTablesParams{
					StartDate: ptr(date(2025, time.May, 15)), Pax: ptr(4), ServiceID: ptr(int64(30280)),
				})
				if err != nil {
					t.Fatalf("ListTables() error = %v", err)
				}
				checkStatus(t, "ListTables", res.HTTPResponse, res.Body, http.StatusOK)
				tables := res.JSON200.Data
				if len(tables) != 2 || !*tables[1].Group || *tables[1].GuestsMax != 8 || *tables[0].RoomID != 18802 {
					t.Errorf("ListTables() = %+v, want Table 1 and group Table 2 (8 guests) in room 18802", tables)
				}
				req, _ := srv.LastRequest("listTables")
				if want := "start_date=2025-05-15&pax=4&service_id=30280"; req.URL.RawQuery != want {
					t.Errorf("ListTables query = %q, want %q", req.URL.RawQuery, want)
				}
				if req.URL.Path != "/octotable-pms/api/v2/room/18802/tables" {
					t.Errorf("ListTables path = %q, want /octotable-pms/api/v2/room/18802/tables", req.URL.Path)
				}
			},
		},
		{
			op: "createTable", status: http.StatusCreated,
			answer: `{"data":[{"id":148140,"name":"Table 9","bookable":true,"free":true,"group":false,"guests_min":2,"guests_max":8,"room_id":18802}]}`,
			call: func(t *testing.T) {
				res, err := c.CreateTableWithResponse(ctx, 18802,
					octotable.TableInput{Name: "Table 9", Bookable: ptr(true), Free: ptr(true), Group: ptr(false), GuestsMin: ptr(2), GuestsMax: ptr(8)})
				if err != nil {
					t.Fatalf("CreateTable() error = %v", err)
				}
				checkStatus(t, "CreateTable", res.HTTPResponse, res.Body, http.StatusCreated)
				if got := res.JSON201.Data[0].ID; got != 148140 {
					t.Errorf("CreateTable() id = %d, want 148140", got)
				}
				req, _ := srv.LastRequest("createTable")
				want := `{"bookable":true,"free":true,"group":false,"guests_max":8,"guests_min":2,"name":"Table 9"}`
				if string(req.Body) != want {
					t.Errorf("CreateTable body = %s, want %s", req.Body, want)
				}
			},
		},
		{
			op: "getTable", status: http.StatusOK, answer: `{"data":[` + tableJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.GetTableWithResponse(ctx, 18802, 148129)
				if err != nil {
					t.Fatalf("GetTable() error = %v", err)
				}
				checkStatus(t, "GetTable", res.HTTPResponse, res.Body, http.StatusOK)
				if got := res.JSON200.Data; len(got) != 1 || got[0].Name != "Table 1" || *got[0].GuestsMin != 1 {
					t.Errorf("GetTable() = %+v, want [Table 1 seating from 1]", got)
				}
				req, _ := srv.LastRequest("getTable")
				if req.URL.Path != "/octotable-pms/api/v2/room/18802/table/148129" {
					t.Errorf("GetTable path = %q, want /octotable-pms/api/v2/room/18802/table/148129", req.URL.Path)
				}
			},
		},
		{
			op: "updateTable", status: http.StatusOK,
			answer: `{"data":[{"id":148129,"name":"Table 1","bookable":false,"free":true,"group":false,"guests_min":1,"guests_max":4,"room_id":18802}]}`,
			call: func(t *testing.T) {
				res, err := c.UpdateTableWithResponse(ctx, 18802, 148129,
					octotable.TableInput{Name: "Table 1", Bookable: ptr(false)})
				if err != nil {
					t.Fatalf("UpdateTable() error = %v", err)
				}
				checkStatus(t, "UpdateTable", res.HTTPResponse, res.Body, http.StatusOK)
				if *res.JSON200.Data[0].Bookable {
					t.Errorf("UpdateTable() bookable = true, want false")
				}
			},
		},
		{
			op: "deleteTable", status: http.StatusNoContent,
			call: func(t *testing.T) {
				res, err := c.DeleteTableWithResponse(ctx, 18802, 148129)
				if err != nil {
					t.Fatalf("DeleteTable() error = %v", err)
				}
				checkStatus(t, "DeleteTable", res.HTTPResponse, res.Body, http.StatusNoContent)
			},
		},
		{
			op: "listServices", status: http.StatusOK, answer: `{"data":[` + serviceJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.ListServicesWithResponse(ctx)
				if err != nil {
					t.Fatalf("ListServices() error = %v", err)
				}
				checkStatus(t, "ListServices", res.HTTPResponse, res.Body, http.StatusOK)
				s := res.JSON200.Data[0]
				wantDays := []octotable.DayOfWeek{octotable.DayOfWeekMonday, octotable.DayOfWeekShortWen, octotable.DayOfWeekFriday}
				if !reflect.DeepEqual(*s.DaysOfWeek, wantDays) {
					t.Errorf("ListServices() days = %v, want %v", *s.DaysOfWeek, wantDays)
				}
				if s.StartTime != clock(12, 0, 0) || s.EndTime != clock(14, 0, 0) || *s.AverageStay != 60 {
					t.Errorf("ListServices() times = %v-%v stay %d, want 12:00:00-14:00:00 stay 60", s.StartTime, s.EndTime, *s.AverageStay)
				}
			},
		},
		{
			op: "createService", status: http.StatusCreated,
			answer: `{"data":[{"id":30281,"name":"Dinner","bookable":true,"average_stay":90,"max_advance":30,` +
				`"start_time":"19:00:00","end_time":"23:00:00","days_of_week":["FRIDAY","SATURDAY"]}]}`,
			call: func(t *testing.T) {
				days := []octotable.DayOfWeek{octotable.DayOfWeekShortFri, octotable.DayOfWeekShortSat}
				res, err := c.CreateServiceWithResponse(ctx, octotable.ServiceInput{
					Name: "Dinner", AverageStay: ptr(90), MaxAdvance: ptr(30), DaysOfWeek: &days,
					StartTime: clock(19, 0, 0), EndTime: clock(23, 0, 0),
				})
				if err != nil {
					t.Fatalf("CreateService() error = %v", err)
				}
				checkStatus(t, "CreateService", res.HTTPResponse, res.Body, http.StatusCreated)
				if got := res.JSON201.Data[0]; got.ID != 30281 || (*got.DaysOfWeek)[1] != octotable.DayOfWeekSaturday {
					t.Errorf("CreateService() = %+v, want id 30281 running FRIDAY, SATURDAY", got)
				}
				req, _ := srv.LastRequest("createService")
				want := `{"average_stay":90,"days_of_week":["FRI","SAT"],"end_time":"23:00:00","max_advance":30,"name":"Dinner","start_time":"19:00:00"}`
				if string(req.Body) != want {
					t.Errorf("CreateService body = %s, want %s", req.Body, want)
				}
			},
		},
		{
			op: "getService", status: http.StatusOK, answer: `{"data":[` + serviceJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.GetServiceWithResponse(ctx, 30280)
				if err != nil {
					t.Fatalf("GetService() error = %v", err)
				}
				checkStatus(t, "GetService", res.HTTPResponse, res.Body, http.StatusOK)
				if got := res.JSON200.Data; len(got) != 1 || got[0].Name != "Lunch (12-14h)" {
					t.Errorf("GetService() = %+v, want [Lunch (12-14h)]", got)
				}
			},
		},
		{
			op: "updateService", status: http.StatusOK, answer: `{"data":[` + serviceJSON + `]}`,
			call: func(t *testing.T) {
				days := []octotable.DayOfWeek{octotable.DayOfWeekMonday, octotable.DayOfWeekWednesday, octotable.DayOfWeekFriday}
				res, err := c.UpdateServiceWithResponse(ctx, 30280, octotable.ServiceInput{
					Name: "Lunch (12-14h)", DaysOfWeek: &days, StartTime: clock(12, 0, 0), EndTime: clock(14, 0, 0),
				})
				if err != nil {
					t.Fatalf("UpdateService() error = %v", err)
				}
				checkStatus(t, "UpdateService", res.HTTPResponse, res.Body, http.StatusOK)
				if got := res.JSON200.Data[0].ID; got != 30280 {
					t.Errorf("UpdateService() id = %d, want 30280", got)
				}
			},
		},
		{
			op: "deleteService", status: http.StatusOK, answer: `{"data":[` + serviceJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.DeleteServiceWithResponse(ctx, 30280)
				if err != nil {
					t.Fatalf("DeleteService() error = %v", err)
				}
				checkStatus(t, "DeleteService", res.HTTPResponse, res.Body, http.StatusOK)
			},
		},
		{
			op: "listReservations", status: http.StatusOK,
			answer: `{"data":[` + reservationConfirmed + `,` + reservationQuirky + `],"next_cursor":"eyJpZCI6MzI5OTIyOTF9"}`,
			call: func(t *testing.T) {
				statuses := []octotable.ReservationStatus{octotable.ReservationStatusWaiting, octotable.ReservationStatusConfirmed}
				services := []int64{33841, 33842}
				rooms := []int64{23288}
				res, err := c.ListReservationsWithResponse(ctx, &octotable.ListReservationsParams{
					NextCursor: ptr("eyJpZCI6MzI5OTIyODB9"),
					Limit:      ptr(50),
					StartDate:  ptr(date(2025, time.May, 15)),
					StartHour:  ptr(clock(12, 0, 0)),
					EndDate:    ptr(date(2025, time.May, 31)),
					Status:     &statuses,
					TextSearch: ptr("Devis Rossi"),
					ServiceIDs: &services,
					RoomIDs:    &rooms,
					Incoming:   ptr(true),
				})
				if err != nil {
					t.Fatalf("ListReservations() error = %v", err)
				}
				checkStatus(t, "ListReservations", res.HTTPResponse, res.Body, http.StatusOK)
				page := res.JSON200
				if page.NextCursor == nil || *page.NextCursor != "eyJpZCI6MzI5OTIyOTF9" {
					t.Errorf("ListReservations() next_cursor = %v, want eyJpZCI6MzI5OTIyOTF9", page.NextCursor)
				}
				if len(page.Data) != 2 {
					t.Fatalf("ListReservations() = %d reservations, want 2", len(page.Data))
				}
				r := page.Data[0]
				if r.ID != 32992280 || r.Pax != 4 || r.Status != octotable.ReservationStatusConfirmed || *r.Channel != octotable.ChannelAdmin {
					t.Errorf("ListReservations()[0] = id %d pax %d %s %s, want 32992280, 4, CONFIRMED, OCTOTABLE_ADMIN", r.ID, r.Pax, r.Status, *r.Channel)
				}
				if got := r.StartDate.String() + " " + r.StartHour.String(); got != "2025-05-15 20:00:00" {
					t.Errorf("ListReservations()[0] start = %q, want 2025-05-15 20:00:00", got)
				}
				if want := time.Date(2025, time.May, 15, 21, 30, 0, 0, time.UTC); !r.EndDate.Equal(want) {
					t.Errorf("ListReservations()[0] end_date = %v, want %v", r.EndDate.Time, want)
				}
				if got := r.LastStatusChange.String(); got != "2025-05-14T17:06:46" {
					t.Errorf("ListReservations()[0] last_status_change = %q, want 2025-05-14T17:06:46", got)
				}
				if r.Customer.ID != 33942074 || r.Service.ID != 33841 || r.Room.ID != 23288 || (*r.Tables)[0].Name != "T8" {
					t.Errorf("ListReservations()[0] = %+v, want customer 33942074, service 33841, room 23288, table T8", r)
				}
				q := page.Data[1]
				if q.Status != "NO_SHOW" || *q.Channel != "RESERVE_WITH_GOOGLE" {
					t.Errorf("ListReservations()[1] status, channel = %s, %s; want the unknown values kept", q.Status, *q.Channel)
				}
				if q.Status.Valid() {
					t.Errorf("ReservationStatus(%q).Valid() = true, want false", q.Status)
				}
				if !q.EndDate.IsZero() || !q.LastStatusChange.IsZero() || q.Notes != nil || q.Customer.Email != nil {
					t.Errorf("ListReservations()[1] = %+v, want null end_date, last_status_change, notes and email empty", q)
				}

				req, _ := srv.LastRequest("listReservations")
				// Array filters repeat their bracketed key once per value. The generated client
				// percent-encodes the brackets (RFC 3986 does not allow them raw in a query);
				// servers decode status%5B%5D to status[].
				want := "next_cursor=eyJpZCI6MzI5OTIyODB9&limit=50&start_date=2025-05-15&start_hour=12%3A00%3A00&end_date=2025-05-31" +
					"&status%5B%5D=WAITING&status%5B%5D=CONFIRMED&text_search=Devis+Rossi" +
					"&service_ids%5B%5D=33841&service_ids%5B%5D=33842&room_ids%5B%5D=23288&incoming=true"
				if req.URL.RawQuery != want {
					t.Errorf("ListReservations raw query =\n%s\nwant\n%s", req.URL.RawQuery, want)
				}
				decoded := req.URL.Query()
				for key, values := range map[string][]string{
					"status[]":      {"WAITING", "CONFIRMED"},
					"service_ids[]": {"33841", "33842"},
					"room_ids[]":    {"23288"},
				} {
					if got := decoded[key]; !reflect.DeepEqual(got, values) {
						t.Errorf("ListReservations query[%q] = %q, want %q", key, got, values)
					}
				}
			},
		},
		{
			op: "createReservation", status: http.StatusCreated,
			answer: `{"data":[{"id":32992301,"pax":2,"status":"CONFIRMED",` +
				`"customer":{"id":33942090,"first_name":"Giulia","last_name":"Rossi","email":"giulia.rossi@example.com","phone":"3401234567"},` +
				`"service":{"id":33841,"name":"Custom dinner"},"channel":"OCTOTABLE_ADMIN","room":{"id":23288,"name":"Sala Nuova"},` +
				`"end_date":"2025-05-15T14:00:00","last_status_change":"2025-05-10T09:12:03","notes":"","special_request":"",` +
				`"start_date":"2025-05-15","start_hour":"13:00:00","tables":[]}]}`,
			call: func(t *testing.T) {
				res, err := c.CreateReservationWithResponse(ctx, octotable.ReservationCreate{
					StartDate: date(2025, time.May, 15),
					StartHour: clock(13, 0, 0),
					Pax:       2,
					Channel:   octotable.ChannelAdmin,
					ServiceID: 33841,
					RoomID:    23288,
					Customer: octotable.CustomerInput{
						FirstName: "Giulia", LastName: "Rossi",
						Email: ptr("giulia.rossi@example.com"), Phone: ptr("3401234567"),
					},
				})
				if err != nil {
					t.Fatalf("CreateReservation() error = %v", err)
				}
				checkStatus(t, "CreateReservation", res.HTTPResponse, res.Body, http.StatusCreated)
				got := res.JSON201.Data[0]
				if got.ID != 32992301 || got.Customer.ID != 33942090 || got.EndDate.String() != "2025-05-15T14:00:00" {
					t.Errorf("CreateReservation() = %+v, want id 32992301 for customer 33942090 ending 2025-05-15T14:00:00", got)
				}
				req, _ := srv.LastRequest("createReservation")
				want := `{"channel":"OCTOTABLE_ADMIN","customer":{"email":"giulia.rossi@example.com","first_name":"Giulia","last_name":"Rossi","phone":"3401234567"},` +
					`"pax":2,"room_id":23288,"service_id":33841,"start_date":"2025-05-15","start_hour":"13:00:00"}`
				if string(req.Body) != want {
					t.Errorf("CreateReservation body =\n%s\nwant\n%s", req.Body, want)
				}
				if ct := req.Header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("CreateReservation Content-Type = %q, want application/json", ct)
				}
			},
		},
		{
			op: "getReservation", status: http.StatusOK, answer: `{"data":[` + reservationConfirmed + `]}`,
			call: func(t *testing.T) {
				res, err := c.GetReservationWithResponse(ctx, 32992280)
				if err != nil {
					t.Fatalf("GetReservation() error = %v", err)
				}
				checkStatus(t, "GetReservation", res.HTTPResponse, res.Body, http.StatusOK)
				if got := res.JSON200.Data; len(got) != 1 || got[0].ID != 32992280 || *got[0].Notes != "Window seat" {
					t.Errorf("GetReservation() = %+v, want one reservation 32992280 with notes", got)
				}
			},
		},
		{
			op: "updateReservation", status: http.StatusOK, answer: `{"data":[` + reservationConfirmed + `]}`,
			call: func(t *testing.T) {
				res, err := c.UpdateReservationWithResponse(ctx, 32992280, octotable.ReservationUpdate{
					ID:        ptr(int64(32992280)),
					StartDate: date(2025, time.May, 15),
					StartHour: clock(20, 0, 0),
					EndDate:   wire.LocalDateTime{Time: time.Date(2025, time.May, 15, 21, 30, 0, 0, time.UTC)},
					Pax:       4,
					Status:    octotable.ReservationStatusConfirmed,
					Channel:   octotable.ChannelAdmin,
					ServiceID: 33841,
					RoomID:    23288,
					Customer: octotable.Customer{
						ID: 33942074, FirstName: "Adam", LastName: "Devis",
						Email: ptr("adam.devis@example.com"), Phone: ptr("3332211456"),
					},
					Notes:          ptr("Window seat"),
					SpecialRequest: ptr(""),
				})
				if err != nil {
					t.Fatalf("UpdateReservation() error = %v", err)
				}
				checkStatus(t, "UpdateReservation", res.HTTPResponse, res.Body, http.StatusOK)
				if got := res.JSON200.Data[0].Pax; got != 4 {
					t.Errorf("UpdateReservation() pax = %d, want 4", got)
				}
				req, _ := srv.LastRequest("updateReservation")
				want := `{"channel":"OCTOTABLE_ADMIN","customer":{"email":"adam.devis@example.com","first_name":"Adam","id":33942074,"last_name":"Devis","phone":"3332211456"},` +
					`"end_date":"2025-05-15T21:30:00","id":32992280,"notes":"Window seat","pax":4,"room_id":23288,"service_id":33841,"special_request":"",` +
					`"start_date":"2025-05-15","start_hour":"20:00:00","status":"CONFIRMED"}`
				if string(req.Body) != want {
					t.Errorf("UpdateReservation body =\n%s\nwant\n%s", req.Body, want)
				}
				if req.Method != http.MethodPut {
					t.Errorf("UpdateReservation method = %s, want PUT", req.Method)
				}
			},
		},
		{
			op: "cancelReservation", status: http.StatusOK, answer: `{"data":[` + reservationCancelled + `]}`,
			call: func(t *testing.T) {
				res, err := c.CancelReservationWithResponse(ctx, 32992280)
				if err != nil {
					t.Fatalf("CancelReservation() error = %v", err)
				}
				checkStatus(t, "CancelReservation", res.HTTPResponse, res.Body, http.StatusOK)
				if got := res.JSON200.Data[0].Status; got != octotable.ReservationStatusCancelled {
					t.Errorf("CancelReservation() status = %s, want CANCELLED", got)
				}
				req, _ := srv.LastRequest("cancelReservation")
				if req.Method != http.MethodDelete || req.URL.Path != "/octotable-pms/api/v2/reservations/32992280" {
					t.Errorf("CancelReservation request = %s %s, want DELETE /octotable-pms/api/v2/reservations/32992280", req.Method, req.URL.Path)
				}
			},
		},
		{
			op: "listBookingSlots", status: http.StatusOK,
			answer: `{"data":[{"day":"2024-11-19","available_services":[{"id":30601,"title":"Lunch","available_slots":["12:00:00","12:30:00","13:00"]}]},` +
				`{"day":"2024-11-20","available_services":[]}]}`,
			call: func(t *testing.T) {
				res, err := c.ListBookingSlotsWithResponse(ctx, &octotable.ListBookingSlotsParams{
					StartDate: ptr(date(2024, time.November, 19)), Pax: ptr(2), ServiceID: ptr(int64(30601)),
				})
				if err != nil {
					t.Fatalf("ListBookingSlots() error = %v", err)
				}
				checkStatus(t, "ListBookingSlots", res.HTTPResponse, res.Body, http.StatusOK)
				days := res.JSON200.Data
				if len(days) != 2 || days[0].Day.String() != "2024-11-19" {
					t.Fatalf("ListBookingSlots() = %+v, want 2 days from 2024-11-19", days)
				}
				lunch := (*days[0].AvailableServices)[0]
				want := []wire.TimeOfDay{clock(12, 0, 0), clock(12, 30, 0), clock(13, 0, 0)}
				if lunch.ID != 30601 || *lunch.Title != "Lunch" || !reflect.DeepEqual(*lunch.AvailableSlots, want) {
					t.Errorf("ListBookingSlots() lunch = %+v, want 30601 Lunch at 12:00, 12:30, 13:00", lunch)
				}
				req, _ := srv.LastRequest("listBookingSlots")
				if want := "start_date=2024-11-19&pax=2&service_id=30601"; req.URL.RawQuery != want {
					t.Errorf("ListBookingSlots query = %q, want %q", req.URL.RawQuery, want)
				}
			},
		},
		{
			op: "listAvailableRooms", status: http.StatusOK,
			answer: `{"data":[[{"id":21344,"property_id":999643,"name":"Secondary dining room","bookable":true,` +
				`"tables":[{"id":148131,"name":"Table 5","bookable":true,"free":true,"group":false,"guests_min":2,"guests_max":4,"room_id":21344}]},` +
				`{"id":18800,"property_id":999643,"name":"Terrace","bookable":true,"tables":[]}]]}`,
			call: func(t *testing.T) {
				res, err := c.ListAvailableRoomsWithResponse(ctx, &octotable.ListAvailableRoomsParams{
					StartDate: ptr(date(2025, time.May, 15)), StartHour: ptr(clock(20, 0, 0)), Pax: ptr(2), ServiceID: ptr(int64(33841)),
				})
				if err != nil {
					t.Fatalf("ListAvailableRooms() error = %v", err)
				}
				checkStatus(t, "ListAvailableRooms", res.HTTPResponse, res.Body, http.StatusOK)
				groups := res.JSON200.Data
				if len(groups) != 1 || len(groups[0]) != 2 {
					t.Fatalf("ListAvailableRooms() shape = %d groups, want 1 group of 2 rooms", len(groups))
				}
				room := groups[0][0]
				if room.ID != 21344 || (*room.Tables)[0].ID != 148131 || *(*room.Tables)[0].RoomID != 21344 {
					t.Errorf("ListAvailableRooms()[0][0] = %+v, want room 21344 with table 148131", room)
				}
				req, _ := srv.LastRequest("listAvailableRooms")
				if want := "start_date=2025-05-15&start_hour=20%3A00%3A00&pax=2&service_id=33841"; req.URL.RawQuery != want {
					t.Errorf("ListAvailableRooms query = %q, want %q", req.URL.RawQuery, want)
				}
			},
		},
		{
			op: "listBookingLinks", status: http.StatusOK,
			answer: `{"data":[{"name":"Trattoria da Marco","url":"https://book.octotable.com/999643","service_id":30280}]}`,
			call: func(t *testing.T) {
				res, err := c.ListBookingLinksWithResponse(ctx)
				if err != nil {
					t.Fatalf("ListBookingLinks() error = %v", err)
				}
				checkStatus(t, "ListBookingLinks", res.HTTPResponse, res.Body, http.StatusOK)
				link := res.JSON200.Data[0]
				if *link.URL != "https://book.octotable.com/999643" || link.AdditionalProperties["service_id"] != float64(30280) {
					t.Errorf("ListBookingLinks() = %+v, want the url and the undocumented service_id kept", link)
				}
			},
		},
	}

	for _, tc := range tests {
		if tc.answer == "" {
			status := tc.status
			srv.Handle(tc.op, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(status) })
		} else {
			srv.JSON(tc.op, tc.status, tc.answer)
		}
	}
	for _, tc := range tests {
		t.Run(tc.op, func(t *testing.T) {
			tc.call(t)
			req, ok := srv.LastRequest(tc.op)
			if !ok {
				t.Fatalf("%s: server saw no valid request", tc.op)
			}
			if tc.op == "registerClient" {
				if got, ok := req.Header["Property"]; ok {
					t.Errorf("%s Property header = %q, want none", tc.op, got)
				}
				return
			}
			if got := req.Header.Get("Property"); got != "999643" {
				t.Errorf("%s Property header = %q, want 999643", tc.op, got)
			}
			if got := req.Header.Get("Authorization"); got != "Bearer "+testToken {
				t.Errorf("%s Authorization = %q, want the bearer token", tc.op, got)
			}
		})
	}
	srv.RequireAll(t)
}

func TestErrorEnvelope(t *testing.T) {
	srv := spectest.New(t, specs.Octotable)
	c := newClient(t, srv.BaseURL(), octotable.WithRequestEditorFn(bearer), octotable.WithRequestEditorFn(withProperty(testProperty)))
	ctx := context.Background()

	tests := []struct {
		name   string
		op     string
		status int
		body   string
		call   func() (*http.Response, *octotable.Error, error)
		want   octotable.ErrorDetail
	}{
		{
			name: "table not found", op: "getTable", status: http.StatusNotFound, body: errorNotFound,
			call: func() (*http.Response, *octotable.Error, error) {
				res, err := c.GetTableWithResponse(ctx, 18802, 999)
				if err != nil {
					return nil, nil, err
				}
				if res.JSON200 != nil {
					t.Errorf("GetTable() JSON200 = %+v, want nil on 404", res.JSON200)
				}
				return res.HTTPResponse, res.JSON404, nil
			},
			want: octotable.ErrorDetail{Code: ptr("RESOURCE_NOT_FOUND"), Message: ptr("No table with id 999 in room 18802."), ClassName: ptr("ResourceNotFoundException")},
		},
		{
			name: "partial reservation update", op: "updateReservation", status: http.StatusInternalServerError,
			body: `{"success":false,"error":{"code":"INTERNAL_ERROR","message":"Unexpected failure.","class_name":"NullPointerException"}}`,
			call: func() (*http.Response, *octotable.Error, error) {
				res, err := c.UpdateReservationWithResponse(ctx, 32992280, octotable.ReservationUpdate{
					StartDate: date(2025, time.May, 15), StartHour: clock(20, 0, 0), Pax: 4,
					Status: octotable.ReservationStatusConfirmed, Channel: octotable.ChannelAdmin,
					ServiceID: 33841, RoomID: 23288,
					Customer: octotable.Customer{ID: 33942074, FirstName: "Adam", LastName: "Devis"},
				})
				if err != nil {
					return nil, nil, err
				}
				return res.HTTPResponse, res.JSON500, nil
			},
			want: octotable.ErrorDetail{Code: ptr("INTERNAL_ERROR"), Message: ptr("Unexpected failure."), ClassName: ptr("NullPointerException")},
		},
		{
			name: "expired token", op: "listRooms", status: http.StatusUnauthorized,
			body: `{"success":false,"error":{"code":"UNAUTHORIZED","message":"Token expired.","class_name":"UnauthorizedException"}}`,
			call: func() (*http.Response, *octotable.Error, error) {
				res, err := c.ListRoomsWithResponse(ctx)
				if err != nil {
					return nil, nil, err
				}
				return res.HTTPResponse, res.JSON401, nil
			},
			want: octotable.ErrorDetail{Code: ptr("UNAUTHORIZED"), Message: ptr("Token expired."), ClassName: ptr("UnauthorizedException")},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv.JSON(tc.op, tc.status, tc.body)
			res, got, err := tc.call()
			if err != nil {
				t.Fatalf("%s() error = %v", tc.op, err)
			}
			if res.StatusCode != tc.status {
				t.Fatalf("%s() status = %d, want %d", tc.op, res.StatusCode, tc.status)
			}
			if got == nil {
				t.Fatalf("%s() typed error body = nil, want the decoded envelope", tc.op)
			}
			if got.Success || !reflect.DeepEqual(got.Error, tc.want) {
				t.Errorf("%s() error = success %v %+v, want success false %+v", tc.op, got.Success, got.Error, tc.want)
			}
		})
	}
}

// responseExample decodes the example of the first 2xx JSON answer of operationID into v.
func responseExample(t *testing.T, doc *openapi3.T, operationID string, v any) {
	t.Helper()
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.OperationID != operationID {
				continue
			}
			for _, code := range []string{"200", "201"} {
				resp := op.Responses.Value(code)
				if resp == nil || resp.Value.Content.Get("application/json") == nil {
					continue
				}
				b, err := json.Marshal(resp.Value.Content.Get("application/json").Example)
				if err != nil {
					t.Fatalf("%s: json.Marshal(example) error = %v", operationID, err)
				}
				if err := json.Unmarshal(b, v); err != nil {
					t.Fatalf("%s: example %s does not decode into %T: %v", operationID, b, v, err)
				}
				return
			}
		}
	}
	t.Fatalf("%s: no 200 or 201 JSON example", operationID)
}

// summary shows a reservation's room or service summary as its JSON.
func summary[T octotable.RoomSummary | octotable.ServiceSummary](v *T) string {
	if v == nil {
		return "none"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestSpecExamplesAreConsistent checks that the examples of specs/octotable.yaml describe one
// restaurant: the sandbox seeds its rooms, services and reservations from them, and a reservation
// naming a room or service it does not know cannot be updated there. Path parameter examples
// name records the list examples hold, so tools that call the API from the document (the contract
// driver, mock servers) address existing records.
func TestSpecExamplesAreConsistent(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(specs.Octotable)
	if err != nil {
		t.Fatalf("LoadFromData(specs.Octotable) error = %v", err)
	}
	var (
		properties octotable.PropertyList
		rooms      octotable.RoomList
		tables     octotable.TableList
		services   octotable.ServiceList
	)
	responseExample(t, doc, "listProperties", &properties)
	responseExample(t, doc, "listRooms", &rooms)
	responseExample(t, doc, "listTables", &tables)
	responseExample(t, doc, "listServices", &services)
	roomNames := map[int64]string{}
	for _, r := range rooms.Data {
		roomNames[r.ID] = r.Name
	}
	serviceNames := map[int64]string{}
	for _, s := range services.Data {
		serviceNames[s.ID] = s.Name
	}

	var seeded []int64
	for _, id := range []string{"listReservations", "getReservation", "createReservation"} {
		var list octotable.ReservationList
		responseExample(t, doc, id, &list)
		for _, r := range list.Data {
			if id == "listReservations" {
				seeded = append(seeded, r.ID)
			}
			if r.Room == nil || r.Room.Name == nil || roomNames[r.Room.ID] != *r.Room.Name {
				t.Errorf("%s example: reservation %d room = %s, want one of the listRooms example %v", id, r.ID, summary(r.Room), roomNames)
			}
			if r.Service == nil || r.Service.Name == nil || serviceNames[r.Service.ID] != *r.Service.Name {
				t.Errorf("%s example: reservation %d service = %s, want one of the listServices example %v", id, r.ID, summary(r.Service), serviceNames)
			}
		}
	}

	known := map[string][]int64{"reservation_id": seeded}
	for _, p := range properties.Data {
		known["property_id"] = append(known["property_id"], p.ID)
	}
	for _, tb := range tables.Data {
		// The tables' own room, so /room/{room_id}/table/{table_id} names a pair that exists.
		if tb.RoomID == nil || roomNames[*tb.RoomID] == "" {
			t.Errorf("listTables example: table %d room_id = %v, want one of the listRooms example %v", tb.ID, tb.RoomID, roomNames)
			continue
		}
		known["room_id"] = append(known["room_id"], *tb.RoomID)
		known["table_id"] = append(known["table_id"], tb.ID)
	}
	for id := range serviceNames {
		known["service_id"] = append(known["service_id"], id)
	}
	for name, p := range doc.Components.Parameters {
		if p.Value.In != "path" {
			continue
		}
		ex, ok := p.Value.Example.(float64) // YAML integers arrive as float64
		if !ok {
			t.Errorf("components.parameters.%s: example = %#v, want an integer id", name, p.Value.Example)
			continue
		}
		if want := known[p.Value.Name]; !slices.Contains(want, int64(ex)) {
			t.Errorf("components.parameters.%s: example %v names no record of the examples; want one of %v", name, ex, want)
		}
	}
	for path, item := range doc.Paths.Map() {
		for _, p := range item.Parameters {
			if p.Value.In == "path" && p.Value.Example == nil {
				t.Errorf("%s: path parameter %s has no example", path, p.Value.Name)
			}
		}
		for method, op := range item.Operations() {
			for _, p := range op.Parameters {
				if p.Value.In == "path" && p.Value.Example == nil {
					t.Errorf("%s %s: path parameter %s has no example", method, path, p.Value.Name)
				}
			}
		}
	}
}
