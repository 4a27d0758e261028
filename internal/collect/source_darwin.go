package collect

// newSource is a placeholder until the darwin reader lands: it reports that collection
// is not supported yet.
func newSource() (source, error) { return nil, ErrUnsupported }
