package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// envName returns HOSPITALITY_<PROVIDER>_<WHAT>, e.g. HOSPITALITY_KOBAS_CLIENT_SECRET.
func envName(provider, what string) string {
	return "HOSPITALITY_" + strings.ToUpper(provider) + "_" + what
}

// askSecret is the flag value that asks for a secret at the terminal instead.
const askSecret = "-"

// credential resolves one credential value: the flag when set (askSecret asks at the terminal),
// then HOSPITALITY_<PROVIDER>_<WHAT>, then fallback (a stored or sandbox value), then a prompt
// when stdin is a terminal. It returns "" when none applies.
type credential struct {
	provider, what, label string
	secret                bool
}

// resolve returns the value for c, reading a prompt from s when needed and allowed.
func (c credential) resolve(s streams, flag, fallback string) (string, error) {
	switch {
	case flag == askSecret:
		return prompt(s, c.label, c.secret)
	case flag != "":
		return flag, nil
	}
	if v := os.Getenv(envName(c.provider, c.what)); v != "" {
		return v, nil
	}
	if fallback != "" {
		return fallback, nil
	}
	if isTerminal(s.in) {
		return prompt(s, c.label, c.secret)
	}
	return "", nil
}

// isTerminal reports whether r is a terminal.
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// prompt asks for label on stderr and reads one line from stdin; a secret is read without echo
// when stdin is a terminal.
func prompt(s streams, label string, secret bool) (string, error) {
	fmt.Fprintf(s.err, "%s: ", label)
	if f, ok := s.in.(*os.File); ok && secret && term.IsTerminal(int(f.Fd())) {
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(s.err)
		if err != nil {
			return "", fmt.Errorf("prompt: %w", err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	// One byte at a time, so that a later prompt reads the next line of a pipe.
	var line []byte
	b := make([]byte, 1)
	for {
		n, err := s.in.Read(b)
		if n == 1 && b[0] != '\n' {
			line = append(line, b[0])
		}
		if n == 1 && b[0] == '\n' || err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("prompt: %w", err)
		}
	}
	if secret {
		fmt.Fprintln(s.err)
	}
	return strings.TrimSpace(string(line)), nil
}
