package config

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite sample.toml from the option tables")

// The sample the README includes is the writer's output for the defaults, so
// the sample, the writer and the loader cannot disagree.
func TestSampleIsGenerated(t *testing.T) {
	want := encode(Defaults())
	if *update {
		if err := os.WriteFile("sample.toml", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("sample.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("sample.toml is not what the writer makes of Defaults(); run go test ./internal/config/ -run TestSampleIsGenerated -update")
	}
}

func TestSampleLoadsAsDefaults(t *testing.T) {
	data, err := os.ReadFile("sample.toml")
	if err != nil {
		t.Fatal(err)
	}
	s, probs, ok := parse("sample.toml", data)
	if !ok || len(probs) > 0 {
		t.Fatalf("sample.toml: ok=%v, problems %v", ok, probs)
	}
	if !reflect.DeepEqual(s, Defaults()) {
		t.Fatalf("sample.toml loads as\n%+v\nwant Defaults()\n%+v", s, Defaults())
	}
}

// Every field of Settings, Screen and Meter has a key in the option tables,
// and the sample has that key with a comment above it.
func TestEveryFieldInSample(t *testing.T) {
	data, err := os.ReadFile("sample.toml")
	if err != nil {
		t.Fatal(err)
	}
	sample := string(data)
	inSample := func(key string) bool {
		return regexp.MustCompile(`(?m)^# .+\n(` + regexp.QuoteMeta(key) + ` = |\[\[` + key + `\]\]|\[` + key + `\])`).MatchString(sample)
	}

	var s Settings
	keys := map[any]string{}
	for _, o := range options {
		keys[o.ptr(&s)] = o.key
	}
	walk(t, reflect.ValueOf(&s).Elem(), keys, inSample)

	var sc Screen
	keys = map[any]string{}
	for _, o := range screenOptions {
		keys[o.ptr(&sc)] = o.key
	}
	walk(t, reflect.ValueOf(&sc).Elem(), keys, inSample)

	var m Meter
	keys = map[any]string{}
	for _, o := range meterOptions {
		keys[o.ptr(&m)] = o.key
	}
	// A meter's keys sit in inline tables, described by left_meters' comment.
	walk(t, reflect.ValueOf(&m).Elem(), keys, func(key string) bool {
		return strings.Contains(sample, "{ "+key+" = ") || strings.Contains(sample, ", "+key+" = ")
	})
}

// walk checks that each field of the struct v has a key (found by the
// address the option tables' accessors return) and that the key is in the
// sample.
func walk(t *testing.T, v reflect.Value, keys map[any]string, inSample func(string) bool) {
	t.Helper()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		key, ok := keys[v.Field(i).Addr().Interface()]
		if !ok {
			t.Errorf("%s.%s has no key in the option tables", v.Type().Name(), f.Name)
			continue
		}
		if !inSample(key) {
			t.Errorf("%s.%s: key %q is not in sample.toml with a comment", v.Type().Name(), f.Name, key)
		}
	}
}
