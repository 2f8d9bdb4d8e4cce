package wire

import "errors"

// ErrNotIncluded reports that a JSON:API compound document does not include the resource a
// relationship names: it was not asked for with include, or the relationship links nothing. The
// Included function of a JSON:API package (gen/cobot) returns errors that wrap it.
var ErrNotIncluded = errors.New("wire: resource not included")
