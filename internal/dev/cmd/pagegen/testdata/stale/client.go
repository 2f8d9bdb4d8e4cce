// Package stale holds a client whose pages.gen.go is out of date: it iterates an operation the
// client no longer has, so the package only type-checks when pagegen ignores that file.
package stale

import (
	"context"
	"net/http"
)

type RequestEditorFn func(ctx context.Context, req *http.Request) error

type ClientWithResponses struct{}

type Item struct {
	ID int `json:"id"`
}

type ListItemsParams struct {
	Offset *int `form:"offset,omitempty" json:"offset,omitempty"`
	Limit  *int `form:"limit,omitempty" json:"limit,omitempty"`
}

type ItemPage struct {
	Data []Item `json:"data"`
}

type ListItemsResponse struct {
	HTTPResponse *http.Response
	JSON200      *ItemPage
}

func (r ListItemsResponse) StatusCode() int     { return 0 }
func (r ListItemsResponse) ContentType() string { return "" }

func (c *ClientWithResponses) ListItemsWithResponse(ctx context.Context, params *ListItemsParams, reqEditors ...RequestEditorFn) (*ListItemsResponse, error) {
	return nil, nil
}
