package uitest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// SGR is the graphic rendition a terminal draws text in, as tests that read a
// terminal's byte stream (a model terminal, capture-pane -e output) keep it.
type SGR struct {
	Attrs  []int  // the attributes on (1 bold … 9 strike-through), sorted
	Fg, Bg string // "" for the default; "31", "5;244" or "2;r;g;b" otherwise
}

// Apply applies the parameters of one SGR sequence ("1;38;5;244" is
// 1, 38, 5, 244; none is a reset). It reports false for a parameter it does
// not know, leaving the ones before it applied.
func (s *SGR) Apply(params string) bool {
	var v []int
	for _, f := range strings.Split(params, ";") {
		n, err := strconv.Atoi(f)
		if f == "" {
			n, err = 0, nil
		}
		if err != nil {
			return false
		}
		v = append(v, n)
	}
	for i := 0; i < len(v); i++ {
		switch n := v[i]; {
		case n == 0:
			*s = SGR{}
		case n >= 1 && n <= 9:
			if !slices.Contains(s.Attrs, n) {
				s.Attrs = append(slices.Clone(s.Attrs), n)
				slices.Sort(s.Attrs)
			}
		case n >= 30 && n <= 37, n >= 90 && n <= 97:
			s.Fg = strconv.Itoa(n)
		case n == 39:
			s.Fg = ""
		case n >= 40 && n <= 47, n >= 100 && n <= 107:
			s.Bg = strconv.Itoa(n)
		case n == 49:
			s.Bg = ""
		case (n == 38 || n == 48) && i+2 < len(v) && v[i+1] == 5,
			(n == 38 || n == 48) && i+4 < len(v) && v[i+1] == 2:
			k := 2
			if v[i+1] == 2 {
				k = 4
			}
			parts := make([]string, k)
			for j := range k {
				parts[j] = strconv.Itoa(v[i+1+j])
			}
			c := strings.Join(parts, ";")
			if n == 38 {
				s.Fg = c
			} else {
				s.Bg = c
			}
			i += k
		default:
			return false
		}
	}
	return true
}

// Cell describes a cell of text as one sees it: its text and, for a blank,
// only what shows on one (the background, reverse video, underline,
// strike-through), not its foreground or boldness.
func (s SGR) Cell(text string) string {
	fg, attrs := s.Fg, s.Attrs
	if strings.TrimSpace(text) == "" {
		fg, attrs = "", nil
		for _, a := range s.Attrs {
			if a == 4 || a == 7 || a == 9 {
				attrs = append(attrs, a)
			}
		}
	}
	return fmt.Sprintf("%q[%v|%s|%s]", text, attrs, fg, s.Bg)
}
