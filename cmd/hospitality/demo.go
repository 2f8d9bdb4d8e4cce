package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"text/tabwriter"
	"time"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// summary is one row of the demo's closing table.
type summary struct {
	auth   string // the authentication flow that ran
	result string // what the calls showed
}

// demo runs each provider's flow through the SDK's constructors against an in-process sandbox and
// reports what happened on the wire.
func demo(ctx context.Context, out io.Writer) error {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		return err
	}
	srv := httptest.NewServer(sb)
	defer srv.Close()
	fmt.Fprintf(out, "sandbox: serving every API on %s (loopback, synthetic credentials)\n\n", srv.URL)

	steps := []struct {
		name string
		run  func(context.Context, io.Writer, *sandbox.Server, string) (summary, error)
	}{
		{"Kobas", demoKobas},
		{"Octotable", demoOctotable},
		{"Cloudbeds", demoCloudbeds},
		{"Cobot", demoCobot},
	}
	rows := make([]summary, len(steps))
	// Counted by the sandbox, not by the steps: what actually went over the wire.
	tokens, calls := make([]int64, len(steps)), make([]int64, len(steps))
	start := time.Now()
	for i, st := range steps {
		fmt.Fprintf(out, "== %s\n", st.name)
		tokBefore, apiBefore := sb.Stats()
		row, err := st.run(ctx, out, sb, srv.URL)
		if err != nil {
			return fmt.Errorf("%s demo: %w", st.name, err)
		}
		tokAfter, apiAfter := sb.Stats()
		rows[i], tokens[i], calls[i] = row, tokAfter-tokBefore, apiAfter-apiBefore
		fmt.Fprintln(out)
	}

	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "provider\tauthentication\ttoken requests\tAPI requests\tresult")
	for i, st := range steps {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\n", st.name, rows[i].auth, tokens[i], calls[i], rows[i].result)
	}
	tw.Flush()
	totalTokens, totalCalls := sb.Stats()
	fmt.Fprintf(out, "\ndone in %s: %d token requests and %d API requests, every request validated against specs/\n",
		time.Since(start).Round(10*time.Millisecond), totalTokens, totalCalls)
	return nil
}

func demoKobas(ctx context.Context, out io.Writer, sb *sandbox.Server, root string) (summary, error) {
	creds := sb.Credentials()
	cfg := hospitality.KobasConfig{
		ClientID:     creds.KobasClientID,
		ClientSecret: creds.KobasClientSecret,
		CompanyID:    creds.KobasCompanyID,
		BaseURL:      root + sandbox.KobasAPIPath,
		TokenURL:     root + sandbox.KobasTokenPath,
	}
	c, err := kobas.New(hospitality.ConnectKobas(ctx, cfg))
	if err != nil {
		return summary{}, err
	}

	venues, err := c.ListVenuesWithResponse(ctx)
	if err != nil {
		return summary{}, err
	}
	fmt.Fprintf(out, "   GET venue: %d venues\n", len(*venues.JSON200))
	for _, v := range *venues.JSON200 {
		fmt.Fprintf(out, "     #%d %s\n", v.ID, v.Name)
	}

	limit, staffCount := kobas.Limit(50), 0
	for _, err := range c.ListStaffIter(ctx, &kobas.ListStaffParams{Limit: &limit}) {
		if err != nil {
			return summary{}, err
		}
		staffCount++
	}
	fmt.Fprintf(out, "   GET staff via ListStaffIter (limit=50, offset paging): %d staff\n", staffCount)

	orders, err := c.ListSalesOrdersWithResponse(ctx, &kobas.ListSalesOrdersParams{})
	if err != nil {
		return summary{}, err
	}
	for _, o := range *orders.JSON200 {
		for _, it := range o.Items {
			rate, _ := it.TaxRate.Value()
			fmt.Fprintf(out, "   GET sales/orders: order %d %q gross %s, tax rate %q (= %g%%)\n",
				o.OrderID, it.PLUName, it.ActualGrossSalePrice, string(it.TaxRate), rate)
		}
	}

	// Wrong credentials: the token endpoint refuses them and the SDK says so without the secret.
	bad := cfg
	bad.ClientSecret = "not-the-secret"
	c2, err := kobas.New(hospitality.ConnectKobas(ctx, bad))
	if err != nil {
		return summary{}, err
	}
	_, err = c2.ListVenuesWithResponse(ctx)
	var te *auth.TokenError
	if !errors.As(err, &te) {
		return summary{}, fmt.Errorf("expected a token error for a wrong secret, got %v", err)
	}
	fmt.Fprintf(out, "   wrong secret: %v\n", err)
	return summary{auth: "client credentials (form)", result: fmt.Sprintf("%d venues, %d staff, sales with exact money", len(*venues.JSON200), staffCount)}, nil
}

func demoOctotable(ctx context.Context, out io.Writer, sb *sandbox.Server, root string) (summary, error) {
	creds := sb.Credentials()
	c, err := octotable.New(hospitality.ConnectOctotable(ctx, hospitality.OctotableConfig{
		ClientID:     creds.OctotableClientID,
		ClientSecret: creds.OctotableClientSecret,
		PropertyID:   creds.OctotablePropertyID,
		BaseURL:      root + sandbox.OctotableAPIPath,
		AuthBaseURL:  root + sandbox.OctotableAuthPath,
	}))
	if err != nil {
		return summary{}, err
	}

	rooms, err := c.ListRoomsWithResponse(ctx)
	if err != nil {
		return summary{}, err
	}
	services, err := c.ListServicesWithResponse(ctx)
	if err != nil {
		return summary{}, err
	}
	room, service := rooms.JSON200.Data[0], services.JSON200.Data[0]
	fmt.Fprintf(out, "   GET /rooms, /services: %d rooms, %d services; booking %q at %q\n",
		len(rooms.JSON200.Data), len(services.JSON200.Data), service.Name, room.Name)

	created, err := c.CreateReservationWithResponse(ctx, octotable.ReservationCreate{
		StartDate: wire.Date{Time: time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC)},
		StartHour: wire.TimeOfDay{Hour: 13, Valid: true},
		Pax:       2,
		Channel:   octotable.ChannelAdmin,
		ServiceID: service.ID,
		RoomID:    room.ID,
		Customer:  octotable.CustomerInput{FirstName: "Adam", LastName: "Devis"},
	})
	if err != nil {
		return summary{}, err
	}
	r := created.JSON201.Data[0]
	fmt.Fprintf(out, "   POST /reservations: #%d %s %s for %d, %s, ends %s\n",
		r.ID, r.StartDate.Format("2006-01-02"), r.StartHour, r.Pax, r.Status, r.EndDate)

	// Updates replace the whole reservation: read, modify, write back with the guest's id.
	update := octotable.ReservationUpdate{
		StartDate: r.StartDate, StartHour: r.StartHour, Pax: 4, Status: r.Status, Channel: *r.Channel,
		ServiceID: r.Service.ID, RoomID: r.Room.ID, Customer: *r.Customer,
	}
	if _, err := c.UpdateReservationWithResponse(ctx, r.ID, update); err != nil {
		return summary{}, err
	}
	if _, err := c.CancelReservationWithResponse(ctx, r.ID); err != nil {
		return summary{}, err
	}
	got, err := c.GetReservationWithResponse(ctx, r.ID)
	if err != nil {
		return summary{}, err
	}
	g := got.JSON200.Data[0]
	fmt.Fprintf(out, "   PUT then DELETE /reservations/%d: now for %d, %s (DELETE cancels)\n", g.ID, g.Pax, g.Status)

	limit, n := 1, 0
	for _, err := range c.ListReservationsIter(ctx, &octotable.ListReservationsParams{Limit: &limit}) {
		if err != nil {
			return summary{}, err
		}
		n++
	}
	fmt.Fprintf(out, "   GET /reservations via ListReservationsIter (limit=1, following next_cursor): %d reservations\n", n)
	return summary{auth: "client credentials (form)", result: fmt.Sprintf("reservation #%d created, updated, cancelled; %d listed", g.ID, n)}, nil
}
