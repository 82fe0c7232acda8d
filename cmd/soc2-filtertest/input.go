package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// input is one file (or stdin) and the CloudTrail records found in it.
type input struct {
	name    string
	records [][]byte
}

// readInputs reads every argument: "-" is stdin, a folder is walked recursively (as synced from the
// trail's bucket), anything else is a file; gzipped content (CloudTrail's S3 form) is unpacked
// whatever the name. CloudTrail digest files, which hold no events, are skipped in folders.
func readInputs(args []string, stdin io.Reader, stderr io.Writer) ([]input, error) {
	var inputs []input
	for _, arg := range args {
		if arg == "-" {
			data, err := io.ReadAll(stdin)
			if err != nil {
				return nil, fmt.Errorf("reading stdin: %w", err)
			}
			in, err := parseInput("-", data)
			if err != nil {
				return nil, err
			}
			inputs = append(inputs, in)
			continue
		}
		files, err := expand(arg, stderr)
		if err != nil {
			return nil, err
		}
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				return nil, err
			}
			in, err := parseInput(name, data)
			if err != nil {
				return nil, err
			}
			inputs = append(inputs, in)
		}
	}
	return inputs, nil
}

// expand lists the files of a folder argument, sorted, or the argument itself.
func expand(arg string, stderr io.Writer) ([]string, error) {
	info, err := os.Stat(arg)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{arg}, nil
	}
	var files []string
	skipped := 0
	err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return nil
		case strings.Contains(path, "CloudTrail-Digest"):
			skipped++
			return nil
		case strings.HasSuffix(path, ".json"), strings.HasSuffix(path, ".json.gz"), strings.HasSuffix(path, ".jsonl"),
			strings.HasSuffix(path, ".jsonl.gz"), strings.HasSuffix(path, ".gz"):
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if skipped > 0 {
		fmt.Fprintf(stderr, "soc2-filtertest: %s: skipped %d CloudTrail digest file(s), which hold no events\n", arg, skipped)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no .json, .jsonl or .gz files in this folder", arg)
	}
	sort.Strings(files)
	return files, nil
}

func parseInput(name string, data []byte) (input, error) {
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return input{}, fmt.Errorf("%s: %w", name, err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			return input{}, fmt.Errorf("%s: gunzip: %w", name, err)
		}
	}
	records, err := readRecords(data)
	if err != nil {
		return input{}, fmt.Errorf("%s: %w", name, err)
	}
	return input{name: name, records: records}, nil
}

// unwrap turns one JSON value into the CloudTrail records it holds: a log file
// ({"Records":[...]}), `aws cloudtrail lookup-events` output ({"Events":[{"CloudTrailEvent":"..."}]}),
// an EventBridge event ({"detail-type":..., "detail":{...}}), or a record itself. Anything else is
// refused, so that no input is ever reported as a record that raises no alarm.
func unwrap(v json.RawMessage, where string) ([]json.RawMessage, error) {
	if len(v) == 0 || v[0] != '{' {
		return nil, fmt.Errorf("%s is not a JSON object", where)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(v, &obj); err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	if recs, ok := obj["Records"]; ok {
		var records []json.RawMessage
		if err := json.Unmarshal(recs, &records); err != nil {
			return nil, fmt.Errorf("%s: Records is not an array of records", where)
		}
		return records, nil
	}
	if events, ok := obj["Events"]; ok {
		return lookupEvents(events, where)
	}
	if detail, ok := obj["detail"]; ok && (obj["detail-type"] != nil || obj["source"] != nil) {
		return []json.RawMessage{detail}, nil
	}
	if obj["eventVersion"] != nil || obj["eventSource"] != nil {
		return []json.RawMessage{v}, nil
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return nil, fmt.Errorf("%s is not a CloudTrail record (no eventVersion or eventSource), log file (Records), "+
		"lookup-events output (Events) or EventBridge event (detail); its keys are [%s]", where, strings.Join(keys, ", "))
}

func lookupEvents(raw json.RawMessage, where string) ([]json.RawMessage, error) {
	var events []struct {
		CloudTrailEvent *string `json:"CloudTrailEvent"`
	}
	if err := json.Unmarshal(raw, &events); err != nil {
		return nil, fmt.Errorf("%s: Events is not lookup-events output: %w", where, err)
	}
	records := make([]json.RawMessage, len(events))
	for i, e := range events {
		if e.CloudTrailEvent == nil {
			return nil, fmt.Errorf("%s: Events[%d] has no CloudTrailEvent", where, i)
		}
		records[i] = json.RawMessage(*e.CloudTrailEvent)
		if !json.Valid(records[i]) {
			return nil, fmt.Errorf("%s: Events[%d].CloudTrailEvent is not JSON", where, i)
		}
	}
	return records, nil
}
