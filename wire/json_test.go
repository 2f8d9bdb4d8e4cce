package wire

import (
	"encoding/json"
	"errors"
	"net/url"
	"testing"
	"time"
)

// kobasLine mirrors a Kobas sales line: keys with spaces, amounts as strings,
// a "20%" tax rate and MySQL zero dates.
type kobasLine struct {
	OrderID  String         `json:"Order ID"`
	Total    Decimal        `json:"Payment Total"`
	TaxRate  Percent        `json:"Tax Rate"`
	Quantity Int            `json:"Quantity"`
	Voided   Bool           `json:"Voided"`
	Price    Float          `json:"Price"`
	Date     Date           `json:"Date"`
	Closed   SQLDateTime    `json:"Closed"`
	Refunded SQLDateTime    `json:"Refunded"`
	Due      *Date          `json:"Due,omitempty"`
	Arrival  *LocalDateTime `json:"Arrival,omitempty"`
	Discount Decimal        `json:"Discount,omitempty"`
	Expires  Date           `json:"Expires,omitzero"`
	Opens    TimeOfDay      `json:"Opens,omitzero"`
}

func TestStructDecode(t *testing.T) {
	const in = `{
		"Order ID": 10452,
		"Payment Total": "12.50",
		"Tax Rate": "20%",
		"Quantity": "2",
		"Voided": "0",
		"Price": "6.25",
		"Date": "2025-05-15",
		"Closed": "2025-05-15 14:00:00",
		"Refunded": "0000-00-00 00:00:00",
		"Due": "",
		"Arrival": "2025-05-16T09:30:00",
		"Discount": null,
		"Expires": "0000-00-00",
		"Opens": "9:30"
	}`
	var got kobasLine
	if err := json.Unmarshal([]byte(in), &got); err != nil {
		t.Fatalf("json.Unmarshal() error = %v", err)
	}
	want := kobasLine{
		OrderID:  "10452",
		Total:    "12.50",
		TaxRate:  "20%",
		Quantity: 2,
		Price:    6.25,
		Date:     Date{Time: time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC)},
		Closed:   SQLDateTime{Time: time.Date(2025, 5, 15, 14, 0, 0, 0, time.UTC)},
		Due:      &Date{},
		Arrival:  &LocalDateTime{Time: time.Date(2025, 5, 16, 9, 30, 0, 0, time.UTC)},
		Opens:    TimeOfDay{Hour: 9, Minute: 30, Valid: true},
	}
	if got.OrderID != want.OrderID || got.Total != want.Total || got.TaxRate != want.TaxRate ||
		got.Quantity != want.Quantity || got.Voided != want.Voided || got.Price != want.Price ||
		got.Discount != want.Discount || got.Opens != want.Opens {
		t.Errorf("json.Unmarshal() scalars = %+v, want %+v", got, want)
	}
	for _, c := range []struct {
		name      string
		got, want time.Time
	}{
		{"Date", got.Date.Time, want.Date.Time},
		{"Closed", got.Closed.Time, want.Closed.Time},
		{"Refunded", got.Refunded.Time, time.Time{}},
		{"Expires", got.Expires.Time, time.Time{}},
		{"Due", got.Due.Time, time.Time{}},
		{"Arrival", got.Arrival.Time, want.Arrival.Time},
	} {
		if !sameTime(c.got, c.want) {
			t.Errorf("json.Unmarshal() %s = %v, want %v", c.name, c.got, c.want)
		}
	}

	out, err := json.Marshal(got)
	if err != nil {
		t.Fatalf("json.Marshal() error = %v", err)
	}
	const wantOut = `{"Order ID":"10452","Payment Total":"12.50","Tax Rate":"20%","Quantity":2,"Voided":false,` +
		`"Price":6.25,"Date":"2025-05-15","Closed":"2025-05-15 14:00:00","Refunded":null,"Due":null,` +
		`"Arrival":"2025-05-16T09:30:00","Opens":"09:30:00"}`
	if string(out) != wantOut {
		t.Errorf("json.Marshal() = %s, want %s", out, wantOut)
	}
}

// TestStructDecodeEmptyDatesDoNotFail pins the bug this package exists for: a
// single "0000-00-00" or "" date used to fail the whole response.
func TestStructDecodeEmptyDatesDoNotFail(t *testing.T) {
	var got struct {
		Name    String        `json:"name"`
		Born    Date          `json:"born"`
		Seen    SQLDateTime   `json:"seen"`
		Checked LocalDateTime `json:"checked"`
		At      DateTime      `json:"at"`
		Opens   TimeOfDay     `json:"opens"`
		Left    *Date         `json:"left"`
	}
	in := `{"name":"Ada","born":"0000-00-00","seen":"0000-00-00 00:00:00","checked":"0000-00-00T00:00:00","at":"","opens":"","left":null}`
	if err := json.Unmarshal([]byte(in), &got); err != nil {
		t.Fatalf("json.Unmarshal(%s) error = %v", in, err)
	}
	if got.Name != "Ada" || !got.Born.IsZero() || !got.Seen.IsZero() || !got.Checked.IsZero() ||
		!got.At.IsZero() || !got.Opens.IsZero() || got.Left != nil {
		t.Errorf("json.Unmarshal(%s) = %+v, want name Ada and every date empty", in, got)
	}
}

// TestStructDecodeError checks that a bad value surfaces our error unchanged
// through encoding/json.
func TestStructDecodeError(t *testing.T) {
	var got kobasLine
	err := json.Unmarshal([]byte(`{"Quantity":"two"}`), &got)
	var ve *valueError
	if !errors.As(err, &ve) {
		t.Fatalf("json.Unmarshal() error = %v (%T), want *valueError", err, err)
	}
	if want := `wire: cannot decode "two" as Int`; err.Error() != want {
		t.Errorf("json.Unmarshal() error = %q, want %q", err, want)
	}
}

func TestPointerFields(t *testing.T) {
	var got struct {
		N *Int      `json:"n"`
		D *Decimal  `json:"d"`
		T *DateTime `json:"t"`
	}
	if err := json.Unmarshal([]byte(`{"n":"7","d":12.50,"t":"2025-05-15T14:00:00Z"}`), &got); err != nil {
		t.Fatalf("json.Unmarshal() error = %v", err)
	}
	if got.N == nil || *got.N != 7 || got.D == nil || *got.D != "12.50" || got.T == nil ||
		!got.T.Equal(time.Date(2025, 5, 15, 14, 0, 0, 0, time.UTC)) {
		t.Errorf("json.Unmarshal() = %v, %v, %v, want 7, 12.50, 2025-05-15T14:00:00Z", got.N, got.D, got.T)
	}
	// null leaves a pointer field nil, as encoding/json does for any pointer.
	got.N = nil
	if err := json.Unmarshal([]byte(`{"n":null}`), &got); err != nil || got.N != nil {
		t.Errorf("json.Unmarshal(null pointer) = %v, %v, want nil, nil", got.N, err)
	}
	out, err := json.Marshal(got)
	if want := `{"n":null,"d":"12.50","t":"2025-05-15T14:00:00Z"}`; err != nil || string(out) != want {
		t.Errorf("json.Marshal() = %s, %v, want %s", out, err, want)
	}
}

func TestOmitEmpty(t *testing.T) {
	type v struct {
		S String       `json:"s,omitempty"`
		D Decimal      `json:"d,omitempty"`
		P Percent      `json:"p,omitempty"`
		I Int          `json:"i,omitempty"`
		F Float        `json:"f,omitempty"`
		B Bool         `json:"b,omitempty"`
		T Date         `json:"t,omitzero"`
		H TimeOfDay    `json:"h,omitzero"`
		X *SQLDateTime `json:"x,omitempty"`
	}
	if out, err := json.Marshal(v{}); err != nil || string(out) != `{}` {
		t.Errorf("json.Marshal(empty) = %s, %v, want {}", out, err)
	}
}

// TestTextInForms checks the text forms used in query strings and form bodies.
func TestTextInForms(t *testing.T) {
	q := url.Values{}
	for _, p := range []struct {
		key string
		v   interface{ MarshalText() ([]byte, error) }
	}{
		{"from", Date{Time: time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC)}},
		{"until", Date{}},
		{"amount", Float(1e21)},
		{"limit", Int(50)},
		{"paid", Bool(true)},
	} {
		b, err := p.v.MarshalText()
		if err != nil {
			t.Fatalf("%T.MarshalText() error = %v", p.v, err)
		}
		q.Set(p.key, string(b))
	}
	if got, want := q.Encode(), "amount=1000000000000000000000&from=2025-05-15&limit=50&paid=true&until="; got != want {
		t.Errorf("query = %s, want %s", got, want)
	}
}

// TestMapKeys checks that the text forms let wire types key JSON objects.
func TestMapKeys(t *testing.T) {
	var got map[Date]Decimal
	if err := json.Unmarshal([]byte(`{"2025-05-15":"12.50"}`), &got); err != nil {
		t.Fatalf("json.Unmarshal() error = %v", err)
	}
	out, err := json.Marshal(got)
	if want := `{"2025-05-15":"12.50"}`; err != nil || string(out) != want {
		t.Errorf("json.Marshal() = %s, %v, want %s", out, err, want)
	}
}
