package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"

	"golang.org/x/oauth2"
)

// EncodeToken returns the JSON record a [FileStore] keeps for tok
// (access_token, token_type, refresh_token, expiry, saved_at and the
// provider extras the SDK needs after a reload). Stores in other packages
// use it so that every store keeps the same fields. The result holds
// secrets; see [TokenCipher] to encrypt it.
func EncodeToken(tok *oauth2.Token) ([]byte, error) {
	if tok == nil {
		return nil, errors.New("auth: encode token: nil token")
	}
	b, err := json.Marshal(storedFrom(tok))
	if err != nil {
		return nil, fmt.Errorf("auth: encode token: %w", err)
	}
	return b, nil
}

// DecodeToken parses a record written by [EncodeToken]. Its errors never
// quote the record.
func DecodeToken(b []byte) (*oauth2.Token, error) {
	var st storedToken
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, errors.New("auth: decode token: record is corrupt")
	}
	return st.token(), nil
}

// TokenCipher encrypts token records at rest with AES-GCM (standard
// library), a random 96-bit nonce per record, and the store key as
// additional data, so a record copied under another key does not decrypt.
// The key is the caller's: 16, 24 or 32 bytes (AES-128, -192, -256), kept
// out of the store, e.g. in a secret manager. A TokenCipher is safe for
// concurrent use.
type TokenCipher struct {
	aead cipher.AEAD
}

// ErrDecrypt matches a record that does not decrypt with the [TokenCipher]'s
// key: a wrong key, a record moved to another store key, or tampering.
var ErrDecrypt = errors.New("auth: token record does not decrypt")

// tokenCipherVersion is the first byte of a sealed record.
const tokenCipherVersion = 1

// NewTokenCipher returns a TokenCipher for key, which must be 16, 24 or 32
// bytes long. The error never contains the key.
func NewTokenCipher(key []byte) (*TokenCipher, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("auth: token cipher: key must be 16, 24 or 32 bytes, got %d", len(key))
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("auth: token cipher: %w", err)
	}
	return &TokenCipher{aead: aead}, nil
}

// Seal encrypts record for storage under storeKey: a version byte, the
// nonce, then the ciphertext and tag.
func (c *TokenCipher) Seal(storeKey string, record []byte) []byte {
	ns := c.aead.NonceSize()
	out := make([]byte, 1+ns, 1+ns+len(record)+c.aead.Overhead())
	out[0] = tokenCipherVersion
	_, _ = rand.Read(out[1 : 1+ns])
	return c.aead.Seal(out, out[1:1+ns], record, []byte(storeKey))
}

// Open decrypts a record sealed under storeKey. A record that does not
// decrypt gives an error matching [ErrDecrypt].
func (c *TokenCipher) Open(storeKey string, sealed []byte) ([]byte, error) {
	ns := c.aead.NonceSize()
	if len(sealed) < 1+ns+c.aead.Overhead() || sealed[0] != tokenCipherVersion {
		return nil, ErrDecrypt
	}
	b, err := c.aead.Open(nil, sealed[1:1+ns], sealed[1+ns:], []byte(storeKey))
	if err != nil {
		return nil, ErrDecrypt
	}
	return b, nil
}
