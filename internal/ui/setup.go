package ui

import (
	"slices"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"github.com/pidtop/pidtop/internal/config"
)

// The setup screen is htop's F2: a list of categories on the left and the
// chosen category's panels on the right. Every edit goes through runner.change,
// so it shows at once and reaches Config.Changed; the table's header and first
// rows stay visible above the panels, so a column added is seen being added.
// Closing the screen (Esc, F10) writes the file through Config.Save.

// category is a page of the setup screen.
type category int

const (
	catDisplay category = iota
	catScreens
	catMeters
	catColors
	nCategories
)

var categoryNames = [nCategories]string{"Display options", "Screens", "Meters", "Colors"}

// setup is the open setup screen.
type setup struct {
	r      *runner
	frame  *setupFrame
	cats   *pickList
	pages  *tview.Pages
	bottom *tview.Pages // "hints" or "input"
	input  *tview.InputField
	focus  *pickList                // the panel with the focus
	panels [nCategories][]*pickList // each page's panels, left to right
	note   string                   // a message on the bottom line, until the next key
	reload [nCategories]func()      // re-read each page's lists from r.set

	screens screensPage
	options optionsPage
	meters  metersPage
	colors  *pickList
}

// openSetup opens the setup screen at a category; on the Screens page the
// focus starts on the columns (htop's C).
func (r *runner) openSetup(c category) {
	s := &setup{r: r}
	s.cats = newPickList(s, "Setup")
	for _, n := range categoryNames {
		s.cats.items = append(s.cats.items, n)
	}
	s.cats.moved = func(i int) { s.pages.SwitchToPage(categoryNames[i]) }
	s.cats.activate = func(int) { s.step(1) }
	s.cats.hints = func() []hint { return []hint{{"Enter", "Open", func() { s.step(1) }}} }
	s.pages = tview.NewPages()
	s.buildOptions()
	s.buildScreens()
	s.buildMeters()
	s.buildColors()

	s.input = tview.NewInputField()
	s.input.SetFieldStyle(r.th.prompt).SetLabelStyle(r.th.status)
	s.bottom = tview.NewPages().
		AddPage("hints", &hintBar{Box: tview.NewBox(), s: s}, true, true).
		AddPage("input", s.input, true, false)
	body := tview.NewFlex().AddItem(s.cats, 19, 0, true).AddItem(s.pages, 0, 1, false)
	s.frame = &setupFrame{Flex: tview.NewFlex().SetDirection(tview.FlexRow), r: r}
	s.frame.AddItem(nil, 0, 0, false).AddItem(body, 0, 1, true).AddItem(s.bottom, 1, 0, false)
	s.frame.SetInputCapture(s.capture)
	s.frame.SetMouseCapture(func(a tview.MouseAction, ev *tcell.EventMouse) (tview.MouseAction, *tcell.EventMouse) {
		if x, y := ev.Position(); s.naming() && !s.input.InRect(x, y) {
			return tview.MouseConsumed, nil // the name is answered or dropped first
		}
		return a, ev
	})
	s.reloadAll()
	s.colors.setCursor(slices.Index(config.ColorSchemes, r.set.ColorScheme))

	r.message = ""
	r.pages.RemovePage("setup")
	r.overlay("setup", s.frame)
	s.cats.setCursor(int(c))
	s.pages.SwitchToPage(categoryNames[c])
	target := s.cats
	if c == catScreens {
		target = s.screens.cols
	}
	r.app.SetFocus(target)
}

// addPage adds a category's page: its panels side by side, which take the
// focus in this order.
func (s *setup) addPage(c category, panels ...*pickList) {
	row := tview.NewFlex()
	for _, p := range panels {
		if p.width > 0 {
			row.AddItem(p, p.width, 0, false)
		} else {
			row.AddItem(p, 0, 1, false)
		}
	}
	s.panels[c] = panels
	s.pages.AddPage(categoryNames[c], row, true, c == catDisplay)
}

// reloadAll re-reads every page from the run's settings.
func (s *setup) reloadAll() {
	for _, f := range s.reload {
		if f != nil {
			f()
		}
	}
}

// apply makes one change to the settings, through runner.change (shown at
// once, handed to Config.Changed), and shows the pages' new state.
func (s *setup) apply(edit func(*config.Settings)) {
	s.r.change(edit)
	s.reloadAll()
}

// capture handles the keys of the whole screen before the focused panel's:
// Esc and F10 close it; Left, Right, Tab and Shift-Tab move between panels.
func (s *setup) capture(ev *tcell.EventKey) *tcell.EventKey {
	if s.naming() {
		return ev // the input field's own Enter and Esc
	}
	s.note, s.r.message = "", ""
	switch ev.Key() {
	case tcell.KeyEscape:
		if s.focus == s.options.list && s.options.editing() { // Esc first drops a number being typed
			return ev
		}
		s.close()
	case tcell.KeyF10:
		s.close()
	case tcell.KeyLeft, tcell.KeyBacktab:
		s.step(-1)
	case tcell.KeyRight, tcell.KeyTab:
		s.step(1)
	default:
		return ev
	}
	return nil
}

// step moves the focus to the next (+1) or previous (-1) panel: the categories,
// then the open page's panels left to right.
func (s *setup) step(d int) {
	order := append([]*pickList{s.cats}, s.panels[s.cats.cur]...)
	i := 0
	for j, p := range order {
		if p == s.focus {
			i = j
		}
	}
	i = max(0, min(i+d, len(order)-1))
	s.r.app.SetFocus(order[i])
}

// close closes the setup screen and writes the settings to the file.
func (s *setup) close() {
	s.r.closeOverlay("setup")
	if s.r.cfg.Save != nil {
		if err := s.r.cfg.Save(); err != nil {
			s.r.setMessage(saveMessage(err))
		}
	}
	s.r.updateBar()
}

// focused records the panel that took the focus.
func (s *setup) focused(l *pickList) {
	s.focus = l
	if l == s.meters.left || l == s.meters.right {
		s.meters.into = l
	}
	if l != s.options.list && s.options.editing() { // digits typed, then left unapplied
		s.options.typed = ""
		s.reloadOptions()
	}
}

// hints are the bottom line's entries: the focused panel's, then Done.
func (s *setup) hints() []hint {
	var out []hint
	if s.focus != nil && s.focus.hints != nil {
		out = s.focus.hints()
	}
	return append(out, hint{"Esc", "Done", s.close})
}

// noteText is said on the right of the bottom line: the setup screen's own
// note, or a message of runner.change (a save that failed).
func (s *setup) noteText() string {
	if s.note != "" {
		return s.note
	}
	return s.r.message
}

// say puts a note on the bottom line until the next key.
func (s *setup) say(msg string) { s.note = Sanitize(msg) }

// ask opens the bottom line's input field with a label and text; Enter hands
// the text to done, Esc drops it.
func (s *setup) ask(label, text string, done func(string)) {
	back := s.focus
	s.input.SetLabel(label).SetText(text)
	s.input.SetAcceptanceFunc(tview.InputFieldMaxLength(maxScreenName))
	s.input.SetDoneFunc(func(k tcell.Key) {
		if k != tcell.KeyEnter && k != tcell.KeyEscape {
			return
		}
		s.bottom.SwitchToPage("hints")
		s.r.app.SetFocus(back)
		if k == tcell.KeyEnter {
			done(s.input.GetText())
		}
	})
	s.bottom.SwitchToPage("input")
	s.r.app.SetFocus(s.input)
}

// naming reports whether the input field is open.
func (s *setup) naming() bool {
	name, _ := s.bottom.GetFrontPage()
	return name == "input"
}

// setupFrame places the setup screen's panels below the table's header and
// first rows, which the main page draws first, so edits are seen as they
// apply; a short terminal gives the panels the whole table's room.
type setupFrame struct {
	*tview.Flex
	r *runner
}

// previewRows is how many lines of the table (its header included) stay in
// view above the panels, and minPanel the fewest lines the panels take.
const previewRows, minPanel = 4, 10

func (f *setupFrame) Draw(screen tcell.Screen) {
	_, ty, _, _ := f.r.table.GetRect()
	_, h := screen.Size()
	top := ty + previewRows
	if h-top-1 < minPanel {
		top = max(ty+1, 0) // the header alone
	}
	if h-top-1 < minPanel {
		top = 0
	}
	f.ResizeItem(nil, top, 0)
	f.Flex.Draw(screen)
}

// The setup keys in the key table: F2 and S open the first page, C the
// columns of the screen shown (htop's keys).
func (r *runner) openSetupDisplay() { r.openSetup(catDisplay) }
func (r *runner) openSetupColumns() { r.openSetup(catScreens) }
