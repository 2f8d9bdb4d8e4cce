package hospitality

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// cloudbedsVaultProfile is the Cloudbeds Payments Vault v1.0 on its own host: real status codes
// (the document declares no failure body; the transport's default decoder reads the common shapes)
// and the per-client limit and wording of the PMS APIs, whose bucket it shares.
var cloudbedsVaultProfile = transport.Profile{
	Name:       "cloudbeds-payments-vault",
	LimitGroup: "cloudbeds",
	RateLimit:  transport.RateLimit{Limit: 5, Burst: 1},
	Classify:   classifyCloudbeds,
}

// ConnectCloudbedsPaymentsVault returns a connection to the Cloudbeds Payments Vault v1.0
// (gen/cloudbedsvault's New builds the typed client on it) (card tokenization: card data in, a
// stored payment method id out) wired with the same [CloudbedsConfig] credential as
// [ConnectCloudbeds] and the shared transport chain: Cloudbeds' 5 requests per second per client,
// counted together with the PMS APIs, retries and typed errors. Failed calls return an error that
// unwraps to [*APIError].
//
// The API's document declares one credential, a bearer token, so every credential goes out as
// Authorization: Bearer — an APIKey too, instead of the x-api-key header of the PMS APIs.
//
// Card data never reaches an error: before the transport reads an error answer, the card number and
// CVV the request carried, and anything else shaped like a card number (12 to 19 digits that pass
// the Luhn check), are replaced by REDACTED, so neither [APIError.Message], [APIError.Body], the
// error text nor a log line holds them.
//
// The vault has its own host, https://api.payments.cloudbeds.com (gen/cloudbedsvault's
// DefaultServer), which /oauth/metadata does not name: DiscoverHost does not apply and is ignored.
// BaseURL, when set, is the origin the /vault/v1 paths are appended to (for example root +
// sandbox.CloudbedsVaultAPIPath); unlike for the other Cloudbeds APIs it does not move the OAuth
// endpoints, which the vault's host does not serve (set OAuth.BaseURL for that). It does no I/O.
// The connection is safe for concurrent use.
func ConnectCloudbedsPaymentsVault(ctx context.Context, cfg CloudbedsConfig, opts ...Option) (*Connection, error) {
	base, doer, err := cfg.bearerClient(ctx, opts, cloudbedsVaultProfile, cloudbedsvaultDefaultServer, "",
		[]transport.Middleware{redactCardData})
	if err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds payments vault: %w", err)
	}
	return newConnection("cloudbedsvault", base, doer), nil
}

// maxCardErrorBody bounds the error answer [redactCardData] reads; the transport keeps at most 1
// MiB of an error body anyway.
const maxCardErrorBody = 1 << 20

// redactCardData is the vault client's innermost middleware. For an answer outside 2xx it replaces,
// in the body, the card number and the CVV of the request and every other card-number-shaped digit
// run (see [redactPANs]) by REDACTED, before the transport builds an [*APIError] or logs anything
// from it. Successful answers pass untouched.
func redactCardData(req *http.Request, next transport.MiddlewareNext) (*http.Response, error) {
	number, cvv := cardFields(req)
	resp, err := next(req)
	if err != nil || resp == nil || resp.Body == nil || (resp.StatusCode >= 200 && resp.StatusCode < 300) {
		return resp, err
	}
	body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxCardErrorBody))
	resp.Body.Close()
	if rerr != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds payments vault: read error answer: %w", rerr)
	}
	clean := redactPANs(body, number, cvv)
	resp.Body = io.NopCloser(bytes.NewReader(clean))
	resp.ContentLength = int64(len(clean))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// cardFields returns the card_number and cvv of a tokenization request body, or "" where the
// request has none. The body is read through GetBody, so the request is left as it was.
func cardFields(req *http.Request) (number, cvv string) {
	if req.GetBody == nil {
		return "", ""
	}
	rc, err := req.GetBody()
	if err != nil {
		return "", ""
	}
	defer rc.Close()
	var card struct {
		CardNumber string `json:"card_number"`
		CVV        string `json:"cvv"`
	}
	if json.NewDecoder(io.LimitReader(rc, maxCardErrorBody)).Decode(&card) != nil {
		return "", ""
	}
	return card.CardNumber, card.CVV
}

// redactPANs returns b with REDACTED in place of the card number as the request spelled it and as
// its bare digits; of every run of 12 to 19 digits that passes the Luhn check, whether or not
// single spaces or dashes group its digits; and of every bare digit run equal to cvv (a whole run
// only: "123" in "1234" is kept). It returns b itself when nothing matched.
func redactPANs(b []byte, number, cvv string) []byte {
	orig := b
	for _, v := range []string{number, digitsOf(number)} {
		if len(v) >= 12 && bytes.Contains(b, []byte(v)) {
			b = bytes.ReplaceAll(b, []byte(v), []byte(redactedCard))
		}
	}
	b = redactRuns(b, true, func(digits string) bool { return luhnPAN(digits) })
	b = redactRuns(b, false, func(digits string) bool { return luhnPAN(digits) || (cvv != "" && digits == cvv) })
	if bytes.Equal(b, orig) {
		return orig
	}
	return b
}

// redactedCard replaces card data, as the transport's REDACTED replaces credentials.
const redactedCard = "REDACTED"

// luhnPAN reports whether digits are as long as a card number (12 to 19) and pass the Luhn check.
func luhnPAN(digits string) bool { return len(digits) >= 12 && len(digits) <= 19 && luhn(digits) }

// redactRuns replaces each maximal run of digits in b (with grouped, single spaces or dashes between
// digits allowed when grouped is set) for which match, given the run's digits, reports true.
func redactRuns(b []byte, grouped bool, match func(digits string) bool) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		if !isDigit(b[i]) {
			i++
			continue
		}
		end, digits := digitRun(b, i, grouped)
		if match(digits) {
			out = append(append(out, b[last:i]...), redactedCard...)
			last = end
		}
		i = end
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// digitRun returns where the run of digits starting at b[i] ends and its digits; with grouped,
// single spaces or dashes between two digits belong to the run.
func digitRun(b []byte, i int, grouped bool) (int, string) {
	var d []byte
	end := i
	for j := i; j < len(b); j++ {
		switch {
		case isDigit(b[j]):
			d = append(d, b[j])
			end = j + 1
		case grouped && (b[j] == ' ' || b[j] == '-') && j+1 < len(b) && isDigit(b[j+1]) && isDigit(b[j-1]):
		default:
			return end, string(d)
		}
	}
	return end, string(d)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digitsOf returns the digits of s.
func digitsOf(s string) string {
	var d []byte
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			d = append(d, s[i])
		}
	}
	return string(d)
}

// luhn reports whether the digits pass the Luhn check that card numbers carry.
func luhn(digits string) bool {
	sum := 0
	for i := range len(digits) {
		n, _ := strconv.Atoi(digits[len(digits)-1-i : len(digits)-i])
		if i%2 == 1 {
			if n *= 2; n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return sum%10 == 0
}
