package wire

// Flag is a yes/no value, such as a success member, that the provider
// documents as a free string: it arrives as a JSON boolean, as 0/1, as the
// strings "true", "false", "1" and "0" or, now and then, as other text.
//
// Everything [Bool] accepts decodes into Bool (true, "TRUE", 1, "0", "",
// null). Any other JSON string or number ("yes", "pending", 2) is kept
// verbatim in Raw with Bool false, so one odd value cannot fail a whole
// answer; objects and arrays are still an error. It marshals as a JSON
// boolean, or as the Raw text (a JSON string) when Raw is set, so a received
// value round-trips unchanged. UnmarshalText accepts what Bool accepts only.
type Flag struct {
	// Bool is the flag; false when Raw is set.
	Bool
	// Raw holds a received value that is no boolean form, verbatim; it is ""
	// otherwise.
	Raw string
}

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (f *Flag) UnmarshalJSON(b []byte) error {
	switch k, v := scalar(b); k {
	case kindNull:
		*f = Flag{}
		return nil
	case kindTrue, kindFalse:
		*f = Flag{Bool: k == kindTrue}
		return nil
	case kindString, kindNumber:
		if t, ok := parseBool(v); ok {
			*f = Flag{Bool: Bool(t)}
		} else {
			*f = Flag{Raw: string(v)}
		}
		return nil
	}
	return jsonError("Flag", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the forms
// [Bool] accepts.
func (f *Flag) UnmarshalText(b []byte) error {
	t, ok := parseBool(b)
	if !ok {
		return textError("Flag", b)
	}
	*f = Flag{Bool: Bool(t)}
	return nil
}

// MarshalJSON implements [encoding/json.Marshaler]: a JSON boolean, or the
// Raw text as a JSON string when Raw is set.
func (f Flag) MarshalJSON() ([]byte, error) {
	if f.Raw != "" {
		return quoted(f.Raw), nil
	}
	return f.Bool.MarshalText()
}

// MarshalText implements [encoding.TextMarshaler]: "true" or "false", or Raw
// when it is set.
func (f Flag) MarshalText() ([]byte, error) {
	if f.Raw != "" {
		return []byte(f.Raw), nil
	}
	return f.Bool.MarshalText()
}

// String returns "true" or "false", or Raw when it is set.
func (f Flag) String() string {
	if f.Raw != "" {
		return f.Raw
	}
	return f.Bool.String()
}

// IsZero reports whether f is false and holds no Raw text.
func (f Flag) IsZero() bool { return !bool(f.Bool) && f.Raw == "" }

// Valid reports whether f holds a boolean, that is, Raw is empty.
func (f Flag) Valid() bool { return f.Raw == "" }
