// Command rssfloor is the memory floor of a Go viewer built like pidtop: a
// tview table of ROWS rows of made-up process text, redrawn every second on a
// tcell screen, with nothing read from /proc. Run it in a 200x50 tmux pane
// beside pidtop and compare VmRSS (bench/README.md, "The RSS floor"): what
// pidtop holds beyond this floor is its own.
//
//	rssfloor [ROWS]
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"
)

func main() {
	rows := 5000
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 0 {
			fmt.Fprintln(os.Stderr, "usage: rssfloor [ROWS]")
			os.Exit(2)
		}
		rows = n
	}
	app := tview.NewApplication()
	table := tview.NewTable().SetFixed(1, 0)
	fill := func(tick int) {
		for r := range rows + 1 {
			for c, v := range []string{strconv.Itoa(r + tick), "root", "20", "0", "12.3M", "4.5M", "S", "0.0", "1:02.03",
				"/usr/bin/something --with arguments"} {
				table.SetCell(r, c, tview.NewTableCell(v).SetTextColor(tcell.ColorDefault))
			}
		}
	}
	fill(0)
	go func() {
		for tick := 1; ; tick++ {
			time.Sleep(time.Second)
			app.QueueUpdateDraw(func() { fill(tick) })
		}
	}()
	if err := app.SetRoot(table, true).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
