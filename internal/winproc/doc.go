// Package winproc reads and acts on Windows processes through the native API.
//
// It is the Windows platform reader: one NtQuerySystemInformation
// (SystemProcessInformation) call per tick yields every process and thread; the
// pure decoder in decode.go turns that buffer into native records (Process, Thread)
// without allocating per field, and it runs on any OS so the layout is tested
// everywhere with buffers built byte by byte. The Windows-only files add what one
// buffer cannot give: a new process's command line, image path and owner
// (details_windows.go), system CPU and memory figures (system_windows.go), and
// handle-based actions that first prove the process is the one the caller saw
// (handle_windows.go).
//
// It must not import anything of ours (collect and control adapt its records), must
// not format values for display, and must not keep process handles open between
// calls: a held handle keeps a dead process's object alive.
package winproc
