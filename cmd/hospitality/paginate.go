package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Paging schemes the operations' parameters reveal.
const (
	pageNumbered = "pageNumber/pageSize" // Cloudbeds v1.3: stop at total, or a short or empty page
	pageJSONAPI  = "page[number]/links"  // Cobot API 2: links.next, else the next number until empty
	pageCursor   = "next_cursor"         // OctoTable: the answer's next_cursor until empty
	pageOffset   = "offset/limit"        // Kobas, Cloudbeds v2: offset by the items seen, stop when short
)

// pager follows an operation's pages.
type pager struct {
	scheme    string
	pageParam string // the page number, cursor or offset parameter
	sizeParam string // the page size or limit parameter
	size      int    // the page size asked for, 0 when unknown
	start     int
}

// newPager picks the paging scheme from the operation's parameters.
func newPager(op *operation, r *request) (*pager, error) {
	has := func(name string) bool { return findParam(op, name) != nil && findParam(op, name).In == "query" }
	p := &pager{}
	switch {
	case has("pageNumber"):
		p.scheme, p.pageParam, p.sizeParam, p.start = pageNumbered, "pageNumber", "pageSize", 1
	case has("page[number]"):
		p.scheme, p.pageParam, p.sizeParam, p.start = pageJSONAPI, "page[number]", "page[size]", 1
	case has("next_cursor"):
		p.scheme, p.pageParam, p.sizeParam = pageCursor, "next_cursor", "limit"
	case has("offset") && has("limit"):
		p.scheme, p.pageParam, p.sizeParam = pageOffset, "offset", "limit"
	default:
		return nil, usageError("api: %s does not page (it has no pageNumber, page[number], next_cursor or offset/limit parameter); drop --paginate", op.op.OperationID)
	}
	if v := r.query.Get(p.sizeParam); v != "" {
		p.size, _ = strconv.Atoi(v)
	} else if sp := findParam(op, p.sizeParam); sp != nil && sp.Schema != nil && sp.Schema.Value != nil {
		if d, ok := sp.Schema.Value.Default.(float64); ok {
			p.size = int(d)
		}
	}
	if v := r.query.Get(p.pageParam); v != "" && p.scheme != pageCursor {
		p.start, _ = strconv.Atoi(v)
	}
	return p, nil
}

// page is what the pager reads of one answer.
type page struct {
	items      []json.RawMessage
	total      int
	hasTotal   bool
	nextCursor string
	linksNext  string
	hasLinks   bool
}

// readPage finds the items of an answer: the answer itself when it is an array, else its data
// member (or its only array member), with the paging members beside them.
func readPage(body []byte) (*page, error) {
	var arr []json.RawMessage
	if json.Unmarshal(body, &arr) == nil {
		return &page{items: arr}, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil, fmt.Errorf("api: --paginate: the answer is not JSON")
	}
	p := &page{}
	if raw, ok := obj["data"]; ok {
		if err := json.Unmarshal(raw, &p.items); err != nil {
			return nil, fmt.Errorf("api: --paginate: the answer's data is not a list")
		}
	} else {
		found := 0
		for _, raw := range obj {
			var a []json.RawMessage
			if json.Unmarshal(raw, &a) == nil {
				p.items, found = a, found+1
			}
		}
		if found != 1 {
			return nil, fmt.Errorf("api: --paginate: no list of items in the answer (members: %s)", strings.Join(keysOf(obj), ", "))
		}
	}
	if raw, ok := obj["total"]; ok {
		var n json.Number
		var s string
		if json.Unmarshal(raw, &n) == nil {
			if v, err := n.Int64(); err == nil {
				p.total, p.hasTotal = int(v), true
			}
		} else if json.Unmarshal(raw, &s) == nil {
			if v, err := strconv.Atoi(s); err == nil {
				p.total, p.hasTotal = v, true
			}
		}
	}
	p.nextCursor = cursorOf(obj)
	if raw, ok := obj["links"]; ok {
		p.hasLinks = true
		var links map[string]json.RawMessage
		if json.Unmarshal(raw, &links) == nil {
			var next string
			if json.Unmarshal(links["next"], &next) == nil {
				p.linksNext = next
			}
		}
	}
	return p, nil
}

// cursorOf reads next_cursor (a string or a number), at the top or under meta or pagination.
func cursorOf(obj map[string]json.RawMessage) string {
	read := func(raw json.RawMessage) string {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
		var n json.Number
		if json.Unmarshal(raw, &n) == nil {
			return n.String()
		}
		return ""
	}
	if raw, ok := obj["next_cursor"]; ok {
		return read(raw)
	}
	for _, k := range []string{"meta", "pagination", "paging"} {
		var inner map[string]json.RawMessage
		if json.Unmarshal(obj[k], &inner) == nil {
			if raw, ok := inner["next_cursor"]; ok {
				return read(raw)
			}
		}
	}
	return ""
}

// maxPages stops a pager that never ends.
const maxPages = 10000

// run follows the pages, printing every item as it comes.
func (p *pager) run(ctx context.Context, c *conn, r *request, out *printer, s streams, include bool) error {
	progress := isTerminal(s.err)
	defer func() {
		if progress {
			fmt.Fprint(s.err, "\r\033[K")
		}
	}()
	q := r.query
	seen, next := 0, ""
	pageNo, offset := p.start, 0
	if v := q.Get("offset"); p.scheme == pageOffset && v != "" {
		offset, _ = strconv.Atoi(v)
	}
	for n := 1; n <= maxPages; n++ {
		switch p.scheme {
		case pageNumbered, pageJSONAPI:
			q.Set(p.pageParam, strconv.Itoa(pageNo))
		case pageOffset:
			q.Set(p.pageParam, strconv.Itoa(offset))
		}
		res, body, err := c.send(ctx, r, next)
		if err != nil {
			return apiFailure(s, err)
		}
		if include && n == 1 {
			printHeaders(s.out, res)
		}
		pg, err := readPage(body)
		if err != nil {
			return err
		}
		for _, it := range pg.items {
			if err := out.item(it); err != nil {
				return err
			}
		}
		seen += len(pg.items)
		if progress {
			fmt.Fprintf(s.err, "\r\033[Kpage %d: %d items", n, seen)
		}
		short := p.size > 0 && len(pg.items) < p.size
		switch p.scheme {
		case pageNumbered:
			if len(pg.items) == 0 || short || pg.hasTotal && seen >= pg.total {
				return nil
			}
			pageNo++
		case pageJSONAPI:
			if pg.hasLinks {
				if pg.linksNext == "" {
					return nil
				}
				u, err := sameOrigin(c.server, pg.linksNext)
				if err != nil {
					return err
				}
				next = u
				continue
			}
			if len(pg.items) == 0 || short {
				return nil
			}
			pageNo++
		case pageCursor:
			if pg.nextCursor == "" || pg.nextCursor == q.Get(p.pageParam) || len(pg.items) == 0 {
				return nil
			}
			q.Set(p.pageParam, pg.nextCursor)
		case pageOffset:
			if len(pg.items) == 0 || short {
				return nil
			}
			offset += len(pg.items)
		}
	}
	return fmt.Errorf("api: --paginate: stopped after %d pages", maxPages)
}

// sameOrigin resolves a links.next value against the API's base URL and refuses one on another
// scheme, host or port: the request would carry the credential there.
func sameOrigin(server, next string) (string, error) {
	base, err := url.Parse(server)
	if err != nil {
		return "", err
	}
	ref, err := url.Parse(next)
	if err != nil {
		return "", fmt.Errorf("api: --paginate: links.next is not a URL")
	}
	u := base.ResolveReference(ref)
	if u.Scheme != base.Scheme || u.Host != base.Host {
		return "", fmt.Errorf("api: --paginate: links.next %q is not on %s://%s; not following it", redactURL(u.String()), base.Scheme, base.Host)
	}
	return u.String(), nil
}

// redactURL drops a URL's query, which may carry anything.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.RawQuery = ""
	return u.String()
}
