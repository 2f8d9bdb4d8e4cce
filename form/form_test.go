package form_test

import (
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/form"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

type room struct {
	RoomTypeID string  `json:"roomTypeID"`
	Quantity   int     `json:"quantity"`
	RoomID     *string `json:"roomID,omitempty"`
}

type custom struct {
	FieldName  string `json:"fieldName,omitempty"`
	FieldValue string `json:"fieldValue,omitempty"`
}

type embedded struct {
	Inner string `json:"inner"`
	Outer string `json:"outer"`
}

type withEmbedded struct {
	embedded
	Outer string `json:"outer"`
}

// selfEmbedding embeds a pointer to its own type.
type selfEmbedding struct {
	*selfEmbedding
	A int `json:"a"`
}

type textOnly struct{ code string }

func (t textOnly) MarshalText() ([]byte, error) { return []byte("code:" + t.code), nil }

type ptrText struct{ n int }

func (p *ptrText) MarshalText() ([]byte, error) { return []byte(strings.Repeat("x", p.n)), nil }

func ptr[T any](v T) *T { return &v }

func date(s string) wire.Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return wire.Date{Time: t}
}

func TestEncode(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string // decoded form (brackets unescaped) for readability
	}{
		{"nil pointer", (*room)(nil), ""},
		{"flat struct", room{RoomTypeID: "77", Quantity: 2}, "quantity=2&roomTypeID=77"},
		{"zero int kept without omitempty", room{RoomTypeID: "77"}, "quantity=0&roomTypeID=77"},
		{"pointer set", room{RoomTypeID: "77", Quantity: 1, RoomID: ptr("77-1")}, "quantity=1&roomID=77-1&roomTypeID=77"},
		{"pointer to empty string is explicit", struct {
			Code *string `json:"code,omitempty"`
		}{ptr("")}, "code="},
		{"nil pointer without omitempty is absent", struct {
			Code *string `json:"code"`
		}{}, ""},
		{"slice of structs", struct {
			Rooms []room `json:"rooms"`
		}{[]room{{RoomTypeID: "77", Quantity: 1}, {RoomTypeID: "78", Quantity: 2}}},
			"rooms[0][quantity]=1&rooms[0][roomTypeID]=77&rooms[1][quantity]=2&rooms[1][roomTypeID]=78"},
		{"omitempty inside nested structs", struct {
			Fields []custom `json:"customFields,omitempty"`
		}{[]custom{{FieldName: "flight"}}}, "customFields[0][fieldName]=flight"},
		{"empty slice omitted", struct {
			Fields []custom `json:"customFields,omitempty"`
		}{[]custom{}}, ""},
		{"slice of scalars", struct {
			IDs []int `json:"itemID"`
		}{[]int{5, 7}}, "itemID[0]=5&itemID[1]=7"},
		{"nested struct", struct {
			Auto struct {
				Days int    `json:"releaseDays"`
				Type string `json:"releaseType,omitempty"`
			} `json:"autoRelease"`
		}{}, "autoRelease[releaseDays]=0"},
		{"map sorted", struct {
			Subject map[string]string `json:"subject"`
		}{map[string]string{"pt-br": "Olá", "en": "Hello"}}, "subject[en]=Hello&subject[pt-br]=Olá"},
		{"map of any with nested values", map[string]any{"a": []any{"x", 2.5, true, nil}, "b": map[string]any{"c": 1}},
			"a[0]=x&a[1]=2.5&a[2]=1&b[c]=1"},
		{"int map keys", map[int]string{10: "b", 2: "a"}, "10=b&2=a"},
		{"repeated key keeps its values in order", struct {
			A  []string `json:"a"`
			A0 string   `json:"a[0]"`
		}{[]string{"x", "y"}, "z"}, "a[0]=x&a[0]=z&a[1]=y"},
		{"floats never scientific", struct {
			Amount float64 `json:"amount"`
			Small  float64 `json:"small"`
			F32    float32 `json:"f32"`
		}{1000000.5, 0.0000001, 0.1}, "amount=1000000.5&f32=0.1&small=0.0000001"},
		{"bools as 1 and 0", struct {
			Yes bool  `json:"yes"`
			No  bool  `json:"no"`
			Opt *bool `json:"opt,omitempty"`
		}{true, false, ptr(false)}, "no=0&opt=0&yes=1"},
		{"false omitted by omitempty", struct {
			No bool `json:"no,omitempty"`
		}{}, ""},
		{"wire dates as text", struct {
			Start   wire.Date        `json:"startDate"`
			Created wire.SQLDateTime `json:"dateCreated"`
		}{date("2025-06-12"), wire.SQLDateTime{Time: time.Date(2025, 5, 20, 9, 41, 27, 0, time.UTC)}},
			"dateCreated=2025-05-20 09:41:27&startDate=2025-06-12"},
		{"empty wire date omitted by omitempty", struct {
			Start wire.Date `json:"startDate,omitempty"`
			End   wire.Date `json:"endDate"`
		}{}, "endDate="},
		{"wire numbers", struct {
			Amount wire.Decimal `json:"amount"`
			Qty    wire.Int     `json:"qty"`
			Flag   wire.Bool    `json:"flag"`
		}{"12.50", 3, true}, "amount=12.50&flag=true&qty=3"},
		{"value TextMarshaler", struct {
			T textOnly `json:"t"`
		}{textOnly{"a"}}, "t=code:a"},
		{"pointer TextMarshaler", struct {
			P *ptrText `json:"p"`
			V ptrText  `json:"v"`
		}{&ptrText{2}, ptrText{3}}, "p=xx&v=xxx"},
		{"form tag wins over json tag", struct {
			A string `form:"alpha" json:"a"`
		}{"1"}, "alpha=1"},
		{"untagged and skipped fields", struct {
			Plain  string
			Hidden string `json:"-"`
			lower  string
		}{"p", "h", "l"}, "Plain=p"},
		{"embedded struct promoted, outer name wins", withEmbedded{embedded{"i", "shadowed"}, "o"}, "inner=i&outer=o"},
		// Regression: a struct embedding a pointer to its own type made the field walk recurse
		// until the stack overflowed.
		{"self-embedding struct", selfEmbedding{&selfEmbedding{A: 2}, 1}, "a=1"},
		{"bytes as text", struct {
			B []byte `json:"b"`
		}{[]byte("raw")}, "b=raw"},
		{"special characters escaped", struct {
			Email string `json:"guestEmail"`
		}{"ana+test@example.com"}, "guestEmail=ana+test@example.com"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := form.Encode(tc.in)
			if err != nil {
				t.Fatalf("Encode(%+v) error: %v", tc.in, err)
			}
			plain, err := url.QueryUnescape(got)
			if err != nil {
				t.Fatalf("QueryUnescape(%q): %v", got, err)
			}
			if plain != tc.want {
				t.Errorf("Encode(%+v) = %q (unescaped %q), want %q", tc.in, got, plain, tc.want)
			}
			// Encode writes the pairs itself; it must agree with Marshal + url.Values.Encode.
			vals, err := form.Marshal(tc.in)
			if err != nil {
				t.Fatalf("Marshal(%+v) error: %v", tc.in, err)
			}
			if viaValues := vals.Encode(); viaValues != got {
				t.Errorf("Marshal(%+v).Encode() = %q, Encode = %q", tc.in, viaValues, got)
			}
		})
	}
}

func TestEncodeExactBytes(t *testing.T) {
	in := struct {
		Rooms []room  `json:"rooms"`
		Email string  `json:"guestEmail"`
		Total float64 `json:"amount"`
	}{[]room{{RoomTypeID: "77", Quantity: 1}}, "ana+1@example.com", 1e6}
	got, err := form.Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	const want = "amount=1000000&guestEmail=ana%2B1%40example.com&rooms%5B0%5D%5Bquantity%5D=1&rooms%5B0%5D%5BroomTypeID%5D=77"
	if got != want {
		t.Errorf("Encode() = %q, want %q", got, want)
	}
}

func TestMarshalErrors(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"not a struct", 42, "want a struct or a map"},
		{"NaN", struct {
			F float64 `json:"f"`
		}{math.NaN()}, "f: cannot encode NaN"},
		{"infinity nested", struct {
			R []struct {
				F float64 `json:"f"`
			} `json:"r"`
		}{[]struct {
			F float64 `json:"f"`
		}{{math.Inf(1)}}}, "r[0][f]: cannot encode +Inf"},
		{"channel", struct {
			C chan int `json:"c"`
		}{make(chan int)}, "c: cannot encode a chan int"},
		{"bad map key", map[float64]string{1.5: "x"}, "unsupported map key type float64"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := form.Marshal(tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "form: ") {
				t.Errorf("Marshal(%v) error = %v, want one containing %q", tc.in, err, tc.want)
			}
		})
	}
}

func TestMarshalNilInterfaceAndPointerToPointer(t *testing.T) {
	var nilAny any
	got, err := form.Marshal(nilAny)
	if err != nil || len(got) != 0 {
		t.Errorf("Marshal(nil) = %v, %v, want empty, nil", got, err)
	}
	r := &room{RoomTypeID: "1"}
	got, err = form.Marshal(&r)
	if err != nil || got.Get("roomTypeID") != "1" {
		t.Errorf("Marshal(**room) = %v, %v, want roomTypeID=1", got, err)
	}
}
