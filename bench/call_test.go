package bench_test

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	jsonv1 "github.com/go-json-experiment/json/v1"

	"golang.org/x/time/rate"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// BenchmarkCall compares one typed SDK call through the constructor-built client (auth editor,
// transport chain, generated request building and decoding) with a hand-written net/http +
// encoding/json call sending the same request to the same canned loopback server. The
// sub-benchmarks come in pairs, SDK and Hand; scripts/bench.sh reports their ratios. All four
// calls are built and warmed up (connections, token, heap size) before any is measured, so that
// the first sub-benchmark of the process is not the only one paying for a cold start.
func BenchmarkCall(b *testing.B) {
	calls := benchCalls(b)
	for _, c := range calls {
		for range c.warmup {
			if err := c.call(); err != nil {
				b.Fatalf("%s: %v", c.name, err)
			}
		}
	}
	for _, c := range calls {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.call(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCallPaired measures the time ratio of BenchmarkCall's pairs with the two calls
// interleaved: every iteration makes one SDK call and one hand-written call, alternating which
// goes first, and times each. Slow phases of a shared machine then hit both sides alike, where
// separate benchmarks a second apart can differ by 20 % on noise alone. It reports the SDK's and
// the hand-written call's mean time (sdk-ns/call, hand-ns/call) and their ratio (sdk/hand); ns/op
// covers both calls.
func BenchmarkCallPaired(b *testing.B) {
	calls := benchCalls(b)
	for i := 0; i+1 < len(calls); i += 2 {
		sdk, hand := calls[i], calls[i+1]
		for range sdk.warmup {
			if err := sdk.call(); err != nil {
				b.Fatalf("%s: %v", sdk.name, err)
			}
			if err := hand.call(); err != nil {
				b.Fatalf("%s: %v", hand.name, err)
			}
		}
		b.Run(strings.TrimSuffix(sdk.name, "/SDK"), func(b *testing.B) {
			var sdkTime, handTime time.Duration
			n := 0
			for b.Loop() {
				first, second, ft, st := sdk, hand, &sdkTime, &handTime
				if n%2 == 1 {
					first, second, ft, st = hand, sdk, &handTime, &sdkTime
				}
				t0 := time.Now()
				if err := first.call(); err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				if err := second.call(); err != nil {
					b.Fatal(err)
				}
				*ft += t1.Sub(t0)
				*st += time.Since(t1)
				n++
			}
			b.ReportMetric(float64(sdkTime.Nanoseconds())/float64(n), "sdk-ns/call")
			b.ReportMetric(float64(handTime.Nanoseconds())/float64(n), "hand-ns/call")
			b.ReportMetric(float64(sdkTime)/float64(handTime), "sdk/hand")
		})
	}
}

// benchCall is one of BenchmarkCall's measured calls.
type benchCall struct {
	name   string
	warmup int // calls made before any measurement
	call   func() error
}

// benchCalls starts the canned server and returns BenchmarkCall's calls against it, in pairs.
func benchCalls(tb testing.TB) []benchCall {
	srv := cannedServer(tb, map[string][]byte{
		kobasTokenPath:                     kobasTokenBody,
		kobasBase + "/venue":               venuesBody,
		cloudbedsBase + "/getReservations": cloudbedsPage,
	})
	base := srv.URL
	ctx := context.Background()
	kobasSDK, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
		ClientID: benchClientID, ClientSecret: benchClientSecret, CompanyID: benchCompanyID,
		BaseURL: base + kobasBase, TokenURL: base + kobasTokenPath,
	}, noLimit)) // the call, not Kobas' default 10 requests per second
	if err != nil {
		tb.Fatal(err)
	}
	cloudbedsSDK := newCloudbedsSDK(tb, base+cloudbedsBase)
	propertyID, page, size, guests := benchPropertyID, 1, 100, true
	params := &cloudbeds.GetReservationsParams{
		PropertyID: &propertyID, PageNumber: &page, PageSize: &size, IncludeGuestsDetails: &guests,
	}
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	tb.Cleanup(hc.CloseIdleConnections)

	return []benchCall{
		{"KobasVenues/SDK", 2000, func() error {
			resp, err := kobasSDK.ListVenuesWithResponse(ctx)
			if err != nil {
				return err
			}
			if resp.JSON200 == nil || len(*resp.JSON200) != 3 {
				return fmt.Errorf("ListVenuesWithResponse() = %d %q, want 3 venues", resp.StatusCode(), resp.Body)
			}
			return nil
		}},
		{"KobasVenues/Hand", 2000, func() error {
			vs, err := handVenues(ctx, hc, base+kobasBase)
			if err != nil {
				return err
			}
			if len(vs) != 3 {
				return fmt.Errorf("handVenues() = %d venues, want 3", len(vs))
			}
			return nil
		}},
		{"CloudbedsReservations/SDK", 50, func() error {
			resp, err := cloudbedsSDK.GetReservationsWithResponse(ctx, params)
			if err != nil {
				return err
			}
			if resp.JSON200 == nil || len(resp.JSON200.Data) != 100 {
				return fmt.Errorf("GetReservationsWithResponse() = %d, want 100 reservations", resp.StatusCode())
			}
			return nil
		}},
		{"CloudbedsReservations/Hand", 50, func() error {
			page, err := handReservations(ctx, hc, base+cloudbedsBase)
			if err != nil {
				return err
			}
			if len(page.Data) != 100 {
				return fmt.Errorf("handReservations() = %d reservations, want 100", len(page.Data))
			}
			return nil
		}},
	}
}

// noLimit lifts a provider's default client-side rate limit, so that the benchmarks measure
// calls, not the limiter.
var noLimit = hospitality.WithRateLimit(transport.RateLimit{Limit: rate.Inf})

// newCloudbedsSDK builds the Cloudbeds v1.3 client with hospitality.ConnectCloudbeds: API key
// editor, the shared transport chain with the Cloudbeds success:false check, generated client. The
// client-side rate limit (5 requests per second by default) is lifted so that the benchmark
// measures the call, not the limiter.
func newCloudbedsSDK(tb testing.TB, base string) *cloudbeds.ClientWithResponses {
	tb.Helper()
	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(context.Background(), hospitality.CloudbedsConfig{
		APIKey: benchAPIKey, BaseURL: base,
	}, noLimit))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// hwVenue is the venue a developer would declare by hand.
type hwVenue struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Sname    string `json:"sname"`
	IsParent bool   `json:"is_parent"`
	ParentID *int   `json:"parent_id"`
}

// handVenues is GET /venue written with net/http and encoding/json.
func handVenues(ctx context.Context, hc *http.Client, base string) ([]hwVenue, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/venue", nil)
	if err != nil {
		return nil, err
	}
	// The headers Kobas asks for on every call (TestSameRequests keeps them in step with the SDK).
	req.Header.Set("Authorization", "Bearer "+benchToken)
	req.Header.Set("x-kobas-company-id", benchCompanyID)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	var out []hwVenue
	if err := doJSON(hc, req, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Hand-written Cloudbeds types: plain Go types that match what the server sends (numeric strings
// stay strings, dates stay strings).
type (
	hwReservationsPage struct {
		Success bool            `json:"success"`
		Message string          `json:"message"`
		Data    []hwReservation `json:"data"`
		Count   int             `json:"count"`
		Total   int             `json:"total"`
	}
	hwReservation struct {
		PropertyID           string             `json:"propertyID"`
		ReservationID        string             `json:"reservationID"`
		DateCreated          string             `json:"dateCreated"`
		DateModified         string             `json:"dateModified"`
		Status               string             `json:"status"`
		GuestID              string             `json:"guestID"`
		ProfileID            string             `json:"profileID"`
		GuestName            string             `json:"guestName"`
		StartDate            string             `json:"startDate"`
		EndDate              string             `json:"endDate"`
		AllotmentBlockCode   string             `json:"allotmentBlockCode"`
		GroupCode            string             `json:"groupCode"`
		Adults               string             `json:"adults"`
		Children             string             `json:"children"`
		Balance              float64            `json:"balance"`
		SourceName           string             `json:"sourceName"`
		SourceID             string             `json:"sourceID"`
		ThirdPartyIdentifier string             `json:"thirdPartyIdentifier"`
		SubReservationID     string             `json:"subReservationID"`
		GroupInventory       []hwGroupInventory `json:"groupInventory"`
		CustomFields         []hwCustomField    `json:"customFields"`
		Rooms                []hwRoom           `json:"rooms"`
		GuestList            map[string]hwGuest `json:"guestList"`
		Origin               string             `json:"origin"`
		MealPlans            string             `json:"mealPlans"`
	}
	hwGroupInventory struct {
		SubReservationID   string `json:"subReservationID"`
		AllotmentBlockCode string `json:"allotmentBlockCode"`
		StartDate          string `json:"startDate"`
		EndDate            string `json:"endDate"`
	}
	hwCustomField struct {
		CustomFieldID    string `json:"customFieldID"`
		Shortcode        string `json:"shortcode"`
		IsActive         bool   `json:"isActive"`
		CustomFieldName  string `json:"customFieldName"`
		CustomFieldValue string `json:"customFieldValue"`
	}
	hwRoom struct {
		RoomTypeID        string `json:"roomTypeID"`
		RoomTypeName      string `json:"roomTypeName"`
		RoomTypeIsVirtual bool   `json:"roomTypeIsVirtual"`
		SubReservationID  string `json:"subReservationID"`
		IsRoomLocked      bool   `json:"isRoomLocked"`
		GuestID           string `json:"guestID"`
		GuestName         string `json:"guestName"`
		Adults            string `json:"adults"`
		Children          string `json:"children"`
		ReservationRoomID string `json:"reservationRoomID"`
		RoomID            string `json:"roomID"`
		RoomName          string `json:"roomName"`
		RoomCheckIn       string `json:"roomCheckIn"`
		RoomCheckOut      string `json:"roomCheckOut"`
		RoomStatus        string `json:"roomStatus"`
		MarketName        string `json:"marketName"`
		MarketCode        string `json:"marketCode"`
	}
	hwGuestRoom struct {
		ReservationRoomID string `json:"reservationRoomID"`
		RoomID            string `json:"roomID"`
		RoomName          string `json:"roomName"`
		RoomTypeName      string `json:"roomTypeName"`
		RoomTypeIsVirtual bool   `json:"roomTypeIsVirtual"`
		RoomTypeID        string `json:"roomTypeID"`
		RoomTypeNameShort string `json:"roomTypeNameShort"`
		RateID            string `json:"rateID"`
		RatePlanName      string `json:"ratePlanName"`
		RoomStatus        string `json:"roomStatus"`
		SubReservationID  string `json:"subReservationID"`
		IsRoomLocked      bool   `json:"isRoomLocked"`
	}
	hwGuest struct {
		GuestID                     string          `json:"guestID"`
		GuestName                   string          `json:"guestName"`
		GuestFirstName              string          `json:"guestFirstName"`
		GuestLastName               string          `json:"guestLastName"`
		GuestGender                 string          `json:"guestGender"`
		GuestEmail                  string          `json:"guestEmail"`
		GuestPhone                  string          `json:"guestPhone"`
		GuestCellPhone              string          `json:"guestCellPhone"`
		GuestAddress                string          `json:"guestAddress"`
		GuestAddress2               string          `json:"guestAddress2"`
		GuestCity                   string          `json:"guestCity"`
		GuestState                  string          `json:"guestState"`
		GuestCountry                string          `json:"guestCountry"`
		GuestZip                    string          `json:"guestZip"`
		GuestBirthdate              string          `json:"guestBirthdate"`
		GuestDocumentType           string          `json:"guestDocumentType"`
		GuestDocumentNumber         string          `json:"guestDocumentNumber"`
		GuestDocumentIssueDate      string          `json:"guestDocumentIssueDate"`
		GuestDocumentIssuingCountry string          `json:"guestDocumentIssuingCountry"`
		GuestDocumentExpirationDate string          `json:"guestDocumentExpirationDate"`
		TaxID                       string          `json:"taxID"`
		CompanyTaxID                string          `json:"companyTaxID"`
		CompanyName                 string          `json:"companyName"`
		SubReservationID            string          `json:"subReservationID"`
		StartDate                   string          `json:"startDate"`
		EndDate                     string          `json:"endDate"`
		AssignedRoom                bool            `json:"assignedRoom"`
		RoomID                      string          `json:"roomID"`
		RoomName                    string          `json:"roomName"`
		RoomTypeName                string          `json:"roomTypeName"`
		RoomTypeIsVirtual           bool            `json:"roomTypeIsVirtual"`
		Rooms                       []hwGuestRoom   `json:"rooms"`
		UnassignedRooms             []hwGuestRoom   `json:"unassignedRooms"`
		GuestRequirements           map[string]any  `json:"guestRequirements"`
		CustomFields                []hwCustomField `json:"customFields"`
		IsAnonymized                bool            `json:"isAnonymized"`
		IsMainGuest                 bool            `json:"isMainGuest"`
	}
)

// handReservations is GET /getReservations written with net/http and encoding/json.
func handReservations(ctx context.Context, hc *http.Client, base string) (*hwReservationsPage, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet,
		base+"/getReservations?propertyID="+benchPropertyID+"&includeGuestsDetails=true&pageNumber=1&pageSize=100", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("x-api-key", benchAPIKey)
	var page hwReservationsPage
	if err := doJSON(hc, req, &page); err != nil {
		return nil, err
	}
	if !page.Success {
		return nil, fmt.Errorf("getReservations: %s", page.Message)
	}
	return &page, nil
}

// doJSON sends req and decodes a 200 answer into v, draining the body so that the connection is
// reused.
func doJSON(hc *http.Client, req *http.Request, v any) error {
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	defer io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// BenchmarkDecode isolates the response decoding of BenchmarkCall's large case: the generated
// Cloudbeds types (lenient wire types for ids, numbers, flags and dates) decoded as the generated
// client does (encoding/json/v2 in v1 mode, see internal/codegen/imports.tmpl), the same types
// through encoding/json, and the plain structs of the hand-written client through encoding/json.
func BenchmarkDecode(b *testing.B) {
	for _, c := range []struct {
		name      string
		new       func() any
		unmarshal func([]byte, any) error
	}{
		{"Generated", func() any { return new(cloudbeds.GetReservationsResult) }, jsonv1.Unmarshal},
		{"GeneratedStdlib", func() any { return new(cloudbeds.GetReservationsResult) }, json.Unmarshal},
		{"Plain", func() any { return new(hwReservationsPage) }, json.Unmarshal},
	} {
		b.Run("CloudbedsReservations/"+c.name, func(b *testing.B) {
			b.SetBytes(int64(len(cloudbedsPage)))
			b.ReportAllocs()
			for b.Loop() {
				v := c.new()
				if err := c.unmarshal(cloudbedsPage, v); err != nil {
					b.Fatalf("Unmarshal() error = %v", err)
				}
			}
		})
	}
}

// TestDecodeAgrees checks that BenchmarkDecode compares like with like: the three decodings of
// the page give 100 reservations with the same ids and guest counts, and the two decodings of the
// generated types are identical.
func TestDecodeAgrees(t *testing.T) {
	var gen, std cloudbeds.GetReservationsResult
	var plain hwReservationsPage
	if err := jsonv1.Unmarshal(cloudbedsPage, &gen); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(cloudbedsPage, &std); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(cloudbedsPage, &plain); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gen, std) {
		t.Error("jsonv1.Unmarshal and json.Unmarshal decode the page differently")
	}
	if len(gen.Data) != 100 || len(plain.Data) != 100 {
		t.Fatalf("reservations = %d generated, %d plain; want 100", len(gen.Data), len(plain.Data))
	}
	for i, r := range gen.Data {
		p := plain.Data[i]
		if string(r.ReservationID) != p.ReservationID || len(r.GuestList) != len(p.GuestList) || len(r.GuestList) == 0 {
			t.Errorf("reservation %d = %s with %d guests, plain %s with %d", i, r.ReservationID, len(r.GuestList),
				p.ReservationID, len(p.GuestList))
		}
	}
}
