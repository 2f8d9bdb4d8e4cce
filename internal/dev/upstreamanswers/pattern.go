package upstreamanswers

import (
	"math/rand/v2"
	"regexp/syntax"
	"strings"
	"unicode"
)

// generateFromPattern returns a random string the regular expression pattern matches, and false
// when Go's regexp/syntax cannot parse it. Repetitions without an upper bound repeat at most
// three times more than their minimum; character classes prefer printable ASCII.
func generateFromPattern(r *rand.Rand, pattern string) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	emit(r, re, &b)
	return b.String(), true
}

func emit(r *rand.Rand, re *syntax.Regexp, b *strings.Builder) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, c := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 && r.IntN(2) == 0 {
				c = unicode.SimpleFold(c)
			}
			b.WriteRune(c)
		}
	case syntax.OpCharClass:
		b.WriteRune(classRune(r, re.Rune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte(letters[r.IntN(len(letters))])
	case syntax.OpCapture:
		emit(r, re.Sub[0], b)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			emit(r, s, b)
		}
	case syntax.OpAlternate:
		emit(r, re.Sub[r.IntN(len(re.Sub))], b)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, 3
		switch re.Op {
		case syntax.OpPlus:
			lo, hi = 1, 4
		case syntax.OpQuest:
			hi = 1
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 {
				hi = lo + 3
			}
		}
		n := lo + r.IntN(hi-lo+1)
		for range n {
			emit(r, re.Sub[0], b)
		}
	}
	// Anchors, word boundaries and empty matches emit nothing.
}

// classRune picks a rune from a character class given as [lo, hi] pairs, from the part within
// printable ASCII when there is one (a negated class spans all of Unicode).
func classRune(r *rand.Rand, ranges []rune) rune {
	type span struct{ lo, hi rune }
	var ascii, all []span
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		all = append(all, span{lo, hi})
		if l, h := max(lo, ' '), min(hi, '~'); l <= h {
			ascii = append(ascii, span{l, h})
		}
	}
	pool := ascii
	if len(pool) == 0 {
		pool = all
	}
	if len(pool) == 0 {
		return 'x'
	}
	s := pool[r.IntN(len(pool))]
	return s.lo + rune(r.IntN(int(s.hi-s.lo)+1))
}
