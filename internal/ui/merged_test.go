package ui

import (
	"strings"
	"testing"

	"github.com/pidtop/pidtop/internal/collect"
)

// merged returns p's merged command as plain text and with the comm's and
// the base name's spans marked: {comm} and <base>.
func merged(cmd string, argv0 int, comm, exe string, path bool) (string, string) {
	p := collect.Process{Name: comm, Info: &collect.Info{Cmdline: cmd, Argv0Len: int32(argv0), Exe: exe},
		Known: collect.KnownCmdline}
	if exe != "" {
		p.Known |= collect.KnownExe
	}
	var w cellWriter
	putMerged(&w, &p, &rowCtx{look: rowLook{merged: true, programPath: path, baseName: true}})
	var b strings.Builder
	at := 0
	for _, sp := range w.spans {
		b.Write(w.b[at:sp.start])
		open, end := "", ""
		switch sp.r {
		case roleComm:
			open, end = "{", "}"
		case roleBasename:
			open, end = "<", ">"
		}
		b.WriteString(open + string(w.b[sp.start:sp.end]) + end)
		at = sp.end
	}
	b.Write(w.b[at:])
	return string(w.b), b.String()
}

// TestMergedCommand follows htop's Process_makeCommandStr with its default
// switches (find the comm in the command line, strip the exe from it).
func TestMergedCommand(t *testing.T) {
	cases := []struct {
		name         string
		cmd          string
		argv0        int
		comm, exe    string
		path         bool
		plain, spans string
	}{
		{"argv0 is the exe", "/bin/bash -l", 9, "bash", "/bin/bash", true,
			"/bin/bash -l", "/bin/<bash> -l"},
		{"p off: the exe's base name", "/bin/bash -l", 9, "bash", "/bin/bash", false,
			"bash -l", "<bash> -l"},
		{"relative argv0 matched to the exe", "bash -l", 4, "bash", "/bin/bash", true,
			"/bin/bash -l", "/bin/<bash> -l"},
		{"an interpreter: comm found in the arguments", "/usr/bin/python3 /usr/bin/foo --x", 16, "foo", "/usr/bin/python3.12", true,
			"/usr/bin/python3.12│/usr/bin/python3 /usr/bin/foo --x", "/usr/bin/<python3.12>│/usr/bin/python3 /usr/bin/{foo} --x"},
		{"a process that renamed itself", "/usr/sbin/nginx -g daemon", 15, "worker", "/usr/sbin/nginx", true,
			"/usr/sbin/nginx│worker│ -g daemon", "/usr/sbin/<nginx>│{worker}│ -g daemon"},
		{"renamed, nothing after argv0", "/usr/sbin/nginx", 15, "worker", "/usr/sbin/nginx", true,
			"/usr/sbin/nginx│worker", "/usr/sbin/<nginx>│{worker}"},
		{"comm cut at 15 characters", "/opt/app/averyveryverylongname --x", 30, "averyveryverylo", "/opt/app/averyveryverylongname", true,
			"/opt/app/averyveryverylongname --x", "/opt/app/<averyveryverylongname> --x"},
		{"exe unknown: comm before the command line", "python3 x", 7, "foo", "", true,
			"foo│python3 x", "{foo}│<python3> x"},
		{"exe unknown, comm is the program", "/usr/bin/vim a", 12, "vim", "", true,
			"/usr/bin/vim a", "/usr/bin/<vim> a"},
		{"re-executed through /proc/self/exe", "/proc/self/exe --child", 14, "runc", "/usr/bin/runc", true,
			"/usr/bin/runc --child", "/usr/bin/<runc> --child"},
		{"argv rewritten with a slash", "gdm-session-worker [pam/gdm-autologin]", 38, "gdm-session-wor", "/usr/libexec/gdm-session-worker", true,
			"/usr/libexec/gdm-session-worker [pam/gdm-autologin]", "/usr/libexec/<gdm-session-worker> [pam/gdm-autologin]"},
	}
	for _, c := range cases {
		plain, spans := merged(c.cmd, c.argv0, c.comm, c.exe, c.path)
		if plain != c.plain || spans != c.spans {
			t.Errorf("%s:\n got  %q %q\n want %q %q", c.name, plain, spans, c.plain, c.spans)
		}
	}
}

// FuzzMergedCommand: any command line, argv[0] length, comm and exe make a
// merged command without a panic, and nothing unsanitized reaches it.
func FuzzMergedCommand(f *testing.F) {
	f.Add("/bin/bash -l", 9, "bash", "/bin/bash")
	f.Add("gdm-session-worker [pam/gdm-autologin]", 38, "gdm-session-wor", "/usr/libexec/gdm-session-worker")
	f.Add("a/b/c d/e", 5, "e", "/x/c")
	f.Add("/", 1, "/", "/")
	f.Add("\x1b[31m/x y", 3, "x\x07", "/x\x1b")
	f.Fuzz(func(t *testing.T, cmd string, argv0 int, comm, exe string) {
		plain, _ := merged(cmd, argv0, comm, exe, true)
		if strings.ContainsAny(plain, "\x1b\x07\r\n") {
			t.Fatalf("raw control character in %q", plain)
		}
		merged(cmd, argv0, comm, exe, false)
	})
}
