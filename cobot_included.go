package hospitality

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
)

// ErrNotIncluded reports that a Cobot compound document does not include the resource a
// relationship names (it was not asked for with include, or the relationship links nothing).
var ErrNotIncluded = errors.New("hospitality: cobot: resource not included")

// CobotIncluded returns the resource that ref names among the included resources of a Cobot
// API 2 compound document (a response asked for with include=…), as T: [cobot.Invoice],
// [cobot.Membership], [cobot.Contact], [cobot.EventAttendance] or any other resource model.
// Pass a to-one relationship's Data, or the address of one identifier of a to-many
// relationship's Data:
//
//	doc := res.ApplicationVndAPIJSON200 // GetDropInPass with include=invoices
//	for _, id := range *doc.Data.Relationships.Invoices.Data {
//		inv, err := hospitality.CobotIncluded[cobot.Invoice](doc.Included, &id)
//		…
//	}
//
// included may hold typed resources ([]cobot.Invoice), unions told apart by their type
// ([]cobot.EventIncludedResource) or generic resources ([]cobot.IncludedResource, decoded as
// T). The error wraps [ErrNotIncluded] when ref is nil or no included resource has its type
// and id; it names both types when the resource found is not a T.
func CobotIncluded[T any, I any](included *[]I, ref *cobot.ResourceIdentifier) (T, error) {
	var zero T
	if ref == nil {
		return zero, fmt.Errorf("%w: the relationship links nothing", ErrNotIncluded)
	}
	if included != nil {
		for _, item := range *included {
			raw, err := json.Marshal(item)
			if err != nil {
				return zero, fmt.Errorf("hospitality: cobot: included %s %s: %w", ref.Type, ref.ID, err)
			}
			var head struct {
				ID   string `json:"id"`
				Type string `json:"type"`
			}
			if json.Unmarshal(raw, &head) != nil || head.ID != ref.ID || head.Type != ref.Type {
				continue
			}
			return includedAs[T](item, raw, ref)
		}
	}
	return zero, fmt.Errorf("%w: %s %s", ErrNotIncluded, ref.Type, ref.ID)
}

// includedAs converts the included resource item (its JSON is raw) to T.
func includedAs[T any](item any, raw []byte, ref *cobot.ResourceIdentifier) (T, error) {
	var zero T
	v := item
	if u, ok := item.(interface{ ValueByDiscriminator() (interface{}, error) }); ok {
		var err error
		if v, err = u.ValueByDiscriminator(); err != nil {
			return zero, fmt.Errorf("hospitality: cobot: included %s %s: %w", ref.Type, ref.ID, err)
		}
	}
	if t, ok := v.(T); ok {
		return t, nil
	}
	if _, ok := v.(cobot.IncludedResource); ok {
		var t T
		if err := json.Unmarshal(raw, &t); err != nil {
			return zero, fmt.Errorf("hospitality: cobot: included %s %s as %T: %w", ref.Type, ref.ID, zero, err)
		}
		return t, nil
	}
	return zero, fmt.Errorf("hospitality: cobot: included %s %s is a %T, not a %T", ref.Type, ref.ID, v, zero)
}
