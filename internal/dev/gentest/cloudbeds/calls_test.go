package cloudbeds_test

import (
	"context"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
)

// callGenerated calls, through the typed client, every operation that has no dedicated test in
// wire_test.go, with realistic required parameters and form fields.
func callGenerated(ctx context.Context, t *testing.T, c *cloudbeds.ClientWithResponses) {
	t.Helper()
	{
		r, err := c.GetMetadataWithResponse(ctx)
		check(t, "getMetadata", r, err)
	}
	{
		r, err := c.PostAccessTokenWithFormdataBodyWithResponse(ctx, cloudbeds.PostAccessTokenFormdataRequestBody{
			GrantType:    ptr(cloudbeds.PostAccessTokenFormGrantType("refresh_token")),
			ClientID:     ptr("synthetic-client"),
			ClientSecret: ptr("synthetic-secret"),
			RefreshToken: ptr("synthetic-refresh-token"),
		})
		check(t, "postAccessToken", r, err)
	}
	{
		r, err := c.GetUserinfoWithResponse(ctx, &cloudbeds.GetUserinfoParams{})
		check(t, "getUserinfo", r, err)
	}
	{
		r, err := c.DeleteAdjustmentWithResponse(ctx, &cloudbeds.DeleteAdjustmentParams{PropertyID: ptr("172938"), ReservationID: "8829301744", AdjustmentID: "adj-901"})
		check(t, "deleteAdjustment", r, err)
	}
	{
		r, err := c.PostAdjustmentWithFormdataBodyWithResponse(ctx, cloudbeds.PostAdjustmentFormdataRequestBody{
			Amount:        125.5,
			PropertyID:    ptr("172938"),
			ReservationID: "8829301744",
			Type:          cloudbeds.PostAdjustmentFormType("fee"),
		})
		check(t, "postAdjustment", r, err)
	}
	{
		r, err := c.CreateAllotmentBlockWithFormdataBodyWithResponse(ctx, cloudbeds.CreateAllotmentBlockFormdataRequestBody{
			AllotmentBlockName:   "Porto Jazz Week",
			AllotmentBlockStatus: cloudbeds.CreateAllotmentBlockFormAllotmentBlockStatus("definite"),
			AllotmentType:        cloudbeds.CreateAllotmentBlockFormAllotmentType("allotment"),
			RateType:             cloudbeds.CreateAllotmentBlockFormRateType("base_rate"),
		})
		check(t, "createAllotmentBlock", r, err)
	}
	{
		r, err := c.DeleteAllotmentBlockWithFormdataBodyWithResponse(ctx, cloudbeds.DeleteAllotmentBlockFormdataRequestBody{
			AllotmentBlockCode: "ab-2025-06",
		})
		check(t, "deleteAllotmentBlock", r, err)
	}
	{
		r, err := c.GetAllotmentBlocksWithResponse(ctx, &cloudbeds.GetAllotmentBlocksParams{PropertyID: "172938"})
		check(t, "getAllotmentBlocks", r, err)
	}
	{
		r, err := c.UpdateAllotmentBlockWithFormdataBodyWithResponse(ctx, cloudbeds.UpdateAllotmentBlockFormdataRequestBody{
			AllotmentBlockCode: "ab-2025-06",
		})
		check(t, "updateAllotmentBlock", r, err)
	}
	{
		r, err := c.CreateAllotmentBlockNotesWithFormdataBodyWithResponse(ctx, cloudbeds.CreateAllotmentBlockNotesFormdataRequestBody{
			AllotmentBlockCode: "ab-2025-06",
			PropertyID:         ptr("172938"),
			Text:               "Late arrival, keep the room.",
		})
		check(t, "createAllotmentBlockNotes", r, err)
	}
	{
		r, err := c.ListAllotmentBlockNotesWithResponse(ctx, &cloudbeds.ListAllotmentBlockNotesParams{PropertyID: "172938", AllotmentBlockCode: "ab-2025-06"})
		check(t, "listAllotmentBlockNotes", r, err)
	}
	{
		r, err := c.UpdateAllotmentBlockNotesWithFormdataBodyWithResponse(ctx, cloudbeds.UpdateAllotmentBlockNotesFormdataRequestBody{
			AllotmentBlockCode: "ab-2025-06",
			NoteID:             "n-5521",
			PropertyID:         ptr("172938"),
		})
		check(t, "updateAllotmentBlockNotes", r, err)
	}
	{
		r, err := c.DeleteAppPropertySettingsWithFormdataBodyWithResponse(ctx, cloudbeds.DeleteAppPropertySettingsFormdataRequestBody{
			Key:        "sync_mode",
			PropertyID: ptr("172938"),
		})
		check(t, "deleteAppPropertySettings", r, err)
	}
	{
		r, err := c.GetAppPropertySettingsWithResponse(ctx, &cloudbeds.GetAppPropertySettingsParams{PropertyID: "172938"})
		check(t, "getAppPropertySettings", r, err)
	}
	{
		r, err := c.PostAppPropertySettingsWithFormdataBodyWithResponse(ctx, cloudbeds.PostAppPropertySettingsFormdataRequestBody{
			AppClientID: "app-42",
			Key:         "sync_mode",
			PropertyID:  ptr("172938"),
			Value:       "full",
		})
		check(t, "postAppPropertySettings", r, err)
	}
	{
		r, err := c.PutAppPropertySettingsWithFormdataBodyWithResponse(ctx, cloudbeds.PutAppPropertySettingsFormdataRequestBody{
			Key:        "sync_mode",
			PropertyID: ptr("172938"),
			Value:      "full",
		})
		check(t, "putAppPropertySettings", r, err)
	}
	{
		r, err := c.GetCurrencySettingsWithResponse(ctx, &cloudbeds.GetCurrencySettingsParams{PropertyID: ptr("172938")})
		check(t, "getCurrencySettings", r, err)
	}
	{
		r, err := c.GetCustomFieldsWithResponse(ctx, &cloudbeds.GetCustomFieldsParams{PropertyID: ptr("172938")})
		check(t, "getCustomFields", r, err)
	}
	{
		r, err := c.PostCustomFieldWithFormdataBodyWithResponse(ctx, cloudbeds.PostCustomFieldFormdataRequestBody{
			IsPersonal: true,
			Name:       "Harbour View Double",
			PropertyID: ptr("172938"),
			Shortcode:  "arrival_flight",
		})
		check(t, "postCustomField", r, err)
	}
	{
		r, err := c.GetDashboardWithResponse(ctx, &cloudbeds.GetDashboardParams{PropertyID: ptr("172938")})
		check(t, "getDashboard", r, err)
	}
	{
		r, err := c.GetEmailTemplatesWithResponse(ctx, &cloudbeds.GetEmailTemplatesParams{PropertyID: ptr("172938")})
		check(t, "getEmailTemplates", r, err)
	}
	{
		r, err := c.PostEmailTemplateWithFormdataBodyWithResponse(ctx, cloudbeds.PostEmailTemplateFormdataRequestBody{
			Body:       cloudbeds.PostEmailTemplateBody{En: ptr("<p>See you soon, [guest_first_name]!</p>"), PtBr: ptr("<p>Até breve!</p>")},
			EmailType:  cloudbeds.PostEmailTemplateFormEmailType("marketing"),
			From:       "stay@example.com",
			Name:       "Harbour View Double",
			PropertyID: ptr("172938"),
			Subject:    cloudbeds.PostEmailTemplateSubject{En: ptr("Your stay at Casa do Rio"), PtBr: ptr("A sua estadia")},
		})
		check(t, "postEmailTemplate", r, err)
	}
	{
		r, err := c.GetEmailScheduleWithResponse(ctx, &cloudbeds.GetEmailScheduleParams{PropertyID: ptr("172938")})
		check(t, "getEmailSchedule", r, err)
	}
	{
		r, err := c.PostEmailScheduleWithFormdataBodyWithResponse(ctx, cloudbeds.PostEmailScheduleFormdataRequestBody{
			EmailTemplateID: "31",
			PropertyID:      ptr("172938"),
			Schedule:        cloudbeds.PostEmailScheduleSchedule{ReservationEvent: cloudbeds.PostEmailScheduleScheduleReservationEvent{Days: 1, Event: cloudbeds.PostEmailScheduleScheduleReservationEventEvent("after_booking"), Time: "09:30"}, ReservationStatusChange: cloudbeds.PostEmailScheduleScheduleReservationStatusChange{Status: cloudbeds.PostEmailScheduleScheduleReservationStatusChangeStatus("canceled")}},
			ScheduleName:    "Pre-arrival reminder",
		})
		check(t, "postEmailSchedule", r, err)
	}
	{
		r, err := c.GetGroupNotesWithResponse(ctx, &cloudbeds.GetGroupNotesParams{PropertyID: "172938", GroupCode: "GRP-2025-OPO", PageSize: 20, PageNumber: 1})
		check(t, "getGroupNotes", r, err)
	}
	{
		r, err := c.GetGroupsWithResponse(ctx, &cloudbeds.GetGroupsParams{PropertyID: "172938"})
		check(t, "getGroups", r, err)
	}
	{
		r, err := c.PatchGroupWithFormdataBodyWithResponse(ctx, cloudbeds.PatchGroupFormdataRequestBody{
			GroupCode:  "GRP-2025-OPO",
			PropertyID: ptr("172938"),
		})
		check(t, "patchGroup", r, err)
	}
	{
		r, err := c.PostGroupNoteWithFormdataBodyWithResponse(ctx, cloudbeds.PostGroupNoteFormdataRequestBody{
			GroupCode:  "GRP-2025-OPO",
			GroupNote:  "Coach arrives at 18:00.",
			PropertyID: ptr("172938"),
		})
		check(t, "postGroupNote", r, err)
	}
	{
		r, err := c.PutGroupWithFormdataBodyWithResponse(ctx, cloudbeds.PutGroupFormdataRequestBody{
			CommissionType: cloudbeds.PutGroupFormCommissionType("fixed"),
			Name:           "Harbour View Double",
			PropertyID:     ptr("172938"),
			SourceID:       "s-2",
			Status:         cloudbeds.PutGroupFormStatus("closed"),
			Type:           cloudbeds.PutGroupFormType("company"),
		})
		check(t, "putGroup", r, err)
	}
	{
		r, err := c.GetGuestWithResponse(ctx, &cloudbeds.GetGuestParams{PropertyID: ptr("172938")})
		check(t, "getGuest", r, err)
	}
	{
		r, err := c.GetGuestListWithResponse(ctx, &cloudbeds.GetGuestListParams{})
		check(t, "getGuestList", r, err)
	}
	{
		r, err := c.GetGuestsModifiedWithResponse(ctx, &cloudbeds.GetGuestsModifiedParams{})
		check(t, "getGuestsModified", r, err)
	}
	{
		r, err := c.GetGuestsByStatusWithResponse(ctx, &cloudbeds.GetGuestsByStatusParams{Status: cloudbeds.GetGuestsByStatusParamsStatus("canceled"), PropertyID: ptr("172938")})
		check(t, "getGuestsByStatus", r, err)
	}
	{
		r, err := c.GetGuestsByFilterWithResponse(ctx, &cloudbeds.GetGuestsByFilterParams{Status: cloudbeds.GetGuestsByFilterParamsStatus("cancelled")})
		check(t, "getGuestsByFilter", r, err)
	}
	{
		r, err := c.PostGuestNoteWithFormdataBodyWithResponse(ctx, cloudbeds.PostGuestNoteFormdataRequestBody{
			GuestID:    "55501",
			GuestNote:  "Prefers a high floor.",
			PropertyID: ptr("172938"),
		})
		check(t, "postGuestNote", r, err)
	}
	{
		r, err := c.GetGuestNotesWithResponse(ctx, &cloudbeds.GetGuestNotesParams{PropertyID: ptr("172938"), GuestID: "55501"})
		check(t, "getGuestNotes", r, err)
	}
	{
		r, err := c.PutGuestNoteWithFormdataBodyWithResponse(ctx, cloudbeds.PutGuestNoteFormdataRequestBody{
			GuestID:    "55501",
			GuestNote:  "Prefers a high floor.",
			NoteID:     "n-5521",
			PropertyID: ptr("172938"),
		})
		check(t, "putGuestNote", r, err)
	}
	{
		r, err := c.DeleteGuestNoteWithResponse(ctx, &cloudbeds.DeleteGuestNoteParams{PropertyID: ptr("172938"), GuestID: "55501", NoteID: "n-5521"})
		check(t, "deleteGuestNote", r, err)
	}
	{
		r, err := c.PutGuestWithFormdataBodyWithResponse(ctx, cloudbeds.PutGuestFormdataRequestBody{
			GuestID:    "55501",
			PropertyID: ptr("172938"),
		})
		check(t, "putGuest", r, err)
	}
	{
		r, err := c.PostGuestWithFormdataBodyWithResponse(ctx, cloudbeds.PostGuestFormdataRequestBody{
			GuestCountry:   "PT",
			GuestEmail:     "ana.silva@example.com",
			GuestFirstName: "Ana",
			GuestLastName:  "Silva",
			PropertyID:     ptr("172938"),
			ReservationID:  "8829301744",
		})
		check(t, "postGuest", r, err)
	}
	{
		r, err := c.PostGuestsToRoomWithFormdataBodyWithResponse(ctx, cloudbeds.PostGuestsToRoomFormdataRequestBody{
			GuestIDs:      "guestIDs-1",
			PropertyID:    ptr("172938"),
			ReservationID: "8829301744",
			RoomID:        1,
		})
		check(t, "postGuestsToRoom", r, err)
	}
	{
		r, err := c.GetHotelsWithResponse(ctx, &cloudbeds.GetHotelsParams{})
		check(t, "getHotels", r, err)
	}
	{
		r, err := c.GetHotelDetailsWithResponse(ctx, &cloudbeds.GetHotelDetailsParams{PropertyID: ptr("172938")})
		check(t, "getHotelDetails", r, err)
	}
	{
		r, err := c.GetFilesWithResponse(ctx, &cloudbeds.GetFilesParams{PropertyID: ptr("172938")})
		check(t, "getFiles", r, err)
	}
	{
		r, err := c.GetHouseAccountListWithResponse(ctx, &cloudbeds.GetHouseAccountListParams{PropertyID: ptr("172938")})
		check(t, "getHouseAccountList", r, err)
	}
	{
		r, err := c.PostNewHouseAccountWithFormdataBodyWithResponse(ctx, cloudbeds.PostNewHouseAccountFormdataRequestBody{
			AccountName: "Conference catering",
			PropertyID:  ptr("172938"),
		})
		check(t, "postNewHouseAccount", r, err)
	}
	{
		r, err := c.PutHouseAccountStatusWithFormdataBodyWithResponse(ctx, cloudbeds.PutHouseAccountStatusFormdataRequestBody{
			HouseAccountID: "3120",
			PropertyID:     ptr("172938"),
			Status:         cloudbeds.PutHouseAccountStatusFormStatus("closed"),
		})
		check(t, "putHouseAccountStatus", r, err)
	}
	{
		r, err := c.GetHousekeepingStatusWithResponse(ctx, &cloudbeds.GetHousekeepingStatusParams{PropertyID: ptr("172938")})
		check(t, "getHousekeepingStatus", r, err)
	}
	{
		r, err := c.PostHousekeepingStatusWithFormdataBodyWithResponse(ctx, cloudbeds.PostHousekeepingStatusFormdataRequestBody{
			PropertyID: ptr("172938"),
			RoomID:     "77-1",
		})
		check(t, "postHousekeepingStatus", r, err)
	}
	{
		r, err := c.PostHousekeeperWithFormdataBodyWithResponse(ctx, cloudbeds.PostHousekeeperFormdataRequestBody{
			Name:       "Harbour View Double",
			PropertyID: ptr("172938"),
		})
		check(t, "postHousekeeper", r, err)
	}
	{
		r, err := c.PutHousekeeperWithFormdataBodyWithResponse(ctx, cloudbeds.PutHousekeeperFormdataRequestBody{
			HousekeeperID: "12",
			Name:          "Harbour View Double",
			PropertyID:    ptr("172938"),
		})
		check(t, "putHousekeeper", r, err)
	}
	{
		r, err := c.GetHousekeepersWithResponse(ctx, &cloudbeds.GetHousekeepersParams{PropertyID: ptr("172938")})
		check(t, "getHousekeepers", r, err)
	}
	{
		r, err := c.PostHousekeepingAssignmentWithFormdataBodyWithResponse(ctx, cloudbeds.PostHousekeepingAssignmentFormdataRequestBody{
			HousekeeperID: "12",
			PropertyID:    ptr("172938"),
			RoomIDs:       "roomIDs-1",
		})
		check(t, "postHousekeepingAssignment", r, err)
	}
	{
		r, err := c.GetAppStateWithResponse(ctx, &cloudbeds.GetAppStateParams{PropertyID: ptr("172938")})
		check(t, "getAppState", r, err)
	}
	{
		r, err := c.PostAppStateWithFormdataBodyWithResponse(ctx, cloudbeds.PostAppStateFormdataRequestBody{
			AppState:   cloudbeds.PostAppStateFormAppState("disabled"),
			PropertyID: ptr("172938"),
		})
		check(t, "postAppState", r, err)
	}
	{
		r, err := c.PostGovernmentReceiptWithFormdataBodyWithResponse(ctx, cloudbeds.PostGovernmentReceiptFormdataRequestBody{
			Amount:     125.5,
			Name:       "Harbour View Double",
			PropertyID: ptr("172938"),
			URL:        "https://example.com/files/receipt-1001.pdf",
		})
		check(t, "postGovernmentReceipt", r, err)
	}
	{
		r, err := c.GetAppSettingsWithResponse(ctx, &cloudbeds.GetAppSettingsParams{PropertyID: ptr("172938")})
		check(t, "getAppSettings", r, err)
	}
	{
		r, err := c.PostAppErrorWithFormdataBodyWithResponse(ctx, cloudbeds.PostAppErrorFormdataRequestBody{
			EventType:  cloudbeds.PostAppErrorFormEventType("create"),
			PropertyID: ptr("172938"),
			Timestamp:  sqlTime("2025-05-20 09:41:27"),
		})
		check(t, "postAppError", r, err)
	}
	{
		r, err := c.PostWebhookWithFormdataBodyWithResponse(ctx, cloudbeds.PostWebhookFormdataRequestBody{
			Action:      "created",
			EndpointURL: "https://example.com/hooks/cloudbeds",
			Object:      "reservation",
			PropertyID:  ptr("172938"),
		})
		check(t, "postWebhook", r, err)
	}
	{
		r, err := c.DeleteWebhookWithResponse(ctx, &cloudbeds.DeleteWebhookParams{SubscriptionID: "a1b2c3d4"})
		check(t, "deleteWebhook", r, err)
	}
	{
		r, err := c.GetWebhooksWithResponse(ctx, &cloudbeds.GetWebhooksParams{PropertyID: ptr("172938")})
		check(t, "getWebhooks", r, err)
	}
	{
		r, err := c.GetItemWithResponse(ctx, &cloudbeds.GetItemParams{PropertyID: ptr("172938"), ItemID: "7001"})
		check(t, "getItem", r, err)
	}
	{
		r, err := c.PutItemToInventoryWithFormdataBodyWithResponse(ctx, cloudbeds.PutItemToInventoryFormdataRequestBody{
			ItemID:     "7001",
			PropertyID: ptr("172938"),
		})
		check(t, "putItemToInventory", r, err)
	}
	{
		r, err := c.GetItemsWithResponse(ctx, &cloudbeds.GetItemsParams{PropertyID: ptr("172938")})
		check(t, "getItems", r, err)
	}
	{
		r, err := c.GetItemCategoriesWithResponse(ctx, &cloudbeds.GetItemCategoriesParams{PropertyID: ptr("172938")})
		check(t, "getItemCategories", r, err)
	}
	{
		r, err := c.PostItemCategoryWithFormdataBodyWithResponse(ctx, cloudbeds.PostItemCategoryFormdataRequestBody{
			CategoryName: "Minibar",
			PropertyID:   ptr("172938"),
		})
		check(t, "postItemCategory", r, err)
	}
	{
		r, err := c.PostItemsToInventoryWithFormdataBodyWithResponse(ctx, cloudbeds.PostItemsToInventoryFormdataRequestBody{
			Item: cloudbeds.PostItemsToInventoryItem{
				ItemName:  ptr("Sparkling water 50cl"),
				ItemSKU:   ptr("MB-WAT-050"),
				ItemPrice: ptr(2.5),
				ItemType:  ptr(cloudbeds.PostItemsToInventoryItemItemType("product")),
			},
		})
		check(t, "postItemsToInventory", r, err)
	}
	{
		r, err := c.PostItemWithFormdataBodyWithResponse(ctx, cloudbeds.PostItemFormdataRequestBody{
			ItemID:       "7001",
			ItemQuantity: 2,
			PropertyID:   ptr("172938"),
		})
		check(t, "postItem", r, err)
	}
	{
		r, err := c.PostCustomItemWithFormdataBodyWithResponse(ctx, cloudbeds.PostCustomItemFormdataRequestBody{
			Items:      []cloudbeds.PostCustomItemItem{cloudbeds.PostCustomItemItem{AppItemID: "appItemID-1", ItemName: "itemName-1", ItemPrice: 10.5, ItemQuantity: 2}},
			PropertyID: ptr("172938"),
		})
		check(t, "postCustomItem", r, err)
	}
	{
		r, err := c.AppendCustomItemWithFormdataBodyWithResponse(ctx, cloudbeds.AppendCustomItemFormdataRequestBody{
			Items:       []cloudbeds.AppendCustomItemItem{cloudbeds.AppendCustomItemItem{AppItemID: "appItemID-1", ItemName: "itemName-1", ItemPrice: 10.5, ItemQuantity: 2}},
			PropertyID:  ptr("172938"),
			ReferenceID: "pos-ticket-5521",
		})
		check(t, "appendCustomItem", r, err)
	}
	{
		r, err := c.PostVoidItemWithFormdataBodyWithResponse(ctx, cloudbeds.PostVoidItemFormdataRequestBody{
			PropertyID:    ptr("172938"),
			SoldProductID: "sp-8801",
		})
		check(t, "postVoidItem", r, err)
	}
	{
		r, err := c.GetPackagesWithResponse(ctx, &cloudbeds.GetPackagesParams{PropertyID: ptr("172938")})
		check(t, "getPackages", r, err)
	}
	{
		r, err := c.GetPackageNamesWithResponse(ctx, &cloudbeds.GetPackageNamesParams{PropertyID: ptr("172938")})
		check(t, "getPackageNames", r, err)
	}
	{
		r, err := c.PostCustomPaymentMethodWithFormdataBodyWithResponse(ctx, cloudbeds.PostCustomPaymentMethodFormdataRequestBody{
			Method:     "Bank voucher",
			PropertyID: ptr("172938"),
		})
		check(t, "postCustomPaymentMethod", r, err)
	}
	{
		r, err := c.GetPaymentMethodsWithResponse(ctx, &cloudbeds.GetPaymentMethodsParams{PropertyID: ptr("172938")})
		check(t, "getPaymentMethods", r, err)
	}
	{
		r, err := c.GetPaymentsCapabilitiesWithResponse(ctx, &cloudbeds.GetPaymentsCapabilitiesParams{PropertyID: ptr("172938")})
		check(t, "getPaymentsCapabilities", r, err)
	}
	{
		r, err := c.PostVoidPaymentWithFormdataBodyWithResponse(ctx, cloudbeds.PostVoidPaymentFormdataRequestBody{
			PaymentID:  "66310",
			PropertyID: ptr("172938"),
		})
		check(t, "postVoidPayment", r, err)
	}
	{
		r, err := c.PostChargeWithFormdataBodyWithResponse(ctx, cloudbeds.PostChargeFormdataRequestBody{
			Amount:      "amount-1",
			Currency:    "EUR",
			Description: "Paid at the front desk",
			PropertyID:  ptr("172938"),
		})
		check(t, "postCharge", r, err)
	}
	{
		r, err := c.PostCreditCardWithFormdataBodyWithResponse(ctx, cloudbeds.PostCreditCardFormdataRequestBody{
			PropertyID:    ptr("172938"),
			ReservationID: "8829301744",
		})
		check(t, "postCreditCard", r, err)
	}
	{
		r, err := c.GetRateWithResponse(ctx, &cloudbeds.GetRateParams{RoomTypeID: "77", StartDate: date("2025-06-12"), EndDate: date("2025-06-14")})
		check(t, "getRate", r, err)
	}
	{
		r, err := c.GetRateJobsWithResponse(ctx, &cloudbeds.GetRateJobsParams{})
		check(t, "getRateJobs", r, err)
	}
	{
		r, err := c.GetRatePlansWithResponse(ctx, &cloudbeds.GetRatePlansParams{StartDate: date("2025-06-12"), EndDate: date("2025-06-14")})
		check(t, "getRatePlans", r, err)
	}
	{
		r, err := c.PatchRateWithFormdataBodyWithResponse(ctx, cloudbeds.PatchRateFormdataRequestBody{
			Rates: []cloudbeds.PatchRateRate{cloudbeds.PatchRateRate{Interval: cloudbeds.PatchRateRateInterval{EndDate: date("2025-06-14"), Rate: 10.5, StartDate: date("2025-06-12")}, RateID: "901"}},
		})
		check(t, "patchRate", r, err)
	}
	{
		r, err := c.PutRateWithFormdataBodyWithResponse(ctx, cloudbeds.PutRateFormdataRequestBody{
			Rates: []cloudbeds.PutRateRate{cloudbeds.PutRateRate{Interval: []cloudbeds.PutRateRateIntervalItem{cloudbeds.PutRateRateIntervalItem{EndDate: date("2025-06-14"), Rate: 10.5, StartDate: date("2025-06-12")}}, RateID: "901"}},
		})
		check(t, "putRate", r, err)
	}
	{
		r, err := c.GetReservationWithResponse(ctx, &cloudbeds.GetReservationParams{PropertyID: ptr("172938"), ReservationID: "8829301744"})
		check(t, "getReservation", r, err)
	}
	{
		r, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{PropertyID: ptr("172938")})
		check(t, "getReservations", r, err)
	}
	{
		r, err := c.GetReservationsWithRateDetailsWithResponse(ctx, &cloudbeds.GetReservationsWithRateDetailsParams{PropertyID: ptr("172938")})
		check(t, "getReservationsWithRateDetails", r, err)
	}
	{
		r, err := c.GetReservationAssignmentsWithResponse(ctx, &cloudbeds.GetReservationAssignmentsParams{PropertyID: ptr("172938")})
		check(t, "getReservationAssignments", r, err)
	}
	{
		r, err := c.PostReservationNoteWithFormdataBodyWithResponse(ctx, cloudbeds.PostReservationNoteFormdataRequestBody{
			PropertyID:      ptr("172938"),
			ReservationID:   "8829301744",
			ReservationNote: "Airport pickup at 14:00.",
		})
		check(t, "postReservationNote", r, err)
	}
	{
		r, err := c.GetReservationNotesWithResponse(ctx, &cloudbeds.GetReservationNotesParams{PropertyID: ptr("172938"), ReservationID: "8829301744"})
		check(t, "getReservationNotes", r, err)
	}
	{
		r, err := c.PutReservationNoteWithFormdataBodyWithResponse(ctx, cloudbeds.PutReservationNoteFormdataRequestBody{
			PropertyID:        ptr("172938"),
			ReservationID:     "8829301744",
			ReservationNote:   "Airport pickup at 14:00.",
			ReservationNoteID: "rn-3301",
		})
		check(t, "putReservationNote", r, err)
	}
	{
		r, err := c.DeleteReservationNoteWithResponse(ctx, &cloudbeds.DeleteReservationNoteParams{PropertyID: ptr("172938"), ReservationID: "8829301744", ReservationNoteID: "rn-3301"})
		check(t, "deleteReservationNote", r, err)
	}
	{
		r, err := c.GetSourcesWithResponse(ctx, &cloudbeds.GetSourcesParams{})
		check(t, "getSources", r, err)
	}
	{
		r, err := c.GetRoomsFeesAndTaxesWithResponse(ctx, &cloudbeds.GetRoomsFeesAndTaxesParams{PropertyID: ptr("172938"), StartDate: date("2025-06-12"), EndDate: date("2025-06-14"), RoomsTotal: 240, RoomsCount: 1})
		check(t, "getRoomsFeesAndTaxes", r, err)
	}
	{
		r, err := c.PostRoomAssignWithFormdataBodyWithResponse(ctx, cloudbeds.PostRoomAssignFormdataRequestBody{
			NewRoomID:     "77-2",
			PropertyID:    ptr("172938"),
			ReservationID: "8829301744",
		})
		check(t, "postRoomAssign", r, err)
	}
	{
		r, err := c.PostRoomCheckInWithFormdataBodyWithResponse(ctx, cloudbeds.PostRoomCheckInFormdataRequestBody{
			PropertyID:    ptr("172938"),
			ReservationID: "8829301744",
		})
		check(t, "postRoomCheckIn", r, err)
	}
	{
		r, err := c.PostRoomCheckOutWithFormdataBodyWithResponse(ctx, cloudbeds.PostRoomCheckOutFormdataRequestBody{
			PropertyID:    ptr("172938"),
			ReservationID: "8829301744",
		})
		check(t, "postRoomCheckOut", r, err)
	}
	{
		r, err := c.GetReservationRoomDetailsWithResponse(ctx, &cloudbeds.GetReservationRoomDetailsParams{PropertyID: ptr("172938"), SubReservationID: "8829301744-1"})
		check(t, "getReservationRoomDetails", r, err)
	}
	{
		r, err := c.PostRoomBlockWithFormdataBodyWithResponse(ctx, cloudbeds.PostRoomBlockFormdataRequestBody{
			EndDate:         date("2025-06-14"),
			PropertyID:      ptr("172938"),
			RoomBlockReason: "Bathroom renovation",
			RoomBlockType:   cloudbeds.PostRoomBlockFormRoomBlockType("blocked_dates"),
			Rooms:           []cloudbeds.PostRoomBlockRoom{cloudbeds.PostRoomBlockRoom{RoomID: "77-1", RoomTypeID: "77"}},
			StartDate:       date("2025-06-12"),
		})
		check(t, "postRoomBlock", r, err)
	}
	{
		r, err := c.GetRoomBlocksWithResponse(ctx, &cloudbeds.GetRoomBlocksParams{PropertyID: ptr("172938")})
		check(t, "getRoomBlocks", r, err)
	}
	{
		r, err := c.PutRoomBlockWithFormdataBodyWithResponse(ctx, cloudbeds.PutRoomBlockFormdataRequestBody{
			PropertyID:  ptr("172938"),
			RoomBlockID: "rb-88",
		})
		check(t, "putRoomBlock", r, err)
	}
	{
		r, err := c.DeleteRoomBlockWithFormdataBodyWithResponse(ctx, cloudbeds.DeleteRoomBlockFormdataRequestBody{
			PropertyID:  ptr("172938"),
			RoomBlockID: "rb-88",
		})
		check(t, "deleteRoomBlock", r, err)
	}
	{
		r, err := c.GetRoomTypesWithResponse(ctx, &cloudbeds.GetRoomTypesParams{})
		check(t, "getRoomTypes", r, err)
	}
	{
		r, err := c.GetAvailableRoomTypesWithResponse(ctx, &cloudbeds.GetAvailableRoomTypesParams{StartDate: date("2025-06-12"), EndDate: date("2025-06-14"), Rooms: 1, Adults: 2, Children: 0})
		check(t, "getAvailableRoomTypes", r, err)
	}
	{
		r, err := c.GetRoomsWithResponse(ctx, &cloudbeds.GetRoomsParams{})
		check(t, "getRooms", r, err)
	}
	{
		r, err := c.GetRoomsUnassignedWithResponse(ctx, &cloudbeds.GetRoomsUnassignedParams{})
		check(t, "getRoomsUnassigned", r, err)
	}
	{
		r, err := c.GetTaxesAndFeesWithResponse(ctx, &cloudbeds.GetTaxesAndFeesParams{PropertyID: ptr("172938")})
		check(t, "getTaxesAndFees", r, err)
	}
	{
		r, err := c.GetUsersWithResponse(ctx, &cloudbeds.GetUsersParams{})
		check(t, "getUsers", r, err)
	}
}
