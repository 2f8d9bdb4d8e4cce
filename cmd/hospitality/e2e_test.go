package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// The end-to-end tests run the built binary against a sandbox this test process serves on
// loopback (HOSPITALITY_SANDBOX_URL), so that tokens outlive each command and the test controls
// the sandbox's clock; one test uses the in-process sandbox --sandbox starts by itself.

var binary string // the built command, set by TestMain

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "hospitality-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "hospitality")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the command: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// world is one user's machine: a config directory and the sandbox their commands reach.
type world struct {
	t        *testing.T
	config   string // XDG_CONFIG_HOME
	sb       *sandbox.Server
	root     string // the sandbox's URL; "" for the in-process sandbox
	redirect string // the redirect URI the sandbox accepts
	mu       sync.Mutex
	now      time.Time
	outputs  []string // everything every command printed, for the secret check
}

// newWorld starts a sandbox on loopback whose apps accept a free loopback port as redirect URI.
func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{t: t, config: t.TempDir(), now: time.Now()}
	w.redirect = fmt.Sprintf("http://127.0.0.1:%d/callback", freePort(t))
	sb, err := sandbox.New(sandbox.Options{Credentials: sandboxCredentials(w.redirect), Now: w.clock})
	if err != nil {
		t.Fatal(err)
	}
	if err := sb.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close(context.Background()) })
	w.sb, w.root = sb, sb.URL()
	t.Cleanup(w.checkNoSecrets)
	return w
}

func (w *world) clock() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.now
}

// advance moves the sandbox's clock.
func (w *world) advance(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.now = w.now.Add(d)
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// environ is the commands' environment: no browser, the world's config directory and sandbox.
func (w *world) environ(extra ...string) []string {
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + w.config, "XDG_CONFIG_HOME=" + w.config}
	if w.root != "" {
		env = append(env, sandboxURLEnv+"="+w.root)
	}
	return append(env, extra...)
}

// result is what one command did.
type result struct {
	stdout, stderr string
	code           int
}

// run runs the command to its end.
func (w *world) run(args []string, extraEnv ...string) result {
	w.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = w.environ(extraEnv...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		w.t.Fatalf("hospitality %s: %v", strings.Join(args, " "), err)
	}
	w.record(r.stdout, r.stderr)
	return r
}

func (w *world) record(s ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.outputs = append(w.outputs, s...)
}

// ok runs the command and fails the test unless it exits 0.
func (w *world) ok(args ...string) string {
	w.t.Helper()
	r := w.run(args)
	if r.code != 0 {
		w.t.Fatalf("hospitality %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

var consentURL = regexp.MustCompile(`(?m)^  (http://127\.0\.0\.1:\d+/\S+)$`)

// login runs an authorization-code login, approving the consent page over HTTP as a browser
// would: load the page, submit Approve, follow the redirect to the command's loopback listener.
func (w *world) login(args ...string) result {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = w.environ()
	var out bytes.Buffer
	cmd.Stdout = &out
	stderr, err := cmd.StderrPipe()
	if err != nil {
		w.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	var errText strings.Builder
	sc := bufio.NewScanner(stderr)
	approved := false
	for sc.Scan() {
		line := sc.Text()
		errText.WriteString(line + "\n")
		if m := consentURL.FindStringSubmatch(line); m != nil && !approved {
			approved = true
			callback, err := approveConsent(ctx, m[1])
			if err != nil {
				w.t.Fatalf("consent: %v", err)
			}
			res, err := http.Get(callback.String()) // the browser follows the redirect
			if err != nil {
				w.t.Fatalf("redirect to the loopback listener: %v", err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	}
	err = cmd.Wait()
	r := result{stdout: out.String(), stderr: errText.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	}
	w.record(r.stdout, r.stderr)
	if !approved {
		w.t.Fatalf("login printed no consent URL:\n%s", r.stderr)
	}
	return r
}

// secrets returns every secret the world holds: the sandbox's client secrets and API key, and
// every access and refresh token in the token files.
func (w *world) secrets() []string {
	c := sandbox.DefaultCredentials
	out := []string{c.KobasClientSecret, c.OctotableClientSecret, c.CloudbedsClientSecret, c.CobotClientSecret, c.CloudbedsAPIKey}
	for _, dir := range []string{"hospitality", "hospitality/sandbox"} {
		b, err := os.ReadFile(filepath.Join(w.config, dir, "tokens.json"))
		if err != nil {
			continue
		}
		var f struct {
			Tokens map[string]struct {
				AccessToken  string `json:"access_token"`
				RefreshToken string `json:"refresh_token"`
			} `json:"tokens"`
		}
		json.Unmarshal(b, &f)
		for _, tok := range f.Tokens {
			out = append(out, tok.AccessToken, tok.RefreshToken)
		}
	}
	return out
}

// checkNoSecrets fails the test if any command printed a secret.
func (w *world) checkNoSecrets() {
	secrets := w.secrets()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, out := range w.outputs {
		for _, s := range secrets {
			if s != "" && strings.Contains(out, s) {
				w.t.Errorf("a command printed a secret (%d characters, starting %.4q):\n%s", len(s), s, out)
			}
		}
	}
}

// storedToken returns the access token saved under key.
func (w *world) storedToken(key string) string {
	w.t.Helper()
	b, err := os.ReadFile(filepath.Join(w.config, "hospitality", "sandbox", "tokens.json"))
	if err != nil {
		w.t.Fatal(err)
	}
	var f struct {
		Tokens map[string]struct {
			AccessToken string `json:"access_token"`
		} `json:"tokens"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		w.t.Fatal(err)
	}
	return f.Tokens[key].AccessToken
}

func (w *world) checkModes() {
	w.t.Helper()
	for _, name := range []string{"tokens.json", "config.json"} {
		fi, err := os.Stat(filepath.Join(w.config, "hospitality", "sandbox", name))
		if err != nil {
			w.t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			w.t.Errorf("%s mode = %v, want 0600", name, fi.Mode().Perm())
		}
	}
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, got)
		}
	}
}

// jsonLines decodes JSON lines.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var items []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		items = append(items, m)
	}
	return items
}

var postReservation = []string{"api", "cloudbeds", "postReservation",
	"-f", "startDate=2025-06-12", "-f", "endDate=2025-06-14", "-f", "guestFirstName=Ana", "-f", "guestLastName=Silva",
	"-f", "guestEmail=ana.silva@example.com", "-f", "guestCountry=PT", "-f", "guestZip=4050-123", "-f", "paymentMethod=cash",
	"-f", "rooms[0][roomTypeID]=77", "-f", "rooms[0][quantity]=1", "-f", "adults[0][roomTypeID]=77", "-f", "adults[0][quantity]=2",
	"-f", "children[0][roomTypeID]=77", "-f", "children[0][quantity]=0", "--jq", ".reservationID"}

func TestCloudbedsOAuthEndToEnd(t *testing.T) {
	w := newWorld(t)
	r := w.login("login", "cloudbeds", "--sandbox", "--no-browser", "--redirect-url", w.redirect)
	if r.code != 0 {
		t.Fatalf("login cloudbeds: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	mustContain(t, "login output", r.stdout, "Logged in to Cloudbeds (sandbox)", "property 172938", "mode 0600")
	w.checkModes()
	mustContain(t, "status", w.ok("status"), "Cloudbeds (sandbox at "+w.root+")", "OAuth as client live1_sandbox_cloudbeds",
		"property 172938", "refresh token: yes", "secret      the sandbox's")

	// A form body, three times; then query parameters and --paginate across at least three pages.
	var ids []string
	for range 3 {
		ids = append(ids, strings.TrimSpace(w.ok(postReservation...)))
	}
	got := w.ok("api", "cloudbeds", "getReservation", "-p", "reservationID="+ids[0], "--jq", ".data.guestName")
	mustContain(t, "getReservation", got, "Ana Silva")
	items := jsonLines(t, w.ok("api", "cloudbeds", "getReservations", "-p", "pageSize=1", "--paginate"))
	if len(items) < 4 {
		t.Fatalf("getReservations --paginate pageSize=1 = %d items, want the seeded one and the 3 created", len(items))
	}
	seen := map[string]bool{}
	for _, it := range items {
		seen[fmt.Sprint(it["reservationID"])] = true
	}
	for _, id := range ids {
		if !seen[id] {
			t.Errorf("paginated list lacks reservation %s: %v", id, seen)
		}
	}
	if ops := w.sb.Operations()[sandbox.CloudbedsAPIPath+" getReservations"]; ops.Valid < len(items) || ops.Violations != 0 {
		t.Errorf("sandbox saw getReservations %+v, want at least %d valid pages and no violation", ops, len(items))
	}

	// The API v2 client signs in with the same token.
	mustContain(t, "cloudbeds-v2", w.ok("api", "cloudbeds-v2", "listRatePlans", "-p", "x-property-id=172938", "--raw"), "data")

	// Expired on the server: the command refreshes it transparently and retries.
	before := w.storedToken("cloudbeds:live1_sandbox_cloudbeds")
	w.advance(2 * time.Hour)
	mustContain(t, "getReservation after expiry", w.ok("api", "cloudbeds", "getReservation", "-p", "reservationID="+ids[1], "--jq", ".success"), "true")
	if after := w.storedToken("cloudbeds:live1_sandbox_cloudbeds"); after == before || after == "" {
		t.Errorf("the expired token was not replaced in the store")
	}

	mustContain(t, "logout", w.ok("logout", "cloudbeds", "--sandbox"), "Logged out of Cloudbeds (sandbox)")
	mustContain(t, "status after logout", w.ok("status"), "Not logged in")
	r = w.run([]string{"api", "cloudbeds", "getReservations"})
	if r.code != exitAuth || !strings.Contains(r.stderr, "not logged in to Cloudbeds") {
		t.Errorf("api after logout: exit %d, %q; want exit 3 naming the login", r.code, r.stderr)
	}
}

func TestCloudbedsAPIKeyEndToEnd(t *testing.T) {
	w := newWorld(t)
	r := w.run([]string{"login", "cloudbeds", "--sandbox", "--api-key"}, envName("cloudbeds", "API_KEY")+"="+sandbox.DefaultCredentials.CloudbedsAPIKey)
	if r.code != 0 {
		t.Fatalf("login --api-key: exit %d\n%s", r.code, r.stderr)
	}
	mustContain(t, "login", r.stdout, "API key")
	w.checkModes()
	mustContain(t, "status", w.ok("status"), "API key", "secret      not needed")
	mustContain(t, "getHotels", w.ok("api", "cloudbeds", "GET", "/getHotels", "--jq", ".success"), "true")
}

func TestCobotEndToEnd(t *testing.T) {
	w := newWorld(t)
	r := w.login("login", "cobot", "--sandbox", "--no-browser", "--redirect-url", w.redirect)
	if r.code != 0 {
		t.Fatalf("login cobot: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The ID token was verified (signature, audience, nonce): its claims are what status shows.
	mustContain(t, "login", r.stdout, "user Maria Keller <maria.keller@example.org>")
	w.checkModes()
	mustContain(t, "status", w.ok("status"), "Cobot (sandbox at", "read_bookings", "refresh token: no")

	// A path parameter, by METHOD and concrete path.
	mustContain(t, "space", w.ok("api", "cobot", "GET", "/spaces/"+sandbox.CobotSpaceID, "--jq", ".data.id"), sandbox.CobotSpaceID)
	// JSON:API bodies from nested fields, then page[number] and links.next across three pages.
	for i := range 3 {
		day := fmt.Sprintf("2031-03-%02d", 4+i)
		w.ok("api", "cobot", "create-membership-booking", "-p", "membershipId="+cobotMember,
			"-f", "data.type=bookings", "-f", "data.attributes.from="+day+"T09:00:00Z", "-f", "data.attributes.to="+day+"T11:00:00Z",
			"-f", "data.attributes.title=Review "+day, "-f", "data.relationships.resource.data.id=room-1",
			"-f", "data.relationships.resource.data.type=resources")
	}
	items := jsonLines(t, w.ok("api", "cobot", "get-membership-bookings", "-p", "membershipId="+cobotMember,
		"-p", "filter[from]=2031-03-01T00:00:00Z", "-p", "filter[to]=2031-04-01T00:00:00Z", "-p", "page[size]=1", "--paginate"))
	if len(items) != 3 {
		t.Errorf("bookings --paginate page[size]=1 = %d items, want 3", len(items))
	}
}

func TestClientCredentialsEndToEnd(t *testing.T) {
	w := newWorld(t)
	mustContain(t, "login kobas", w.ok("login", "kobas", "--sandbox"), "Logged in to Kobas (sandbox)", "company 1234")
	mustContain(t, "login octotable", w.ok("login", "octotable", "--sandbox"), "Logged in to OctoTable (sandbox)", "property 999643")
	w.checkModes()
	mustContain(t, "status", w.ok("status"), "Kobas (sandbox at", "OctoTable (sandbox at", "client credentials of sandbox-kobas-client")

	// Kobas: by METHOD and path, headers with -i, the raw answer.
	got := w.ok("api", "kobas", "GET", "/venue", "-i")
	mustContain(t, "kobas -i", got, "HTTP/1.1 200 OK", "Content-Type: application/json", `"name"`)
	if v := w.ok("api", "kobas", "listVenues", "--raw"); strings.Contains(v, "\n  ") {
		t.Errorf("--raw answer was re-indented:\n%s", v)
	}

	// OctoTable: a JSON body from --input, then next_cursor across three pages.
	rooms := w.ok("api", "octotable", "listRooms", "--jq", ".data[0].id")
	services := w.ok("api", "octotable", "listServices", "--jq", ".data[0].id")
	body := filepath.Join(t.TempDir(), "reservation.json")
	os.WriteFile(body, fmt.Appendf(nil, `{"start_date":"2025-05-15","start_hour":"13:00:00","pax":2,"channel":"OCTOTABLE_ADMIN","service_id":%s,"room_id":%s,"customer":{"first_name":"Adam","last_name":"Devis"}}`,
		strings.TrimSpace(services), strings.TrimSpace(rooms)), 0o600)
	for range 2 {
		w.ok("api", "octotable", "createReservation", "--input", body)
	}
	items := jsonLines(t, w.ok("api", "octotable", "listReservations", "-p", "limit=1", "--paginate"))
	if len(items) < 3 {
		t.Errorf("listReservations --paginate limit=1 = %d items, want at least 3", len(items))
	}

	// Expired: the token is fetched again with the sandbox's client credentials.
	before := w.storedToken("kobas:sandbox-kobas-client:1234")
	w.advance(2 * time.Hour)
	w.ok("api", "kobas", "listVenues")
	if after := w.storedToken("kobas:sandbox-kobas-client:1234"); after == before || after == "" {
		t.Errorf("the expired kobas token was not replaced in the store")
	}
}

func TestUsageErrors(t *testing.T) {
	w := newWorld(t)
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"no command", nil, exitUsage, []string{"a command is required"}},
		{"unknown command", []string{"frobnicate"}, exitUsage, []string{`unknown command "frobnicate"`}},
		{"unknown api", []string{"api", "opera", "getRooms"}, exitUsage, []string{`unknown api "opera"`, "cloudbeds, cloudbeds-v2"}},
		{"unknown operation", []string{"api", "cloudbeds", "getReservatons"}, exitUsage, []string{`unknown operation "getReservatons"`, "did you mean getReservations"}},
		{"unknown path", []string{"api", "kobas", "GET", "/nowhere"}, exitUsage, []string{"no operation GET /nowhere"}},
		{"unknown parameter", []string{"api", "cloudbeds", "getReservations", "-p", "pageSise=2"}, exitUsage,
			[]string{`getReservations has no parameter "pageSise"`, "parameters of getReservations (GET /getReservations)", "-p pageSize"}},
		{"missing required", []string{"api", "cloudbeds", "getReservation"}, exitUsage,
			[]string{`missing required parameter(s) "reservationID"`, "reservationID", "required"}},
		{"wrong type", []string{"api", "cloudbeds", "getReservations", "-p", "pageSize=ten"}, exitUsage,
			[]string{`parameter "pageSize" of getReservations: "ten" is not an integer`}},
		{"not in enum", []string{"api", "cloudbeds", "getReservations", "-p", "status=lost"}, exitUsage, []string{`parameter "status"`}},
		{"unknown body field", []string{"api", "octotable", "createReservation", "-f", "paxx=2"}, exitUsage, []string{`unknown field "paxx"`, "-f start_date"}},
		{"body field of the wrong type", []string{"api", "octotable", "createReservation", "-f", "pax=two"}, exitUsage, []string{`field "pax": "two" is not an integer`}},
		{"missing body field", []string{"api", "octotable", "createReservation", "-f", "pax=2"}, exitUsage, []string{"request body", "start_date"}},
		{"body where none is taken", []string{"api", "kobas", "listVenues", "-f", "a=1"}, exitUsage, []string{"takes no request body"}},
		{"paginate without paging", []string{"api", "kobas", "listVenues", "--paginate"}, exitUsage, []string{"does not page"}},
		{"bad jq", []string{"api", "kobas", "listVenues", "--jq", ".["}, exitUsage, []string{"--jq"}},
		{"unknown flag", []string{"api", "kobas", "listVenues", "--frob"}, exitUsage, []string{"unknown flag: --frob"}},
		{"unknown provider", []string{"login", "opera"}, exitUsage, []string{`unknown provider "opera"`}},
		{"not logged in", []string{"api", "kobas", "listVenues"}, exitAuth, []string{"not logged in to Kobas: run hospitality login kobas"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := w.run(tc.args)
			if r.code != tc.code {
				t.Errorf("hospitality %q: exit %d, want %d\n%s", tc.args, r.code, tc.code, r.stderr)
			}
			for _, want := range tc.want {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("hospitality %q: stderr lacks %q:\n%s", tc.args, want, r.stderr)
				}
			}
		})
	}
}

// TestInProcessSandbox is the README's first steps: sign in to the sandbox --sandbox starts
// in-process, then call without naming the sandbox again.
func TestInProcessSandbox(t *testing.T) {
	w := newWorld(t)
	w.root = "" // no HOSPITALITY_SANDBOX_URL: each command starts its own
	r := w.login("login", "cloudbeds", "--sandbox", "--no-browser")
	if r.code != 0 {
		t.Fatalf("login: exit %d\n%s", r.code, r.stderr)
	}
	mustContain(t, "status", w.ok("status"), "Cloudbeds (sandbox, in-process)")
	items := jsonLines(t, w.ok("api", "cloudbeds", "getReservations", "--paginate"))
	if len(items) == 0 {
		t.Errorf("getReservations --paginate printed no reservation")
	}
}

func TestOps(t *testing.T) {
	w := newWorld(t)
	got := w.ok("ops", "cloudbeds", "reservation", "get")
	if !regexp.MustCompile(`getReservations\s+GET /getReservations\s+cloudbeds\.GetReservationsWithResponse\s+read:reservation`).MatchString(got) {
		t.Errorf("ops cloudbeds reservation get lacks getReservations' line:\n%s", got)
	}
	if strings.Contains(got, "postReservation") {
		t.Errorf("ops matched an operation lacking a word:\n%s", got)
	}
	got = w.ok("ops", "cobot", "bookings", "membership")
	mustContain(t, "ops cobot", got, "create-membership-booking", "cobot.CreateMembershipBookingWithApplicationVndAPIPlusJSONBodyWithResponse", "write_bookings")
	if r := w.run([]string{"ops", "kobas", "zebra"}); r.code != exitUsage {
		t.Errorf("ops with no match: exit %d, want 2", r.code)
	}
}

func TestWebhooksSend(t *testing.T) {
	w := newWorld(t)
	got := make(chan []byte, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- b
	}))
	t.Cleanup(srv.Close)
	w.ok("webhooks", "send", "cloudbeds", "reservation/created", "--to", srv.URL+"/hooks/cloudbeds", "--id", "9100000042")
	ev, err := hospitality.ParseCloudbedsWebhook(<-got)
	if err != nil {
		t.Fatalf("ParseCloudbedsWebhook(delivery) = %v", err)
	}
	if ev.Event != "reservation/created" || ev.ReservationID != "9100000042" || ev.PropertyID != "172938" || ev.Time.IsZero() {
		t.Errorf("delivery = %+v, want reservation/created of 9100000042 at property 172938 with a time", ev)
	}
	w.ok("webhooks", "send", "cobot", "confirmed_membership", "--to", srv.URL+"/hooks/cobot")
	mustContain(t, "cobot delivery", string(<-got), `"url":"https://sandbox-space.cobot.me/api/memberships/`+cobotMember)
	if r := w.run([]string{"webhooks", "send", "cloudbeds", "room/painted", "--to", srv.URL}); r.code != exitUsage {
		t.Errorf("unknown event: exit %d, want 2", r.code)
	}
}

func TestHelpAndCompletion(t *testing.T) {
	w := newWorld(t)
	for _, cmd := range [][]string{{"login"}, {"logout"}, {"status"}, {"api"}, {"ops"}, {"webhooks", "send"}, {"sandbox"}, {"demo"}} {
		got := w.ok(append(cmd, "--help")...)
		mustContain(t, strings.Join(cmd, " ")+" --help", got, "Examples:", "hospitality "+cmd[0])
	}
	mustContain(t, "root --help", w.ok("--help"), "Exit codes:", "3  authentication required")
	for _, shell := range []string{"bash", "zsh", "fish"} {
		if got := w.ok("completion", shell); !strings.Contains(got, "hospitality") {
			t.Errorf("completion %s printed no script", shell)
		}
	}
	got := w.ok("__complete", "api", "cloudbeds", "getReserv")
	mustContain(t, "operation completion", got, "getReservations")
}
