package kobas_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// Synthetic credentials; nothing here is a real Kobas secret.
const (
	testToken     = "test-access-token"
	testCompanyID = "1234"
)

// newClient returns a typed client for srv that sends the two credentials Kobas requires on every
// call, the way the auth package's editors do.
func newClient(t *testing.T, srv *spectest.Server) *kobas.ClientWithResponses {
	t.Helper()
	bearer := spectest.Headers("Authorization", "Bearer "+testToken)
	company := spectest.Headers("x-kobas-company-id", testCompanyID)
	c, err := kobas.NewClientWithResponses(srv.BaseURL(),
		kobas.WithRequestEditorFn(bearer),
		kobas.WithRequestEditorFn(company))
	if err != nil {
		t.Fatalf("NewClientWithResponses(%q) = %v", srv.BaseURL(), err)
	}
	return c
}

// lastRequest returns the request the fake server last accepted for op and checks the wire details
// every Kobas call shares: method, path, bearer token and company header.
func lastRequest(t *testing.T, srv *spectest.Server, op, method, path string) spectest.Request {
	t.Helper()
	req, ok := srv.LastRequest(op)
	if !ok {
		t.Fatalf("LastRequest(%q): no request received", op)
	}
	if req.Method != method {
		t.Errorf("%s: method = %s, want %s", op, req.Method, method)
	}
	if req.URL.Path != path {
		t.Errorf("%s: path = %s, want %s", op, req.URL.Path, path)
	}
	if got, want := req.Header.Get("Authorization"), "Bearer "+testToken; got != want {
		t.Errorf("%s: Authorization = %q, want %q", op, got, want)
	}
	if got := req.Header.Get("x-kobas-company-id"); got != testCompanyID {
		t.Errorf("%s: x-kobas-company-id = %q, want %q", op, got, testCompanyID)
	}
	return req
}

func checkStatus(t *testing.T, op string, got, want int, body []byte) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: status = %d, want %d (body %s)", op, got, want, body)
	}
}

func sqlTime(y int, mo time.Month, d, h, mi, s int) time.Time {
	return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
}

func TestSpecLoads(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(specs.Kobas)
	if err != nil {
		t.Fatalf("LoadFromData(specs.Kobas) = %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("Validate(specs.Kobas) = %v", err)
	}
	if got, want := doc.OpenAPI, "3.0.3"; got != want {
		t.Errorf("openapi = %q, want %q", got, want)
	}
	if got, want := doc.Servers[0].URL, kobas.DefaultServer; got != want {
		t.Errorf("servers[0].url = %q, want DefaultServer %q", got, want)
	}

	var ids []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ids = append(ids, op.OperationID)
			if op.Summary == "" || op.Description == "" || len(op.Tags) == 0 {
				t.Errorf("%s %s: summary, description and tags are required", method, path)
			}
			if op.Responses.Default() == nil {
				t.Errorf("%s %s: no default error response", method, path)
			}
			example := false
			for code, resp := range op.Responses.Map() {
				if !strings.HasPrefix(code, "2") {
					continue
				}
				for _, mt := range resp.Value.Content {
					if mt.Example != nil || len(mt.Examples) > 0 {
						example = true
					}
				}
			}
			if !example {
				t.Errorf("%s %s: no example on its 2xx response", method, path)
			}
		}
	}
	slices.Sort(ids)
	want := []string{
		"getLegacyVenue", "getVenue", "listSalesOrders", "listStaff", "listStaffRoles",
		"listStaffShifts", "listVenuePayments", "listVenues", "postWirelessSocialLogin", "searchCustomers",
	}
	if !slices.Equal(ids, want) {
		t.Errorf("operationIds = %v, want %v", ids, want)
	}
}

// TestSpecIsPureOpenAPI pins the house rule that Go-specific extensions live in the overlay only.
func TestSpecIsPureOpenAPI(t *testing.T) {
	if m := regexp.MustCompile(`(?m)^\s*x-(go|oapi-codegen|deprecated-reason)[\w-]*:`).Find(specs.Kobas); m != nil {
		t.Errorf("specs/kobas.yaml contains generator extension %q; move it to overlays/kobas.yaml", bytes.TrimSpace(m))
	}
}

// TestOperations calls every operation in the spec once through the typed client against a fake
// Kobas that validates requests and answers against specs/kobas.yaml.
func TestOperations(t *testing.T) {
	srv := spectest.New(t, specs.Kobas)
	c := newClient(t, srv)
	ctx := context.Background()

	t.Run("searchCustomers", func(t *testing.T) {
		srv.JSON("searchCustomers", http.StatusOK, `[
			{"id": 50311, "first_name": "Ada", "surname": "Lovelace", "email": "ada@example.com",
			 "mobile": "07700900123", "dob": "0000-00-00", "postcode": null, "marketing_consent": 1,
			 "c_date": "2023-11-10 18:21:39", "m_date": "0000-00-00 00:00:00"},
			{"id": "C-77", "first_name": null, "surname": "Hopper", "email": "ada@example.com"}]`)
		email := "ada@example.com"
		res, err := c.SearchCustomersWithResponse(ctx, &kobas.SearchCustomersParams{Email: &email})
		if err != nil {
			t.Fatalf("SearchCustomersWithResponse() = %v", err)
		}
		checkStatus(t, "searchCustomers", res.StatusCode(), http.StatusOK, res.Body)
		req := lastRequest(t, srv, "searchCustomers", http.MethodGet, "/v3/customer/search")
		if got, want := req.URL.RawQuery, "email=ada%40example.com"; got != want {
			t.Errorf("query = %q, want %q", got, want)
		}
		got := *res.JSON200
		if len(got) != 2 {
			t.Fatalf("len(customers) = %d, want 2", len(got))
		}
		if got[0].ID != "50311" || got[1].ID != "C-77" {
			t.Errorf("ids = %q, %q, want %q, %q", got[0].ID, got[1].ID, "50311", "C-77")
		}
		if !got[0].Dob.IsZero() {
			t.Errorf("dob 0000-00-00 = %v, want zero", got[0].Dob)
		}
		if !got[0].MDate.IsZero() {
			t.Errorf("m_date 0000-00-00 00:00:00 = %v, want zero", got[0].MDate)
		}
		if want := sqlTime(2023, 11, 10, 18, 21, 39); !got[0].CDate.Equal(want) {
			t.Errorf("c_date = %v, want %v", got[0].CDate, want)
		}
		if !got[0].MarketingConsent || got[1].MarketingConsent {
			t.Errorf("marketing_consent = %v, %v, want true, false", got[0].MarketingConsent, got[1].MarketingConsent)
		}
		if got[1].FirstName != "" {
			t.Errorf("first_name null = %q, want empty", got[1].FirstName)
		}
	})

	t.Run("postWirelessSocialLogin", func(t *testing.T) {
		srv.JSON("postWirelessSocialLogin", http.StatusOK, `{"success": true}`)
		seen := wire.DateTime{Time: time.Date(2024, 5, 17, 19, 42, 10, 0, time.FixedZone("BST", 3600))}
		first := true
		body := kobas.WirelessSocialLogin{Customer: kobas.WirelessSocialCustomer{
			ID:                    "ws-cus-81f2",
			OccurredAt:            seen,
			IsFirstSightingOfUser: &first,
			User: kobas.WirelessSocialUser{
				ID:           "ws-usr-1200",
				EmailAddress: "guest@example.com",
				FirstName:    "Grace",
				LastName:     "Hopper",
				DateOfBirth:  wire.Date{Time: time.Date(1990, 12, 9, 0, 0, 0, 0, time.UTC)},
				FirstSeenAt:  seen,
				NumLogins:    1,
				DataSource:   "facebook",
			},
			Venue: kobas.WirelessSocialVenue{ID: "ws-ven-7", Name: "The Crown", CustomerRef: "12"},
		}}
		res, err := c.PostWirelessSocialLoginWithResponse(ctx, body)
		if err != nil {
			t.Fatalf("PostWirelessSocialLoginWithResponse() = %v", err)
		}
		checkStatus(t, "postWirelessSocialLogin", res.StatusCode(), http.StatusOK, res.Body)
		req := lastRequest(t, srv, "postWirelessSocialLogin", http.MethodPost, "/v3/integrations/wifi-login/wireless-social")
		if got, want := req.Header.Get("Content-Type"), "application/json"; got != want {
			t.Errorf("Content-Type = %q, want %q", got, want)
		}
		// Unset optional fields (lastSeenAt, gender, ...) are left out rather than sent as null or "".
		want := `{"customer":{"id":"ws-cus-81f2","isFirstSightingOfUser":true,` +
			`"occurredAt":"2024-05-17T19:42:10+01:00",` +
			`"user":{"dataSource":"facebook","dateOfBirth":"1990-12-09","emailAddress":"guest@example.com",` +
			`"firstName":"Grace","firstSeenAt":"2024-05-17T19:42:10+01:00","id":"ws-usr-1200",` +
			`"lastName":"Hopper","numLogins":1},` +
			`"venue":{"customerRef":"12","id":"ws-ven-7","name":"The Crown"}}}`
		if got := string(bytes.TrimSpace(req.Body)); got != want {
			t.Errorf("body =\n%s\nwant\n%s", got, want)
		}
		if got := (*res.JSON200)["success"]; got != true {
			t.Errorf("acknowledgement success = %v, want true", got)
		}
	})

	t.Run("listVenues", func(t *testing.T) {
		srv.JSON("listVenues", http.StatusOK, `[
			{"id": 1, "parent_id": null, "is_parent": true, "name": "Crown Inns Group", "sname": "Group"},
			{"id": 12, "parent_id": 1, "is_parent": false, "name": "The Crown", "sname": "Crown"}]`)
		res, err := c.ListVenuesWithResponse(ctx)
		if err != nil {
			t.Fatalf("ListVenuesWithResponse() = %v", err)
		}
		checkStatus(t, "listVenues", res.StatusCode(), http.StatusOK, res.Body)
		req := lastRequest(t, srv, "listVenues", http.MethodGet, "/v3/venue")
		if req.URL.RawQuery != "" {
			t.Errorf("query = %q, want none", req.URL.RawQuery)
		}
		got := *res.JSON200
		if len(got) != 2 {
			t.Fatalf("len(venues) = %d, want 2", len(got))
		}
		if got[0].ParentID != nil || !got[0].IsParent {
			t.Errorf("venue 1: parent_id = %v, is_parent = %v, want nil, true", got[0].ParentID, got[0].IsParent)
		}
		if got[1].ParentID == nil || *got[1].ParentID != 1 || got[1].Name != "The Crown" || got[1].Sname != "Crown" {
			t.Errorf("venue 12 = %+v, want parent 1, The Crown / Crown", got[1])
		}
	})

	t.Run("getVenue", func(t *testing.T) {
		srv.JSON("getVenue", http.StatusOK, `{"id": 12, "name": "The Crown"}`)
		res, err := c.GetVenueWithResponse(ctx, 12, &kobas.GetVenueParams{Field: &[]string{"id", "name"}})
		if err != nil {
			t.Fatalf("GetVenueWithResponse() = %v", err)
		}
		checkStatus(t, "getVenue", res.StatusCode(), http.StatusOK, res.Body)
		req := lastRequest(t, srv, "getVenue", http.MethodGet, "/v3/venue/12")
		if got, want := req.URL.RawQuery, "field=id,name"; got != want {
			t.Errorf("query = %q, want %q", got, want)
		}
		if got := res.JSON200; got.ID != 12 || got.Name != "The Crown" || got.ParentID != nil {
			t.Errorf("venue = %+v, want id 12, The Crown, no parent", got)
		}
	})

	t.Run("getLegacyVenue", func(t *testing.T) {
		srv.JSON("getLegacyVenue", http.StatusOK, `{"id": 12, "parent_id": 1, "is_parent": false, "name": "The Crown", "sname": "Crown"}`)
		//lint:ignore SA1019 the deprecated route is still generated and must still work
		res, err := c.GetLegacyVenueWithResponse(ctx, 12)
		if err != nil {
			t.Fatalf("GetLegacyVenueWithResponse() = %v", err)
		}
		checkStatus(t, "getLegacyVenue", res.StatusCode(), http.StatusOK, res.Body)
		lastRequest(t, srv, "getLegacyVenue", http.MethodGet, "/v3/data/venue/12")
		if got := res.JSON200; got.ID != 12 || got.ParentID == nil || *got.ParentID != 1 {
			t.Errorf("venue = %+v, want id 12 with parent 1", got)
		}
	})

	t.Run("listVenuePayments", func(t *testing.T) {
		srv.JSON("listVenuePayments", http.StatusOK, `[
			{"Payment ID": 880231, "Venue ID": 12, "Time": "2024-05-17 21:04:55", "Tab ID": 3301,
			 "Order ID": 99120, "Customer ID": 50311, "Payment Total": "42.50", "Payment Cash": "0.00",
			 "Payment Card": "42.50", "Payment Other": "0.00", "Gratuity": "4.00",
			 "Service Charge": "3.86", "Tips": "0.00",
			 "Payments": [{"Payment ID": 880231, "Payment Type": "Card", "Amount": "42.50"}]}]`)
		from, to, venue := "2024-05-17T05:30:00", "2024-05-18T05:29:59", 12
		res, err := c.ListVenuePaymentsWithResponse(ctx, &kobas.ListVenuePaymentsParams{FromDate: &from, ToDate: &to, VenueID: &venue})
		if err != nil {
			t.Fatalf("ListVenuePaymentsWithResponse() = %v", err)
		}
		checkStatus(t, "listVenuePayments", res.StatusCode(), http.StatusOK, res.Body)
		req := lastRequest(t, srv, "listVenuePayments", http.MethodGet, "/v3/venue/payments")
		if got, want := req.URL.RawQuery, "from_date=2024-05-17T05%3A30%3A00&to_date=2024-05-18T05%3A29%3A59&venue_id=12"; got != want {
			t.Errorf("query = %q, want %q", got, want)
		}
		got := *res.JSON200
		if len(got) != 1 {
			t.Fatalf("len(payments) = %d, want 1", len(got))
		}
		p := got[0]
		if p.PaymentID != 880231 || p.VenueID != 12 || p.TabID != 3301 || p.OrderID != 99120 {
			t.Errorf("ids = %d/%d/%d/%d, want 880231/12/3301/99120", p.PaymentID, p.VenueID, p.TabID, p.OrderID)
		}
		// An integer here, a string in sales orders: both read as the same text.
		if p.CustomerID != "50311" {
			t.Errorf("Customer ID = %q, want %q", p.CustomerID, "50311")
		}
		amounts := map[string]wire.Decimal{
			"Payment Total": p.PaymentTotal, "Payment Cash": p.PaymentCash, "Payment Card": p.PaymentCard,
			"Payment Other": p.PaymentOther, "Gratuity": p.Gratuity, "Service Charge": p.ServiceCharge, "Tips": p.Tips,
		}
		want := map[string]wire.Decimal{
			"Payment Total": "42.50", "Payment Cash": "0.00", "Payment Card": "42.50",
			"Payment Other": "0.00", "Gratuity": "4.00", "Service Charge": "3.86", "Tips": "0.00",
		}
		for k, w := range want {
			if amounts[k] != w {
				t.Errorf("%s = %q, want %q", k, amounts[k], w)
			}
		}
		if want := sqlTime(2024, 5, 17, 21, 4, 55); !p.Time.Equal(want) {
			t.Errorf("Time = %v, want %v", p.Time, want)
		}
		if len(p.Payments) != 1 || p.Payments[0].PaymentType != "Card" || p.Payments[0].Amount != "42.50" {
			t.Errorf("Payments = %+v, want one Card line of 42.50", p.Payments)
		}
	})

	t.Run("listStaffRoles", func(t *testing.T) {
		srv.JSON("listStaffRoles", http.StatusOK, `[
			{"id": 4, "franchisee_id": 1, "name": "Bartender", "category": "Front of House"},
			{"id": 7, "franchisee_id": 1, "name": "Chef de Partie", "category": "Kitchen"}]`)
		res, err := c.ListStaffRolesWithResponse(ctx)
		if err != nil {
			t.Fatalf("ListStaffRolesWithResponse() = %v", err)
		}
		checkStatus(t, "listStaffRoles", res.StatusCode(), http.StatusOK, res.Body)
		lastRequest(t, srv, "listStaffRoles", http.MethodGet, "/v3/staff/roles")
		want := []kobas.StaffRole{
			{ID: 4, FranchiseeID: 1, Name: "Bartender", Category: "Front of House"},
			{ID: 7, FranchiseeID: 1, Name: "Chef de Partie", Category: "Kitchen"},
		}
		if got := *res.JSON200; !slices.Equal(got, want) {
			t.Errorf("roles = %+v, want %+v", got, want)
		}
	})

	t.Run("listStaff", func(t *testing.T) {
		srv.JSON("listStaff", http.StatusOK, `{"data": [
			{"id": 301, "franchisee_id": 1, "venue_id": 12, "title": "Ms", "first_name": "Mary",
			 "surname": "Jackson", "name": "Mary Jackson", "gender": "F", "email": "mary.jackson@example.com",
			 "telephone": null, "mobile": "07700900789", "dob": "1900-01-01", "start_date": "2021-04-12",
			 "end_date": "0000-00-00", "level_id": null, "default_role_id": 4, "is_current_employee": 1,
			 "marketing_consent": 0, "m_date": "2024-03-01 09:15:00", "c_date": "2021-04-01 12:00:00",
			 "can_export_salary_data": true}],
			"limit": 50, "offset": 100}`)
		limit, offset := 50, 100
		res, err := c.ListStaffWithResponse(ctx, &kobas.ListStaffParams{Limit: &limit, Offset: &offset})
		if err != nil {
			t.Fatalf("ListStaffWithResponse() = %v", err)
		}
		checkStatus(t, "listStaff", res.StatusCode(), http.StatusOK, res.Body)
		req := lastRequest(t, srv, "listStaff", http.MethodGet, "/v3/staff")
		if got, want := req.URL.RawQuery, "limit=50&offset=100"; got != want {
			t.Errorf("query = %q, want %q", got, want)
		}
		page := res.JSON200
		if page.Limit != 50 || page.Offset != 100 || page.Total != nil || len(page.Data) != 1 {
			t.Fatalf("page = limit %d offset %d total %v len %d, want 50, 100, nil, 1", page.Limit, page.Offset, page.Total, len(page.Data))
		}
		s := page.Data[0]
		if s.ID != 301 || s.Name != "Mary Jackson" || s.Telephone != "" || s.LevelID != 0 || s.DefaultRoleID != 4 {
			t.Errorf("staff = %+v", s)
		}
		if !s.EndDate.IsZero() {
			t.Errorf("end_date 0000-00-00 = %v, want zero", s.EndDate)
		}
		// Placeholder birth dates are data, not errors: kept as given.
		if got, want := s.Dob.String(), "1900-01-01"; got != want {
			t.Errorf("dob = %q, want %q", got, want)
		}
		if want := time.Date(2021, 4, 12, 0, 0, 0, 0, time.UTC); !s.StartDate.Equal(want) {
			t.Errorf("start_date = %v, want %v", s.StartDate, want)
		}
		if want := sqlTime(2024, 3, 1, 9, 15, 0); !s.MDate.Equal(want) {
			t.Errorf("m_date = %v, want %v", s.MDate, want)
		}
		if !s.IsCurrentEmployee || s.MarketingConsent || !s.CanExportSalaryData {
			t.Errorf("flags = %v/%v/%v, want true/false/true", s.IsCurrentEmployee, s.MarketingConsent, s.CanExportSalaryData)
		}
	})

	t.Run("listStaffShifts", func(t *testing.T) {
		srv.JSON("listStaffShifts", http.StatusOK, `{"data": [
			{"id": 77001, "venue_id": 12, "charge_venue_id": 12, "role_id": 4, "date": "2024-05-17",
			 "start_time": "18:00:00", "end_time": "02:00:00", "minutes_rostered": 480,
			 "hours_rostered": "8.00", "minutes_on_break": 30, "minutes_worked": 465, "hours_worked": 7.75,
			 "approved": 1, "time_in": "17:55:00", "time_out": null, "tips": "12.40", "hours_training": 0,
			 "has_clocked_in": 1, "has_break": 1, "is_holiday": 0, "is_day_off": 0, "is_cover_shift": 0,
			 "m_date": "2024-05-18 02:11:03", "c_date": "2024-05-10 10:00:00", "holiday_amount_of_day": "0.5"}],
			"limit": 50, "offset": 0, "total": 1}`)
		offset, limit := 0, 50
		res, err := c.ListStaffShiftsWithResponse(ctx, 301, &kobas.ListStaffShiftsParams{Offset: &offset, Limit: &limit})
		if err != nil {
			t.Fatalf("ListStaffShiftsWithResponse() = %v", err)
		}
		checkStatus(t, "listStaffShifts", res.StatusCode(), http.StatusOK, res.Body)
		req := lastRequest(t, srv, "listStaffShifts", http.MethodGet, "/v3/staff/301/shifts")
		if got, want := req.URL.RawQuery, "offset=0&limit=50"; got != want {
			t.Errorf("query = %q, want %q", got, want)
		}
		page := res.JSON200
		if page.Total == nil || *page.Total != 1 || len(page.Data) != 1 {
			t.Fatalf("page total = %v, len = %d, want 1, 1", page.Total, len(page.Data))
		}
		s := page.Data[0]
		start := wire.TimeOfDay{Hour: 18, Valid: true}
		end := wire.TimeOfDay{Hour: 2, Valid: true}
		in := wire.TimeOfDay{Hour: 17, Minute: 55, Valid: true}
		if s.StartTime != start || s.EndTime != end || s.TimeIn != in {
			t.Errorf("times = %v-%v in %v, want %v-%v in %v", s.StartTime, s.EndTime, s.TimeIn, start, end, in)
		}
		if !s.EndTime.Before(s.StartTime) {
			t.Errorf("EndTime.Before(StartTime) = false, want true (shift crosses midnight)")
		}
		if !s.TimeOut.IsZero() {
			t.Errorf("time_out null = %v, want empty", s.TimeOut)
		}
		if s.HoursRostered != 8 || s.HoursWorked != 7.75 || s.HoursTraining != 0 || s.HolidayAmountOfDay != 0.5 {
			t.Errorf("hours = %v/%v/%v/%v, want 8/7.75/0/0.5", s.HoursRostered, s.HoursWorked, s.HoursTraining, s.HolidayAmountOfDay)
		}
		if s.Tips != "12.40" {
			t.Errorf("tips = %q, want %q", s.Tips, "12.40")
		}
		if !s.Approved || !s.HasClockedIn || !s.HasBreak || s.IsHoliday || s.IsDayOff || s.IsCoverShift {
			t.Errorf("flags = %+v", s)
		}
		if got, want := s.Date.String(), "2024-05-17"; got != want {
			t.Errorf("date = %q, want %q", got, want)
		}
	})

	t.Run("listSalesOrders", func(t *testing.T) {
		srv.JSON("listSalesOrders", http.StatusOK, `[{"Brand ID": "3", "Brand Name": "Crown Inns",
			"Region ID": 2, "Region Name": "North West", "Area ID": 5, "Area Name": "Manchester",
			"Venue ID": 12, "Venue Name": "The Crown", "Order Timestamp": "2024-05-17 21:03:12",
			"Business Date": "2024-05-17", "Order ID": 99120, "Till ID": 2, "Staff ID": 301,
			"Staff Name": "Mary Jackson", "Table ID": null, "Table Name": "Bar", "Tab ID": 3301,
			"Customer ID": "50311", "Order Source": "Till", "Consumption Mode": "Eat In",
			"Items": [{"Order Item ID": 456001, "Lead Type": "Drink", "Category": "Draught Beer",
				"PLU ID": 1201, "PLU Name": "Pint of Bitter", "Sale Action": "Sale",
				"Full Base Price": "4.80", "Discount": "0.00", "Discount ID": 0, "Discount Name": "",
				"Fixed Discount": "0.00", "Fixed Discount ID": null, "Fixed Discount Name": null,
				"Manual Price Adjustment": -0.30, "Actual Gross Sale Price": "4.50", "Tax": "0.75",
				"Actual Net Sale Price": "3.75", "Tax Rate": "20%", "Cost Price": "1.35",
				"Modifiers": [{"Modifier Group ID": 8, "Question": "Glass", "Modifier Answer ID": 31,
					"Answer": "Straight glass", "Gross Sale Price": "0.00", "Tax Rate": "20%",
					"Cost Price": "0.00", "Recipe": []}],
				"Recipe": [{"Ingredient ID": 640, "Ingredient Name": "Bitter (keg)", "Quantity": "0.568",
					"Unit Measurement": "litre", "Price": "1.35"}],
				"PLU Notes": ""}],
			"Payments": null, "Discounts": []}]`)
		from, to, venue, recipe := "2024-05-17T05:30:00", "2024-05-18T05:29:59", 12, 1
		res, err := c.ListSalesOrdersWithResponse(ctx, &kobas.ListSalesOrdersParams{
			FromDate: &from, ToDate: &to, IncludeRecipe: &recipe, VenueID: &venue,
		})
		if err != nil {
			t.Fatalf("ListSalesOrdersWithResponse() = %v", err)
		}
		checkStatus(t, "listSalesOrders", res.StatusCode(), http.StatusOK, res.Body)
		req := lastRequest(t, srv, "listSalesOrders", http.MethodGet, "/v3/sales/orders")
		if got, want := req.URL.Query(), "include_recipe=1"; !strings.Contains(req.URL.RawQuery, want) || got.Get("venue_id") != "12" || got.Get("from_date") != from || got.Get("to_date") != to {
			t.Errorf("query = %q, want from_date, to_date, %s and venue_id=12", req.URL.RawQuery, want)
		}
		orders := *res.JSON200
		if len(orders) != 1 {
			t.Fatalf("len(orders) = %d, want 1", len(orders))
		}
		o := orders[0]
		if o.OrderID != 99120 || o.VenueID != 12 || o.VenueName != "The Crown" || o.StaffName != "Mary Jackson" {
			t.Errorf("order = %+v", o)
		}
		if o.BrandID != "3" || o.TillID != "2" || o.TableID != "" || o.CustomerID != "50311" {
			t.Errorf("mixed ids = brand %q till %q table %q customer %q, want 3, 2, empty, 50311", o.BrandID, o.TillID, o.TableID, o.CustomerID)
		}
		if want := sqlTime(2024, 5, 17, 21, 3, 12); !o.OrderTimestamp.Equal(want) {
			t.Errorf("Order Timestamp = %v, want %v", o.OrderTimestamp, want)
		}
		if o.Payments != nil || len(o.Discounts) != 0 {
			t.Errorf("Payments, Discounts = %v, %v, want nil, empty", o.Payments, o.Discounts)
		}
		if len(o.Items) != 1 {
			t.Fatalf("len(Items) = %d, want 1", len(o.Items))
		}
		it := o.Items[0]
		if it.PLUID != 1201 || it.PLUName != "Pint of Bitter" || it.FixedDiscountID != 0 || it.FixedDiscountName != "" {
			t.Errorf("item = %+v", it)
		}
		money := map[string][2]wire.Decimal{
			"Full Base Price":         {it.FullBasePrice, "4.80"},
			"Discount":                {it.Discount, "0.00"},
			"Manual Price Adjustment": {it.ManualPriceAdjustment, "-0.30"},
			"Actual Gross Sale Price": {it.ActualGrossSalePrice, "4.50"},
			"Tax":                     {it.Tax, "0.75"},
			"Actual Net Sale Price":   {it.ActualNetSalePrice, "3.75"},
			"Cost Price":              {it.CostPrice, "1.35"},
		}
		for k, v := range money {
			if v[0] != v[1] {
				t.Errorf("%s = %q, want %q", k, v[0], v[1])
			}
		}
		if rate, err := it.TaxRate.Value(); err != nil || rate != 20 || it.TaxRate != "20%" {
			t.Errorf("Tax Rate %q Value() = %v, %v, want 20, nil", it.TaxRate, rate, err)
		}
		if len(it.Modifiers) != 1 || it.Modifiers[0].Answer != "Straight glass" || it.Modifiers[0].TaxRate != "20%" || len(it.Modifiers[0].Recipe) != 0 {
			t.Errorf("Modifiers = %+v", it.Modifiers)
		}
		want := []kobas.RecipeLine{{IngredientID: 640, IngredientName: "Bitter (keg)", Quantity: "0.568", UnitMeasurement: "litre", Price: "1.35"}}
		if !slices.Equal(it.Recipe, want) {
			t.Errorf("Recipe = %+v, want %+v", it.Recipe, want)
		}
	})

	srv.RequireAll(t)
}

// TestErrorResponses checks that Kobas error bodies decode into the typed response field for the
// status (404 on shifts is documented; other failures land in JSONDefault).
func TestErrorResponses(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		pick    func(*kobas.ListStaffShiftsResponse) *kobas.Error
		code    string
		message string
	}{
		{
			name:    "not found",
			status:  http.StatusNotFound,
			body:    `{"code": "not_found", "message": "Staff member not found"}`,
			pick:    func(r *kobas.ListStaffShiftsResponse) *kobas.Error { return r.JSON404 },
			code:    "not_found",
			message: "Staff member not found",
		},
		{
			name:    "unauthorized",
			status:  http.StatusUnauthorized,
			body:    `{"message": "Access token could not be verified"}`,
			pick:    func(r *kobas.ListStaffShiftsResponse) *kobas.Error { return r.JSON401 },
			message: "Access token could not be verified",
		},
		{
			name:   "server error",
			status: http.StatusInternalServerError,
			body:   `{"code": "server_error"}`,
			pick:   func(r *kobas.ListStaffShiftsResponse) *kobas.Error { return r.JSONDefault },
			code:   "server_error",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.Kobas)
			srv.JSON("listStaffShifts", tc.status, tc.body)
			c := newClient(t, srv)
			res, err := c.ListStaffShiftsWithResponse(context.Background(), 999, nil)
			if err != nil {
				t.Fatalf("ListStaffShiftsWithResponse(999) = %v", err)
			}
			checkStatus(t, "listStaffShifts", res.StatusCode(), tc.status, res.Body)
			if res.JSON200 != nil {
				t.Errorf("JSON200 = %+v, want nil", res.JSON200)
			}
			e := tc.pick(res)
			if e == nil {
				t.Fatalf("typed error field is nil; body %s", res.Body)
			}
			if e.Code != tc.code || e.Message != tc.message {
				t.Errorf("error = {%q, %q}, want {%q, %q}", e.Code, e.Message, tc.code, tc.message)
			}
			req := lastRequest(t, srv, "listStaffShifts", http.MethodGet, "/v3/staff/999/shifts")
			if req.URL.RawQuery != "" {
				t.Errorf("query = %q, want none for nil params", req.URL.RawQuery)
			}
		})
	}
}

// TestSpecPathExamples checks that every path parameter of specs/kobas.yaml has an example and
// that it names a record of the list examples, so tools that call the API from the document (the
// contract driver, mock servers) address a venue or staff member that exists.
func TestSpecPathExamples(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(specs.Kobas)
	if err != nil {
		t.Fatalf("LoadFromData(specs.Kobas) error = %v", err)
	}
	decode := func(path string, v any) {
		t.Helper()
		b, err := json.Marshal(doc.Paths.Find(path).Get.Responses.Status(200).Value.Content.Get("application/json").Example)
		if err == nil {
			err = json.Unmarshal(b, v)
		}
		if err != nil {
			t.Fatalf("GET %s: 200 example does not decode into %T: %v", path, v, err)
		}
	}
	var venues []kobas.Venue
	var staff kobas.StaffPage
	decode("/venue", &venues)
	decode("/staff", &staff)
	known := map[string][]int{}
	for _, v := range venues {
		known["id"] = append(known["id"], v.ID)
	}
	for _, s := range staff.Data {
		known["staff_id"] = append(known["staff_id"], s.ID)
	}

	checked := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for _, p := range op.Parameters {
				if p.Value.In != "path" {
					continue
				}
				checked++
				ex, ok := p.Value.Example.(float64) // YAML integers arrive as float64
				if !ok {
					t.Errorf("%s %s: path parameter %s example = %#v, want an integer id", method, path, p.Value.Name, p.Value.Example)
					continue
				}
				if want := known[p.Value.Name]; !slices.Contains(want, int(ex)) {
					t.Errorf("%s %s: path parameter %s example %v names no record of the list examples; want one of %v", method, path, p.Value.Name, ex, want)
				}
			}
		}
	}
	if checked != 3 {
		t.Errorf("checked %d path parameters, want 3 (getVenue, getLegacyVenue, listStaffShifts)", checked)
	}
}
