package sandbox

// The Cloudbeds Payments Vault v1.0 on the sandbox
//
// It is served under [CloudbedsVaultAPIPath] (the stand-in for https://api.payments.cloudbeds.com)
// with the bearer credential of Pay-by-Link (a live access token of a Cloudbeds consent, or an API
// key of [Credentials] in Authorization: Bearer). X-Property-Id, when sent, must name the
// sandbox's property. Failures use real status codes with {"message"}, as Cloudbeds' other
// payment APIs do (the published document declares none).
//
// tokenizeCard checks the card as a vault would — a card number of 12 to 19 digits that passes
// the Luhn check, a CVV of 3 or 4 digits, a month from 01 to 12 and a four-digit year, an expiry
// not in the past — and stores it as a payment method with a new id. The sandbox never keeps,
// answers or logs the card number or the CVV: a stored card is its brand, last four digits, expiry
// and holder, and no error message repeats a card number (any run of 12 or more digits in one is
// replaced by REDACTED).

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// CloudbedsVaultAPIPath is the origin of the Cloudbeds Payments Vault on the sandbox, which its
// /vault/v1 paths follow (the value to use as hospitality.CloudbedsConfig.BaseURL for
// ConnectCloudbedsPaymentsVault).
const CloudbedsVaultAPIPath = "/cloudbeds-payments-vault"

// cbVaultState keeps the stored cards, masked.
type cbVaultState struct {
	cb  *cloudbedsSandbox
	now func() time.Time

	mu    sync.Mutex
	cards map[string]cbStoredCard // payment method id → card
}

// cbStoredCard is what the sandbox keeps of a card: nothing a payment could be made with.
type cbStoredCard struct {
	brand, last4, month, year, holder string
}

func registerCloudbedsVault(cb *cloudbedsSandbox) error {
	a := &api{name: "cloudbeds-payments-vault", prefix: CloudbedsVaultAPIPath, errorFn: cloudbedsVaultError,
		check: cb.checkVaultProperty, authenticate: cb.authenticateBearer}
	if err := cb.s.mount(a, specs.CloudbedsPaymentsVault); err != nil {
		return err
	}
	st := &cbVaultState{cb: cb, now: cb.s.opts.Now, cards: map[string]cbStoredCard{}}
	a.ops = map[string]opFunc{"tokenizeCard": st.tokenize}
	return nil
}

// cbLongDigits finds card-number-shaped runs (12 or more digits, spaces or dashes between them).
var cbLongDigits = regexp.MustCompile(`[0-9](?:[ -]?[0-9]){11,}`)

// cloudbedsVaultError writes the vault's {"message"} failures, with any card-number-shaped digit
// run of msg replaced: a validation message may quote what the request sent.
func cloudbedsVaultError(w http.ResponseWriter, status int, code, msg string) {
	cloudbedsMessageError(w, status, code, cbLongDigits.ReplaceAllString(msg, "REDACTED"))
}

// checkVaultProperty refuses a property other than the sandbox's in X-Property-Id (the header is
// optional).
func (cb *cloudbedsSandbox) checkVaultProperty(s *Server, r *http.Request) (int, string, string) {
	if id := strings.TrimSpace(r.Header.Get("X-Property-Id")); id != "" && id != s.creds.CloudbedsPropertyID {
		return http.StatusForbidden, "forbidden", "The credentials have no access to property " + id
	}
	return 0, "", ""
}

// cbLuhn reports whether digits pass the Luhn check.
func cbLuhn(digits string) bool {
	sum := 0
	for i := range len(digits) {
		n := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			if n *= 2; n > 9 {
				n -= 9
			}
		}
		sum += n
	}
	return sum%10 == 0
}

// cbAllDigits reports whether s is a non-empty run of ASCII digits.
func cbAllDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func (st *cbVaultState) tokenize(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var req struct {
		CardNumber     string `json:"card_number"`
		CVV            string `json:"cvv"`
		CardBrand      string `json:"card_brand"`
		CardholderName string `json:"cardholder_name"`
		Expiration     struct {
			Month string `json:"month"`
			Year  string `json:"year"`
		} `json:"expiration"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		cloudbedsVaultError(w, http.StatusBadRequest, "", "Malformed request body")
		return
	}
	pan := strings.NewReplacer(" ", "", "-", "").Replace(req.CardNumber)
	month, _ := strconv.Atoi(req.Expiration.Month)
	year, _ := strconv.Atoi(req.Expiration.Year)
	now := st.now().UTC()
	switch {
	case !cbAllDigits(pan) || len(pan) < 12 || len(pan) > 19 || !cbLuhn(pan):
		cloudbedsVaultError(w, http.StatusBadRequest, "", "card_number is not a valid card number")
		return
	case !cbAllDigits(req.CVV) || len(req.CVV) < 3 || len(req.CVV) > 4:
		cloudbedsVaultError(w, http.StatusBadRequest, "", "cvv must be 3 or 4 digits")
		return
	case len(req.Expiration.Month) != 2 || !cbAllDigits(req.Expiration.Month) || month < 1 || month > 12:
		cloudbedsVaultError(w, http.StatusBadRequest, "", "expiration.month must be two digits from 01 to 12")
		return
	case len(req.Expiration.Year) != 4 || !cbAllDigits(req.Expiration.Year):
		cloudbedsVaultError(w, http.StatusBadRequest, "", "expiration.year must be four digits")
		return
	case year < now.Year() || (year == now.Year() && month < int(now.Month())):
		cloudbedsVaultError(w, http.StatusBadRequest, "", "the card has expired")
		return
	case strings.TrimSpace(req.CardholderName) == "":
		cloudbedsVaultError(w, http.StatusBadRequest, "", "cardholder_name is required")
		return
	}
	brand := strings.ToUpper(strings.TrimSpace(req.CardBrand))
	if brand == "" {
		brand = "VISA"
	}
	id := cbUUID()
	st.mu.Lock()
	st.cards[id] = cbStoredCard{brand: brand, last4: pan[len(pan)-4:], month: req.Expiration.Month, year: req.Expiration.Year,
		holder: req.CardholderName}
	st.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{"id": id})
}
