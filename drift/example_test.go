package drift_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"strings"

	"github.com/hospitality-sdk/hospitality-go/drift"
	"github.com/hospitality-sdk/hospitality-go/specs"
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

// ExamplePropose turns a captured Kobas answer that carries a new field into the change of
// specs/kobas.yaml that `hospitality drift report --answer` prints.
func ExamplePropose() {
	answer := []byte(`[{"id":12,"name":"The Crown","vat_number":"GB123456789"}]`)
	p, err := drift.Propose(specs.Kobas, "listVenues", 200, answer)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range p.Changes {
		fmt.Println(c.Kind, c.Path, "#"+c.Schema+":", c.Summary)
	}
	for _, l := range strings.Split(p.Diff("specs/kobas.yaml"), "\n") {
		if strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "+++") {
			fmt.Println(l)
		}
	}
	// Output:
	// unknown_field /0/vat_number #/components/schemas/Venue: property vat_number added (type: string)
	// +        vat_number:
	// +          type: string
}

// ExampleReport_WriteJSON saves a collector's report as a report file, the input of
// `hospitality drift report`, and reads it back.
func ExampleReport_WriteJSON() {
	d, err := drift.New(drift.Options{SampleRate: 1, Sync: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	req, _ := http.NewRequest(http.MethodGet, "https://api.kobas.co.uk/v3/venue", nil)
	resp, _ := d.Middleware()(req, answer(200, `[{"id":12}]`))
	resp.Body.Close()
	var file bytes.Buffer // in production: d.Collector().WriteFile("drift.json")
	if err := d.Collector().Report().WriteJSON(&file); err != nil {
		fmt.Println(err)
		return
	}
	r, err := drift.ReadReport(&file)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range r {
		fmt.Println(e.Provider, e.Operation, e.Kind, e.Path, e.Count)
	}
	// Output:
	// kobas listVenues missing_required /0/name 1
}
