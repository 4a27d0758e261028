package winproc

// Argv0Len returns the byte length of the program name at the start of a Windows
// command line, by the rule CommandLineToArgvW applies to the first argument: a
// name that starts with a double quote runs to the next double quote (both
// included); otherwise it runs to the first space or tab. Quotes inside an
// unquoted name are not special there.
func Argv0Len(cmdline string) int {
	if cmdline == "" {
		return 0
	}
	if cmdline[0] == '"' {
		for i := 1; i < len(cmdline); i++ {
			if cmdline[i] == '"' {
				return i + 1
			}
		}
		return len(cmdline)
	}
	for i := 0; i < len(cmdline); i++ {
		if cmdline[i] == ' ' || cmdline[i] == '\t' {
			return i
		}
	}
	return len(cmdline)
}
