package cobot_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
	openapi_types "github.com/oapi-codegen/runtime/types"
)

// TestContractEveryOperation calls each of the 134 operations through the typed client against a
// server that validates every request (parameters, JSON:API media type, body, credentials) and every
// answer against specs/cobot.yaml. Answers are the document's own examples; request bodies are the
// document's request examples decoded into the generated body types, so the marshalling of every
// body type is exercised too.
func TestContractEveryOperation(t *testing.T) {
	srv := spectest.New(t, specs.Cobot)
	doc := spectest.Load(t, specs.Cobot)
	answerWithExamples(t, srv, doc)
	c := newClient(t, srv)
	ctx := context.Background()
	day := time.Date(2024, 5, 14, 0, 0, 0, 0, time.UTC)

	t.Run("get-article", func(t *testing.T) {
		res, err := c.GetArticleWithResponse(ctx, "id-1", &cobot.GetArticleParams{})
		if err != nil {
			t.Fatalf("GetArticleWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetArticleWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "54e1d08ca1766594db17f2d0f5900e4d" {
			t.Fatalf("get-article: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-admin-booking", func(t *testing.T) {
		res, err := c.CreateAdminBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateAdminBookingApplicationVndAPIPlusJSONRequestBody](t, doc, "create-admin-booking"))
		if err != nil {
			t.Fatalf("CreateAdminBookingWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateAdminBookingWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "49a8ca77676b216994ddc50b02140f34" {
			t.Fatalf("create-admin-booking: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("get-recurring-bookings", func(t *testing.T) {
		res, err := c.GetRecurringBookingsWithResponse(ctx, "recurringID-1", &cobot.GetRecurringBookingsParams{})
		if err != nil {
			t.Fatalf("GetRecurringBookingsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetRecurringBookingsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "1b1a9d5067b67eee18a840a8423b1426" {
			t.Fatalf("get-recurring-bookings: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("delete-following-recurring-bookings", func(t *testing.T) {
		res, err := c.DeleteFollowingRecurringBookingsWithResponse(ctx, "bookingID-1")
		if err != nil {
			t.Fatalf("DeleteFollowingRecurringBookingsWithResponse: %v", err)
		}
		if res.StatusCode() != 202 {
			t.Fatalf("DeleteFollowingRecurringBookingsWithResponse status = %d, want 202", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON202 == nil || res.ApplicationVndAPIJSON202.Data.ID != "e0c7fc1a3d2cfa21932d20b7af067d9c" {
			t.Fatalf("delete-following-recurring-bookings: decoded %+v, want the example id", res.ApplicationVndAPIJSON202)
		}
	})
	t.Run("post-bookings-preview", func(t *testing.T) {
		res, err := c.PostBookingsPreviewWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.PostBookingsPreviewApplicationVndAPIPlusJSONRequestBody](t, doc, "post-bookings-preview"))
		if err != nil {
			t.Fatalf("PostBookingsPreviewWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("PostBookingsPreviewWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "1a97d34b27dcc5b9b9d1113ab6c9fef4" {
			t.Fatalf("post-bookings-preview: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("delete-space-booking", func(t *testing.T) {
		res, err := c.DeleteSpaceBookingWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("DeleteSpaceBookingWithResponse: %v", err)
		}
		if res.StatusCode() != 204 {
			t.Fatalf("DeleteSpaceBookingWithResponse status = %d, want 204", res.StatusCode())
		}

	})
	t.Run("get-booking", func(t *testing.T) {
		res, err := c.GetBookingWithResponse(ctx, "id-1", &cobot.GetBookingParams{})
		if err != nil {
			t.Fatalf("GetBookingWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetBookingWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "f585540e7b15913ff021e8035a1d0d9f" {
			t.Fatalf("get-booking: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("update-space-booking", func(t *testing.T) {
		res, err := c.UpdateSpaceBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "id-1", body[cobot.UpdateSpaceBookingApplicationVndAPIPlusJSONRequestBody](t, doc, "update-space-booking"))
		if err != nil {
			t.Fatalf("UpdateSpaceBookingWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("UpdateSpaceBookingWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "ac0e11258f0f59fb27a11788110b7e0d" {
			t.Fatalf("update-space-booking: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-calendar-blocker", func(t *testing.T) {
		res, err := c.GetCalendarBlockerWithResponse(ctx, "id-1", &cobot.GetCalendarBlockerParams{})
		if err != nil {
			t.Fatalf("GetCalendarBlockerWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetCalendarBlockerWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "63315db405efb2a010e9e4d80564f067" {
			t.Fatalf("get-calendar-blocker: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-allocation", func(t *testing.T) {
		res, err := c.GetAllocationWithResponse(ctx, "id-1", &cobot.GetAllocationParams{})
		if err != nil {
			t.Fatalf("GetAllocationWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetAllocationWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "6ca1eff0dcc09ad4a300d30634e8b5b4" {
			t.Fatalf("get-allocation: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-check-in", func(t *testing.T) {
		res, err := c.CreateCheckInWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateCheckInApplicationVndAPIPlusJSONRequestBody](t, doc, "create-check-in"))
		if err != nil {
			t.Fatalf("CreateCheckInWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateCheckInWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "6ba3231a148022e8d38e15d65d62d0b0" {
			t.Fatalf("create-check-in: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("create-check-out", func(t *testing.T) {
		res, err := c.CreateCheckOutWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("CreateCheckOutWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("CreateCheckOutWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "6a4dd64a3809fed6e159df62cbe204d9" {
			t.Fatalf("create-check-out: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-contact", func(t *testing.T) {
		res, err := c.GetContactWithResponse(ctx, "id-1", &cobot.GetContactParams{})
		if err != nil {
			t.Fatalf("GetContactWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetContactWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "ca451e51c9ad5dda0480151b25ae1293" {
			t.Fatalf("get-contact: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-customers", func(t *testing.T) {
		res, err := c.CreateCustomersWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateCustomersApplicationVndAPIPlusJSONRequestBody](t, doc, "create-customers"))
		if err != nil {
			t.Fatalf("CreateCustomersWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateCustomersWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "4159e73b596b7824396c0958fd32f4ce" {
			t.Fatalf("create-customers: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("create-drop-in-pass-purchase", func(t *testing.T) {
		res, err := c.CreateDropInPassPurchaseWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateDropInPassPurchaseApplicationVndAPIPlusJSONRequestBody](t, doc, "create-drop-in-pass-purchase"))
		if err != nil {
			t.Fatalf("CreateDropInPassPurchaseWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateDropInPassPurchaseWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "ad5e5cf9dc3066ff4c94210aa3e025ca" {
			t.Fatalf("create-drop-in-pass-purchase: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("get-drop-in-pass-template", func(t *testing.T) {
		res, err := c.GetDropInPassTemplateWithResponse(ctx, "id-1", &cobot.GetDropInPassTemplateParams{})
		if err != nil {
			t.Fatalf("GetDropInPassTemplateWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetDropInPassTemplateWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "7e3d847846f32465026a3dbaa145fa9a" {
			t.Fatalf("get-drop-in-pass-template: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-drop-in-pass-template-availability", func(t *testing.T) {
		res, err := c.GetDropInPassTemplateAvailabilityWithResponse(ctx, "id-1", &cobot.GetDropInPassTemplateAvailabilityParams{FilterFrom: openapi_types.Date{Time: day}, FilterTo: openapi_types.Date{Time: day}})
		if err != nil {
			t.Fatalf("GetDropInPassTemplateAvailabilityWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetDropInPassTemplateAvailabilityWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "fbd546321070785ff752cd0a2cfd4607" {
			t.Fatalf("get-drop-in-pass-template-availability: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-drop-in-pass", func(t *testing.T) {
		res, err := c.GetDropInPassWithResponse(ctx, "id-1", &cobot.GetDropInPassParams{})
		if err != nil {
			t.Fatalf("GetDropInPassWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetDropInPassWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "e1c8fd48ff7c468b73fff640fda0b7b2" {
			t.Fatalf("get-drop-in-pass: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("drop-in-pass-cancellation", func(t *testing.T) {
		res, err := c.DropInPassCancellationWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("DropInPassCancellationWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("DropInPassCancellationWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "5341315d8358305514230dd4b9f23459" {
			t.Fatalf("drop-in-pass-cancellation: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-admin-event", func(t *testing.T) {
		res, err := c.CreateAdminEventWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateAdminEventApplicationVndAPIPlusJSONRequestBody](t, doc, "create-admin-event"))
		if err != nil {
			t.Fatalf("CreateAdminEventWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateAdminEventWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "01291bae47299bd7885d2f1624cf7387" {
			t.Fatalf("create-admin-event: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("get-event", func(t *testing.T) {
		res, err := c.GetEventWithResponse(ctx, "id-1", &cobot.GetEventParams{})
		if err != nil {
			t.Fatalf("GetEventWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetEventWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "7f03f7786b4897af7a5359d6706397ee" {
			t.Fatalf("get-event: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("update-event", func(t *testing.T) {
		res, err := c.UpdateEventWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "id-1", body[cobot.UpdateEventApplicationVndAPIPlusJSONRequestBody](t, doc, "update-event"))
		if err != nil {
			t.Fatalf("UpdateEventWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("UpdateEventWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "e9374e721e43c1ff782c2d5d41176f74" {
			t.Fatalf("update-event: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("delete-event", func(t *testing.T) {
		res, err := c.DeleteEventWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("DeleteEventWithResponse: %v", err)
		}
		if res.StatusCode() != 204 {
			t.Fatalf("DeleteEventWithResponse status = %d, want 204", res.StatusCode())
		}

	})
	t.Run("attend-event", func(t *testing.T) {
		res, err := c.AttendEventWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.AttendEventApplicationVndAPIPlusJSONRequestBody](t, doc, "attend-event"))
		if err != nil {
			t.Fatalf("AttendEventWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("AttendEventWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "1c9254a6b472d7029e4a3fd5aebaf8aa" {
			t.Fatalf("attend-event: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("get-event-attendance", func(t *testing.T) {
		res, err := c.GetEventAttendanceWithResponse(ctx, "id-1", &cobot.GetEventAttendanceParams{})
		if err != nil {
			t.Fatalf("GetEventAttendanceWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetEventAttendanceWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "0a80959a3b0b63b26a2277023633eda7" {
			t.Fatalf("get-event-attendance: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("unattend-event", func(t *testing.T) {
		res, err := c.UnattendEventWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("UnattendEventWithResponse: %v", err)
		}
		if res.StatusCode() != 204 {
			t.Fatalf("UnattendEventWithResponse status = %d, want 204", res.StatusCode())
		}

	})
	t.Run("list-event-attendances", func(t *testing.T) {
		res, err := c.ListEventAttendancesWithResponse(ctx, "id-1", &cobot.ListEventAttendancesParams{})
		if err != nil {
			t.Fatalf("ListEventAttendancesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("ListEventAttendancesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "77899ddd4422ce0b0128fd6e330d0054" {
			t.Fatalf("list-event-attendances: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-event-messages", func(t *testing.T) {
		res, err := c.CreateEventMessagesWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateEventMessagesApplicationVndAPIPlusJSONRequestBody](t, doc, "create-event-messages"))
		if err != nil {
			t.Fatalf("CreateEventMessagesWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateEventMessagesWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "be7db875c6058c371ae6ba61c22ac2bc" {
			t.Fatalf("create-event-messages: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("get-event-message", func(t *testing.T) {
		res, err := c.GetEventMessageWithResponse(ctx, "id-1", &cobot.GetEventMessageParams{})
		if err != nil {
			t.Fatalf("GetEventMessageWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetEventMessageWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "23b0d1e256c73cdcfda25a5de8a94972" {
			t.Fatalf("get-event-message: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("update-event-message", func(t *testing.T) {
		res, err := c.UpdateEventMessageWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "id-1", body[cobot.UpdateEventMessageApplicationVndAPIPlusJSONRequestBody](t, doc, "update-event-message"))
		if err != nil {
			t.Fatalf("UpdateEventMessageWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("UpdateEventMessageWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "7c773ff0a2beeacc5528025b52a18708" {
			t.Fatalf("update-event-message: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("delete-event-message", func(t *testing.T) {
		res, err := c.DeleteEventMessageWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("DeleteEventMessageWithResponse: %v", err)
		}
		if res.StatusCode() != 204 {
			t.Fatalf("DeleteEventMessageWithResponse status = %d, want 204", res.StatusCode())
		}

	})
	t.Run("get-event-event-messages", func(t *testing.T) {
		res, err := c.GetEventEventMessagesWithResponse(ctx, "id-1", &cobot.GetEventEventMessagesParams{})
		if err != nil {
			t.Fatalf("GetEventEventMessagesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetEventEventMessagesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "d3c6d83a9257730093bd9cb14a7c8aa4" {
			t.Fatalf("get-event-event-messages: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("publish-admin-event", func(t *testing.T) {
		res, err := c.PublishAdminEventWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("PublishAdminEventWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("PublishAdminEventWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "1dcf94dcf5d9f9a71d20da36b202759d" {
			t.Fatalf("publish-admin-event: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("depublish-admin-event", func(t *testing.T) {
		res, err := c.DepublishAdminEventWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("DepublishAdminEventWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("DepublishAdminEventWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "d5cb739eb44b6602bf3bdd533160ab11" {
			t.Fatalf("depublish-admin-event: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-event-ticket-purchase", func(t *testing.T) {
		res, err := c.CreateEventTicketPurchaseWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateEventTicketPurchaseApplicationVndAPIPlusJSONRequestBody](t, doc, "create-event-ticket-purchase"))
		if err != nil {
			t.Fatalf("CreateEventTicketPurchaseWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateEventTicketPurchaseWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "0ec248b7a37eef5d80a1fa9b9b8b62d7" {
			t.Fatalf("create-event-ticket-purchase: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("create-external-booking", func(t *testing.T) {
		res, err := c.CreateExternalBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateExternalBookingApplicationVndAPIPlusJSONRequestBody](t, doc, "create-external-booking"))
		if err != nil {
			t.Fatalf("CreateExternalBookingWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateExternalBookingWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "0a96287a27127c85a2a63aaf0f4b5f06" {
			t.Fatalf("create-external-booking: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("show-external-booking", func(t *testing.T) {
		res, err := c.ShowExternalBookingWithResponse(ctx, "id-1", &cobot.ShowExternalBookingParams{})
		if err != nil {
			t.Fatalf("ShowExternalBookingWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("ShowExternalBookingWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "a099c57aa42a45a47641ceca0c38f4ef" {
			t.Fatalf("show-external-booking: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("delete-external-booking", func(t *testing.T) {
		res, err := c.DeleteExternalBookingWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("DeleteExternalBookingWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("DeleteExternalBookingWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "ca8c0d885dcd0c45c69e554149690358" {
			t.Fatalf("delete-external-booking: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("update-external-booking", func(t *testing.T) {
		res, err := c.UpdateExternalBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "id-1", body[cobot.UpdateExternalBookingApplicationVndAPIPlusJSONRequestBody](t, doc, "update-external-booking"))
		if err != nil {
			t.Fatalf("UpdateExternalBookingWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("UpdateExternalBookingWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "08571ac0fefa0a2709013d44c0fe8a69" {
			t.Fatalf("update-external-booking: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("external-booking-cancellation", func(t *testing.T) {
		res, err := c.ExternalBookingCancellationWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("ExternalBookingCancellationWithResponse: %v", err)
		}
		if res.StatusCode() != 204 {
			t.Fatalf("ExternalBookingCancellationWithResponse status = %d, want 204", res.StatusCode())
		}

	})
	t.Run("preview-external-booking", func(t *testing.T) {
		res, err := c.PreviewExternalBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.PreviewExternalBookingApplicationVndAPIPlusJSONRequestBody](t, doc, "preview-external-booking"))
		if err != nil {
			t.Fatalf("PreviewExternalBookingWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("PreviewExternalBookingWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "f9637cd7128272311fde29d8d77e2e8f" {
			t.Fatalf("preview-external-booking: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-external-resource", func(t *testing.T) {
		res, err := c.CreateExternalResourceWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateExternalResourceApplicationVndAPIPlusJSONRequestBody](t, doc, "create-external-resource"))
		if err != nil {
			t.Fatalf("CreateExternalResourceWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateExternalResourceWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "b97c90efeaaa016598460ee529ad0bae" {
			t.Fatalf("create-external-resource: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("get-external-resource", func(t *testing.T) {
		res, err := c.GetExternalResourceWithResponse(ctx, "id-1", &cobot.GetExternalResourceParams{})
		if err != nil {
			t.Fatalf("GetExternalResourceWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetExternalResourceWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "2fc6ca99e2c46262b448a3abbbe533c2" {
			t.Fatalf("get-external-resource: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("patch-external-resource", func(t *testing.T) {
		res, err := c.PatchExternalResourceWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "id-1", body[cobot.PatchExternalResourceApplicationVndAPIPlusJSONRequestBody](t, doc, "patch-external-resource"))
		if err != nil {
			t.Fatalf("PatchExternalResourceWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("PatchExternalResourceWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "9442bd9572c70d82dcbefb7d6f92ee2e" {
			t.Fatalf("patch-external-resource: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("delete-external-resource", func(t *testing.T) {
		res, err := c.DeleteExternalResourceWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("DeleteExternalResourceWithResponse: %v", err)
		}
		if res.StatusCode() != 204 {
			t.Fatalf("DeleteExternalResourceWithResponse status = %d, want 204", res.StatusCode())
		}

	})
	t.Run("get-external-resource-availbility", func(t *testing.T) {
		res, err := c.GetExternalResourceAvailbilityWithResponse(ctx, "id-1", &cobot.GetExternalResourceAvailbilityParams{FilterFrom: day, FilterTo: day})
		if err != nil {
			t.Fatalf("GetExternalResourceAvailbilityWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetExternalResourceAvailbilityWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "fabed392fc92e1e0015971d08fdad400" {
			t.Fatalf("get-external-resource-availbility: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-invoice-charges", func(t *testing.T) {
		res, err := c.CreateInvoiceChargesWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateInvoiceChargesApplicationVndAPIPlusJSONRequestBody](t, doc, "create-invoice-charges"))
		if err != nil {
			t.Fatalf("CreateInvoiceChargesWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 202 {
			t.Fatalf("CreateInvoiceChargesWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 202", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON202 == nil || res.ApplicationVndAPIJSON202.Data.ID != "d50fab73de0c5e39b0951f5ea164745d" {
			t.Fatalf("create-invoice-charges: decoded %+v, want the example id", res.ApplicationVndAPIJSON202)
		}
	})
	t.Run("post-invoices", func(t *testing.T) {
		res, err := c.PostInvoicesWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.PostInvoicesApplicationVndAPIPlusJSONRequestBody](t, doc, "post-invoices"))
		if err != nil {
			t.Fatalf("PostInvoicesWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("PostInvoicesWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "9a590a3a7a3e3cf2bc563a93f70484a5" {
			t.Fatalf("post-invoices: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("get-invoice", func(t *testing.T) {
		res, err := c.GetInvoiceWithResponse(ctx, "id-1", &cobot.GetInvoiceParams{})
		if err != nil {
			t.Fatalf("GetInvoiceWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetInvoiceWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "cc41a95097d4ee01d934cd6957c6074e" {
			t.Fatalf("get-invoice: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("lock-invoice", func(t *testing.T) {
		res, err := c.LockInvoiceWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("LockInvoiceWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("LockInvoiceWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "7bc3063985b7a0e1da2ad8639ae4faa3" {
			t.Fatalf("lock-invoice: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("unlock-invoice", func(t *testing.T) {
		res, err := c.UnlockInvoiceWithResponse(ctx, "id-1")
		if err != nil {
			t.Fatalf("UnlockInvoiceWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("UnlockInvoiceWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "172fe9d571b81d644f8700d449f112ac" {
			t.Fatalf("unlock-invoice: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-e-invoice", func(t *testing.T) {
		res, err := c.CreateEInvoiceWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "id-1", body[cobot.CreateEInvoiceApplicationVndAPIPlusJSONRequestBody](t, doc, "create-e-invoice"))
		if err != nil {
			t.Fatalf("CreateEInvoiceWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("CreateEInvoiceWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "d7353012a4f1dd5f2181161ca495618f" {
			t.Fatalf("create-e-invoice: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("attach-invoice-pdf", func(t *testing.T) {
		pdf, mp := invoicePDF(t)
		res, err := c.AttachInvoicePDFWithBodyWithResponse(ctx, "id-1", mp.FormDataContentType(), &pdf)
		if err != nil {
			t.Fatalf("AttachInvoicePDFWithBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("AttachInvoicePDFWithBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "58368e95885c566f7e88b27cb4d19396" {
			t.Fatalf("attach-invoice-pdf: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-invoice-payment-methods", func(t *testing.T) {
		res, err := c.GetInvoicePaymentMethodsWithResponse(ctx, "id-1", &cobot.GetInvoicePaymentMethodsParams{})
		if err != nil {
			t.Fatalf("GetInvoicePaymentMethodsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetInvoicePaymentMethodsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "0187eba871d9c1263834b1552bb1b2a9" {
			t.Fatalf("get-invoice-payment-methods: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-invoice-reminder", func(t *testing.T) {
		res, err := c.CreateInvoiceReminderWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateInvoiceReminderApplicationVndAPIPlusJSONRequestBody](t, doc, "create-invoice-reminder"))
		if err != nil {
			t.Fatalf("CreateInvoiceReminderWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateInvoiceReminderWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}

	})
	t.Run("get-membership-profile", func(t *testing.T) {
		res, err := c.GetMembershipProfileWithResponse(ctx, "id-1", &cobot.GetMembershipProfileParams{})
		if err != nil {
			t.Fatalf("GetMembershipProfileWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetMembershipProfileWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "30b484c27d753bb8e7eea266a6348d1b" {
			t.Fatalf("get-membership-profile: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("patch-membership-profile", func(t *testing.T) {
		res, err := c.PatchMembershipProfileWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "id-1", body[cobot.PatchMembershipProfileApplicationVndAPIPlusJSONRequestBody](t, doc, "patch-membership-profile"))
		if err != nil {
			t.Fatalf("PatchMembershipProfileWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("PatchMembershipProfileWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "f02964bb497d7554ce1679f480c612ac" {
			t.Fatalf("patch-membership-profile: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-membership-booking-credits", func(t *testing.T) {
		res, err := c.GetMembershipBookingCreditsWithResponse(ctx, "membershipID-1", &cobot.GetMembershipBookingCreditsParams{})
		if err != nil {
			t.Fatalf("GetMembershipBookingCreditsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetMembershipBookingCreditsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "c20c8e7d01f5da953436ffbf5181f85c" {
			t.Fatalf("get-membership-booking-credits: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-membership-bookings", func(t *testing.T) {
		res, err := c.GetMembershipBookingsWithResponse(ctx, "membershipID-1", &cobot.GetMembershipBookingsParams{FilterFrom: day, FilterTo: day})
		if err != nil {
			t.Fatalf("GetMembershipBookingsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetMembershipBookingsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "33de7e39a0cca8394c1770b8299a35cb" {
			t.Fatalf("get-membership-bookings: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-membership-booking", func(t *testing.T) {
		res, err := c.CreateMembershipBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "membershipID-1", body[cobot.CreateMembershipBookingApplicationVndAPIPlusJSONRequestBody](t, doc, "create-membership-booking"))
		if err != nil {
			t.Fatalf("CreateMembershipBookingWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateMembershipBookingWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "e602be6b2fb460fa2fcb1abe6b0caded" {
			t.Fatalf("create-membership-booking: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("get-membership-check-ins", func(t *testing.T) {
		res, err := c.GetMembershipCheckInsWithResponse(ctx, "membershipID-1", &cobot.GetMembershipCheckInsParams{FilterFrom: day, FilterTo: day})
		if err != nil {
			t.Fatalf("GetMembershipCheckInsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetMembershipCheckInsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "4739ec9455a5ac0f9a03a5f1689ef607" {
			t.Fatalf("get-membership-check-ins: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-membership", func(t *testing.T) {
		res, err := c.GetMembershipWithResponse(ctx, "id-1", &cobot.GetMembershipParams{})
		if err != nil {
			t.Fatalf("GetMembershipWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetMembershipWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "75a3f1a6f033140094c49bfd81f87c06" {
			t.Fatalf("get-membership: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-navigation-link", func(t *testing.T) {
		res, err := c.CreateNavigationLinkWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateNavigationLinkApplicationVndAPIPlusJSONRequestBody](t, doc, "create-navigation-link"))
		if err != nil {
			t.Fatalf("CreateNavigationLinkWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateNavigationLinkWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "e1bb396b882277fbf69610a7e6bec361" {
			t.Fatalf("create-navigation-link: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("update-navigation-link", func(t *testing.T) {
		res, err := c.UpdateNavigationLinkWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "id-1", body[cobot.UpdateNavigationLinkApplicationVndAPIPlusJSONRequestBody](t, doc, "update-navigation-link"))
		if err != nil {
			t.Fatalf("UpdateNavigationLinkWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("UpdateNavigationLinkWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "99dd3077b063f40d2cf1c1c8cb703cb3" {
			t.Fatalf("update-navigation-link: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-navigation-link", func(t *testing.T) {
		res, err := c.GetNavigationLinkWithResponse(ctx, "id-1", &cobot.GetNavigationLinkParams{})
		if err != nil {
			t.Fatalf("GetNavigationLinkWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetNavigationLinkWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "4481b204f627394123381384a2c216a3" {
			t.Fatalf("get-navigation-link: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-network", func(t *testing.T) {
		res, err := c.GetNetworkWithResponse(ctx, "id-1", &cobot.GetNetworkParams{})
		if err != nil {
			t.Fatalf("GetNetworkWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetNetworkWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "70bb4819b48c61940d96e43f4484d4c6" {
			t.Fatalf("get-network: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-network-memberships", func(t *testing.T) {
		res, err := c.GetNetworkMembershipsWithResponse(ctx, "networkID-1", &cobot.GetNetworkMembershipsParams{})
		if err != nil {
			t.Fatalf("GetNetworkMembershipsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetNetworkMembershipsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "71712736681cdf595f0928a7c10ffac4" {
			t.Fatalf("get-network-memberships: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("search-network-memberships", func(t *testing.T) {
		res, err := c.SearchNetworkMembershipsWithResponse(ctx, "networkID-1", &cobot.SearchNetworkMembershipsParams{FilterQuery: "keller"})
		if err != nil {
			t.Fatalf("SearchNetworkMembershipsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("SearchNetworkMembershipsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "03751ee3b046ebfdd76fdb85d5c05808" {
			t.Fatalf("search-network-memberships: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-network-membership-profiles", func(t *testing.T) {
		res, err := c.GetNetworkMembershipProfilesWithResponse(ctx, "networkID-1", &cobot.GetNetworkMembershipProfilesParams{})
		if err != nil {
			t.Fatalf("GetNetworkMembershipProfilesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetNetworkMembershipProfilesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "f62e522eb420b94bbb5abdde9ed072c9" {
			t.Fatalf("get-network-membership-profiles: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("search-network-membership-profiles", func(t *testing.T) {
		res, err := c.SearchNetworkMembershipProfilesWithResponse(ctx, "networkID-1", &cobot.SearchNetworkMembershipProfilesParams{FilterQuery: "keller"})
		if err != nil {
			t.Fatalf("SearchNetworkMembershipProfilesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("SearchNetworkMembershipProfilesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "2dc9a70f597daf661d9984ac8d8153b5" {
			t.Fatalf("search-network-membership-profiles: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-network-resource-availabilities", func(t *testing.T) {
		res, err := c.GetNetworkResourceAvailabilitiesWithResponse(ctx, "networkID-1", &cobot.GetNetworkResourceAvailabilitiesParams{FilterFrom: day, FilterTo: day})
		if err != nil {
			t.Fatalf("GetNetworkResourceAvailabilitiesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetNetworkResourceAvailabilitiesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "6c007dcc4eda529054cba61b34c04449" {
			t.Fatalf("get-network-resource-availabilities: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-network-resources", func(t *testing.T) {
		res, err := c.GetNetworkResourcesWithResponse(ctx, "networkID-1", &cobot.GetNetworkResourcesParams{})
		if err != nil {
			t.Fatalf("GetNetworkResourcesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetNetworkResourcesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "69bbf37cfeedd74bc91604a14eb3fac8" {
			t.Fatalf("get-network-resources: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-available-network-resources", func(t *testing.T) {
		res, err := c.GetAvailableNetworkResourcesWithResponse(ctx, "networkID-1", &cobot.GetAvailableNetworkResourcesParams{FilterFrom: day, FilterTo: day})
		if err != nil {
			t.Fatalf("GetAvailableNetworkResourcesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetAvailableNetworkResourcesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "9014321306933310edc6174607abb1d9" {
			t.Fatalf("get-available-network-resources: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-payment", func(t *testing.T) {
		res, err := c.CreatePaymentWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreatePaymentApplicationVndAPIPlusJSONRequestBody](t, doc, "create-payment"))
		if err != nil {
			t.Fatalf("CreatePaymentWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("CreatePaymentWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "87be1f573f4c2addcf2062ca88f30b42" {
			t.Fatalf("create-payment: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-product", func(t *testing.T) {
		res, err := c.GetProductWithResponse(ctx, "id-1", &cobot.GetProductParams{})
		if err != nil {
			t.Fatalf("GetProductWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetProductWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "1d6b9e11c4f7e3b388f1e754733930f9" {
			t.Fatalf("get-product: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("post-refunds", func(t *testing.T) {
		res, err := c.PostRefundsWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.PostRefundsApplicationVndAPIPlusJSONRequestBody](t, doc, "post-refunds"))
		if err != nil {
			t.Fatalf("PostRefundsWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("PostRefundsWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "d6b9ef03885e338e489413cba9231df1" {
			t.Fatalf("post-refunds: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("post-resources", func(t *testing.T) {
		res, err := c.PostResourcesWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.PostResourcesApplicationVndAPIPlusJSONRequestBody](t, doc, "post-resources"))
		if err != nil {
			t.Fatalf("PostResourcesWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("PostResourcesWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "c48ade830d099e81caae7e80cfbaef1a" {
			t.Fatalf("post-resources: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("get-resource", func(t *testing.T) {
		res, err := c.GetResourceWithResponse(ctx, "id-1", &cobot.GetResourceParams{})
		if err != nil {
			t.Fatalf("GetResourceWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetResourceWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "42db8092cdd1f0784b80290a40185470" {
			t.Fatalf("get-resource: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("patch-resource", func(t *testing.T) {
		res, err := c.PatchResourceWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "id-1", body[cobot.PatchResourceApplicationVndAPIPlusJSONRequestBody](t, doc, "patch-resource"))
		if err != nil {
			t.Fatalf("PatchResourceWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("PatchResourceWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "517124048c784849f8c3b7ed78d0c748" {
			t.Fatalf("patch-resource: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-resource-availbility", func(t *testing.T) {
		res, err := c.GetResourceAvailbilityWithResponse(ctx, "id-1", &cobot.GetResourceAvailbilityParams{FilterFrom: day, FilterTo: day})
		if err != nil {
			t.Fatalf("GetResourceAvailbilityWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetResourceAvailbilityWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "e052300d39d59f8a1a34013eacb8b5db" {
			t.Fatalf("get-resource-availbility: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-single-page-apps", func(t *testing.T) {
		res, err := c.GetSinglePageAppsWithResponse(ctx, &cobot.GetSinglePageAppsParams{})
		if err != nil {
			t.Fatalf("GetSinglePageAppsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSinglePageAppsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "110bf0bcdd7035a4fe9d2a0a90f9fecc" {
			t.Fatalf("get-single-page-apps: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-single-page-app", func(t *testing.T) {
		res, err := c.CreateSinglePageAppWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateSinglePageAppApplicationVndAPIPlusJSONRequestBody](t, doc, "create-single-page-app"))
		if err != nil {
			t.Fatalf("CreateSinglePageAppWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateSinglePageAppWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "3d7adcec4eb0b732edcc84ada1d2cebb" {
			t.Fatalf("create-single-page-app: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("update-single-page-app", func(t *testing.T) {
		res, err := c.UpdateSinglePageAppWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "id-1", body[cobot.UpdateSinglePageAppApplicationVndAPIPlusJSONRequestBody](t, doc, "update-single-page-app"))
		if err != nil {
			t.Fatalf("UpdateSinglePageAppWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("UpdateSinglePageAppWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "d224b242fa044a7866168da5d74f2646" {
			t.Fatalf("update-single-page-app: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-single-page-app", func(t *testing.T) {
		res, err := c.GetSinglePageAppWithResponse(ctx, "id-1", &cobot.GetSinglePageAppParams{})
		if err != nil {
			t.Fatalf("GetSinglePageAppWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSinglePageAppWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "4c723ef684b84132556d88c11d147562" {
			t.Fatalf("get-single-page-app: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-profile", func(t *testing.T) {
		res, err := c.GetSpaceProfileWithResponse(ctx, "id-1", &cobot.GetSpaceProfileParams{})
		if err != nil {
			t.Fatalf("GetSpaceProfileWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceProfileWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "243e54c35d4375d60dba99194a38fe72" {
			t.Fatalf("get-space-profile: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space", func(t *testing.T) {
		res, err := c.GetSpaceWithResponse(ctx, "spaceID-1", &cobot.GetSpaceParams{})
		if err != nil {
			t.Fatalf("GetSpaceWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "84c0a257a8e5fcd921cf96233170bbae" {
			t.Fatalf("get-space: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("list-space-articles", func(t *testing.T) {
		res, err := c.ListSpaceArticlesWithResponse(ctx, "spaceID-1", &cobot.ListSpaceArticlesParams{})
		if err != nil {
			t.Fatalf("ListSpaceArticlesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("ListSpaceArticlesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "a78f585b973624739e18c12df6574e60" {
			t.Fatalf("list-space-articles: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-billing-details", func(t *testing.T) {
		res, err := c.GetSpaceBillingDetailsWithResponse(ctx, "spaceID-1", &cobot.GetSpaceBillingDetailsParams{})
		if err != nil {
			t.Fatalf("GetSpaceBillingDetailsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceBillingDetailsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "b1e1fe4ee286ca2f80dd75abe4572951" {
			t.Fatalf("get-space-billing-details: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("update-space-billing-details", func(t *testing.T) {
		res, err := c.UpdateSpaceBillingDetailsWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "spaceID-1", body[cobot.UpdateSpaceBillingDetailsApplicationVndAPIPlusJSONRequestBody](t, doc, "update-space-billing-details"))
		if err != nil {
			t.Fatalf("UpdateSpaceBillingDetailsWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("UpdateSpaceBillingDetailsWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "15da36a91239352b88037348b77b613f" {
			t.Fatalf("update-space-billing-details: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-bookings", func(t *testing.T) {
		res, err := c.GetSpaceBookingsWithResponse(ctx, "spaceID-1", &cobot.GetSpaceBookingsParams{FilterFrom: day, FilterTo: day})
		if err != nil {
			t.Fatalf("GetSpaceBookingsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceBookingsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "ab18211bc1ab80561338feedf30b8e8f" {
			t.Fatalf("get-space-bookings: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-allocations", func(t *testing.T) {
		res, err := c.GetSpaceAllocationsWithResponse(ctx, "spaceID-1", &cobot.GetSpaceAllocationsParams{FilterFrom: openapi_types.Date{Time: day}, FilterTo: openapi_types.Date{Time: day}})
		if err != nil {
			t.Fatalf("GetSpaceAllocationsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceAllocationsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "5feacfa9b8152939d2b082ced4d7e30f" {
			t.Fatalf("get-space-allocations: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-built-in-email-customizations", func(t *testing.T) {
		res, err := c.GetBuiltInEmailCustomizationsWithResponse(ctx, "spaceID-1", &cobot.GetBuiltInEmailCustomizationsParams{})
		if err != nil {
			t.Fatalf("GetBuiltInEmailCustomizationsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetBuiltInEmailCustomizationsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "e33d133dbacd6d2d46a11da8c37b7040" {
			t.Fatalf("get-built-in-email-customizations: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-built-in-email-customization", func(t *testing.T) {
		res, err := c.GetBuiltInEmailCustomizationWithResponse(ctx, "spaceID-1", "key-1", &cobot.GetBuiltInEmailCustomizationParams{})
		if err != nil {
			t.Fatalf("GetBuiltInEmailCustomizationWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetBuiltInEmailCustomizationWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "1edf0f4929d21e2ffcfb136bbc9e0eee" {
			t.Fatalf("get-built-in-email-customization: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-calendar-blockers", func(t *testing.T) {
		res, err := c.GetSpaceCalendarBlockersWithResponse(ctx, "spaceID-1", &cobot.GetSpaceCalendarBlockersParams{FilterFrom: openapi_types.Date{Time: day}, FilterTo: openapi_types.Date{Time: day}})
		if err != nil {
			t.Fatalf("GetSpaceCalendarBlockersWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceCalendarBlockersWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "738af8f56fead3b81fa0ed427487ef3e" {
			t.Fatalf("get-space-calendar-blockers: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("list-space-cost-centers", func(t *testing.T) {
		res, err := c.ListSpaceCostCentersWithResponse(ctx, "spaceID-1", &cobot.ListSpaceCostCentersParams{})
		if err != nil {
			t.Fatalf("ListSpaceCostCentersWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("ListSpaceCostCentersWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "2e7a69cbf11f44e378e44f3de8ca4347" {
			t.Fatalf("list-space-cost-centers: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("find-space-discount-code", func(t *testing.T) {
		res, err := c.FindSpaceDiscountCodeWithResponse(ctx, "spaceID-1", &cobot.FindSpaceDiscountCodeParams{FilterCode: "SPRING24", FilterDiscountedID: "5e1d9c0b7a3f42e8b6d4c2a0f8e6d4c2"})
		if err != nil {
			t.Fatalf("FindSpaceDiscountCodeWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("FindSpaceDiscountCodeWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "967d26040813e126977169c0ba82b27b" {
			t.Fatalf("find-space-discount-code: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("list-events", func(t *testing.T) {
		res, err := c.ListEventsWithResponse(ctx, "spaceID-1", &cobot.ListEventsParams{FilterFrom: day, FilterTo: day, FilterPublishedState: []cobot.ListEventsParamsFilterPublishedState{"published"}})
		if err != nil {
			t.Fatalf("ListEventsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("ListEventsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "8b2ff0efa27a0a9083104a700ce259b6" {
			t.Fatalf("list-events: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-external-bookings-payment-methods", func(t *testing.T) {
		res, err := c.GetSpaceExternalBookingsPaymentMethodsWithResponse(ctx, "spaceID-1", &cobot.GetSpaceExternalBookingsPaymentMethodsParams{})
		if err != nil {
			t.Fatalf("GetSpaceExternalBookingsPaymentMethodsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceExternalBookingsPaymentMethodsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "81ba2dfaaac58ed9d6afc480191ff99a" {
			t.Fatalf("get-space-external-bookings-payment-methods: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-external-resources", func(t *testing.T) {
		res, err := c.GetExternalResourcesWithResponse(ctx, "spaceID-1", &cobot.GetExternalResourcesParams{})
		if err != nil {
			t.Fatalf("GetExternalResourcesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetExternalResourcesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "905e20ae63fc377b0a94a597b01e2da4" {
			t.Fatalf("get-external-resources: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-available-external-resources", func(t *testing.T) {
		res, err := c.GetAvailableExternalResourcesWithResponse(ctx, "spaceID-1", &cobot.GetAvailableExternalResourcesParams{FilterFrom: day, FilterTo: day})
		if err != nil {
			t.Fatalf("GetAvailableExternalResourcesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetAvailableExternalResourcesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "db93dfea7db5e6a0bcb666c01afb40a7" {
			t.Fatalf("get-available-external-resources: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("list-event-tags", func(t *testing.T) {
		res, err := c.ListEventTagsWithResponse(ctx, "spaceID-1", &cobot.ListEventTagsParams{})
		if err != nil {
			t.Fatalf("ListEventTagsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("ListEventTagsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "eafbdafad8489347346e63755095312e" {
			t.Fatalf("list-event-tags: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-external-bookings", func(t *testing.T) {
		res, err := c.GetSpaceExternalBookingsWithResponse(ctx, "spaceID-1", &cobot.GetSpaceExternalBookingsParams{FilterFrom: day, FilterTo: day})
		if err != nil {
			t.Fatalf("GetSpaceExternalBookingsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceExternalBookingsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "2a80683614f9b0b95d2afeb60a697b5f" {
			t.Fatalf("get-space-external-bookings: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("list-space-drop-in-passes", func(t *testing.T) {
		res, err := c.ListSpaceDropInPassesWithResponse(ctx, "spaceID-1", &cobot.ListSpaceDropInPassesParams{FilterValidOnFrom: openapi_types.Date{Time: day}, FilterValidOnTo: openapi_types.Date{Time: day}})
		if err != nil {
			t.Fatalf("ListSpaceDropInPassesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("ListSpaceDropInPassesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "92ef275f6012e981e84ae0636aa26ffc" {
			t.Fatalf("list-space-drop-in-passes: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("list-space-check-ins-current", func(t *testing.T) {
		res, err := c.ListSpaceCheckInsCurrentWithResponse(ctx, "spaceID-1", &cobot.ListSpaceCheckInsCurrentParams{FilterCheckInToken: "tok-3391"})
		if err != nil {
			t.Fatalf("ListSpaceCheckInsCurrentWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("ListSpaceCheckInsCurrentWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "027203d32980759ca7e651f408566f60" {
			t.Fatalf("list-space-check-ins-current: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-contacts", func(t *testing.T) {
		res, err := c.GetSpaceContactsWithResponse(ctx, "spaceID-1", &cobot.GetSpaceContactsParams{})
		if err != nil {
			t.Fatalf("GetSpaceContactsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceContactsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "fa98f6c980d05c3b2d52868c3f76d357" {
			t.Fatalf("get-space-contacts: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-membership-invoice-previews", func(t *testing.T) {
		res, err := c.GetSpaceMembershipInvoicePreviewsWithResponse(ctx, "spaceID-1", &cobot.GetSpaceMembershipInvoicePreviewsParams{FilterFrom: openapi_types.Date{Time: day}, FilterTo: openapi_types.Date{Time: day}})
		if err != nil {
			t.Fatalf("GetSpaceMembershipInvoicePreviewsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceMembershipInvoicePreviewsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "8c1f88c15d57bc2b8eb9e82e37fa37f4" {
			t.Fatalf("get-space-membership-invoice-previews: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-invoices", func(t *testing.T) {
		res, err := c.GetSpaceInvoicesWithResponse(ctx, "spaceID-1", &cobot.GetSpaceInvoicesParams{})
		if err != nil {
			t.Fatalf("GetSpaceInvoicesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceInvoicesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "59d1ba899f3c8227e304b7a73e65c197" {
			t.Fatalf("get-space-invoices: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("search-space-invoices", func(t *testing.T) {
		res, err := c.SearchSpaceInvoicesWithResponse(ctx, "spaceID-1", &cobot.SearchSpaceInvoicesParams{FilterQuery: "keller"})
		if err != nil {
			t.Fatalf("SearchSpaceInvoicesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("SearchSpaceInvoicesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "4e605944c7982a62893b925b88e6ec6f" {
			t.Fatalf("search-space-invoices: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-membership-plans", func(t *testing.T) {
		res, err := c.GetSpaceMembershipPlansWithResponse(ctx, "spaceID-1", &cobot.GetSpaceMembershipPlansParams{FilterFrom: openapi_types.Date{Time: day}, FilterTo: openapi_types.Date{Time: day}})
		if err != nil {
			t.Fatalf("GetSpaceMembershipPlansWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceMembershipPlansWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "7172c8ff3f9637457629703cec0ab913" {
			t.Fatalf("get-space-membership-plans: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-membership-profiles", func(t *testing.T) {
		res, err := c.GetSpaceMembershipProfilesWithResponse(ctx, "spaceID-1", &cobot.GetSpaceMembershipProfilesParams{})
		if err != nil {
			t.Fatalf("GetSpaceMembershipProfilesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceMembershipProfilesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "111abac9281db43ae921192c9297f484" {
			t.Fatalf("get-space-membership-profiles: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-published-membership-profiles", func(t *testing.T) {
		res, err := c.GetSpacePublishedMembershipProfilesWithResponse(ctx, "spaceID-1", &cobot.GetSpacePublishedMembershipProfilesParams{})
		if err != nil {
			t.Fatalf("GetSpacePublishedMembershipProfilesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpacePublishedMembershipProfilesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "feb146086f9a4261e38a1b7d4118446c" {
			t.Fatalf("get-space-published-membership-profiles: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-memberships", func(t *testing.T) {
		res, err := c.GetSpaceMembershipsWithResponse(ctx, "spaceID-1", &cobot.GetSpaceMembershipsParams{FilterFrom: openapi_types.Date{Time: day}, FilterTo: openapi_types.Date{Time: day}})
		if err != nil {
			t.Fatalf("GetSpaceMembershipsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceMembershipsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "c6680e0e8c9c154c40d83e168ae5a3aa" {
			t.Fatalf("get-space-memberships: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-navigation-links", func(t *testing.T) {
		res, err := c.GetSpaceNavigationLinksWithResponse(ctx, "spaceID-1", &cobot.GetSpaceNavigationLinksParams{})
		if err != nil {
			t.Fatalf("GetSpaceNavigationLinksWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceNavigationLinksWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "6a173ad6958e1c46dae63a355fe603ad" {
			t.Fatalf("get-space-navigation-links: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-payment-methods", func(t *testing.T) {
		res, err := c.GetSpacePaymentMethodsWithResponse(ctx, "spaceID-1", &cobot.GetSpacePaymentMethodsParams{})
		if err != nil {
			t.Fatalf("GetSpacePaymentMethodsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpacePaymentMethodsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "b18da511b73f99c09fe3551616a0702e" {
			t.Fatalf("get-space-payment-methods: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-products", func(t *testing.T) {
		res, err := c.GetProductsWithResponse(ctx, "spaceID-1", &cobot.GetProductsParams{})
		if err != nil {
			t.Fatalf("GetProductsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetProductsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "33e7004afb585d3c43159c794ec08fca" {
			t.Fatalf("get-products: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-resources", func(t *testing.T) {
		res, err := c.GetResourcesWithResponse(ctx, "spaceID-1", &cobot.GetResourcesParams{})
		if err != nil {
			t.Fatalf("GetResourcesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetResourcesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "2c82117a2d127fffe47297a602ec4395" {
			t.Fatalf("get-resources: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-available-resources", func(t *testing.T) {
		res, err := c.GetAvailableResourcesWithResponse(ctx, "spaceID-1", &cobot.GetAvailableResourcesParams{FilterFrom: day, FilterTo: day})
		if err != nil {
			t.Fatalf("GetAvailableResourcesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetAvailableResourcesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "0d8c30d24511561d438c011678c9e92d" {
			t.Fatalf("get-available-resources: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("list-space-revenue-accounts", func(t *testing.T) {
		res, err := c.ListSpaceRevenueAccountsWithResponse(ctx, "spaceID-1", &cobot.ListSpaceRevenueAccountsParams{})
		if err != nil {
			t.Fatalf("ListSpaceRevenueAccountsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("ListSpaceRevenueAccountsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "224f835cea1b9f2ca70a37aa5ca82563" {
			t.Fatalf("list-space-revenue-accounts: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-resource-availabilities", func(t *testing.T) {
		res, err := c.GetResourceAvailabilitiesWithResponse(ctx, "spaceID-1", &cobot.GetResourceAvailabilitiesParams{FilterFrom: day, FilterTo: day, FilterResourceIds: []string{"9f8e7d6c5b4a39281706f5e4d3c2b1a0"}})
		if err != nil {
			t.Fatalf("GetResourceAvailabilitiesWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetResourceAvailabilitiesWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "7b061ec5b29e4f4d1b7eac7982b72d44" {
			t.Fatalf("get-resource-availabilities: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-payment-method", func(t *testing.T) {
		res, err := c.GetSpacePaymentMethodWithResponse(ctx, "spaceID-1", &cobot.GetSpacePaymentMethodParams{})
		if err != nil {
			t.Fatalf("GetSpacePaymentMethodWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpacePaymentMethodWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "8157d2ebca17796e5d5b72f40b92d6a3" {
			t.Fatalf("get-space-payment-method: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("update-space-payment-method", func(t *testing.T) {
		res, err := c.UpdateSpacePaymentMethodWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "spaceID-1", body[cobot.UpdateSpacePaymentMethodApplicationVndAPIPlusJSONRequestBody](t, doc, "update-space-payment-method"))
		if err != nil {
			t.Fatalf("UpdateSpacePaymentMethodWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("UpdateSpacePaymentMethodWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "cb2ea151c9d8be8fdfe989bd72c6b19e" {
			t.Fatalf("update-space-payment-method: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-missing-terms-approvals", func(t *testing.T) {
		res, err := c.GetMissingTermsApprovalsWithResponse(ctx, "spaceID-1", &cobot.GetMissingTermsApprovalsParams{})
		if err != nil {
			t.Fatalf("GetMissingTermsApprovalsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetMissingTermsApprovalsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "bd63c41b3885e4fa77329f4e50be7eb9" {
			t.Fatalf("get-missing-terms-approvals: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-urls", func(t *testing.T) {
		res, err := c.GetSpaceUrlsWithResponse(ctx, "spaceID-1", &cobot.GetSpaceUrlsParams{})
		if err != nil {
			t.Fatalf("GetSpaceUrlsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceUrlsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "9099984c087d51ed841e4efe9f284018" {
			t.Fatalf("get-space-urls: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("preview-subscription", func(t *testing.T) {
		res, err := c.PreviewSubscriptionWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "spaceID-1", body[cobot.PreviewSubscriptionApplicationVndAPIPlusJSONRequestBody](t, doc, "preview-subscription"))
		if err != nil {
			t.Fatalf("PreviewSubscriptionWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("PreviewSubscriptionWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "48ac06c6dadf2ba22bc51f69c694beed" {
			t.Fatalf("preview-subscription: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-current-subscription", func(t *testing.T) {
		res, err := c.GetCurrentSubscriptionWithResponse(ctx, "spaceID-1", &cobot.GetCurrentSubscriptionParams{})
		if err != nil {
			t.Fatalf("GetCurrentSubscriptionWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetCurrentSubscriptionWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "c4ec559b886b228fc93cedc1df55623d" {
			t.Fatalf("get-current-subscription: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("change-subscription", func(t *testing.T) {
		res, err := c.ChangeSubscriptionWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, "spaceID-1", body[cobot.ChangeSubscriptionApplicationVndAPIPlusJSONRequestBody](t, doc, "change-subscription"))
		if err != nil {
			t.Fatalf("ChangeSubscriptionWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("ChangeSubscriptionWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "704a5aa0df77ddd38a9d9e099d1764b6" {
			t.Fatalf("change-subscription: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-subscriptions", func(t *testing.T) {
		res, err := c.GetSubscriptionsWithResponse(ctx, "spaceID-1", &cobot.GetSubscriptionsParams{})
		if err != nil {
			t.Fatalf("GetSubscriptionsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSubscriptionsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "f2b407c040fed510c6f04724ba316e0f" {
			t.Fatalf("get-subscriptions: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-space-teams", func(t *testing.T) {
		res, err := c.GetSpaceTeamsWithResponse(ctx, "spaceID-1", &cobot.GetSpaceTeamsParams{FilterFrom: openapi_types.Date{Time: day}, FilterTo: openapi_types.Date{Time: day}})
		if err != nil {
			t.Fatalf("GetSpaceTeamsWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetSpaceTeamsWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || len(res.ApplicationVndAPIJSON200.Data) != 1 || res.ApplicationVndAPIJSON200.Data[0].ID != "a7aef5f43d1dc0502152edde7911dbd0" {
			t.Fatalf("get-space-teams: decoded %+v, want one resource with the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("preview-space", func(t *testing.T) {
		res, err := c.PreviewSpaceWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.PreviewSpaceApplicationVndAPIPlusJSONRequestBody](t, doc, "preview-space"))
		if err != nil {
			t.Fatalf("PreviewSpaceWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("PreviewSpaceWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "4e8696bc58826111ccb0ef48bdb66654" {
			t.Fatalf("preview-space: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("get-team", func(t *testing.T) {
		res, err := c.GetTeamWithResponse(ctx, "id-1", &cobot.GetTeamParams{})
		if err != nil {
			t.Fatalf("GetTeamWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetTeamWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "eae09a00fe3a08799accb5d577b9f376" {
			t.Fatalf("get-team: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("create-terms-approvals", func(t *testing.T) {
		res, err := c.CreateTermsApprovalsWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.CreateTermsApprovalsApplicationVndAPIPlusJSONRequestBody](t, doc, "create-terms-approvals"))
		if err != nil {
			t.Fatalf("CreateTermsApprovalsWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 201 {
			t.Fatalf("CreateTermsApprovalsWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 201", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON201 == nil || res.ApplicationVndAPIJSON201.Data.ID != "1e11bbb11b7e3e70625f9972d7384c1d" {
			t.Fatalf("create-terms-approvals: decoded %+v, want the example id", res.ApplicationVndAPIJSON201)
		}
	})
	t.Run("get-user", func(t *testing.T) {
		res, err := c.GetUserWithResponse(ctx, &cobot.GetUserParams{})
		if err != nil {
			t.Fatalf("GetUserWithResponse: %v", err)
		}
		if res.StatusCode() != 200 {
			t.Fatalf("GetUserWithResponse status = %d, want 200", res.StatusCode())
		}
		if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "776e9edf3b7d0ceb5f7213005a95863a" {
			t.Fatalf("get-user: decoded %+v, want the example id", res.ApplicationVndAPIJSON200)
		}
	})
	t.Run("preview-user-email", func(t *testing.T) {
		res, err := c.PreviewUserEmailWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, body[cobot.PreviewUserEmailApplicationVndAPIPlusJSONRequestBody](t, doc, "preview-user-email"))
		if err != nil {
			t.Fatalf("PreviewUserEmailWithApplicationVndAPIPlusJSONBodyWithResponse: %v", err)
		}
		if res.StatusCode() != 204 {
			t.Fatalf("PreviewUserEmailWithApplicationVndAPIPlusJSONBodyWithResponse status = %d, want 204", res.StatusCode())
		}

	})
	t.Run("get-invoice-pdf", func(t *testing.T) {
		srv.Handle("get-invoice-pdf", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			io.WriteString(w, "%PDF-1.7\n%%EOF\n")
		})
		eInvoice := true
		res, err := c.GetInvoicePDFWithResponse(ctx, "14c12f62", &cobot.GetInvoicePDFParams{EInvoice: &eInvoice})
		if err != nil {
			t.Fatalf("GetInvoicePDFWithResponse: %v", err)
		}
		if res.StatusCode() != 200 || string(res.Body) != "%PDF-1.7\n%%EOF\n" {
			t.Fatalf("GetInvoicePDFWithResponse = %d %q, want 200 and the PDF bytes", res.StatusCode(), res.Body)
		}
		if r, ok := srv.LastRequest("get-invoice-pdf"); !ok || r.URL.Path != "/invoices/14c12f62.pdf" {
			t.Fatalf("get-invoice-pdf request = %+v, want path /invoices/14c12f62.pdf", r.URL)
		}
	})
	srv.RequireAll(t)
}

// invoicePDF builds a multipart body with a tiny PDF for attach-invoice-pdf.
func invoicePDF(t *testing.T) (bytes.Buffer, *multipart.Writer) {
	t.Helper()
	var buf bytes.Buffer
	mp := multipart.NewWriter(&buf)
	if err := mp.WriteField("eInvoice", "true"); err != nil {
		t.Fatal(err)
	}
	if err := mp.WriteField("eInvoiceStandard", "ZUGFeRD"); err != nil {
		t.Fatal(err)
	}
	w, err := mp.CreateFormFile("pdf", "CW-2024-0042.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("%PDF-1.7\n%%EOF\n")); err != nil {
		t.Fatal(err)
	}
	if err := mp.Close(); err != nil {
		t.Fatal(err)
	}
	return buf, mp
}
