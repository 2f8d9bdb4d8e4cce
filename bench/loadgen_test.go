package bench_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The load generator of BenchmarkSandbox. It costs the server under test as little CPU as an
// HTTP/1.1 client can, so that on a 2-core machine the generator, which shares the CPUs with the
// sandbox (same process) and with Prism (same machine), is not what limits the rates:
//
//   - each operation's request is built once, with net/http (http.NewRequest and the target's
//     headers), and serialised once with (*http.Request).Write; every call writes those bytes;
//   - one keep-alive TCP connection per worker, kept across rounds, one request in flight on each
//     (no pipelining): a worker writes the request and reads the whole answer before the next;
//   - the answer is read with one bufio.Reader per connection: the status line, the headers it
//     needs (Content-Length, Transfer-Encoding, Connection), and the body, which is discarded in
//     the reader's buffer, or, when the operation judges it (Cloudbeds' "success"), kept in a
//     buffer reused by the connection: no allocation per request;
//   - a connection the server closed (Connection: close, or an idle keep-alive connection that
//     Node.js closed after its 5 s timeout) is dialled again, and a request that got no byte of an
//     answer on a reused connection is sent again once, as net/http's transport does.
//
// The same generator, with the same workers and request counts, sends every round to the sandbox,
// to Prism and to the canned ceiling server. BenchmarkSandboxNetHTTP sends the same rounds with a
// net/http client instead (a cloned DefaultTransport, as many connections as workers, a copy of
// the request per call), the generator used before; RESULTS.md compares the two.

// loadClient sends prepared requests to one target.
type loadClient interface {
	// do sends the request and returns the status and, when keep is set, the body; the body is
	// valid until the next call on the same connection.
	do(c *loadConn, keep bool) (status int, body []byte, err error)
	// conn returns a connection for one worker, for one round; release gives it back.
	conn() *loadConn
	release(c *loadConn)
	close()
}

// The load generators: rawGenerator, the cheap one BenchmarkSandbox uses, and stdGenerator, a
// net/http client, which BenchmarkSandboxNetHTTP uses to show what the generator costs.
const (
	rawGenerator = "raw"
	stdGenerator = "net/http"
)

// newLoadClient returns a client of the generator gen for req, which it sends as is on every
// call.
func newLoadClient(gen string, req *http.Request) (loadClient, error) {
	if gen == stdGenerator {
		return newStdClient(req)
	}
	return newRawClient(req)
}

// loadConn is one worker's connection.
type loadConn struct {
	nc    net.Conn
	br    *bufio.Reader
	body  []byte // the kept body of the last answer
	fresh bool   // dialled for this request: no retry on failure
}

// rawClient is the cheap generator: prepared bytes over plain keep-alive connections.
type rawClient struct {
	addr string
	wire []byte // the whole request, as written on every call

	mu   sync.Mutex
	idle []*loadConn
}

func newRawClient(req *http.Request) (*rawClient, error) {
	if req.URL.Scheme != "http" {
		return nil, fmt.Errorf("load generator: %s: only http is supported", req.URL)
	}
	var buf bytes.Buffer
	if err := req.Write(&buf); err != nil {
		return nil, err
	}
	host := req.URL.Host
	if req.URL.Port() == "" {
		host = net.JoinHostPort(req.URL.Hostname(), "80")
	}
	return &rawClient{addr: host, wire: buf.Bytes()}, nil
}

func (rc *rawClient) conn() *loadConn {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if n := len(rc.idle); n > 0 {
		c := rc.idle[n-1]
		rc.idle = rc.idle[:n-1]
		return c
	}
	return &loadConn{}
}

func (rc *rawClient) release(c *loadConn) {
	rc.mu.Lock()
	rc.idle = append(rc.idle, c)
	rc.mu.Unlock()
}

func (rc *rawClient) close() {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, c := range rc.idle {
		if c.nc != nil {
			c.nc.Close()
		}
	}
	rc.idle = nil
}

func (rc *rawClient) dial(c *loadConn) error {
	nc, err := net.DialTimeout("tcp", rc.addr, 10*time.Second)
	if err != nil {
		return err
	}
	if c.br == nil {
		c.br = bufio.NewReaderSize(nc, 32<<10)
	} else {
		c.br.Reset(nc)
	}
	c.nc, c.fresh = nc, true
	return nil
}

func (c *loadConn) drop() {
	if c.nc != nil {
		c.nc.Close()
		c.nc = nil
	}
}

func (rc *rawClient) do(c *loadConn, keep bool) (int, []byte, error) {
	for attempt := 0; ; attempt++ {
		if c.nc == nil {
			if err := rc.dial(c); err != nil {
				return 0, nil, err
			}
		} else {
			c.fresh = false
		}
		// A deadline per call would cost a timer update each time; a call that takes longer
		// than this fails the round.
		c.nc.SetDeadline(time.Now().Add(30 * time.Second))
		status, body, closeAfter, got, err := rc.exchange(c, keep)
		if err != nil {
			c.drop()
			if !got && !c.fresh && attempt == 0 {
				continue // the server closed an idle connection: send again on a new one
			}
			return 0, nil, err
		}
		if closeAfter {
			c.drop()
		}
		return status, body, nil
	}
}

// exchange writes the request and reads the answer; got reports whether any byte of an answer
// arrived.
func (rc *rawClient) exchange(c *loadConn, keep bool) (status int, body []byte, closeAfter, got bool, err error) {
	if _, err = c.nc.Write(rc.wire); err != nil {
		return
	}
	br := c.br
	for {
		var line []byte
		line, err = br.ReadSlice('\n')
		if len(line) > 0 {
			got = true
		}
		if err != nil {
			return
		}
		// HTTP/1.x SP 3DIGIT SP reason
		if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) || line[8] != ' ' {
			err = fmt.Errorf("load generator: bad status line %q", line)
			return
		}
		status, err = strconv.Atoi(string(line[9:12]))
		if err != nil {
			return
		}
		http10 := line[7] == '0'
		length, chunked := int64(-1), false
		closeAfter = http10
		for {
			line, err = br.ReadSlice('\n')
			if err != nil {
				return
			}
			line = bytes.TrimRight(line, "\r\n")
			if len(line) == 0 {
				break
			}
			name, value, ok := bytes.Cut(line, []byte(":"))
			if !ok {
				err = fmt.Errorf("load generator: bad header line %q", line)
				return
			}
			value = bytes.TrimSpace(value)
			switch {
			case asciiEqualFold(name, "Content-Length"):
				length, err = strconv.ParseInt(string(value), 10, 64)
				if err != nil || length < 0 {
					err = fmt.Errorf("load generator: bad Content-Length %q", value)
					return
				}
			case asciiEqualFold(name, "Transfer-Encoding"):
				chunked = bytes.EqualFold(value, []byte("chunked"))
			case asciiEqualFold(name, "Connection"):
				if bytes.EqualFold(value, []byte("close")) {
					closeAfter = true
				} else if http10 && bytes.EqualFold(value, []byte("keep-alive")) {
					closeAfter = false
				}
			}
		}
		if status >= 100 && status < 200 {
			continue // an interim answer: the final one follows
		}
		c.body = c.body[:0]
		switch {
		case status == http.StatusNoContent || status == http.StatusNotModified:
		case chunked:
			err = c.readChunked(keep)
		case length >= 0:
			err = c.readN(length, keep)
		default:
			closeAfter = true
			err = c.readToEOF(keep)
		}
		if err != nil {
			return
		}
		if keep {
			body = c.body
		}
		return
	}
}

// readN reads n bytes of body, discarding them in the reader's buffer unless keep is set.
func (c *loadConn) readN(n int64, keep bool) error {
	if !keep {
		_, err := c.br.Discard(int(n))
		return err
	}
	start := len(c.body)
	c.body = slices.Grow(c.body, int(n))[:start+int(n)]
	_, err := io.ReadFull(c.br, c.body[start:])
	return err
}

func (c *loadConn) readToEOF(keep bool) error {
	for {
		b, err := c.br.Peek(1)
		if len(b) == 0 {
			if err == io.EOF {
				return nil
			}
			return err
		}
		n := c.br.Buffered()
		if err := c.readN(int64(n), keep); err != nil {
			return err
		}
	}
}

// readChunked reads a chunked body and its trailer.
func (c *loadConn) readChunked(keep bool) error {
	for {
		line, err := c.br.ReadSlice('\n')
		if err != nil {
			return err
		}
		line = bytes.TrimRight(line, "\r\n")
		if i := bytes.IndexByte(line, ';'); i >= 0 {
			line = line[:i]
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(line)), 16, 64)
		if err != nil || n < 0 {
			return fmt.Errorf("load generator: bad chunk size %q", line)
		}
		if n == 0 {
			for { // trailer, up to the empty line
				line, err := c.br.ReadSlice('\n')
				if err != nil {
					return err
				}
				if len(bytes.TrimRight(line, "\r\n")) == 0 {
					return nil
				}
			}
		}
		if err := c.readN(n, keep); err != nil {
			return err
		}
		if line, err := c.br.ReadSlice('\n'); err != nil || len(bytes.TrimRight(line, "\r\n")) != 0 {
			return errors.Join(err, errors.New("load generator: chunk not followed by CRLF"))
		}
	}
}

func asciiEqualFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		x, y := b[i], s[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// stdClient is the net/http generator: the prepared request sent through a net/http client,
// copied per call (a request may not be reused while its answer is read).
type stdClient struct {
	hc   *http.Client
	req  *http.Request
	body []byte
}

func newStdClient(req *http.Request) (*stdClient, error) {
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost, tr.MaxConnsPerHost = loadWorkers, loadWorkers
	return &stdClient{hc: &http.Client{Transport: tr, Timeout: 30 * time.Second}, req: req, body: body}, nil
}

func (sc *stdClient) conn() *loadConn   { return &loadConn{} }
func (sc *stdClient) release(*loadConn) {}
func (sc *stdClient) close()            { sc.hc.CloseIdleConnections() }

func (sc *stdClient) do(c *loadConn, keep bool) (int, []byte, error) {
	req := sc.req.Clone(sc.req.Context())
	if sc.body != nil {
		req.Body = io.NopCloser(bytes.NewReader(sc.body))
	}
	resp, err := sc.hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	if !keep {
		_, err = io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, nil, err
	}
	buf := bytes.NewBuffer(c.body[:0])
	_, err = buf.ReadFrom(resp.Body)
	c.body = buf.Bytes()
	return resp.StatusCode, c.body, err
}

// TestLoadGenerator checks that both generators send the prepared request as net/http would
// (method, URI, headers, body) and read every form of answer the targets give: a known length,
// chunked, Connection: close, no body, and an idle connection the server closed in between.
func TestLoadGenerator(t *testing.T) {
	const reqBody = `{"pax":4}`
	var seen atomic.Int64
	mux := http.NewServeMux()
	check := func(w http.ResponseWriter, r *http.Request) bool {
		b, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || r.URL.Query().Get("x") != "1" || string(b) != reqBody ||
			r.Header.Get("Content-Type") != "application/json" || r.Header.Get("Property") != "42" ||
			r.ContentLength != int64(len(reqBody)) {
			t.Errorf("request %s %s %v %q", r.Method, r.RequestURI, r.Header, b)
			w.WriteHeader(http.StatusBadRequest)
			return false
		}
		seen.Add(1)
		return true
	}
	mux.HandleFunc("/length", func(w http.ResponseWriter, r *http.Request) {
		if check(w, r) {
			w.Header().Set("Content-Length", "15")
			io.WriteString(w, `{"success":true}`[:15])
		}
	})
	mux.HandleFunc("/chunked", func(w http.ResponseWriter, r *http.Request) {
		if check(w, r) {
			io.WriteString(w, `{"success":`)
			w.(http.Flusher).Flush()
			io.WriteString(w, `true}`)
		}
	})
	mux.HandleFunc("/close", func(w http.ResponseWriter, r *http.Request) {
		if check(w, r) {
			w.Header().Set("Connection", "close")
			io.WriteString(w, `{"success":true}`)
		}
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		if check(w, r) {
			w.WriteHeader(http.StatusNoContent)
		}
	})
	srv := httptest.NewUnstartedServer(mux)
	srv.Config.IdleTimeout = 100 * time.Millisecond
	srv.Start()
	defer srv.Close()
	for _, gen := range []string{rawGenerator, stdGenerator} {
		for _, path := range []string{"/length", "/chunked", "/close", "/empty"} {
			req, err := http.NewRequest(http.MethodPost, srv.URL+path+"?x=1", strings.NewReader(reqBody))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Property", "42")
			client, err := newLoadClient(gen, req)
			if err != nil {
				t.Fatal(err)
			}
			want := 2 * 50
			seen.Store(0)
			for round := range 2 {
				if round == 1 {
					time.Sleep(300 * time.Millisecond) // the server closes the idle connections
				}
				var ok func([]byte) bool
				if path != "/empty" {
					ok = func(b []byte) bool {
						if path == "/length" {
							return string(b) == `{"success":true`
						}
						return string(b) == `{"success":true}`
					}
				}
				res := runLoad(client, 50, 4, ok, false)
				if res.failed() {
					t.Errorf("%s %s round %d: %s", gen, path, round, res)
				}
				if want := 200; path == "/empty" {
					want = 204
					if res.statuses[want] != 50 {
						t.Errorf("%s %s: statuses %v", gen, path, res.statuses)
					}
				} else if res.statuses[want] != 50 {
					t.Errorf("%s %s: statuses %v", gen, path, res.statuses)
				}
			}
			if n := seen.Load(); n != int64(want) {
				t.Errorf("%s %s: the server saw %d requests, want %d", gen, path, n, want)
			}
			client.close()
		}
	}
}
