package drift_test

import (
	"fmt"
	"net/http"
	"os"

	"github.com/hospitality-sdk/hospitality-go/drift"
)

// ExampleDetector validates an answer that carries a field the spec does not know and prints
// the drift report.
func ExampleDetector() {
	d, err := drift.New(drift.Options{SampleRate: 1, Sync: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	req, _ := http.NewRequest(http.MethodGet, "https://api.kobas.co.uk/v3/venue", nil)
	resp, _ := d.Middleware()(req, answer(200, `[{"id":12,"name":"The Crown","vat_number":"GB1"}]`))
	resp.Body.Close()
	for _, e := range d.Collector().Report() {
		fmt.Println(e.Provider, e.Operation, e.Kind, e.Path, e.Count)
	}
	d.Collector().Report().WriteTo(os.Stderr)
	// Output:
	// kobas listVenues unknown_field /0/vat_number 1
}
