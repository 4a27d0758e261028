package screen

import (
	"strings"
	"unicode/utf8"
)

// ASCII mode: without a UTF-8 locale (LC_ALL=C) or with -U, no byte above
// 0x7f may reach the terminal. tcell would print '?' for every rune of ours
// its charset lacks (the sort arrow came out as "CPU%?"); instead the frame
// turns each non-ASCII rune into an ASCII look-alike as it is drawn, the way
// htop draws its tree with "|-" and "`-", and anything else into '?'. Text a
// process controls has gone through Sanitize before this, so its invisible
// characters are already escapes; its other non-ASCII characters show as '?'.

// UnicodeLocale reports whether the locale the environment names uses UTF-8,
// by the rule tcell applies: LC_ALL, then LC_CTYPE, then LANG; C and POSIX
// are ASCII; a locale without a charset, or none at all, is taken as UTF-8.
func UnicodeLocale(getenv func(string) string) bool {
	locale := ""
	for _, v := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if locale = getenv(v); locale != "" {
			break
		}
	}
	if locale == "C" || locale == "POSIX" {
		return false
	}
	if i := strings.IndexByte(locale, '@'); i >= 0 {
		locale = locale[:i]
	}
	i := strings.IndexByte(locale, '.')
	if i < 0 {
		return true
	}
	cs := strings.ToLower(strings.ReplaceAll(locale[i+1:], "-", ""))
	return cs == "utf8"
}

// asciiRunes are the look-alikes of the non-ASCII runes pidtop draws itself.
var asciiRunes = map[rune]rune{
	'▽': 'v', '△': '^', '▼': 'v', '▲': '^', '…': '.', '—': '-', '–': '-', '→': '>', '·': '.',
	'├': '|', '└': '`', '│': '|', '─': '-', '┌': '+', '┐': '+', '┘': '+', '┤': '|', '┬': '+', '┴': '+', '┼': '+',
	'═': '=', '║': '|', '╔': '+', '╗': '+', '╚': '+', '╝': '+', '━': '-', '┃': '|',
	'█': '#', '▌': '#', '▐': '#', '░': '.', '▒': ':', '▓': '#', '•': '*', '✓': 'x',
}

// toASCII is r, or its ASCII look-alike, or '?'.
func toASCII(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	if a, ok := asciiRunes[r]; ok {
		return a
	}
	if r >= 0x2500 && r <= 0x257f { // box drawing not listed above
		return '+'
	}
	return '?'
}
