package cloudbedsv2_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// TestOperations calls every operation of the document once through the typed client against a
// fake Cloudbeds that validates each request and answer against specs/cloudbeds-v2.yaml. Answers
// carry the forms the service really sends: numbers as strings, YYYY-MM-DD HH:MM:SS timestamps,
// ids as numbers and enum values the document does not list.
func TestOperations(t *testing.T) {
	doc := loadSpec(t)
	srv := spectest.New(t, specs.CloudbedsV2)
	c := newClient(t, srv)
	ctx := context.Background()

	var cases []opCase
	cases = append(cases, catalogCases(c, srv, ctx)...)
	cases = append(cases, folioCases(c, srv, ctx)...)
	cases = append(cases, doorLockCases(c, srv, ctx)...)
	cases = append(cases, eventCases(c, srv, ctx)...)
	cases = append(cases, integrationCases(c, srv, ctx)...)
	cases = append(cases, segmentCases(c, srv, ctx)...)
	cases = append(cases, rateCases(c, srv, ctx)...)
	cases = append(cases, policyCases(c, srv, ctx)...)
	run(t, srv, doc, cases)
	srv.RequireAll(t)
}

func catalogCases(c *cloudbedsv2.ClientWithResponses, srv *spectest.Server, ctx context.Context) []opCase {
	return []opCase{
		{op: "getAddons", status: http.StatusOK, answer: `{"offset": 0, "limit": "2", "data": [
			{"id": 9001, "name": "Airport transfer", "description": "Private car", "productId": "4410",
			 "price": {"amount": "3500", "currencyCode": "USD"}},
			{"id": "9002", "name": "Breakfast", "description": "Buffet", "productId": 4411,
			 "price": {"amount": 1800, "currencyCode": "EUR"}}]}`,
			call: func(t *testing.T) {
				res, err := c.GetAddonsWithResponse(ctx, &cloudbedsv2.GetAddonsParams{
					PropertyIDs: propertyID, Limit: ptr(2), Offset: ptr(0), Filters: ptr("name:contains:car"),
					AcceptLanguage: ptr("pt-BR, en;q=0.8"),
				})
				if err != nil {
					t.Fatalf("GetAddonsWithResponse() = %v", err)
				}
				checkStatus(t, "getAddons", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "getAddons", http.MethodGet, "/addons/v1/addons", true)
				checkQuery(t, req, "filters=name%3Acontains%3Acar&limit=2&offset=0")
				if got := req.Header.Get("Accept-Language"); got != "pt-BR, en;q=0.8" {
					t.Errorf("Accept-Language = %q, want %q", got, "pt-BR, en;q=0.8")
				}
				got := res.JSON200
				if got.Limit != 2 || len(got.Data) != 2 {
					t.Fatalf("limit, len(data) = %d, %d, want 2, 2", got.Limit, len(got.Data))
				}
				if got.Data[0].ID != "9001" || got.Data[1].ProductID != "4411" {
					t.Errorf("ids = %q, %q, want 9001, 4411", got.Data[0].ID, got.Data[1].ProductID)
				}
				if got.Data[0].Price.Amount != "3500" || got.Data[1].Price.Amount != "1800" {
					t.Errorf("amounts = %q, %q, want 3500, 1800", got.Data[0].Price.Amount, got.Data[1].Price.Amount)
				}
			}},
		{op: "getAmenityCatalog", call: func(t *testing.T) {
			res, err := c.GetAmenityCatalogWithResponse(ctx, &cloudbedsv2.GetAmenityCatalogParams{
				PropertyIDs: propertyID, Scope: cloudbedsv2.GetAmenityCatalogParamsScopeRoom, AcceptLanguage: ptr("es-ES"),
			})
			if err != nil {
				t.Fatalf("GetAmenityCatalogWithResponse() = %v", err)
			}
			checkStatus(t, "getAmenityCatalog", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "getAmenityCatalog", http.MethodGet, "/amenities/v1/catalogs/amenities", true)
			checkQuery(t, req, "scope=room")
			if got := res.JSON200.Amenities; len(got) != 2 || got[0].Code != "POOL_OUTDOOR" || !got[0].IsTop {
				t.Errorf("amenities = %+v, want POOL_OUTDOOR first and top", got)
			}
		}},
		{op: "getAmenityCategoryCatalog", call: func(t *testing.T) {
			res, err := c.GetAmenityCategoryCatalogWithResponse(ctx, &cloudbedsv2.GetAmenityCategoryCatalogParams{
				PropertyIDs: propertyID, Scope: cloudbedsv2.GetAmenityCategoryCatalogParamsScopeProperty,
			})
			if err != nil {
				t.Fatalf("GetAmenityCategoryCatalogWithResponse() = %v", err)
			}
			checkStatus(t, "getAmenityCategoryCatalog", res.StatusCode(), http.StatusOK, res.Body)
			lastRequest(t, srv, "getAmenityCategoryCatalog", http.MethodGet, "/amenities/v1/catalogs/categories", true)
			if got := res.JSON200.Categories; len(got) != 2 || got[1].Code != "WELLNESS" {
				t.Errorf("categories = %+v, want WELLNESS second", got)
			}
		}},
		{op: "getPropertyAmenities", call: func(t *testing.T) {
			res, err := c.GetPropertyAmenitiesWithResponse(ctx, 12345, &cloudbedsv2.GetPropertyAmenitiesParams{})
			if err != nil {
				t.Fatalf("GetPropertyAmenitiesWithResponse() = %v", err)
			}
			checkStatus(t, "getPropertyAmenities", res.StatusCode(), http.StatusOK, res.Body)
			lastRequest(t, srv, "getPropertyAmenities", http.MethodGet, "/amenities/v1/properties/12345/amenities", false)
			if got := res.JSON200.CustomAmenities; len(got) != 1 || got[0] != "Rooftop hammocks" {
				t.Errorf("customAmenities = %q, want [Rooftop hammocks]", got)
			}
		}},
		{op: "updatePropertyAmenities", call: func(t *testing.T) {
			res, err := c.UpdatePropertyAmenitiesWithResponse(ctx, 12345, &cloudbedsv2.UpdatePropertyAmenitiesParams{},
				cloudbedsv2.PropertyAmenitiesUpdateRequest{Amenities: &[]string{"POOL_OUTDOOR", "SAUNA"}})
			if err != nil {
				t.Fatalf("UpdatePropertyAmenitiesWithResponse() = %v", err)
			}
			checkStatus(t, "updatePropertyAmenities", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "updatePropertyAmenities", http.MethodPut, "/amenities/v1/properties/12345/amenities", false)
			checkJSON(t, "updatePropertyAmenities", req.Body, `{"amenities":["POOL_OUTDOOR","SAUNA"]}`)
		}},
		{op: "getPropertyRoomsAmenities", call: func(t *testing.T) {
			res, err := c.GetPropertyRoomsAmenitiesWithResponse(ctx, 12345, &cloudbedsv2.GetPropertyRoomsAmenitiesParams{})
			if err != nil {
				t.Fatalf("GetPropertyRoomsAmenitiesWithResponse() = %v", err)
			}
			checkStatus(t, "getPropertyRoomsAmenities", res.StatusCode(), http.StatusOK, res.Body)
			lastRequest(t, srv, "getPropertyRoomsAmenities", http.MethodGet, "/amenities/v1/properties/12345/room-amenities", false)
			if got := res.JSON200.Rooms; len(got) != 1 || got[0].ID != "211" {
				t.Errorf("rooms = %+v, want room type 211", got)
			}
		}},
		{op: "updatePropertyRoomsAmenities", call: func(t *testing.T) {
			body := cloudbedsv2.PropertyRoomsAmenitiesUpdateRequest{Rooms: []cloudbedsv2.RoomTypeAmenitiesInput{
				{ID: "211", Amenities: []string{"MINIBAR"}}, {ID: "212", Amenities: []string{}},
			}}
			res, err := c.UpdatePropertyRoomsAmenitiesWithResponse(ctx, 12345, &cloudbedsv2.UpdatePropertyRoomsAmenitiesParams{}, body)
			if err != nil {
				t.Fatalf("UpdatePropertyRoomsAmenitiesWithResponse() = %v", err)
			}
			checkStatus(t, "updatePropertyRoomsAmenities", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "updatePropertyRoomsAmenities", http.MethodPut, "/amenities/v1/properties/12345/room-amenities", false)
			checkJSON(t, "updatePropertyRoomsAmenities", req.Body, `{"rooms":[{"id":"211","amenities":["MINIBAR"]},{"id":"212","amenities":[]}]}`)
		}},
		{op: "getRoomAmenities", call: func(t *testing.T) {
			res, err := c.GetRoomAmenitiesWithResponse(ctx, 12345, 211, &cloudbedsv2.GetRoomAmenitiesParams{})
			if err != nil {
				t.Fatalf("GetRoomAmenitiesWithResponse() = %v", err)
			}
			checkStatus(t, "getRoomAmenities", res.StatusCode(), http.StatusOK, res.Body)
			lastRequest(t, srv, "getRoomAmenities", http.MethodGet, "/amenities/v1/properties/12345/rooms/211/amenities", false)
		}},
		{op: "updateRoomAmenities", call: func(t *testing.T) {
			res, err := c.UpdateRoomAmenitiesWithResponse(ctx, 12345, 211, &cloudbedsv2.UpdateRoomAmenitiesParams{},
				cloudbedsv2.RoomAmenitiesUpdateRequest{Amenities: &[]string{"MINIBAR"}})
			if err != nil {
				t.Fatalf("UpdateRoomAmenitiesWithResponse() = %v", err)
			}
			checkStatus(t, "updateRoomAmenities", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "updateRoomAmenities", http.MethodPut, "/amenities/v1/properties/12345/rooms/211/amenities", false)
			checkJSON(t, "updateRoomAmenities", req.Body, `{"amenities":["MINIBAR"]}`)
		}},
		{op: "connectedApiClients", status: http.StatusOK,
			answer: `{"data": [{"id": 77, "name": "Acme POS", "oauthScopes": ["write:item"], "applicationTypes": ["pos", "kiosk"]}]}`,
			call: func(t *testing.T) {
				res, err := c.ConnectedAPIClientsWithResponse(ctx, &cloudbedsv2.ConnectedAPIClientsParams{
					PropertyIDs: propertyID,
					Scopes:      &[]cloudbedsv2.ConnectedAPIClientsParamsScopes{cloudbedsv2.WriteItem, cloudbedsv2.ReadReservation},
				})
				if err != nil {
					t.Fatalf("ConnectedAPIClientsWithResponse() = %v", err)
				}
				checkStatus(t, "connectedApiClients", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "connectedApiClients", http.MethodGet, "/integration/v1/connected-applications", true)
				checkQuery(t, req, "scopes=write%3Aitem,read%3Areservation")
				if got := res.JSON200.Data; len(got) != 1 || got[0].ID != "77" {
					t.Errorf("data = %+v, want application 77", got)
				}
			}},
		{op: "getSystem", call: func(t *testing.T) {
			res, err := c.GetSystemWithResponse(ctx, &cloudbedsv2.GetSystemParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("GetSystemWithResponse() = %v", err)
			}
			checkStatus(t, "getSystem", res.StatusCode(), http.StatusOK, res.Body)
			lastRequest(t, srv, "getSystem", http.MethodGet, "/property/v1/system", true)
			if got := res.JSON200.Features; len(got) != 1 || got[0].Name != "smart_policies" {
				t.Errorf("features = %+v, want smart_policies", got)
			}
		}},
		{op: "listInspections", status: http.StatusOK, answer: `{"limit": 100, "offset": "0", "data": [
			{"updatedDate": "2025-07-14 08:12:00", "roomTypeId": 211, "roomId": "211-4", "roomCondition": "dirty",
			 "roomOccupied": true, "roomBlocked": false, "frontdeskStatus": "stayover", "housekeeperId": 42,
			 "doNotDisturb": false, "refusedService": false, "vacantPickup": false, "roomNote": null}]}`,
			call: func(t *testing.T) {
				res, err := c.ListInspectionsWithResponse(ctx, 12345, &cloudbedsv2.ListInspectionsParams{
					Limit: ptr(100), Filters: ptr("roomCondition:dirty"),
				})
				if err != nil {
					t.Fatalf("ListInspectionsWithResponse() = %v", err)
				}
				checkStatus(t, "listInspections", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "listInspections", http.MethodGet, "/housekeeping/v1/inspections/12345", false)
				checkQuery(t, req, "filters=roomCondition%3Adirty&limit=100")
				got := res.JSON200.Data[0]
				if got.RoomTypeID != "211" || got.HousekeeperID != "42" || got.RoomNote != nil {
					t.Errorf("inspection = %+v, want room type 211, housekeeper 42, no note", got)
				}
			}},
	}
}

func folioCases(c *cloudbedsv2.ClientWithResponses, srv *spectest.Server, ctx context.Context) []opCase {
	return []opCase{
		{op: "createCheck", status: http.StatusCreated,
			answer: `{"data": {"checkNumber": "T12-0042", "checkId": "chk_7f3a91", "notice": null}}`,
			call: func(t *testing.T) {
				body := cloudbedsv2.CheckCreateRequest{
					ReservationID: ptr("8123456789012"),
					CheckNumber:   ptr("T12-0042"),
					CoverCount:    ptr(2),
					POSContext:    &cloudbedsv2.POSContext{RestaurantName: ptr("Terrace"), MealPeriod: ptr("dinner")},
					Items: &[]cloudbedsv2.CheckItem{{
						ItemType: cloudbedsv2.PRODUCT, ItemName: "IPA 0.5 l", ItemQuantity: 2,
						ItemAmount: &cloudbedsv2.MoneyInput{Amount: "1300", CurrencyCode: "USD"},
						Details:    &cloudbedsv2.CheckProductDetails{ItemSku: ptr("BAR-IPA-05")},
					}},
				}
				params := &cloudbedsv2.CreateCheckParams{PropertyIDs: propertyID, IdempotencyKey: "pos-7731-check-0042"}
				res, err := c.CreateCheckWithResponse(ctx, params, body)
				if err != nil {
					t.Fatalf("CreateCheckWithResponse() = %v", err)
				}
				checkStatus(t, "createCheck", res.StatusCode(), http.StatusCreated, res.Body)
				req := lastRequest(t, srv, "createCheck", http.MethodPost, "/folio/v1/checks", true)
				if got := req.Header.Get("Idempotency-Key"); got != "pos-7731-check-0042" {
					t.Errorf("Idempotency-Key = %q, want pos-7731-check-0042", got)
				}
				checkJSON(t, "createCheck", req.Body, `{"reservationId":"8123456789012","checkNumber":"T12-0042","coverCount":2,
					"posContext":{"restaurantName":"Terrace","mealPeriod":"dinner"},
					"items":[{"itemType":"PRODUCT","itemName":"IPA 0.5 l","itemQuantity":2,
					"itemAmount":{"amount":"1300","currencyCode":"USD"},"details":{"itemSku":"BAR-IPA-05"}}]}`)
				if got := res.JSON201.Data; got.CheckID != "chk_7f3a91" || got.Notice != nil {
					t.Errorf("data = %+v, want check chk_7f3a91 without notice", got)
				}
			}},
		{op: "deleteCheck", status: http.StatusNoContent, call: func(t *testing.T) {
			res, err := c.DeleteCheckWithResponse(ctx, "chk_7f3a91", &cloudbedsv2.DeleteCheckParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("DeleteCheckWithResponse() = %v", err)
			}
			checkStatus(t, "deleteCheck", res.StatusCode(), http.StatusNoContent, res.Body)
			lastRequest(t, srv, "deleteCheck", http.MethodDelete, "/folio/v1/checks/chk_7f3a91", true)
		}},
		{op: "createGratuity", call: func(t *testing.T) {
			body := cloudbedsv2.GratuityCreateRequest{
				HouseAccountID: ptr("ha-19"),
				Gratuities: []cloudbedsv2.GratuityInput{{
					Amount:    &cloudbedsv2.MoneyInput{Amount: "500", CurrencyCode: "USD"},
					Recipient: &cloudbedsv2.GratuityRecipient{Name: ptr("Bar team")},
				}},
			}
			params := &cloudbedsv2.CreateGratuityParams{PropertyIDs: propertyID, IdempotencyKey: "tip-2025-07-14-001"}
			res, err := c.CreateGratuityWithResponse(ctx, params, body)
			if err != nil {
				t.Fatalf("CreateGratuityWithResponse() = %v", err)
			}
			checkStatus(t, "createGratuity", res.StatusCode(), http.StatusCreated, res.Body)
			req := lastRequest(t, srv, "createGratuity", http.MethodPost, "/folio/v1/gratuities", true)
			if got := req.Header.Get("Idempotency-Key"); got != "tip-2025-07-14-001" {
				t.Errorf("Idempotency-Key = %q, want tip-2025-07-14-001", got)
			}
			checkJSON(t, "createGratuity", req.Body, `{"houseAccountId":"ha-19","gratuities":[{"amount":{"amount":"500","currencyCode":"USD"},"recipient":{"name":"Bar team"}}]}`)
			if got := res.JSON201.Data.GratuityIds; len(got) != 2 {
				t.Errorf("gratuityIds = %q, want 2 ids", got)
			}
		}},
		{op: "createCheckGratuity", call: func(t *testing.T) {
			body := cloudbedsv2.CheckGratuityCreateRequest{Gratuities: []cloudbedsv2.GratuityInput{{
				Amount: &cloudbedsv2.MoneyInput{Amount: "250", CurrencyCode: "USD"},
			}}}
			params := &cloudbedsv2.CreateCheckGratuityParams{PropertyIDs: propertyID, IdempotencyKey: "tip-chk-7f3a91"}
			res, err := c.CreateCheckGratuityWithResponse(ctx, "chk_7f3a91", params, body)
			if err != nil {
				t.Fatalf("CreateCheckGratuityWithResponse() = %v", err)
			}
			checkStatus(t, "createCheckGratuity", res.StatusCode(), http.StatusCreated, res.Body)
			req := lastRequest(t, srv, "createCheckGratuity", http.MethodPost, "/folio/v1/checks/chk_7f3a91/gratuities", true)
			if got := req.Header.Get("Idempotency-Key"); got != "tip-chk-7f3a91" {
				t.Errorf("Idempotency-Key = %q, want tip-chk-7f3a91", got)
			}
		}},
		{op: "deleteGratuity", status: http.StatusNoContent, call: func(t *testing.T) {
			res, err := c.DeleteGratuityWithResponse(ctx, "grt_51c2", &cloudbedsv2.DeleteGratuityParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("DeleteGratuityWithResponse() = %v", err)
			}
			checkStatus(t, "deleteGratuity", res.StatusCode(), http.StatusNoContent, res.Body)
			lastRequest(t, srv, "deleteGratuity", http.MethodDelete, "/folio/v1/gratuities/grt_51c2", true)
		}},
		{op: "listCustomItems", status: http.StatusOK, answer: `{"total": "2", "data": [
			{"id": 31, "name": "IPA 0.5 l", "propertyId": 12345, "sourceId": "s-40", "sourceName": "Acme POS", "appItemId": "acme-sku-553", "sku": null},
			{"id": "32", "name": "Nachos", "propertyId": "12345", "sourceId": "s-40", "sourceName": "Acme POS", "appItemId": 554, "categoryName": "Kitchen"}]}`,
			call: func(t *testing.T) {
				res, err := c.ListCustomItemsWithResponse(ctx, &cloudbedsv2.ListCustomItemsParams{PropertyIDs: propertyID, Offset: ptr(0), Limit: ptr(50)})
				if err != nil {
					t.Fatalf("ListCustomItemsWithResponse() = %v", err)
				}
				checkStatus(t, "listCustomItems", res.StatusCode(), http.StatusOK, res.Body)
				lastRequest(t, srv, "listCustomItems", http.MethodGet, "/item/v1/custom-items", true)
				got := res.JSON200
				if got.Total != 2 || got.Data[0].ID != "31" || got.Data[1].AppItemID != "554" || got.Data[0].PropertyID != propertyID {
					t.Errorf("custom items = %+v, want total 2, ids 31/554 as text", got)
				}
			}},
		{op: "createItems", status: http.StatusCreated, answer: `{"data": [
			{"soldProductId": 3300917, "externalRelationId": "pos-line-18", "transactionStatus": "queued",
			 "remainingItemQuantity": "14", "reorderNeeded": false, "stopSellMet": null}]}`,
			call: func(t *testing.T) {
				body := cloudbedsv2.ItemsCreateRequest{
					ReservationID: ptr("8123456789012"),
					Items: []cloudbedsv2.ItemInput{{
						ItemID: "553", ItemQuantity: 2, ItemPrice: ptr("6.50"),
						Payments: &[]cloudbedsv2.ItemPayment{{PaymentType: "cash", Amount: "13.00"}},
					}},
				}
				res, err := c.CreateItemsWithResponse(ctx, &cloudbedsv2.CreateItemsParams{PropertyIDs: propertyID}, body)
				if err != nil {
					t.Fatalf("CreateItemsWithResponse() = %v", err)
				}
				checkStatus(t, "createItems", res.StatusCode(), http.StatusCreated, res.Body)
				req := lastRequest(t, srv, "createItems", http.MethodPost, "/item/v1/items", true)
				checkJSON(t, "createItems", req.Body, `{"reservationId":"8123456789012","items":[{"itemId":"553","itemQuantity":2,"itemPrice":"6.50","payments":[{"paymentType":"cash","amount":"13.00"}]}]}`)
				got := res.JSON201.Data[0]
				if got.SoldProductID != "3300917" || got.RemainingItemQuantity != 14 || *got.TransactionStatus != "queued" {
					t.Errorf("posted item = %+v, want id 3300917, 14 left, unknown status queued kept", got)
				}
			}},
	}
}

func doorLockCases(c *cloudbedsv2.ClientWithResponses, srv *spectest.Server, ctx context.Context) []opCase {
	return []opCase{
		{op: "listDoorLockKeys", status: http.StatusOK, answer: `{"data": [
			{"keyId": 231, "propertyId": 12345, "reservationId": "8123456789012", "subReservationId": "8123456789012-1",
			 "issuerId": "frontdesk-2", "rooms": ["101"], "commonRooms": [], "startDateTime": "2025-07-14T15:00:00+02:00",
			 "endDateTime": "2025-07-17 11:00:00", "keyType": "qr_code", "status": "completed", "createdAt": "2025-07-14 14:58:02"}]}`,
			call: func(t *testing.T) {
				res, err := c.ListDoorLockKeysWithResponse(ctx, 12345, &cloudbedsv2.ListDoorLockKeysParams{ReservationID: ptr("8123456789012")})
				if err != nil {
					t.Fatalf("ListDoorLockKeysWithResponse() = %v", err)
				}
				checkStatus(t, "listDoorLockKeys", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "listDoorLockKeys", http.MethodGet, "/doorlock/v1/keys/12345", false)
				checkQuery(t, req, "reservationId=8123456789012")
				got := (*res.JSON200.Data)[0]
				if got.KeyID != "231" || got.KeyType != "qr_code" {
					t.Errorf("key = %+v, want id 231 of unknown type qr_code", got)
				}
				if want := time.Date(2025, 7, 14, 13, 0, 0, 0, time.UTC); !got.StartDateTime.Equal(want) {
					t.Errorf("startDateTime = %v, want %v", got.StartDateTime, want)
				}
				if want := sqlTime(2025, 7, 17, 11, 0, 0); !got.EndDateTime.Equal(want) {
					t.Errorf("endDateTime = %v, want %v", got.EndDateTime, want)
				}
			}},
		{op: "createDoorLockKey", call: func(t *testing.T) {
			cest := time.FixedZone("CEST", 2*3600)
			body := cloudbedsv2.DoorLockKeyCreateRequest{
				PropertyID: propertyID, ReservationID: "8123456789012", SubReservationID: "8123456789012-1",
				IssuerID: "frontdesk-2", KeyType: cloudbedsv2.KeyCard, Rooms: &[]string{"101"},
				StartDateTime: time.Date(2025, 7, 14, 15, 0, 0, 0, cest),
				EndDateTime:   time.Date(2025, 7, 17, 11, 0, 0, 0, cest),
			}
			res, err := c.CreateDoorLockKeyWithResponse(ctx, body)
			if err != nil {
				t.Fatalf("CreateDoorLockKeyWithResponse() = %v", err)
			}
			checkStatus(t, "createDoorLockKey", res.StatusCode(), http.StatusCreated, res.Body)
			req := lastRequest(t, srv, "createDoorLockKey", http.MethodPost, "/doorlock/v1/keys", false)
			checkJSON(t, "createDoorLockKey", req.Body, `{"propertyId":"12345","reservationId":"8123456789012","subReservationId":"8123456789012-1",
				"issuerId":"frontdesk-2","keyType":"key_card","rooms":["101"],
				"startDateTime":"2025-07-14T15:00:00+02:00","endDateTime":"2025-07-17T11:00:00+02:00"}`)
		}},
		{op: "batchDeleteDoorLockKeys", status: http.StatusNoContent, call: func(t *testing.T) {
			res, err := c.BatchDeleteDoorLockKeysWithResponse(ctx, &cloudbedsv2.BatchDeleteDoorLockKeysParams{PropertyIDs: propertyID, KeyIds: "231,232"})
			if err != nil {
				t.Fatalf("BatchDeleteDoorLockKeysWithResponse() = %v", err)
			}
			checkStatus(t, "batchDeleteDoorLockKeys", res.StatusCode(), http.StatusNoContent, res.Body)
			req := lastRequest(t, srv, "batchDeleteDoorLockKeys", http.MethodDelete, "/doorlock/v1/keys", true)
			checkQuery(t, req, "keyIds=231%2C232")
		}},
		{op: "deleteDoorLockKey", status: http.StatusNoContent, call: func(t *testing.T) {
			res, err := c.DeleteDoorLockKeyWithResponse(ctx, "231", &cloudbedsv2.DeleteDoorLockKeyParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("DeleteDoorLockKeyWithResponse() = %v", err)
			}
			checkStatus(t, "deleteDoorLockKey", res.StatusCode(), http.StatusNoContent, res.Body)
			lastRequest(t, srv, "deleteDoorLockKey", http.MethodDelete, "/doorlock/v1/keys/231", true)
		}},
		{op: "updateDoorLockKey", call: func(t *testing.T) {
			status := cloudbedsv2.DoorLockKeyUpdateRequestStatusFailed
			body := cloudbedsv2.DoorLockKeyUpdateRequest{Status: &status, ErrorMessage: ptr("encoder offline")}
			res, err := c.UpdateDoorLockKeyWithResponse(ctx, "231", &cloudbedsv2.UpdateDoorLockKeyParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("UpdateDoorLockKeyWithResponse() = %v", err)
			}
			checkStatus(t, "updateDoorLockKey", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "updateDoorLockKey", http.MethodPatch, "/doorlock/v1/keys/231", true)
			checkJSON(t, "updateDoorLockKey", req.Body, `{"status":"failed","errorMessage":"encoder offline"}`)
		}},
		{op: "getDoorLockSettings", call: func(t *testing.T) {
			res, err := c.GetDoorLockSettingsWithResponse(ctx, 12345)
			if err != nil {
				t.Fatalf("GetDoorLockSettingsWithResponse() = %v", err)
			}
			checkStatus(t, "getDoorLockSettings", res.StatusCode(), http.StatusOK, res.Body)
			lastRequest(t, srv, "getDoorLockSettings", http.MethodGet, "/doorlock/v1/settings/12345", false)
			if got := res.JSON200.Encoders; len(got) != 1 || got[0].Name != "Lobby encoder" {
				t.Errorf("encoders = %+v, want Lobby encoder", got)
			}
		}},
		{op: "upsertDoorLockSettings", call: func(t *testing.T) {
			body := cloudbedsv2.DoorLockSettingsInput{
				Encoders:    []cloudbedsv2.DoorLockEncoderInput{{ID: "enc-lobby", Name: "Lobby encoder"}},
				KeyTypes:    []cloudbedsv2.DoorLockKeyTypeInput{{ID: "key_card", Name: "Key card"}},
				CommonRooms: []cloudbedsv2.DoorLockCommonRoomInput{{ID: "gym", Name: "Gym", Doors: []string{"door-7"}}},
			}
			res, err := c.UpsertDoorLockSettingsWithResponse(ctx, 12345, body)
			if err != nil {
				t.Fatalf("UpsertDoorLockSettingsWithResponse() = %v", err)
			}
			checkStatus(t, "upsertDoorLockSettings", res.StatusCode(), http.StatusCreated, res.Body)
			req := lastRequest(t, srv, "upsertDoorLockSettings", http.MethodPut, "/doorlock/v1/settings/12345", false)
			checkJSON(t, "upsertDoorLockSettings", req.Body, `{"encoders":[{"id":"enc-lobby","name":"Lobby encoder"}],
				"keyTypes":[{"id":"key_card","name":"Key card"}],"commonRooms":[{"id":"gym","name":"Gym","doors":["door-7"]}]}`)
		}},
		{op: "deleteDoorLockSettings", status: http.StatusNoContent, call: func(t *testing.T) {
			res, err := c.DeleteDoorLockSettingsWithResponse(ctx, 12345)
			if err != nil {
				t.Fatalf("DeleteDoorLockSettingsWithResponse() = %v", err)
			}
			checkStatus(t, "deleteDoorLockSettings", res.StatusCode(), http.StatusNoContent, res.Body)
			lastRequest(t, srv, "deleteDoorLockSettings", http.MethodDelete, "/doorlock/v1/settings/12345", false)
		}},
	}
}

const eventJSON = `{"id": 9931, "eventCode": "EV-2025-031", "profileId": "5512", "name": "Silva & Costa wedding",
	"status": "on_hold", "sourceId": "s-18", "startDate": "2025-09-12", "endDate": "2025-09-14",
	"transactionMode": "post_into_group", "enableAggregateAllotmentBlock": true, "allotmentBlockCount": 2,
	"reservationsCount": 18, "roomsHeld": "25", "roomsPickedUp": "18", "roomsRemaining": 7,
	"total": {"amount": "1250000", "currencyCode": "EUR"}, "balanceDue": {"amount": 0, "currencyCode": "EUR"},
	"createdAt": "2025-05-02 10:15:00", "updatedAt": "2025-05-03T08:00:00Z"}`

func eventCases(c *cloudbedsv2.ClientWithResponses, srv *spectest.Server, ctx context.Context) []opCase {
	checkEvent := func(t *testing.T, got cloudbedsv2.Event) {
		t.Helper()
		if got.ID != "9931" || got.Status != "on_hold" {
			t.Errorf("event id, status = %q, %q, want 9931, on_hold", got.ID, got.Status)
		}
		if got.RoomsHeld != 25 || got.RoomsPickedUp != 18 {
			t.Errorf("rooms held, picked up = %d, %d, want 25, 18", got.RoomsHeld, got.RoomsPickedUp)
		}
		if want := sqlTime(2025, 5, 2, 10, 15, 0); !got.CreatedAt.Equal(want) {
			t.Errorf("createdAt = %v, want %v", got.CreatedAt, want)
		}
		if want := time.Date(2025, 9, 12, 0, 0, 0, 0, time.UTC); !got.StartDate.Equal(want) {
			t.Errorf("startDate = %v, want %v", got.StartDate, want)
		}
		if got.Total == nil || got.Total.Amount != "1250000" {
			t.Errorf("total = %+v, want 1250000", got.Total)
		}
	}
	return []opCase{
		{op: "listEvents", status: http.StatusOK,
			answer: `{"success": true, "offset": 0, "limit": 100, "data": [` + eventJSON + `]}`,
			call: func(t *testing.T) {
				from := time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)
				res, err := c.ListEventsWithResponse(ctx, &cloudbedsv2.ListEventsParams{
					PropertyIDs: propertyID, Status: ptr("definite"), CreatedFrom: &from,
					StartDateFrom: &openapi_types.Date{Time: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)},
					Limit:         ptr(100),
				})
				if err != nil {
					t.Fatalf("ListEventsWithResponse() = %v", err)
				}
				checkStatus(t, "listEvents", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "listEvents", http.MethodGet, "/events/v2/events", true)
				checkQuery(t, req, "createdFrom=2025-05-01T00%3A00%3A00Z&limit=100&startDateFrom=2025-09-01&status=definite")
				checkEvent(t, res.JSON200.Data[0])
			}},
		{op: "createEvent", status: http.StatusCreated, answer: `{"success": true, "data": ` + eventJSON + `}`,
			call: func(t *testing.T) {
				status := cloudbedsv2.EventCreateRequestStatusDefinite
				body := cloudbedsv2.EventCreateRequest{Name: "Silva & Costa wedding", SourceID: "s-18", Status: &status,
					StartDate: ptr("2025-09-12"), EndDate: ptr("2025-09-14")}
				res, err := c.CreateEventWithResponse(ctx, &cloudbedsv2.CreateEventParams{PropertyIDs: propertyID}, body)
				if err != nil {
					t.Fatalf("CreateEventWithResponse() = %v", err)
				}
				checkStatus(t, "createEvent", res.StatusCode(), http.StatusCreated, res.Body)
				req := lastRequest(t, srv, "createEvent", http.MethodPost, "/events/v2/events", true)
				checkJSON(t, "createEvent", req.Body, `{"name":"Silva & Costa wedding","sourceId":"s-18","status":"definite","startDate":"2025-09-12","endDate":"2025-09-14"}`)
				checkEvent(t, res.JSON201.Data)
			}},
		{op: "getEvent", status: http.StatusOK, answer: `{"success": true, "data": ` + eventJSON + `}`,
			call: func(t *testing.T) {
				res, err := c.GetEventWithResponse(ctx, "9931", &cloudbedsv2.GetEventParams{PropertyIDs: propertyID})
				if err != nil {
					t.Fatalf("GetEventWithResponse() = %v", err)
				}
				checkStatus(t, "getEvent", res.StatusCode(), http.StatusOK, res.Body)
				lastRequest(t, srv, "getEvent", http.MethodGet, "/events/v2/events/9931", true)
				checkEvent(t, res.JSON200.Data)
			}},
		{op: "deleteEvent", status: http.StatusNoContent, call: func(t *testing.T) {
			res, err := c.DeleteEventWithResponse(ctx, "9931", &cloudbedsv2.DeleteEventParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("DeleteEventWithResponse() = %v", err)
			}
			checkStatus(t, "deleteEvent", res.StatusCode(), http.StatusNoContent, res.Body)
			lastRequest(t, srv, "deleteEvent", http.MethodDelete, "/events/v2/events/9931", true)
		}},
		{op: "updateEvent", call: func(t *testing.T) {
			body := cloudbedsv2.EventUpdateRequest{Name: ptr("Silva & Costa reception")}
			res, err := c.UpdateEventWithResponse(ctx, "9931", &cloudbedsv2.UpdateEventParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("UpdateEventWithResponse() = %v", err)
			}
			checkStatus(t, "updateEvent", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "updateEvent", http.MethodPatch, "/events/v2/events/9931", true)
			checkJSON(t, "updateEvent", req.Body, `{"name":"Silva & Costa reception"}`)
		}},
		{op: "listEventNotes", status: http.StatusOK, answer: `{"success": true, "offset": "0", "limit": "100", "data": [
			{"id": 4, "eventId": 9931, "text": "Band arrives 17:00", "createdBy": "user-311", "createdAt": "2025-06-01 12:00:00",
			 "updatedAt": "2025-06-01 12:00:00", "archived": false, "archivedAt": null}]}`,
			call: func(t *testing.T) {
				res, err := c.ListEventNotesWithResponse(ctx, "9931", &cloudbedsv2.ListEventNotesParams{PropertyIDs: propertyID, IncludeArchived: ptr(true)})
				if err != nil {
					t.Fatalf("ListEventNotesWithResponse() = %v", err)
				}
				checkStatus(t, "listEventNotes", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "listEventNotes", http.MethodGet, "/events/v2/events/9931/notes", true)
				checkQuery(t, req, "includeArchived=true")
				got := res.JSON200
				if got.Limit != 100 || got.Data[0].EventID != "9931" || !got.Data[0].ArchivedAt.IsZero() {
					t.Errorf("notes = %+v, want limit 100, event 9931, not archived", got)
				}
			}},
		{op: "createEventNote", call: func(t *testing.T) {
			res, err := c.CreateEventNoteWithResponse(ctx, "9931", &cloudbedsv2.CreateEventNoteParams{PropertyIDs: propertyID},
				cloudbedsv2.EventNoteCreateRequest{Text: "Band arrives 17:00"})
			if err != nil {
				t.Fatalf("CreateEventNoteWithResponse() = %v", err)
			}
			checkStatus(t, "createEventNote", res.StatusCode(), http.StatusCreated, res.Body)
			req := lastRequest(t, srv, "createEventNote", http.MethodPost, "/events/v2/events/9931/notes", true)
			checkJSON(t, "createEventNote", req.Body, `{"text":"Band arrives 17:00"}`)
		}},
		{op: "updateEventNote", call: func(t *testing.T) {
			res, err := c.UpdateEventNoteWithResponse(ctx, "9931", "4", &cloudbedsv2.UpdateEventNoteParams{PropertyIDs: propertyID},
				cloudbedsv2.EventNoteUpdateRequest{EventID: ptr("9931"), NoteID: ptr("4"), Archived: ptr(true)})
			if err != nil {
				t.Fatalf("UpdateEventNoteWithResponse() = %v", err)
			}
			checkStatus(t, "updateEventNote", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "updateEventNote", http.MethodPatch, "/events/v2/events/9931/notes/4", true)
			// The path ids may be repeated in the body, as upstream declares them there.
			checkJSON(t, "updateEventNote", req.Body, `{"eventId":"9931","noteId":"4","archived":true}`)
		}},
	}
}

func integrationCases(c *cloudbedsv2.ClientWithResponses, srv *spectest.Server, ctx context.Context) []opCase {
	return []opCase{
		{op: "listIntegrationEvents", status: http.StatusOK, answer: `{"total": 1, "data": [
			{"id": "ie_88", "propertyId": 12345, "objectId": "8123456789012", "objectType": "reservation", "system": "Acme POS",
			 "status": "open", "result": "retrying", "details": "Room charge rejected", "createdAt": "2025-07-14 09:00:00",
			 "updatedAt": null, "retriedAt": "2025-07-14T09:05:00+00:00"}]}`,
			call: func(t *testing.T) {
				res, err := c.ListIntegrationEventsWithResponse(ctx, &cloudbedsv2.ListIntegrationEventsParams{
					PropertyIDs: propertyID, Sort: ptr("createdAt:desc"), Filters: ptr("status:equal:open"),
				})
				if err != nil {
					t.Fatalf("ListIntegrationEventsWithResponse() = %v", err)
				}
				checkStatus(t, "listIntegrationEvents", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "listIntegrationEvents", http.MethodGet, "/integration/v1/events", true)
				checkQuery(t, req, "filters=status%3Aequal%3Aopen&sort=createdAt%3Adesc")
				got := res.JSON200.Data[0]
				if got.Result != "retrying" || got.PropertyID != propertyID || !got.UpdatedAt.IsZero() {
					t.Errorf("event = %+v, want unknown result retrying, property 12345, no updatedAt", got)
				}
				if want := sqlTime(2025, 7, 14, 9, 5, 0); !got.RetriedAt.Equal(want) {
					t.Errorf("retriedAt = %v, want %v", got.RetriedAt, want)
				}
			}},
		{op: "createIntegrationEvent", call: func(t *testing.T) {
			body := cloudbedsv2.IntegrationEventCreateRequest{
				ObjectType: "reservation", ObjectID: ptr("8123456789012"), System: "Acme POS",
				Status: cloudbedsv2.IntegrationEventCreateRequestStatusOpen, Result: cloudbedsv2.ActionRequired,
				ActionText: ptr("Reopen the folio"), RetryURL: ptr("https://pos.example.com/retry/88"),
			}
			res, err := c.CreateIntegrationEventWithResponse(ctx, &cloudbedsv2.CreateIntegrationEventParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("CreateIntegrationEventWithResponse() = %v", err)
			}
			checkStatus(t, "createIntegrationEvent", res.StatusCode(), http.StatusCreated, res.Body)
			req := lastRequest(t, srv, "createIntegrationEvent", http.MethodPost, "/integration/v1/events", true)
			checkJSON(t, "createIntegrationEvent", req.Body, `{"objectType":"reservation","objectId":"8123456789012","system":"Acme POS",
				"status":"open","result":"action_required","actionText":"Reopen the folio","retryUrl":"https://pos.example.com/retry/88"}`)
		}},
		{op: "updateIntegrationEvent", call: func(t *testing.T) {
			body := cloudbedsv2.IntegrationEventUpdateRequest{Status: cloudbedsv2.IntegrationEventUpdateRequestStatusCompleted}
			res, err := c.UpdateIntegrationEventWithResponse(ctx, "ie_88", &cloudbedsv2.UpdateIntegrationEventParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("UpdateIntegrationEventWithResponse() = %v", err)
			}
			checkStatus(t, "updateIntegrationEvent", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "updateIntegrationEvent", http.MethodPatch, "/integration/v1/events/ie_88", true)
			checkJSON(t, "updateIntegrationEvent", req.Body, `{"status":"completed"}`)
		}},
		{op: "retryIntegrationEvent", call: func(t *testing.T) {
			res, err := c.RetryIntegrationEventWithResponse(ctx, "ie_88", &cloudbedsv2.RetryIntegrationEventParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("RetryIntegrationEventWithResponse() = %v", err)
			}
			checkStatus(t, "retryIntegrationEvent", res.StatusCode(), http.StatusAccepted, res.Body)
			lastRequest(t, srv, "retryIntegrationEvent", http.MethodPost, "/integration/v1/events/ie_88/retry", true)
		}},
	}
}

const segmentJSON = `{"id": 14, "groupId": "6", "name": "Corporate negotiated", "code": "CORPNEG", "isEnabled": true,
	"isDefault": false, "ratePlanIds": [301, "302"], "createdAt": "2025-01-10T09:00:00+00:00", "updatedAt": null,
	"canEdit": ["name"], "canDelete": false, "canDisable": true}`

const groupJSON = `{"id": "6", "name": "Business", "code": "BIZ", "canEdit": ["name", "code"], "canDelete": true,
	"canDisable": true, "createdAt": "2025-01-10 09:00:00", "updatedAt": "2025-02-01T12:30:00Z"}`

func segmentCases(c *cloudbedsv2.ClientWithResponses, srv *spectest.Server, ctx context.Context) []opCase {
	noContent := func(op, method, path string, do func() (int, []byte, error)) opCase {
		return opCase{op: op, status: http.StatusNoContent, call: func(t *testing.T) {
			status, body, err := do()
			if err != nil {
				t.Fatalf("%s() = %v", op, err)
			}
			checkStatus(t, op, status, http.StatusNoContent, body)
			lastRequest(t, srv, op, method, path, true)
		}}
	}
	checkSegments := func(t *testing.T, op string, got *cloudbedsv2.SegmentList) {
		t.Helper()
		if got.Data == nil || len(*got.Data) != 1 {
			t.Fatalf("%s: data = %+v, want one segment", op, got.Data)
		}
		s := (*got.Data)[0]
		if s.ID != "14" || s.RatePlanIds == nil || (*s.RatePlanIds)[0] != "301" || (*s.RatePlanIds)[1] != "302" {
			t.Errorf("%s: segment = %+v, want id 14 with rate plans 301, 302", op, s)
		}
	}
	return []opCase{
		{op: "listSegmentGroups", status: http.StatusOK, answer: `{"limit": 100, "offset": 0, "data": [` + groupJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.ListSegmentGroupsWithResponse(ctx, &cloudbedsv2.ListSegmentGroupsParams{PropertyIDs: propertyID, Offset: ptr(0)})
				if err != nil {
					t.Fatalf("ListSegmentGroupsWithResponse() = %v", err)
				}
				checkStatus(t, "listSegmentGroups", res.StatusCode(), http.StatusOK, res.Body)
				lastRequest(t, srv, "listSegmentGroups", http.MethodGet, "/market-segmentation/v1/groups", true)
				g := (*res.JSON200.Data)[0]
				if want := sqlTime(2025, 1, 10, 9, 0, 0); g.ID != "6" || !g.CreatedAt.Equal(want) {
					t.Errorf("group = %+v, want id 6 created %v", g, want)
				}
			}},
		{op: "createSegmentGroup", status: http.StatusCreated, answer: groupJSON, call: func(t *testing.T) {
			body := cloudbedsv2.SegmentGroupCreateRequest{Name: "Business", Code: "BIZ", Description: "Business travel segments"}
			res, err := c.CreateSegmentGroupWithResponse(ctx, &cloudbedsv2.CreateSegmentGroupParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("CreateSegmentGroupWithResponse() = %v", err)
			}
			checkStatus(t, "createSegmentGroup", res.StatusCode(), http.StatusCreated, res.Body)
			req := lastRequest(t, srv, "createSegmentGroup", http.MethodPost, "/market-segmentation/v1/groups", true)
			checkJSON(t, "createSegmentGroup", req.Body, `{"name":"Business","code":"BIZ","description":"Business travel segments"}`)
		}},
		{op: "getSegmentGroup", status: http.StatusOK, answer: groupJSON, call: func(t *testing.T) {
			res, err := c.GetSegmentGroupWithResponse(ctx, "6", &cloudbedsv2.GetSegmentGroupParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("GetSegmentGroupWithResponse() = %v", err)
			}
			checkStatus(t, "getSegmentGroup", res.StatusCode(), http.StatusOK, res.Body)
			lastRequest(t, srv, "getSegmentGroup", http.MethodGet, "/market-segmentation/v1/groups/6", true)
		}},
		noContent("deleteSegmentGroup", http.MethodDelete, "/market-segmentation/v1/groups/6", func() (int, []byte, error) {
			res, err := c.DeleteSegmentGroupWithResponse(ctx, "6", &cloudbedsv2.DeleteSegmentGroupParams{PropertyIDs: propertyID})
			if err != nil {
				return 0, nil, err
			}
			return res.StatusCode(), res.Body, nil
		}),
		{op: "updateSegmentGroup", status: http.StatusOK, answer: groupJSON, call: func(t *testing.T) {
			body := cloudbedsv2.SegmentGroupUpdateRequest{ID: "6", Name: "Business", Code: "BIZ2", Description: "Renamed"}
			res, err := c.UpdateSegmentGroupWithResponse(ctx, "6", &cloudbedsv2.UpdateSegmentGroupParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("UpdateSegmentGroupWithResponse() = %v", err)
			}
			checkStatus(t, "updateSegmentGroup", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "updateSegmentGroup", http.MethodPatch, "/market-segmentation/v1/groups/6", true)
			// Upstream requires the path id in the body too.
			checkJSON(t, "updateSegmentGroup", req.Body, `{"id":"6","name":"Business","code":"BIZ2","description":"Renamed"}`)
		}},
		noContent("enableSegmentGroup", http.MethodPost, "/market-segmentation/v1/groups/6/enable", func() (int, []byte, error) {
			res, err := c.EnableSegmentGroupWithResponse(ctx, "6", &cloudbedsv2.EnableSegmentGroupParams{PropertyIDs: propertyID})
			if err != nil {
				return 0, nil, err
			}
			return res.StatusCode(), res.Body, nil
		}),
		noContent("disableSegmentGroup", http.MethodPost, "/market-segmentation/v1/groups/6/disable", func() (int, []byte, error) {
			res, err := c.DisableSegmentGroupWithResponse(ctx, "6", &cloudbedsv2.DisableSegmentGroupParams{PropertyIDs: propertyID})
			if err != nil {
				return 0, nil, err
			}
			return res.StatusCode(), res.Body, nil
		}),
		{op: "listSegments", status: http.StatusOK, answer: `{"limit": 100, "offset": 0, "data": [` + segmentJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.ListSegmentsWithResponse(ctx, &cloudbedsv2.ListSegmentsParams{PropertyIDs: propertyID, Limit: ptr(100)})
				if err != nil {
					t.Fatalf("ListSegmentsWithResponse() = %v", err)
				}
				checkStatus(t, "listSegments", res.StatusCode(), http.StatusOK, res.Body)
				lastRequest(t, srv, "listSegments", http.MethodGet, "/market-segmentation/v1/segments/false", true)
				checkSegments(t, "listSegments", res.JSON200)
			}},
		{op: "listEnabledSegments", status: http.StatusOK, answer: `{"limit": 100, "offset": 0, "data": [` + segmentJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.ListEnabledSegmentsWithResponse(ctx, &cloudbedsv2.ListEnabledSegmentsParams{PropertyIDs: propertyID})
				if err != nil {
					t.Fatalf("ListEnabledSegmentsWithResponse() = %v", err)
				}
				checkStatus(t, "listEnabledSegments", res.StatusCode(), http.StatusOK, res.Body)
				lastRequest(t, srv, "listEnabledSegments", http.MethodGet, "/market-segmentation/v1/segments/true", true)
				checkSegments(t, "listEnabledSegments", res.JSON200)
			}},
		{op: "getSegment", status: http.StatusOK, answer: segmentJSON, call: func(t *testing.T) {
			res, err := c.GetSegmentWithResponse(ctx, "14", &cloudbedsv2.GetSegmentParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("GetSegmentWithResponse() = %v", err)
			}
			checkStatus(t, "getSegment", res.StatusCode(), http.StatusOK, res.Body)
			lastRequest(t, srv, "getSegment", http.MethodGet, "/market-segmentation/v1/segments/14", true)
			if got := res.JSON200; got.ID != "14" || !got.UpdatedAt.IsZero() {
				t.Errorf("segment = %+v, want id 14 never updated", got)
			}
		}},
		noContent("deleteSegment", http.MethodDelete, "/market-segmentation/v1/segments/14", func() (int, []byte, error) {
			res, err := c.DeleteSegmentWithResponse(ctx, "14", &cloudbedsv2.DeleteSegmentParams{PropertyIDs: propertyID})
			if err != nil {
				return 0, nil, err
			}
			return res.StatusCode(), res.Body, nil
		}),
		{op: "updateSegment", status: http.StatusOK, answer: segmentJSON, call: func(t *testing.T) {
			body := cloudbedsv2.SegmentUpdateRequest{ID: "14", GroupID: "6", Name: "Corporate negotiated", Code: "CORPNEG",
				Description: "Rates negotiated with companies", IsEnabled: true, RatePlanIds: []string{"301", "302"}}
			res, err := c.UpdateSegmentWithResponse(ctx, "14", &cloudbedsv2.UpdateSegmentParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("UpdateSegmentWithResponse() = %v", err)
			}
			checkStatus(t, "updateSegment", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "updateSegment", http.MethodPatch, "/market-segmentation/v1/segments/14", true)
			checkJSON(t, "updateSegment", req.Body, `{"id":"14","groupId":"6","name":"Corporate negotiated","code":"CORPNEG",
				"description":"Rates negotiated with companies","isEnabled":true,"ratePlanIds":["301","302"]}`)
		}},
		{op: "listSegmentReservations", status: http.StatusOK,
			answer: `{"id": "14", "limit": 100, "offset": 0, "reservationIds": [8123456789012, "8123456789013"]}`,
			call: func(t *testing.T) {
				res, err := c.ListSegmentReservationsWithResponse(ctx, "14", true, &cloudbedsv2.ListSegmentReservationsParams{PropertyIDs: propertyID, Offset: ptr(100)})
				if err != nil {
					t.Fatalf("ListSegmentReservationsWithResponse() = %v", err)
				}
				checkStatus(t, "listSegmentReservations", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "listSegmentReservations", http.MethodGet, "/market-segmentation/v1/segments/14/reservations/true", true)
				checkQuery(t, req, "offset=100")
				if got := *res.JSON200.ReservationIds; got[0] != "8123456789012" || got[1] != "8123456789013" {
					t.Errorf("reservationIds = %q, want both ids as text", got)
				}
			}},
		{op: "createSegment", status: http.StatusCreated, answer: segmentJSON, call: func(t *testing.T) {
			body := cloudbedsv2.SegmentCreateRequest{GroupID: "6", Name: "Corporate negotiated", Code: "CORPNEG",
				Description: "Rates negotiated with companies", IsEnabled: true, RatePlanIds: []string{"301"}}
			res, err := c.CreateSegmentWithResponse(ctx, &cloudbedsv2.CreateSegmentParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("CreateSegmentWithResponse() = %v", err)
			}
			checkStatus(t, "createSegment", res.StatusCode(), http.StatusCreated, res.Body)
			lastRequest(t, srv, "createSegment", http.MethodPost, "/market-segmentation/v1/segments", true)
		}},
		noContent("enableSegment", http.MethodPost, "/market-segmentation/v1/segments/14/enable", func() (int, []byte, error) {
			res, err := c.EnableSegmentWithResponse(ctx, "14", &cloudbedsv2.EnableSegmentParams{PropertyIDs: propertyID})
			if err != nil {
				return 0, nil, err
			}
			return res.StatusCode(), res.Body, nil
		}),
		noContent("disableSegment", http.MethodPost, "/market-segmentation/v1/segments/14/disable", func() (int, []byte, error) {
			res, err := c.DisableSegmentWithResponse(ctx, "14", &cloudbedsv2.DisableSegmentParams{PropertyIDs: propertyID})
			if err != nil {
				return 0, nil, err
			}
			return res.StatusCode(), res.Body, nil
		}),
		noContent("setDefaultSegment", http.MethodPost, "/market-segmentation/v1/segments/14/default", func() (int, []byte, error) {
			res, err := c.SetDefaultSegmentWithResponse(ctx, "14", &cloudbedsv2.SetDefaultSegmentParams{PropertyIDs: propertyID})
			if err != nil {
				return 0, nil, err
			}
			return res.StatusCode(), res.Body, nil
		}),
	}
}

const ratePlanJSON = `{"id": "301", "propertyId": 12345, "isActive": true, "isDeleted": false, "derivedRatePlanId": null,
	"isDerived": true, "derivedType": "percentage", "derivedValue": "-12.5", "addons": [{"id": 7, "addonId": "9001", "settings": "bundle"}],
	"promoCode": null, "sources": ["s-1"], "name": {"en": "Non-refundable", "es": "No reembolsable"},
	"intervals": [{"name": "High season", "ratePlanId": "301", "roomTypeId": 211, "startDate": "2025-07-01 00:00:00",
	  "endDate": "2025-08-31T00:00:00+00:00", "minLos": "2", "maxLos": null, "days": [180, "180.50", null]}],
	"createdAt": "2025-01-10 09:00:00", "updatedAt": null, "policyId": 77, "segmentId": null}`

func rateCases(c *cloudbedsv2.ClientWithResponses, srv *spectest.Server, ctx context.Context) []opCase {
	checkPlan := func(t *testing.T, got cloudbedsv2.RatePlan) {
		t.Helper()
		if got.ID != "301" || got.PropertyID != propertyID || got.PolicyID != "77" {
			t.Errorf("rate plan ids = %q, %q, %q, want 301, 12345, 77", got.ID, got.PropertyID, got.PolicyID)
		}
		if got.DerivedValue != -12.5 {
			t.Errorf("derivedValue = %v, want -12.5", got.DerivedValue)
		}
		if a := *got.Addons; a[0].ID != "7" || *a[0].Settings != "bundle" {
			t.Errorf("addon = %+v, want id 7 with unknown settings bundle", a[0])
		}
		iv := (*got.Intervals)[0]
		if iv.RoomTypeID != "211" || iv.MinLos != 2 || iv.MaxLos != 0 {
			t.Errorf("interval = %+v, want room type 211, minLos 2, no maxLos", iv)
		}
		if want := sqlTime(2025, 7, 1, 0, 0, 0); !iv.StartDate.Equal(want) {
			t.Errorf("interval startDate = %v, want %v", iv.StartDate, want)
		}
		if d := *iv.Days; len(d) != 3 || *d[0] != 180 || *d[1] != 180.5 || d[2] != nil {
			t.Errorf("days = %v, want [180 180.5 nil]", d)
		}
	}
	return []opCase{
		{op: "listRatePlans", status: http.StatusOK, answer: `{"limit": "100", "offset": "0", "data": [` + ratePlanJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.ListRatePlansWithResponse(ctx, &cloudbedsv2.ListRatePlansParams{PropertyIDs: propertyID, Offset: ptr(0), Limit: ptr(100)})
				if err != nil {
					t.Fatalf("ListRatePlansWithResponse() = %v", err)
				}
				checkStatus(t, "listRatePlans", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "listRatePlans", http.MethodGet, "/rates/v1/rate-plans", true)
				checkQuery(t, req, "limit=100&offset=0")
				if got := res.JSON200; got.Limit != 100 || got.Offset != 0 || len(*got.Data) != 1 {
					t.Fatalf("page = %d/%d/%d, want 100/0/1", got.Limit, got.Offset, len(*got.Data))
				}
				checkPlan(t, (*res.JSON200.Data)[0])
			}},
		{op: "createRatePlan", status: http.StatusCreated, answer: ratePlanJSON, call: func(t *testing.T) {
			derived := cloudbedsv2.RatePlanCreateRequestDerivedTypePercentage
			body := cloudbedsv2.RatePlanCreateRequest{
				IsActive: true, RoomTypeID: 211,
				Name:        map[string]string{"en": "Non-refundable"},
				NamePrivate: map[string]string{"en": "NRF"},
				Description: map[string]string{"en": "Pay now, save 12.5%"},
				DerivedType: &derived, DerivedValue: ptr(-12.5), DerivedRatePlanID: ptr(300),
				Intervals: &[]cloudbedsv2.RatePlanIntervalInput{{
					Name:      "High season",
					StartDate: openapi_types.Date{Time: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)},
					EndDate:   openapi_types.Date{Time: time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC)},
					MinLos:    ptr(2),
				}},
				Addons: &[]cloudbedsv2.RatePlanAddonInput{{AddonID: "9001", Settings: cloudbedsv2.ShowAsSeparate}},
			}
			res, err := c.CreateRatePlanWithResponse(ctx, &cloudbedsv2.CreateRatePlanParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("CreateRatePlanWithResponse() = %v", err)
			}
			checkStatus(t, "createRatePlan", res.StatusCode(), http.StatusCreated, res.Body)
			req := lastRequest(t, srv, "createRatePlan", http.MethodPost, "/rates/v1/rate-plans", true)
			checkJSON(t, "createRatePlan", req.Body, `{"isActive":true,"roomTypeId":211,"name":{"en":"Non-refundable"},
				"namePrivate":{"en":"NRF"},"description":{"en":"Pay now, save 12.5%"},"derivedType":"percentage",
				"derivedValue":-12.5,"derivedRatePlanId":300,
				"intervals":[{"name":"High season","startDate":"2025-07-01","endDate":"2025-08-31","minLos":2}],
				"addons":[{"addonId":"9001","settings":"show_as_separate"}]}`)
			checkPlan(t, *res.JSON201)
		}},
		{op: "getRatePlan", status: http.StatusOK, answer: ratePlanJSON, call: func(t *testing.T) {
			res, err := c.GetRatePlanWithResponse(ctx, "301", &cloudbedsv2.GetRatePlanParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("GetRatePlanWithResponse() = %v", err)
			}
			checkStatus(t, "getRatePlan", res.StatusCode(), http.StatusOK, res.Body)
			lastRequest(t, srv, "getRatePlan", http.MethodGet, "/rates/v1/rate-plans/301", true)
			checkPlan(t, *res.JSON200)
		}},
		{op: "deleteRatePlan", status: http.StatusNoContent, call: func(t *testing.T) {
			res, err := c.DeleteRatePlanWithResponse(ctx, "301", &cloudbedsv2.DeleteRatePlanParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("DeleteRatePlanWithResponse() = %v", err)
			}
			checkStatus(t, "deleteRatePlan", res.StatusCode(), http.StatusNoContent, res.Body)
			lastRequest(t, srv, "deleteRatePlan", http.MethodDelete, "/rates/v1/rate-plans/301", true)
		}},
		{op: "updateRatePlan", status: http.StatusOK, answer: ratePlanJSON, call: func(t *testing.T) {
			body := cloudbedsv2.RatePlanUpdateRequest{ID: "301", IsActive: ptr(false), Addons: &[]cloudbedsv2.RatePlanAddonInput{}}
			res, err := c.UpdateRatePlanWithResponse(ctx, "301", &cloudbedsv2.UpdateRatePlanParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("UpdateRatePlanWithResponse() = %v", err)
			}
			checkStatus(t, "updateRatePlan", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "updateRatePlan", http.MethodPatch, "/rates/v1/rate-plans/301", true)
			// An empty add-on list removes every add-on, so it must reach the wire (not be omitted).
			checkJSON(t, "updateRatePlan", req.Body, `{"id":"301","isActive":false,"addons":[]}`)
		}},
	}
}

const exceptionJSON = `{"id": "pex_208", "propertyId": 12345, "name": "Festival weekend", "policyRootId": 12, "enabled": true,
	"createdBy": "user-311", "createdAt": "2025-03-01 10:00:00", "updatedAt": "2025-03-01T10:00:00Z",
	"intervals": [{"startDate": "2025-08-15", "endDate": "2025-08-17", "day5": true, "day6": true}],
	"rates": [{"packageId": 301, "roomTypeId": null}]}`

func policyCases(c *cloudbedsv2.ClientWithResponses, srv *spectest.Server, ctx context.Context) []opCase {
	interval := cloudbedsv2.PolicyExceptionIntervalInput{
		StartDate: openapi_types.Date{Time: time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC)},
		EndDate:   openapi_types.Date{Time: time.Date(2025, 8, 17, 0, 0, 0, 0, time.UTC)},
		Day5:      ptr(true), Day6: ptr(true),
	}
	checkException := func(t *testing.T, got cloudbedsv2.PolicyException) {
		t.Helper()
		if got.ID != "pex_208" || got.PolicyRootID != "12" || (*got.Rates)[0].PackageID != "301" {
			t.Errorf("exception = %+v, want pex_208 with root 12 and package 301", got)
		}
		if want := time.Date(2025, 8, 15, 0, 0, 0, 0, time.UTC); !(*got.Intervals)[0].StartDate.Equal(want) {
			t.Errorf("interval start = %v, want %v", (*got.Intervals)[0].StartDate, want)
		}
	}
	return []opCase{
		{op: "previewPaymentAdjustment", status: http.StatusOK, answer: `{"resultType": "PARTIAL_REFUND_SCHEDULED",
			"newReservationTotal": {"amount": "42000", "currencyCode": "USD"}, "alreadyPaid": {"amount": "12600", "currencyCode": "USD"},
			"refundRequired": {"amount": "0", "currencyCode": "USD"},
			"scheduledPayments": [{"id": 5, "originalAmount": {"amount": "33000", "currencyCode": "USD"},
			  "newAmount": {"amount": "29400", "currencyCode": "USD"}, "status": "REDUCED"}]}`,
			call: func(t *testing.T) {
				body := cloudbedsv2.AdjustmentPreviewRequest{ReservationID: "8123456789012", Adjustment: &cloudbedsv2.AdjustmentInput{
					Target: cloudbedsv2.RATE, Token: "adj-tok-1", Amount: &cloudbedsv2.MoneyInput{Amount: "3600", CurrencyCode: "USD"},
				}}
				res, err := c.PreviewPaymentAdjustmentWithResponse(ctx, &cloudbedsv2.PreviewPaymentAdjustmentParams{PropertyIDs: propertyID}, body)
				if err != nil {
					t.Fatalf("PreviewPaymentAdjustmentWithResponse() = %v", err)
				}
				checkStatus(t, "previewPaymentAdjustment", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "previewPaymentAdjustment", http.MethodPost, "/smart-policies/v1/payments/preview-adjustment", true)
				checkJSON(t, "previewPaymentAdjustment", req.Body, `{"reservationId":"8123456789012","adjustment":{"target":"RATE","token":"adj-tok-1","amount":{"amount":"3600","currencyCode":"USD"}}}`)
				got := res.JSON200
				if *got.ResultType != "PARTIAL_REFUND_SCHEDULED" || got.NewReservationTotal.Amount != "42000" {
					t.Errorf("preview = %+v, want unknown result type kept and total 42000", got)
				}
				if f, err := got.AlreadyPaid.Amount.Float64(); err != nil || f != 12600 {
					t.Errorf("alreadyPaid.Float64() = %v, %v, want 12600", f, err)
				}
			}},
		{op: "getBookingPolicyInformation", status: http.StatusOK, answer: `{"policyTextSource": "hybrid", "scheduledPayments": [
			{"formattedDate": "Jul 7, 2025", "formattedAmountWithIsoCode": "USD 120.00", "formattedAmountWithSymbol": "$120.00", "type": "deposit"}],
			"policyText": {"id": 12, "name": "Flexible 7 days", "rootId": "12", "guaranteeText": "30% at booking.",
			  "cancellationText": "Free until 7 days before arrival.", "noShowText": "First night charged.", "additionalPolicyText": "",
			  "cancellationType": {"text": "Partly refundable", "type": "PARTIALLY_REFUNDABLE", "fullyRefundableUntilDaysBeforeCheckIn": "7",
			    "fullyRefundableUntilDateTime": "2025-07-07 15:00:00"}}}`,
			call: func(t *testing.T) {
				res, err := c.GetBookingPolicyInformationWithResponse(ctx, "8123456789012", &cloudbedsv2.GetBookingPolicyInformationParams{
					PropertyIDs: propertyID, LanguageCode: ptr("en"),
				})
				if err != nil {
					t.Fatalf("GetBookingPolicyInformationWithResponse() = %v", err)
				}
				checkStatus(t, "getBookingPolicyInformation", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "getBookingPolicyInformation", http.MethodGet, "/smart-policies/v1/reservations/8123456789012/policy-information", true)
				checkQuery(t, req, "languageCode=en")
				got := res.JSON200
				if *got.PolicyTextSource != "hybrid" || got.PolicyText.ID != "12" {
					t.Errorf("policy = %+v, want unknown source hybrid and policy 12", got)
				}
				ct := got.PolicyText.CancellationType
				if ct.FullyRefundableUntilDaysBeforeCheckIn != 7 || !ct.FullyRefundableUntilDateTime.Equal(sqlTime(2025, 7, 7, 15, 0, 0)) {
					t.Errorf("cancellationType = %+v, want 7 days / 2025-07-07 15:00:00", ct)
				}
			}},
		{op: "searchEligibleRates", status: http.StatusOK, answer: `{"total": "2", "limit": 50, "offset": 0, "data": [
			{"name": "Standard rate - Double", "type": "package", "packageId": 301, "roomTypeId": "211", "policyId": null, "conflict": null},
			{"name": "Non-refundable - Double", "type": "derived", "packageId": "302", "conflict": {"exceptionId": "pex_199", "exceptionName": "Easter"}}]}`,
			call: func(t *testing.T) {
				body := cloudbedsv2.EligibleRatesSearchRequest{
					StartDate: interval.StartDate, EndDate: interval.EndDate,
					Intervals: []cloudbedsv2.PolicyExceptionIntervalInput{interval}, Limit: ptr(50), Offset: ptr(0),
				}
				res, err := c.SearchEligibleRatesWithResponse(ctx, &cloudbedsv2.SearchEligibleRatesParams{PropertyIDs: propertyID}, body)
				if err != nil {
					t.Fatalf("SearchEligibleRatesWithResponse() = %v", err)
				}
				checkStatus(t, "searchEligibleRates", res.StatusCode(), http.StatusOK, res.Body)
				req := lastRequest(t, srv, "searchEligibleRates", http.MethodPost, "/smart-policies/v1/exceptions/eligible-rates/search", true)
				checkJSON(t, "searchEligibleRates", req.Body, `{"startDate":"2025-08-15","endDate":"2025-08-17","limit":50,"offset":0,
					"intervals":[{"startDate":"2025-08-15","endDate":"2025-08-17","day5":true,"day6":true}]}`)
				got := res.JSON200
				if got.Total != 2 || got.Data[0].PackageID != "301" || got.Data[1].Conflict.ExceptionID != "pex_199" {
					t.Errorf("eligible = %+v, want total 2, package 301, conflict pex_199", got)
				}
			}},
		{op: "listPolicyExceptions", status: http.StatusOK, answer: `{"total": 1, "limit": 100, "offset": 0, "data": [` + exceptionJSON + `]}`,
			call: func(t *testing.T) {
				res, err := c.ListPolicyExceptionsWithResponse(ctx, &cloudbedsv2.ListPolicyExceptionsParams{PropertyIDs: propertyID, Sort: ptr("name:asc")})
				if err != nil {
					t.Fatalf("ListPolicyExceptionsWithResponse() = %v", err)
				}
				checkStatus(t, "listPolicyExceptions", res.StatusCode(), http.StatusOK, res.Body)
				lastRequest(t, srv, "listPolicyExceptions", http.MethodGet, "/smart-policies/v1/exceptions", true)
				checkException(t, res.JSON200.Data[0])
			}},
		{op: "createPolicyException", status: http.StatusCreated, answer: exceptionJSON, call: func(t *testing.T) {
			body := cloudbedsv2.PolicyExceptionCreateRequest{Name: "Festival weekend", PolicyRootID: 12,
				Intervals: []cloudbedsv2.PolicyExceptionIntervalInput{interval},
				Rates:     []cloudbedsv2.PolicyExceptionRateInput{{PackageID: 301}}}
			res, err := c.CreatePolicyExceptionWithResponse(ctx, &cloudbedsv2.CreatePolicyExceptionParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("CreatePolicyExceptionWithResponse() = %v", err)
			}
			checkStatus(t, "createPolicyException", res.StatusCode(), http.StatusCreated, res.Body)
			req := lastRequest(t, srv, "createPolicyException", http.MethodPost, "/smart-policies/v1/exceptions", true)
			checkJSON(t, "createPolicyException", req.Body, `{"name":"Festival weekend","policyRootId":12,
				"intervals":[{"startDate":"2025-08-15","endDate":"2025-08-17","day5":true,"day6":true}],"rates":[{"packageId":301}]}`)
			checkException(t, *res.JSON201)
		}},
		{op: "getPolicyException", status: http.StatusOK, answer: exceptionJSON, call: func(t *testing.T) {
			res, err := c.GetPolicyExceptionWithResponse(ctx, "pex_208", &cloudbedsv2.GetPolicyExceptionParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("GetPolicyExceptionWithResponse() = %v", err)
			}
			checkStatus(t, "getPolicyException", res.StatusCode(), http.StatusOK, res.Body)
			lastRequest(t, srv, "getPolicyException", http.MethodGet, "/smart-policies/v1/exceptions/pex_208", true)
			checkException(t, *res.JSON200)
		}},
		{op: "updatePolicyException", status: http.StatusOK, answer: exceptionJSON, call: func(t *testing.T) {
			body := cloudbedsv2.PolicyExceptionUpdateRequest{ExceptionID: "pex_208", Name: "Festival weekend", PolicyRootID: 12, Enabled: ptr(false),
				Intervals: []cloudbedsv2.PolicyExceptionIntervalInput{interval},
				Rates:     []cloudbedsv2.PolicyExceptionRateInput{{PackageID: 301, RoomTypeID: ptr(211)}}}
			res, err := c.UpdatePolicyExceptionWithResponse(ctx, "pex_208", &cloudbedsv2.UpdatePolicyExceptionParams{PropertyIDs: propertyID}, body)
			if err != nil {
				t.Fatalf("UpdatePolicyExceptionWithResponse() = %v", err)
			}
			checkStatus(t, "updatePolicyException", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "updatePolicyException", http.MethodPut, "/smart-policies/v1/exceptions/pex_208", true)
			var sent map[string]any
			if err := json.Unmarshal(req.Body, &sent); err != nil || sent["exceptionId"] != "pex_208" {
				t.Errorf("updatePolicyException body = %s, want exceptionId pex_208 (upstream requires it)", req.Body)
			}
		}},
		{op: "deletePolicyException", status: http.StatusNoContent, call: func(t *testing.T) {
			res, err := c.DeletePolicyExceptionWithResponse(ctx, "pex_208", &cloudbedsv2.DeletePolicyExceptionParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("DeletePolicyExceptionWithResponse() = %v", err)
			}
			checkStatus(t, "deletePolicyException", res.StatusCode(), http.StatusNoContent, res.Body)
			lastRequest(t, srv, "deletePolicyException", http.MethodDelete, "/smart-policies/v1/exceptions/pex_208", true)
		}},
		{op: "patchPolicyException", status: http.StatusOK, answer: exceptionJSON, call: func(t *testing.T) {
			res, err := c.PatchPolicyExceptionWithResponse(ctx, "pex_208", &cloudbedsv2.PatchPolicyExceptionParams{PropertyIDs: propertyID},
				cloudbedsv2.PolicyExceptionPatchRequest{ExceptionID: "pex_208", Enabled: ptr(false)})
			if err != nil {
				t.Fatalf("PatchPolicyExceptionWithResponse() = %v", err)
			}
			checkStatus(t, "patchPolicyException", res.StatusCode(), http.StatusOK, res.Body)
			req := lastRequest(t, srv, "patchPolicyException", http.MethodPatch, "/smart-policies/v1/exceptions/pex_208", true)
			checkJSON(t, "patchPolicyException", req.Body, `{"exceptionId":"pex_208","enabled":false}`)
		}},
	}
}
