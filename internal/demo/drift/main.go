// Command drift weakens the demo baseline out of band through the AWS SDK, the way a person with
// console access might, so `make demo` can show the plan that detects it. Each resource package
// contributes its steps in a file of its own (see register).
//
//	go run ./internal/demo/drift -outputs outputs.json
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

// step weakens one control: run gets the value of the example's output named output and returns
// a sentence saying what it changed.
type step struct {
	order  int
	name   string
	output string
	run    func(ctx context.Context, client *conns.AWSClient, value string) (string, error)
}

var steps []step

func register(s step) { steps = append(steps, s) }

func main() {
	outputsFile := flag.String("outputs", "", "file holding `terraform output -json`")
	region := flag.String("region", "us-east-1", "home region of the baseline")
	flag.Parse()

	if err := run(*outputsFile, *region); err != nil {
		fmt.Fprintln(os.Stderr, "drift:", err)
		os.Exit(1)
	}
}

func run(outputsFile, region string) error {
	outputs, err := readOutputs(outputsFile)
	if err != nil {
		return err
	}
	ctx := context.Background()
	client, err := conns.New(ctx, conns.Config{Region: region, EndpointURL: os.Getenv("AWS_ENDPOINT_URL"), MaxRetries: 3})
	if err != nil {
		return err
	}
	if len(steps) == 0 {
		fmt.Println("  (no resources in the baseline yet: nothing to weaken)")
		return nil
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i].order < steps[j].order })
	for _, s := range steps {
		value, err := need(outputs, s.output)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		what, err := s.run(ctx, client, value)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		fmt.Printf("  - %s\n", what)
	}
	return nil
}

func readOutputs(file string) (map[string]string, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("reading terraform outputs: %w", err)
	}
	var decoded map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal(raw, &decoded); err != nil {
		return nil, fmt.Errorf("parsing terraform outputs: %w", err)
	}
	outputs := make(map[string]string, len(decoded))
	for k, v := range decoded {
		if s, ok := v.Value.(string); ok {
			outputs[k] = s
		} else {
			b, _ := json.Marshal(v.Value)
			outputs[k] = string(b)
		}
	}
	return outputs, nil
}

// need fetches an output a step depends on, with an error that names it.
func need(outputs map[string]string, name string) (string, error) {
	v, ok := outputs[name]
	if !ok || v == "" {
		return "", fmt.Errorf("the example has no output %q", name)
	}
	return v, nil
}
