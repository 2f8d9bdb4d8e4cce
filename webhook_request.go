package hospitality

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// Limits on a webhook payload, checked by [checkWebhookJSON] before it is decoded. Webhook
// endpoints are unauthenticated, so what a payload may cost must not depend on who sent it:
// decoding a long number (into a [math/big.Rat], say) costs more than linear time, and deep
// nesting costs stack. Real deliveries carry short ids and a flat object or two.
const (
	// maxWebhookNumber bounds the length of a JSON number, sign, fraction and exponent included.
	maxWebhookNumber = 64
	// maxWebhookDepth bounds how deeply objects and arrays nest.
	maxWebhookDepth = 32
)

// webhookLimitError reports a payload that breaks one of the webhook payload limits. Its text
// names the limit and the byte offset, never the payload's content, so a handler may send it
// back to the sender.
type webhookLimitError struct {
	problem string // such as "number is longer than 64 characters"
	offset  int    // where the offending number or bracket starts
}

var _ error = (*webhookLimitError)(nil)

// Error returns the problem and where it starts.
func (e *webhookLimitError) Error() string {
	return fmt.Sprintf("%s (at byte %d)", e.problem, e.offset)
}

// checkWebhookJSON checks body against the webhook payload limits, [maxWebhookNumber] and
// [maxWebhookDepth], in one pass that stops at the first excess. It does not check the JSON
// grammar; the decoder that runs next does.
func checkWebhookJSON(body []byte) error {
	_, err := scanWebhookJSON(body)
	return err
}

// scanWebhookJSON implements [checkWebhookJSON]; it also returns how many bytes of body it read,
// for tests.
func scanWebhookJSON(body []byte) (int, error) {
	depth := 0
	inString, escaped := false, false
	for i := 0; i < len(body); i++ {
		c := body[i]
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch {
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if depth++; depth > maxWebhookDepth {
				return i + 1, &webhookLimitError{fmt.Sprintf("nesting is deeper than %d levels", maxWebhookDepth), i}
			}
		case c == '}' || c == ']':
			depth-- // a surplus is the decoder's to report
		case c == '-' || '0' <= c && c <= '9':
			start := i
			for i+1 < len(body) && isJSONNumberByte(body[i+1]) {
				if i++; i-start >= maxWebhookNumber {
					return i + 1, &webhookLimitError{fmt.Sprintf("number is longer than %d characters", maxWebhookNumber), start}
				}
			}
		}
	}
	return len(body), nil
}

// isJSONNumberByte reports whether c may appear in a JSON number.
func isJSONNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
}

// readWebhook reads the body of a webhook delivery of at most limit bytes. It answers 405 to a
// method other than POST, 413 to a larger body and 400 to a body it cannot read, and then
// reports false.
func readWebhook(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, "payload too large", http.StatusRequestEntityTooLarge)
		} else {
			http.Error(w, "cannot read payload", http.StatusBadRequest)
		}
		return nil, false
	}
	return body, true
}

// rejectWebhook answers 400 to a payload parse refused: with what, a description of the
// payload expected, and, when a payload limit was broken, which one.
func rejectWebhook(w http.ResponseWriter, what string, err error) {
	msg := "payload is not " + what
	var limit *webhookLimitError
	if errors.As(err, &limit) {
		msg += ": " + limit.Error()
	}
	http.Error(w, msg, http.StatusBadRequest)
}
