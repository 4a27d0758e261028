package screen

import "testing"

// Each rule of compactFrame, and where it must not apply.
func TestCompactFrame(t *testing.T) {
	caps := termCaps{cha: true}
	tails6 := []int{20, 6, 20} // row 2 blank from column 7 (1-based) on
	for _, c := range []struct {
		name, in, want string
		caps           termCaps
		tails          []int
	}{
		{name: "the first reset stays: the state before the frame is unknown",
			in: "\x1b[m\x0f\x1b[36mab", want: "\x1b[m\x0f\x1b[36mab"},
		{name: "a reset between colours goes",
			in:   "\x1b[m\x0f\x1b[36mab\x1b[m\x0f\x1b[31mcd\x1b[m\x0f\x1b[38;5;244mef",
			want: "\x1b[m\x0f\x1b[36mab\x1b[31mcd\x1b[38;5;244mef"},
		{name: "xterm's reset, ESC ( B first",
			in: "\x1b(B\x1b[m\x1b[36mab\x1b(B\x1b[m\x1b[31mcd", want: "\x1b(B\x1b[m\x1b[36mab\x1b[31mcd"},
		{name: "a reset that ends bold stays",
			in: "\x1b[m\x0f\x1b[36m\x1b[1mab\x1b[m\x0f\x1b[36mcd", want: "\x1b[m\x0f\x1b[36m\x1b[1mab\x1b[m\x0f\x1b[36mcd"},
		{name: "a reset to the default colours stays",
			in: "\x1b[m\x0f\x1b[36mab\x1b[m\x0fcd", want: "\x1b[m\x0f\x1b[36mab\x1b[m\x0fcd"},
		{name: "a reset that ends a background the next style does not set stays",
			in: "\x1b[m\x0f\x1b[30;46mab\x1b[m\x0f\x1b[36mcd", want: "\x1b[m\x0f\x1b[30;46mab\x1b[m\x0f\x1b[36mcd"},
		{name: "a reset before a new background and foreground goes",
			in: "\x1b[m\x0f\x1b[30;46mab\x1b[m\x0f\x1b[31;44mcd", want: "\x1b[m\x0f\x1b[30;46mab\x1b[31;44mcd"},
		{name: "direct colours are read too",
			in:   "\x1b[m\x0f\x1b[38;2;1;2;3mab\x1b[m\x0f\x1b[31mcd\x1b[m\x0f\x1b[48;2;1;2;3mef\x1b[m\x0f\x1b[31mgh",
			want: "\x1b[m\x0f\x1b[38;2;1;2;3mab\x1b[31mcd\x1b[m\x0f\x1b[48;2;1;2;3mef\x1b[m\x0f\x1b[31mgh"},
		{name: "after a shift-out the character set's reset stays",
			in:   "\x1b[m\x0f\x1b[36mab\x0e\x1b[m\x0f\x1b[31mcd",
			want: "\x1b[m\x0f\x1b[36mab\x0e\x1b[m\x0f\x1b[31mcd"},
		{name: "after a designation the character set's reset stays",
			in:   "\x1b(B\x1b[m\x1b[36mab\x1b(0\x1b(B\x1b[m\x1b[31mcd",
			want: "\x1b(B\x1b[m\x1b[36mab\x1b(0\x1b(B\x1b[m\x1b[31mcd"},
		{name: "an SGR it cannot read makes the state unknown",
			in:   "\x1b[m\x0f\x1b[36mab\x1b[4:3mx\x1b[m\x0f\x1b[31mcd",
			want: "\x1b[m\x0f\x1b[36mab\x1b[4:3mx\x1b[m\x0f\x1b[31mcd"},
		{name: "a position on the same row: CHA, or CR for column 1",
			in: "\x1b[3;5Hab\x1b[3;12Hcd\x1b[3;1Hef\x1b[4;2Hgh", want: "\x1b[3;5Hab\x1b[12Gcd\ref\x1b[4;2Hgh"},
		{name: "no CHA on a terminal without it; CR still",
			in: "\x1b[3;5Hab\x1b[3;12Hcd\x1b[3;1Hef", want: "\x1b[3;5Hab\x1b[3;12Hcd\ref",
			caps: termCaps{bce: true}},
		{name: "a scroll region or a line feed makes the row unknown",
			in:   "\x1b[3;5Hab\x1b[2;6r\x1b[3;7Hcd\n\x1b[3;9Hef",
			want: "\x1b[3;5Hab\x1b[2;6r\x1b[3;7Hcd\n\x1b[3;9Hef"},
		{name: "a mode it does not know makes everything unknown",
			in:   "\x1b[m\x0f\x1b[36m\x1b[3;5Hab\x1b[?1049h\x1b[3;7H\x1b[m\x0f\x1b[31mcd",
			want: "\x1b[m\x0f\x1b[36m\x1b[3;5Hab\x1b[?1049h\x1b[3;7H\x1b[m\x0f\x1b[31mcd"},
		{name: "the Linux console's cursor shape changes nothing else",
			in:   "\x1b[m\x0f\x1b[36m\x1b[3;5Hab\x1b[?25l\x1b[?1c\x1b[3;9H\x1b[m\x0f\x1b[31mcd",
			want: "\x1b[m\x0f\x1b[36m\x1b[3;5Hab\x1b[?25l\x1b[?1c\x1b[9G\x1b[31mcd"},
		{name: "the second hide of the cursor goes, not one after a show",
			in: "\x1b[?25lab\x1b[?25l\x1b[?25hcd\x1b[?25l", want: "\x1b[?25lab\x1b[?25hcd\x1b[?25l"},
		{name: "blanks in the row's blank tail become EL",
			in: "\x1b[m\x0f\x1b[2;5Hab              ", want: "\x1b[m\x0f\x1b[2;5Hab\x1b[K", tails: tails6},
		{name: "blanks before the tail stay",
			in: "\x1b[m\x0f\x1b[2;5Hab   ", want: "\x1b[m\x0f\x1b[2;5Hab   ", tails: []int{20, 10, 20}},
		{name: "a few blanks cost less than EL",
			in: "\x1b[m\x0f\x1b[2;5Hab   ", want: "\x1b[m\x0f\x1b[2;5Hab   ", tails: tails6},
		{name: "blanks in a tail already erased go, and text after them gets its position",
			in:   "\x1b[m\x0f\x1b[2;5Hab     \x1b[2;14H  \x1b[31mz\x1b[3;1Hx",
			want: "\x1b[m\x0f\x1b[2;5Hab\x1b[K\x1b[14G\x1b[31m\x1b[2;16Hz\x1b[3;1Hx", tails: tails6},
		{name: "a control after dropped blanks gets the position first",
			in: "\x1b[m\x0f\x1b[2;5Hab     \b\by", want: "\x1b[m\x0f\x1b[2;5Hab\x1b[K\x1b[2;12H\b\by", tails: tails6},
		{name: "reverse blanks stay",
			in: "\x1b[m\x0f\x1b[7m\x1b[2;5Hab              ", want: "\x1b[m\x0f\x1b[7m\x1b[2;5Hab              ", tails: tails6},
		{name: "coloured blanks stay without back colour erase",
			in: "\x1b[m\x0f\x1b[46m\x1b[2;5Hab              ", want: "\x1b[m\x0f\x1b[46m\x1b[2;5Hab              ", tails: tails6},
		{name: "coloured blanks become EL with back colour erase",
			in: "\x1b[m\x0f\x1b[46m\x1b[2;5Hab              ", want: "\x1b[m\x0f\x1b[46m\x1b[2;5Hab\x1b[K",
			caps: termCaps{cha: true, bce: true}, tails: tails6},
		{name: "one-column characters count, so blanks after them become EL",
			in: "\x1b[m\x0f\x1b[2;5H├─…a            ", want: "\x1b[m\x0f\x1b[2;5H├─…a\x1b[K", tails: []int{20, 8, 20}},
		{name: "after a wide character the column is unknown",
			in: "\x1b[m\x0f\x1b[2;5H日本              ", want: "\x1b[m\x0f\x1b[2;5H日本              ", tails: []int{20, 8, 20}},
		{name: "after a combining one too",
			in: "\x1b[m\x0f\x1b[2;5He\u0301               ", want: "\x1b[m\x0f\x1b[2;5He\u0301               ", tails: tails6},
		{name: "no EL without the frame's tails",
			in: "\x1b[m\x0f\x1b[2;5Hab              ", want: "\x1b[m\x0f\x1b[2;5Hab              "},
		{name: "an unfinished sequence is copied as it is",
			in: "\x1b[3;5Hab\x1b[3;", want: "\x1b[3;5Hab\x1b[3;"},
	} {
		cp := c.caps
		if cp == (termCaps{}) {
			cp = caps
		}
		if got := string(compactFrame(nil, []byte(c.in), cp, c.tails)); got != c.want {
			t.Errorf("%s:\n in   %q\n got  %q\n want %q", c.name, c.in, got, c.want)
		}
	}
}

// Whatever it is given, compactFrame does not fail; without blank tails (no
// EL, so no cursor to put back) its output is never longer than its input.
func FuzzCompactFrame(f *testing.F) {
	for _, s := range []string{
		"\x1b[?2026h\x1b[?25l\x1b[1;6H\x1b[m\x0f\x1b[32m|\x1b[1;9H\x1b[m\x0f\x1b[31m|\x1b[?25l\x1b[?2026l",
		"\x1b[m\x0f\x1b[2;5Hab          \x1b[2;8H\x1b[38;5;244;48;2;1;2;3mx",
		"\x1b[m\x0f\x1b[2;5Hab     \x1b[2;14H  \x1b[31mz\b\x1b[3;1Hx",
		"\x1b[", "\x1b", "\x1b[;;;;m\x1b[99999999999999999999;1H", "\x1b[m\x1b[38;5m\x1b[48;2;1m",
	} {
		f.Add([]byte(s), 6)
	}
	f.Fuzz(func(t *testing.T, in []byte, tail int) {
		tails := []int{tail % 30, tail % 7, 0, 5, 200}
		compactFrame(nil, in, termCaps{cha: true, bce: tail%2 == 0}, tails)
		if out := compactFrame(nil, in, termCaps{cha: true}, nil); len(out) > len(in) {
			t.Errorf("%q grew to %q", in, out)
		}
	})
}
