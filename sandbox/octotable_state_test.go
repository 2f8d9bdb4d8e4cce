package sandbox_test

import (
	"context"
	"errors"
	"testing"
	"time"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

func octotableClient(t *testing.T) *octotable.ClientWithResponses {
	t.Helper()
	sb, root := start(t, sandbox.Options{})
	creds := sb.Credentials()
	c, err := octotable.New(hospitality.ConnectOctotable(context.Background(), hospitality.OctotableConfig{
		ClientID: creds.OctotableClientID, ClientSecret: creds.OctotableClientSecret, PropertyID: creds.OctotablePropertyID,
		BaseURL: root + sandbox.OctotableAPIPath, AuthBaseURL: root + sandbox.OctotableAuthPath,
	}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOctotableReservationLifecycle(t *testing.T) {
	ctx := context.Background()
	c := octotableClient(t)
	rooms, err := c.ListRoomsWithResponse(ctx)
	if err != nil {
		t.Fatal(err)
	}
	services, err := c.ListServicesWithResponse(ctx)
	if err != nil {
		t.Fatal(err)
	}
	room, svc := rooms.JSON200.Data[1], services.JSON200.Data[0]

	before := listAll(t, c, 2)
	var ids []int64
	for i := range 5 {
		res, err := c.CreateReservationWithResponse(ctx, octotable.ReservationCreate{
			StartDate: wire.Date{Time: time.Date(2030, 1, 10+i, 0, 0, 0, 0, time.UTC)},
			StartHour: wire.TimeOfDay{Hour: 20, Minute: 30, Valid: true},
			Pax:       2 + i, Channel: octotable.ChannelBook, ServiceID: svc.ID, RoomID: room.ID,
			Customer: octotable.CustomerInput{FirstName: "Guest", LastName: "Number"},
		})
		if err != nil {
			t.Fatalf("create %d: %v", i, err)
		}
		r := res.JSON201.Data[0]
		if r.Status != octotable.ReservationStatusConfirmed || r.Room.ID != room.ID || r.Service.ID != svc.ID || r.Customer.ID == 0 {
			t.Errorf("created reservation = %+v, want CONFIRMED with room, service and a customer id", r)
		}
		if got, want := r.EndDate.Format("2006-01-02T15:04:05"), r.StartDate.Format("2006-01-02")+"T21:30:00"; svc.AverageStay != nil && *svc.AverageStay == 60 && got != want {
			t.Errorf("end_date = %s, want %s (start + average stay)", got, want)
		}
		ids = append(ids, r.ID)
	}

	// Lists page with next_cursor and contain exactly the old and the new reservations.
	after := listAll(t, c, 2)
	if len(after) != len(before)+5 {
		t.Fatalf("listed %d reservations after 5 creates, want %d", len(after), len(before)+5)
	}

	// Full-body update, then cancel: get reflects both.
	got, err := c.GetReservationWithResponse(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	r := got.JSON200.Data[0]
	upd := octotable.ReservationUpdate{StartDate: r.StartDate, StartHour: r.StartHour, Pax: 9, Status: r.Status,
		Channel: *r.Channel, ServiceID: r.Service.ID, RoomID: r.Room.ID, Customer: *r.Customer}
	// An update without the guest's id fails with 500, as on the real service.
	noGuest := upd
	noGuest.Customer.ID = 0
	_, err = c.UpdateReservationWithResponse(transport.WithoutRetry(ctx), r.ID, noGuest)
	var updErr *hospitality.APIError
	if !errors.As(err, &updErr) || updErr.StatusCode != 500 || updErr.Code != "INTERNAL_ERROR" {
		t.Errorf("update without customer.id: %v, want a 500 INTERNAL_ERROR APIError", err)
	}
	if _, err := c.UpdateReservationWithResponse(ctx, r.ID, upd); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CancelReservationWithResponse(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	got, err = c.GetReservationWithResponse(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if g := got.JSON200.Data[0]; g.Pax != 9 || g.Status != octotable.ReservationStatusCancelled {
		t.Errorf("after update and cancel: pax %d status %s, want 9 CANCELLED", g.Pax, g.Status)
	}

	// The status filter sees the cancellation.
	st := []octotable.ReservationStatus{octotable.ReservationStatusCancelled}
	list, err := c.ListReservationsWithResponse(ctx, &octotable.ListReservationsParams{Status: &st})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range list.JSON200.Data {
		found = found || x.ID == ids[0]
		if x.Status != octotable.ReservationStatusCancelled {
			t.Errorf("status[]=CANCELLED listed %d with status %s", x.ID, x.Status)
		}
	}
	if !found {
		t.Errorf("status[]=CANCELLED did not list the cancelled reservation %d", ids[0])
	}

	// Unknown ids answer 404 in OctoTable's error shape.
	_, err = c.GetReservationWithResponse(ctx, 1)
	var apiErr *hospitality.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || apiErr.Code != "RESOURCE_NOT_FOUND" {
		t.Errorf("get unknown reservation: %v, want a 404 RESOURCE_NOT_FOUND APIError", err)
	}
}

// listAll follows next_cursor with the given page size and returns every reservation.
func listAll(t *testing.T, c *octotable.ClientWithResponses, limit int) []octotable.Reservation {
	t.Helper()
	var all []octotable.Reservation
	params := octotable.ListReservationsParams{Limit: &limit}
	for range 100 {
		res, err := c.ListReservationsWithResponse(context.Background(), &params)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.JSON200.Data) > limit {
			t.Fatalf("page of %d reservations exceeds limit %d", len(res.JSON200.Data), limit)
		}
		all = append(all, res.JSON200.Data...)
		if res.JSON200.NextCursor == nil {
			return all
		}
		params.NextCursor = res.JSON200.NextCursor
	}
	t.Fatal("next_cursor never ended")
	return nil
}
