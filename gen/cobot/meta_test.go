package cobot_test

import (
	"encoding/json"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// Regression: meta.currentPage was a Go int while upstream declares a number, so a page
// answering "currentPage": 2.0 failed to decode.
func TestPageMetaCurrentPageNumber(t *testing.T) {
	for _, in := range []string{`{"currentPage": 2}`, `{"currentPage": 2.0}`, `{"currentPage": "2"}`} {
		var m cobot.PageMeta
		if err := json.Unmarshal([]byte(in), &m); err != nil {
			t.Errorf("Unmarshal(%s) = %v, want nil", in, err)
			continue
		}
		if m.CurrentPage == nil || *m.CurrentPage != (wire.Count{Int: 2}) {
			t.Errorf("Unmarshal(%s).CurrentPage = %v, want 2", in, m.CurrentPage)
		}
	}
}

// Regression (issue 18): meta.totalPages, currentPage and totalBookings are numbers upstream; a
// value that is no whole number failed the whole page. wire.Count keeps it in Raw.
func TestPageMetaNumbersKeepFractions(t *testing.T) {
	in := `{"totalPages": 3.5, "currentPage": 1999.75, "totalBookings": 2.0}`
	var m cobot.PageMeta
	if err := json.Unmarshal([]byte(in), &m); err != nil {
		t.Fatalf("Unmarshal(%s) = %v, want nil", in, err)
	}
	checks := []struct {
		name string
		got  *wire.Count
		want wire.Count
	}{
		{"totalPages", m.TotalPages, wire.Count{Raw: "3.5"}},
		{"currentPage", m.CurrentPage, wire.Count{Raw: "1999.75"}},
		{"totalBookings", m.TotalBookings, wire.Count{Int: 2}},
	}
	for _, c := range checks {
		if c.got == nil || *c.got != c.want {
			t.Errorf("Unmarshal(%s).%s = %v, want %+v", in, c.name, c.got, c.want)
		}
	}
}
