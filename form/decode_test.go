package form_test

import (
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/form"
)

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		body string
		want map[string]any
	}{
		{"flat", "a=1&b=x", map[string]any{"a": "1", "b": "x"}},
		{"list of objects", "rooms%5B0%5D%5BroomTypeID%5D=77&rooms%5B0%5D%5Bquantity%5D=1&rooms%5B1%5D%5BroomTypeID%5D=78",
			map[string]any{"rooms": []any{
				map[string]any{"roomTypeID": "77", "quantity": "1"},
				map[string]any{"roomTypeID": "78"},
			}}},
		{"unescaped brackets", "adults[0][quantity]=2", map[string]any{"adults": []any{map[string]any{"quantity": "2"}}}},
		{"object", "subject[en]=Hi&subject[pt-br]=Ol%C3%A1", map[string]any{"subject": map[string]any{"en": "Hi", "pt-br": "Olá"}}},
		{"append", "ids[]=5&ids[]=7", map[string]any{"ids": []any{"5", "7"}}},
		{"append after index", "ids[0]=5&ids[]=7", map[string]any{"ids": []any{"5", "7"}}},
		{"sparse indices stay a map", "a[0]=x&a[2]=y", map[string]any{"a": map[string]any{"0": "x", "2": "y"}}},
		{"leading zero is a map key", "a[00]=x", map[string]any{"a": map[string]any{"00": "x"}}},
		{"empty value", "code=", map[string]any{"code": ""}},
		{"empty body", "", map[string]any{}},
		// Regression (found by FuzzDecode): a top-level key "0" turned the whole result into a list
		// and Decode panicked on the type assertion.
		{"index-like top-level key stays a map", "0=x", map[string]any{"0": "x"}},
		// Regression: a repeated key with an empty segment before its last one was rejected as a
		// repeated plain key, although PHP appends one element per value.
		{"append objects", "a[][x]=1&a[][x]=2", map[string]any{"a": []any{map[string]any{"x": "1"}, map[string]any{"x": "2"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vals, err := url.ParseQuery(tc.body)
			if err != nil {
				t.Fatal(err)
			}
			got, err := form.Decode(vals)
			if err != nil {
				t.Fatalf("Decode(%q) error: %v", tc.body, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Decode(%q) = %#v, want %#v", tc.body, got, tc.want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{"repeated plain key", "a=1&a=2", "sent 2 times"},
		{"repeated nested key", "a[b][c]=1&a[b][c]=2", "sent 2 times"},
		{"value and parent", "a=1&a[b]=2", "conflicts"},
		{"unclosed bracket", "a[b=1", "unclosed bracket"},
		{"junk after bracket", "a[b]c=1", "malformed key"},
		{"empty name", "[a]=1", "empty name"},
		{"stray closing bracket", "a]=1", "malformed key"},
		{"too deep", "a" + strings.Repeat("[x]", 70) + "=1", "deeper than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			vals, err := url.ParseQuery(tc.body)
			if err != nil {
				t.Fatal(err)
			}
			_, err = form.Decode(vals)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "form: ") {
				t.Errorf("Decode(%q) error = %v, want one containing %q", tc.body, err, tc.want)
			}
		})
	}
}

// TestRoundTrip checks that Decode reads back what Marshal writes.
func TestRoundTrip(t *testing.T) {
	in := struct {
		Rooms  []room            `json:"rooms"`
		Fields []custom          `json:"customFields,omitempty"`
		Names  map[string]string `json:"names"`
		Amount float64           `json:"amount"`
	}{
		Rooms:  []room{{RoomTypeID: "77", Quantity: 1}, {RoomTypeID: "78", Quantity: 0, RoomID: ptr("78-2")}},
		Fields: []custom{{FieldName: "flight", FieldValue: "TP1947"}},
		Names:  map[string]string{"en": "Double"},
		Amount: 99.9,
	}
	vals, err := form.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := form.Decode(vals)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"rooms": []any{
			map[string]any{"roomTypeID": "77", "quantity": "1"},
			map[string]any{"roomTypeID": "78", "quantity": "0", "roomID": "78-2"},
		},
		"customFields": []any{map[string]any{"fieldName": "flight", "fieldValue": "TP1947"}},
		"names":        map[string]any{"en": "Double"},
		"amount":       "99.9",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Decode(Marshal(in)) = %#v, want %#v", got, want)
	}
}

func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		"a=1", "rooms[0][roomTypeID]=77&rooms[0][quantity]=1", "a[]=1&a[]=2", "a[0]=x&a[]=y",
		"a[b]c=1", "a[=1", "a=1&a[b]=2", "x[0][1][2][3]=deep", "%5B%5D=1", "a[00]=1&a[0]=2",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		vals, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		tree, err := form.Decode(vals)
		if err != nil {
			return
		}
		// Whatever decodes must survive re-encoding and decoding again unchanged.
		again, err := form.Marshal(tree)
		if err != nil {
			t.Fatalf("Marshal(Decode(%q)) error: %v", body, err)
		}
		back, err := form.Decode(again)
		if err != nil {
			t.Fatalf("Decode(Marshal(Decode(%q))) error: %v", body, err)
		}
		if !reflect.DeepEqual(normalize(tree), normalize(back)) {
			t.Fatalf("round trip of %q: %#v became %#v", body, tree, back)
		}
	})
}

// normalize turns lists into index-keyed maps so that equivalent trees compare equal.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, c := range x {
			out[k] = normalize(c)
		}
		return out
	case []any:
		out := make(map[string]any, len(x))
		for i, c := range x {
			out[strconv.Itoa(i)] = normalize(c)
		}
		return out
	}
	return v
}
