package export

import (
	"io"
	"strings"

	"github.com/pidtop/pidtop/internal/collect"
	"github.com/pidtop/pidtop/internal/field"
)

// The CSV output (RFC 4180): a header row of the fields' registry IDs (left out
// with --no-headers), then one row per process of each snapshot in turn, each
// record ended by CRLF as the RFC has it. Values are written as in JSON; a
// value the platform could not read is an empty, unquoted cell, while a known
// empty text is a quoted one (""), the difference readers such as
// PostgreSQL's COPY ... CSV keep as NULL against empty. Text a process
// controls is escaped first, then quoted: see appendCSVText.

// CSVConfig says what a CSV writer writes.
type CSVConfig struct {
	Fields    []*field.Field // each record's, in order
	NoHeaders bool           // leave out the header record
}

// CSVWriter writes each snapshot as one record per process, after the header
// record on the first.
type CSVWriter struct {
	w      io.Writer
	fs     []*field.Field
	header bool // the header record is still to write
	buf    []byte
}

// NewCSV returns the CSV writer to w of c.
func NewCSV(w io.Writer, c CSVConfig) *CSVWriter {
	return &CSVWriter{w: w, fs: c.Fields, header: !c.NoHeaders}
}

// WriteSnapshot writes the records of s's rows, after the header record if
// this is the first snapshot and it has one.
func (c *CSVWriter) WriteSnapshot(s *collect.Snapshot, rows []Row) error {
	c.buf = c.buf[:0]
	if c.header {
		c.buf = appendCSVHeader(c.buf, c.fs)
		c.header = false
	}
	e := field.EnvOf(s)
	for _, r := range rows {
		c.buf = appendCSVRow(c.buf, r.Proc, c.fs, e)
	}
	_, err := c.w.Write(c.buf)
	return err
}

// appendCSVHeader appends the header record: the IDs of fs.
func appendCSVHeader(b []byte, fs []*field.Field) []byte {
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendCSVText(b, f.ID)
	}
	return append(b, '\r', '\n')
}

// appendCSVRow appends p's record of the fields fs.
func appendCSVRow(b []byte, p *collect.Process, fs []*field.Field, e *field.Env) []byte {
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		switch {
		case !f.Has(p):
		case f.Kind == field.Text:
			b = appendCSVText(b, f.Text(p, e))
		default:
			b = appendNumber(b, f, p, e)
		}
	}
	return append(b, '\r', '\n')
}

// appendCSVText appends s as one CSV field. Every code point textsafe.MustEscape
// names (control bytes such as ESC, CR and LF; C1 and bidirectional controls;
// zero-width and other invisible characters) becomes "\uXXXX", or
// "\UXXXXXXXX" beyond the BMP, as the viewer writes them; invalid UTF-8
// becomes U+FFFD. So a record is always one line, and nothing in it can act on
// a terminal that shows the file or pass for other text. The field is then
// quoted, its quotes doubled, when it holds a comma or a quote, starts or ends
// with a space (which some readers trim), or is empty.
func appendCSVText(b []byte, s string) []byte {
	quote := s == "" || strings.ContainsAny(s, `,"`) || s[0] == ' ' || s[len(s)-1] == ' '
	if quote {
		b = append(b, '"')
	}
	b = appendSafe(b, s, encCSV)
	if quote {
		b = append(b, '"')
	}
	return b
}
