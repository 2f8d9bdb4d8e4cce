package contract

import (
	"reflect"
	"strings"
	"testing"
)

func TestSameAsStdlib(t *testing.T) {
	type answer struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	tests := []struct {
		name  string
		typed *answer
		body  string
		err   string
	}{
		{name: "same", typed: &answer{ID: 7, Name: "x"}, body: `{"id": 7, "name": "x"}`},
		{name: "case-insensitive names as encoding/json", typed: &answer{ID: 7}, body: `{"ID": 7}`},
		{name: "differs", typed: &answer{ID: 7}, body: `{"id": 8}`, err: "differently from encoding/json"},
		{name: "stdlib cannot decode", typed: &answer{}, body: `{"id": "x"}`, err: "encoding/json cannot"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := sameAsStdlib(reflect.ValueOf(tc.typed), reflect.ValueOf([]byte(tc.body)))
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("sameAsStdlib() = %v, want nil", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("sameAsStdlib() = %v, want an error containing %q", err, tc.err)
			}
		})
	}
}

func TestEncodesAsStdlib(t *testing.T) {
	type body struct {
		Name  string            `json:"name"`
		Note  *string           `json:"note,omitempty"`
		HTML  string            `json:"html"`
		Extra map[string]string `json:"extra,omitempty"`
	}
	if err := encodesAsStdlib(reflect.ValueOf(body{Name: "Ana", HTML: "<b>&</b>", Extra: map[string]string{"b": "2", "a": "1"}})); err != nil {
		t.Errorf("encodesAsStdlib() = %v, want nil", err)
	}
	err := encodesAsStdlib(reflect.ValueOf(struct{ C chan int }{}))
	if err == nil || !strings.Contains(err.Error(), "cannot encode") {
		t.Errorf("encodesAsStdlib(chan) = %v, want a cannot-encode error", err)
	}
}
