package upstreamanswers_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/hospitality-sdk/hospitality-go/wire"
)

// fixtureClient is typed for testdata/ours.yaml the way oapi-codegen (with the project's
// templates) types a client: <Op>WithResponse methods returning *<Op>Response values whose
// Parse step keeps what decodes and reports the rest as a *wire.DecodeError.
type fixtureClient struct {
	server string
}

// RequestEditorFn is the generated clients' request editor type.
type RequestEditorFn func(ctx context.Context, req *http.Request) error

// Room is components/schemas/Room of ours.yaml.
type Room struct {
	ID   *int    `json:"id,omitempty"`
	Name *string `json:"name,omitempty"`
	Beds *int    `json:"beds,omitempty"`
}

// RoomList is listRooms' answer.
type RoomList struct {
	Data *[]Room `json:"data,omitempty"`
}

// Health is getHealth's answer.
type Health struct {
	Status *string    `json:"status,omitempty"`
	Since  *time.Time `json:"since,omitempty"`
	Load   *float64   `json:"load,omitempty"`
}

// Response is a generated <Op>Response with its JSON200 field.
type Response[T any] struct {
	Body         []byte
	HTTPResponse *http.Response
	JSON200      *T
}

// StatusCode returns the answer's HTTP status.
func (r Response[T]) StatusCode() int {
	if r.HTTPResponse != nil {
		return r.HTTPResponse.StatusCode
	}
	return 0
}

// NoContent is a generated response without a JSON body.
type NoContent struct {
	Body         []byte
	HTTPResponse *http.Response
}

// StatusCode returns the answer's HTTP status.
func (r NoContent) StatusCode() int { return r.HTTPResponse.StatusCode }

func get[T any](ctx context.Context, c *fixtureClient, operation, path string) (*Response[T], error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.server+path, nil)
	if err != nil {
		return nil, err
	}
	rsp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer rsp.Body.Close()
	body, err := io.ReadAll(rsp.Body)
	if err != nil {
		return nil, err
	}
	res := &Response[T]{Body: body, HTTPResponse: rsp}
	json := wire.NewResponseDecoder(operation)
	if strings.Contains(rsp.Header.Get("Content-Type"), "json") && rsp.StatusCode == 200 {
		var dest T
		if err := json.Unmarshal(body, &dest); err != nil {
			return nil, err
		}
		res.JSON200 = &dest
	}
	if err := json.Err(); err != nil {
		return res, err
	}
	return res, nil
}

func (c *fixtureClient) ListRoomsWithResponse(ctx context.Context, _ ...RequestEditorFn) (*Response[RoomList], error) {
	return get[RoomList](ctx, c, "listRooms", "/rooms")
}

func (c *fixtureClient) GetRoomWithResponse(ctx context.Context, roomID int, _ ...RequestEditorFn) (*Response[Room], error) {
	return get[Room](ctx, c, "getRoom", fmt.Sprintf("/rooms/%d", roomID))
}

func (c *fixtureClient) GetHealthWithResponse(ctx context.Context, _ ...RequestEditorFn) (*Response[Health], error) {
	return get[Health](ctx, c, "getHealth", "/health")
}

func (c *fixtureClient) PingWithResponse(ctx context.Context, _ ...RequestEditorFn) (*NoContent, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.server+"/ping", nil)
	if err != nil {
		return nil, err
	}
	rsp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer rsp.Body.Close()
	body, err := io.ReadAll(rsp.Body)
	return &NoContent{Body: body, HTTPResponse: rsp}, err
}
