package kobas_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"

	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
)

// fakeKobas starts a stand-in for api.kobas.co.uk on loopback. It insists on the two credentials
// every Kobas call carries, lists two venues and pages through five staff members.
func fakeKobas() *httptest.Server {
	staff := []string{"Ada Lovelace", "Grace Hopper", "Mary Jackson", "Katherine Johnson", "Dorothy Vaughan"}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v3/venue", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `[{"id": 1, "parent_id": null, "is_parent": true, "name": "Crown Inns Group", "sname": "Group"},
			{"id": 12, "parent_id": 1, "is_parent": false, "name": "The Crown", "sname": "Crown"}]`)
	})
	mux.HandleFunc("GET /v3/staff", func(w http.ResponseWriter, r *http.Request) {
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		page := []map[string]any{}
		for i := offset; i < len(staff) && i < offset+limit; i++ {
			page = append(page, map[string]any{
				"id": 300 + i, "franchisee_id": 1, "venue_id": 12, "first_name": "", "surname": "",
				"name": staff[i], "dob": "0000-00-00", "start_date": "2021-04-12", "end_date": "0000-00-00",
				"is_current_employee": 1, "m_date": "2024-03-01 09:15:00", "c_date": "2021-04-01 12:00:00",
			})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"data": page, "limit": limit})
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" || r.Header.Get("x-kobas-company-id") == "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"message": "missing credentials"}`)
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

// credentials is a request editor adding the bearer token and company header; in real code use
// the auth package's editors with a cached token source.
func credentials(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer example-token")
	req.Header.Set("x-kobas-company-id", "1234")
	return nil
}

func ExampleClientWithResponses_ListVenuesWithResponse() {
	srv := fakeKobas()
	defer srv.Close()

	// Production code passes kobas.DefaultServer (or the training-mode host) instead.
	c, err := kobas.NewClientWithResponses(srv.URL+"/v3", kobas.WithRequestEditorFn(credentials))
	if err != nil {
		log.Fatal(err)
	}
	res, err := c.ListVenuesWithResponse(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	if res.JSON200 == nil {
		log.Fatalf("list venues: HTTP %d", res.StatusCode())
	}
	for _, v := range *res.JSON200 {
		if v.ParentID == nil {
			fmt.Printf("%d %s (top level, parent: %v)\n", v.ID, v.Name, v.IsParent)
			continue
		}
		fmt.Printf("%d %s (part of %d)\n", v.ID, v.Name, *v.ParentID)
	}
	// Output:
	// 1 Crown Inns Group (top level, parent: true)
	// 12 The Crown (part of 1)
}

func ExampleClientWithResponses_ListStaffWithResponse() {
	srv := fakeKobas()
	defer srv.Close()

	c, err := kobas.NewClientWithResponses(srv.URL+"/v3", kobas.WithRequestEditorFn(credentials))
	if err != nil {
		log.Fatal(err)
	}
	// Page with limit and offset; a page shorter than the limit is the last one.
	limit, offset := 2, 0
	for {
		res, err := c.ListStaffWithResponse(context.Background(), &kobas.ListStaffParams{Limit: &limit, Offset: &offset})
		if err != nil {
			log.Fatal(err)
		}
		if res.JSON200 == nil {
			log.Fatalf("list staff: HTTP %d", res.StatusCode())
		}
		page := res.JSON200
		for _, s := range page.Data {
			fmt.Printf("offset %d: %s (left: %v)\n", offset, s.Name, !s.EndDate.IsZero())
		}
		if len(page.Data) < page.Limit {
			break
		}
		offset += len(page.Data)
	}
	// Output:
	// offset 0: Ada Lovelace (left: false)
	// offset 0: Grace Hopper (left: false)
	// offset 2: Mary Jackson (left: false)
	// offset 2: Katherine Johnson (left: false)
	// offset 4: Dorothy Vaughan (left: false)
}
