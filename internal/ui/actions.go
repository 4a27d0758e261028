package ui

import (
	"context"

	"github.com/gdamore/tcell/v2"

	"github.com/pidtop/pidtop/internal/collect"
)

// Binding is a key added to htop's own: the actions (k/F9 signal menu, F7/F8
// renice, W wait …) are wired in through Config.Bindings (ActionBindings makes
// them), so the viewer's core acts on no process unless the caller asks. A
// binding overrides a built-in key of the same name.
type Binding struct {
	Key  tcell.Key // the key; tcell.KeyRune for a character key
	Rune rune      // the character when Key is tcell.KeyRune
	// Label is the function bar's text for an F-key ("Kill", "Nice -"); at most
	// six columns. Other keys are not on the bar.
	Label string
	Help  string // one line for the help screen, e.g. "send a signal to the tagged or selected processes"
	// Name is the action in a word or two ("kill", "renice") for messages such
	// as "read-only mode: kill is disabled"; "" says "this key".
	Name string
	// Changes marks an action on processes: under Config.ReadOnly it is greyed on
	// the bar and refused (--readonly disables every action, waiting included).
	Changes bool
	// Do runs on the UI goroutine when the key is pressed; it must not block (use
	// Actions.Go for anything that waits).
	Do func(a Actions)
}

// Actions is what a Binding's Do can see and do. Its methods must be called on
// the UI goroutine: in Do, or in the callbacks Menu, Confirm and Go make.
type Actions interface {
	// Selected returns the selected process as the user saw it.
	Selected() (collect.Process, bool)
	// Tagged returns the tagged processes still present, in snapshot order.
	Tagged() []collect.Process
	// Targets is htop's rule: the tagged processes if any, else the selected one.
	Targets() []collect.Process
	// Untag clears the tags (after an action on them).
	Untag()
	// ReadOnly reports whether the viewer runs with --readonly.
	ReadOnly() bool
	// Status shows a one-line message on the status line, above the function
	// bar, until the next key.
	Status(msg string)
	// Menu shows a list; pick gets the index chosen with Enter or a click (a
	// printable key never picks; Esc picks nothing).
	Menu(title string, items []string, current int, pick func(i int))
	// Checklist shows a list of checkboxes, ticked as load says: Space or a
	// click toggles one, Enter runs apply with the ticks, Esc closes without
	// it. load runs on its own goroutine (it may ask the kernel); when it
	// fails, its error is shown in the status line instead.
	Checklist(title string, items []string, load func() ([]bool, error), apply func(on []bool))
	// CPUs is the number of CPUs of the last snapshot (at least 1).
	CPUs() int
	// Confirm asks a yes/no question; yes runs only on "Yes".
	Confirm(question string, yes func())
	// Go runs work on its own goroutine; the message it returns is shown in the
	// status line when it finishes.
	Go(work func() string)
	// Background runs work on its own goroutine with a context that ends when the
	// viewer stops (Run's context ends or the user quits). report, which work may
	// call from its goroutine, shows a progress message in the status line; the
	// message work returns replaces it ("" shows nothing). Run waits for work to
	// return before it releases the terminal, so work must end soon after ctx.
	Background(work func(ctx context.Context, report func(msg string)) string)
}

// actions implements Actions over the runner.
type actions struct{ r *runner }

func (a actions) Selected() (collect.Process, bool) {
	if p := a.r.v.selected(); p != nil {
		return *p, true
	}
	return collect.Process{}, false
}

func (a actions) Tagged() []collect.Process { return a.r.v.taggedProcs() }

func (a actions) Targets() []collect.Process {
	if t := a.Tagged(); len(t) > 0 {
		return t
	}
	if p, ok := a.Selected(); ok {
		return []collect.Process{p}
	}
	return nil
}

func (a actions) Untag() {
	clear(a.r.v.tagged)
	a.r.tagsChanged()
}

func (a actions) ReadOnly() bool    { return a.r.cfg.ReadOnly }
func (a actions) Status(msg string) { a.r.setMessage(msg) }

func (a actions) Menu(title string, items []string, current int, pick func(int)) {
	a.r.openMenu(title, items, current, pick)
}

func (a actions) Checklist(title string, items []string, load func() ([]bool, error), apply func([]bool)) {
	r := a.r
	go func() {
		defer r.recoverGo()
		on, err := load()
		r.post(func() {
			if err != nil {
				r.setMessage(err.Error())
				return
			}
			r.openChecklist(title, items, on, apply)
		})
	}()
}

func (a actions) CPUs() int { return max(len(a.r.v.snap.System.CPUs), 1) }

func (a actions) Confirm(question string, yes func()) {
	a.r.openMenu(question, []string{"No", "Yes"}, 0, func(i int) {
		if i == 1 {
			yes()
		}
	})
}

func (a actions) Go(work func() string) {
	r := a.r
	go func() {
		defer r.recoverGo()
		msg := work()
		r.post(func() { r.setMessage(msg) })
	}()
}

func (a actions) Background(work func(context.Context, func(string)) string) {
	r := a.r
	r.cfg.bg.start(func(ctx context.Context) {
		defer r.recoverGo()
		show := func(msg string) {
			if msg != "" {
				r.post(func() { r.setMessage(msg) })
			}
		}
		show(work(ctx, show))
	})
}
