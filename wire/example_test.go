package wire_test

import (
	"encoding/json"
	"fmt"
	"log"
	"time"

	"github.com/hospitality-sdk/hospitality-go/wire"
)

// A Kobas sales line: keys with spaces, amounts and quantities as strings,
// a tax rate with a percent sign.
func Example_kobasSalesLine() {
	const body = `{"Order ID": 10452, "Product": "Margherita", "Quantity": "2",
		"Unit Price": "6.25", "Payment Total": "12.50", "Tax Rate": "20%", "Voided": "0"}`

	var line struct {
		OrderID  wire.String  `json:"Order ID"`
		Product  wire.String  `json:"Product"`
		Quantity wire.Int     `json:"Quantity"`
		Price    wire.Decimal `json:"Unit Price"`
		Total    wire.Decimal `json:"Payment Total"`
		TaxRate  wire.Percent `json:"Tax Rate"`
		Voided   wire.Bool    `json:"Voided"`
	}
	if err := json.Unmarshal([]byte(body), &line); err != nil {
		log.Fatal(err)
	}
	rate, err := line.TaxRate.Value()
	if err != nil {
		log.Fatal(err)
	}
	total, err := line.Total.Rat()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("order %s: %d × %s at %s = %s\n", line.OrderID, line.Quantity, line.Product, line.Price, line.Total)
	fmt.Printf("tax rate %v%%, voided %v, total exactly %s\n", rate, line.Voided, total.RatString())
	// Output:
	// order 10452: 2 × Margherita at 6.25 = 12.50
	// tax rate 20%, voided false, total exactly 25/2
}

// Cloudbeds and Kobas send date-times as "YYYY-MM-DD HH:MM:SS" without an
// offset. SQLDateTime decodes the wall-clock time and writes it back
// unchanged.
func ExampleSQLDateTime() {
	var checkIn wire.SQLDateTime
	if err := json.Unmarshal([]byte(`"2025-05-15 14:00:00"`), &checkIn); err != nil {
		log.Fatal(err)
	}
	fmt.Println(checkIn.Hour(), checkIn.Location())
	later := wire.SQLDateTime{Time: checkIn.Add(90 * time.Minute)} // methods of time.Time return time.Time
	fmt.Println(later)

	out, err := json.Marshal(checkIn)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(out))
	// Output:
	// 14 UTC
	// 2025-05-15 15:30:00
	// "2025-05-15 14:00:00"
}

// A MySQL zero date is an empty value, not an error.
func ExampleDate_zero() {
	var customer struct {
		Name     wire.String `json:"name"`
		Birthday wire.Date   `json:"birthday"`
		Joined   wire.Date   `json:"joined"`
	}
	body := `{"name": "Ada", "birthday": "0000-00-00", "joined": "2024-02-29"}`
	if err := json.Unmarshal([]byte(body), &customer); err != nil {
		log.Fatal(err)
	}
	fmt.Println(customer.Birthday.IsZero(), customer.Joined)

	out, err := json.Marshal(customer)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(out))
	// Output:
	// true 2024-02-29
	// {"name":"Ada","birthday":null,"joined":"2024-02-29"}
}

// Octotable local date-times have no offset; LocalDateTime keeps their
// format.
func ExampleLocalDateTime() {
	var start wire.LocalDateTime
	if err := start.UnmarshalText([]byte("2025-05-15T19:30:00")); err != nil {
		log.Fatal(err)
	}
	fmt.Println(start)
	// Output: 2025-05-15T19:30:00
}

func ExampleTimeOfDay() {
	var opens, closes wire.TimeOfDay
	if err := json.Unmarshal([]byte(`"9:30"`), &opens); err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal([]byte(`"22:00:00"`), &closes); err != nil {
		log.Fatal(err)
	}
	fmt.Println(opens, closes, opens.Before(closes))
	// Output: 09:30:00 22:00:00 true
}

func ExampleFloat() {
	var f wire.Float
	if err := json.Unmarshal([]byte(`"1e21"`), &f); err != nil {
		log.Fatal(err)
	}
	out, err := json.Marshal(f)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(out))
	// Output: 1000000000000000000000
}
