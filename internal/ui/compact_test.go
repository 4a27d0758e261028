package ui

import "testing"

// Each rule of compactFrame, and where it must not apply.
func TestCompactFrame(t *testing.T) {
	caps := termCaps{cha: true, width: 20}
	for _, c := range []struct {
		name, in, want string
		caps           termCaps
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
			caps: termCaps{width: 20}},
		{name: "a scroll region or a line feed makes the row unknown",
			in:   "\x1b[3;5Hab\x1b[2;6r\x1b[3;7Hcd\n\x1b[3;9Hef",
			want: "\x1b[3;5Hab\x1b[2;6r\x1b[3;7Hcd\n\x1b[3;9Hef"},
		{name: "a mode it does not know makes everything unknown",
			in:   "\x1b[m\x0f\x1b[36m\x1b[3;5Hab\x1b[?1049h\x1b[3;7H\x1b[m\x0f\x1b[31mcd",
			want: "\x1b[m\x0f\x1b[36m\x1b[3;5Hab\x1b[?1049h\x1b[3;7H\x1b[m\x0f\x1b[31mcd"},
		{name: "the second hide of the cursor goes, not one after a show",
			in: "\x1b[?25lab\x1b[?25l\x1b[?25hcd\x1b[?25l", want: "\x1b[?25lab\x1b[?25hcd\x1b[?25l"},
		{name: "blanks to the end of the row become EL",
			in: "\x1b[m\x0f\x1b[2;5Hab              ", want: "\x1b[m\x0f\x1b[2;5Hab\x1b[K"},
		{name: "blanks that stop short of the end stay",
			in: "\x1b[m\x0f\x1b[2;5Hab             ", want: "\x1b[m\x0f\x1b[2;5Hab             "},
		{name: "a few blanks cost less than EL",
			in: "\x1b[m\x0f\x1b[2;13Habcde   ", want: "\x1b[m\x0f\x1b[2;13Habcde   "},
		{name: "reverse blanks stay",
			in: "\x1b[m\x0f\x1b[7m\x1b[2;5Hab              ", want: "\x1b[m\x0f\x1b[7m\x1b[2;5Hab              "},
		{name: "coloured blanks stay without back colour erase",
			in: "\x1b[m\x0f\x1b[46m\x1b[2;5Hab              ", want: "\x1b[m\x0f\x1b[46m\x1b[2;5Hab              "},
		{name: "coloured blanks become EL with back colour erase",
			in: "\x1b[m\x0f\x1b[46m\x1b[2;5Hab              ", want: "\x1b[m\x0f\x1b[46m\x1b[2;5Hab\x1b[K",
			caps: termCaps{cha: true, bce: true, width: 20}},
		{name: "one-column characters count, so blanks after them become EL",
			in: "\x1b[m\x0f\x1b[2;5H├─…a            ", want: "\x1b[m\x0f\x1b[2;5H├─…a\x1b[K"},
		{name: "after a wide character the column is unknown",
			in: "\x1b[m\x0f\x1b[2;5H日本              ", want: "\x1b[m\x0f\x1b[2;5H日本              "},
		{name: "after a combining one too",
			in: "\x1b[m\x0f\x1b[2;5He\u0301               ", want: "\x1b[m\x0f\x1b[2;5He\u0301               "},
		{name: "no EL when the width is unknown",
			in: "\x1b[m\x0f\x1b[2;5Hab              ", want: "\x1b[m\x0f\x1b[2;5Hab              ",
			caps: termCaps{cha: true}},
		{name: "an unfinished sequence is copied as it is",
			in: "\x1b[3;5Hab\x1b[3;", want: "\x1b[3;5Hab\x1b[3;"},
	} {
		cp := c.caps
		if cp == (termCaps{}) {
			cp = caps
		}
		if got := string(compactFrame(nil, []byte(c.in), cp)); got != c.want {
			t.Errorf("%s:\n in   %q\n got  %q\n want %q", c.name, c.in, got, c.want)
		}
	}
}

// Whatever it is given, compactFrame does not fail, and output is never
// longer than its input.
func FuzzCompactFrame(f *testing.F) {
	for _, s := range []string{
		"\x1b[?2026h\x1b[?25l\x1b[1;6H\x1b[m\x0f\x1b[32m|\x1b[1;9H\x1b[m\x0f\x1b[31m|\x1b[?25l\x1b[?2026l",
		"\x1b[m\x0f\x1b[2;5Hab          \x1b[2;8H\x1b[38;5;244;48;2;1;2;3mx",
		"\x1b[", "\x1b", "\x1b[;;;;m\x1b[99999999999999999999;1H", "\x1b[m\x1b[38;5m\x1b[48;2;1m",
	} {
		f.Add([]byte(s), 20)
	}
	f.Fuzz(func(t *testing.T, in []byte, width int) {
		out := compactFrame(nil, in, termCaps{cha: true, bce: width%2 == 0, width: width % 300})
		if len(out) > len(in) {
			t.Errorf("%q grew to %q", in, out)
		}
	})
}
