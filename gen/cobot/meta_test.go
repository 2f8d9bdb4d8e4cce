package cobot_test

import (
	"encoding/json"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
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
		if m.CurrentPage == nil || *m.CurrentPage != 2 {
			t.Errorf("Unmarshal(%s).CurrentPage = %v, want 2", in, m.CurrentPage)
		}
	}
}
