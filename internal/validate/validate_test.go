package validate

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestARNProblem(t *testing.T) {
	cases := []struct {
		value, service string
		prefixes       []string
		want           string // "" = valid; else a fragment of the problem
	}{
		{"arn:aws:iam::123456789012:role/baseline", "iam", []string{"role/"}, ""},
		{"arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/abcd", "kms", []string{"key/", "alias/"}, ""},
		{"arn:aws:kms:us-east-1:123456789012:alias/logs", "kms", []string{"key/", "alias/"}, ""},
		{"role/baseline", "iam", []string{"role/"}, "not an ARN"},
		{"arn:aws:s3:::bucket", "iam", []string{"role/"}, `service "s3"`},
		{"arn:aws:iam::1234:role/x", "iam", []string{"role/"}, "not 12 digits"},
		{"arn:aws:iam::123456789012:user/bob", "iam", []string{"role/"}, `must start with "role/"`},
		{"arn:aws:iam::123456789012:role/", "iam", []string{"role/"}, "name something"},
		{"arn:gcp:iam::123456789012:role/x", "iam", []string{"role/"}, "unknown partition"},
	}
	for _, tc := range cases {
		got := ARNProblem(tc.value, tc.service, tc.prefixes...)
		if tc.want == "" && got != "" || tc.want != "" && !strings.Contains(got, tc.want) {
			t.Errorf("ARNProblem(%q) = %q, want %q", tc.value, got, tc.want)
		}
	}
}

func TestS3BucketNameProblem(t *testing.T) {
	for _, good := range []string{"acme-soc2-logs", "a.b.c", "123", strings.Repeat("a", 63)} {
		if p := S3BucketNameProblem(good); p != "" {
			t.Errorf("%q rejected: %s", good, p)
		}
	}
	for bad, fragment := range map[string]string{
		"ab":                    "3 to 63 characters",
		strings.Repeat("a", 64): "3 to 63 characters",
		"Acme":                  `character "A"`,
		"acme_logs":             `character "_"`,
		"-acme":                 "must begin",
		"acme-":                 "must end",
		"acme..logs":            "two adjacent dots",
		"acme.-logs":            "dot next to a hyphen",
		"192.168.1.1":           "IP address",
		"xn--acme":              `"xn--"`,
		"sthree-acme":           `"sthree-"`,
		"acme-s3alias":          `"-s3alias"`,
		"acme--ol-s3":           `"--ol-s3"`,
	} {
		if p := S3BucketNameProblem(bad); !strings.Contains(p, fragment) {
			t.Errorf("S3BucketNameProblem(%q) = %q, want it to mention %s", bad, p, fragment)
		}
	}
	if p := S3BucketPrefixProblem(strings.Repeat("p", 38), 37, 26); !strings.Contains(p, "at most 37") {
		t.Errorf("long prefix: %q", p)
	}
}

func TestRegionAndLogGroupNames(t *testing.T) {
	for region, ok := range map[string]bool{"us-east-1": true, "us-gov-west-1": true, "ap-southeast-2": true, "us-east": false, "useast1": false, "US-EAST-1": false} {
		if (RegionName(region) == "") != ok {
			t.Errorf("RegionName(%q) = %q", region, RegionName(region))
		}
	}
	for name, ok := range map[string]bool{"/soc2/cloudtrail": true, "a#b_c.d-e": true, "": false, "/soc2/cloud trail": false, strings.Repeat("a", 513): false} {
		if (LogGroupNameProblem(name) == "") != ok {
			t.Errorf("LogGroupNameProblem(%q) = %q", name, LogGroupNameProblem(name))
		}
	}
}

// The message shape every validator shares: attribute path, the value, then problem and fix.
func TestValidatorMessagesNameAttributeValueAndFix(t *testing.T) {
	ctx := context.Background()
	sresp := &validator.StringResponse{}
	Region().ValidateString(ctx, validator.StringRequest{Path: path.Root("region"), ConfigValue: types.StringValue("moon-1")}, sresp)
	if d := sresp.Diagnostics.Errors(); len(d) != 1 || !strings.Contains(d[0].Detail(), `region = "moon-1": not an AWS region code; use the form us-east-1`) {
		t.Errorf("string validator: %v", sresp.Diagnostics)
	}
	iresp := &validator.Int64Response{}
	AtLeast(90, "use 365").ValidateInt64(ctx, validator.Int64Request{Path: path.Root("retention_days"), ConfigValue: types.Int64Value(30)}, iresp)
	if d := iresp.Diagnostics.Errors(); len(d) != 1 || d[0].Detail() != "retention_days = 30: must be at least 90; use 365" {
		t.Errorf("int64 validator: %v", iresp.Diagnostics)
	}
	ok := &validator.Int64Response{}
	AtLeast(90, "use 365").ValidateInt64(ctx, validator.Int64Request{Path: path.Root("retention_days"), ConfigValue: types.Int64Unknown()}, ok)
	if ok.Diagnostics.HasError() {
		t.Error("an unknown value must not be judged at plan time")
	}
}
