//go:build darwin || freebsd

package sysctl

// ProcReader reads every process with one sysctl per call and decodes the
// records, reusing its buffers: after the first calls a read allocates nothing.
// It is not safe for concurrent use.
type ProcReader struct {
	buf  []byte
	recs []KinfoProc
}

// Read returns a record for every process. On FreeBSD with threads it returns
// one record per thread instead (TID set, usage per thread); macOS has no
// per-thread records and ignores threads. The slice is valid until the next call.
func (r *ProcReader) Read(threads bool) ([]KinfoProc, error) {
	var err error
	r.buf, err = Get(procsMIB(threads), r.buf)
	if err != nil {
		r.recs = r.recs[:0]
		return r.recs, err
	}
	r.recs, err = decodeProcs(r.buf, r.recs)
	return r.recs, err
}
