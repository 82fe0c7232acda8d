package cloudtrailbaseline

import (
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

func TestTrailNameProblem(t *testing.T) {
	good := []string{"soc2", "abc", "Audit.Trail_1-x", strings.Repeat("a", 128), "a1b"}
	bad := map[string]string{
		"ab":                     "3 to 128",
		strings.Repeat("a", 129): "3 to 128",
		"-soc2":                  "start and end",
		"soc2_":                  "start and end",
		"soc2 trail":             "only letters",
		"soc2..trail":            "adjacent",
		"soc2_.trail":            "adjacent",
		"soc2-_trail":            "adjacent",
		"192.168.5.4":            "IP address",
		"soc2/trail":             "only letters",
	}
	for _, v := range good {
		if p := trailNameProblem(v); p != "" {
			t.Errorf("trailNameProblem(%q) = %q, want none", v, p)
		}
	}
	for v, want := range bad {
		if p := trailNameProblem(v); !strings.Contains(p, want) {
			t.Errorf("trailNameProblem(%q) = %q, want it to mention %q", v, p, want)
		}
	}
}

func TestBucketNameProblem(t *testing.T) {
	for _, v := range []string{"acme-soc2-logs", "a.b.c", "abc"} {
		if p := validate.S3BucketNameProblem(v); p != "" {
			t.Errorf("validate.S3BucketNameProblem(%q) = %q", v, p)
		}
	}
	for _, v := range []string{"ab", "Acme", "acme_logs", "-acme", "acme-", "a..b", "10.1.2.3", "xn--acme", "acme-s3alias"} {
		if validate.S3BucketNameProblem(v) == "" {
			t.Errorf("validate.S3BucketNameProblem(%q) accepted a bad name", v)
		}
	}
}

func TestRetentionProblem(t *testing.T) {
	for _, d := range []int64{90, 365, 400, 3653} {
		if p := retentionProblem(d); p != "" {
			t.Errorf("retentionProblem(%d) = %q", d, p)
		}
	}
	if p := retentionProblem(30); !strings.Contains(p, "at least 90") || !strings.Contains(p, "365") {
		t.Errorf("retentionProblem(30) = %q", p)
	}
	if p := retentionProblem(100); !strings.Contains(p, "does not accept") {
		t.Errorf("retentionProblem(100) = %q", p)
	}
}

func TestDeliveryFrequencyAndPrefix(t *testing.T) {
	if deliveryFrequencyProblem("Six_Hours") != "" || deliveryFrequencyProblem("Daily") == "" {
		t.Error("delivery frequency check is wrong")
	}
	for _, v := range []string{"", "/config", "config/", "x/AWSLogs"} {
		if prefixProblem(v) == "" {
			t.Errorf("prefixProblem(%q) accepted a bad prefix", v)
		}
	}
	if prefixProblem("cloudtrail/soc2") != "" {
		t.Error("prefixProblem rejected a good prefix")
	}
}

// CloudTrail cannot use an AWS managed key: its policy cannot admit cloudtrail.amazonaws.com.
func TestAWSManagedKeyProblem(t *testing.T) {
	for _, v := range []string{"arn:aws:kms:us-east-1:123456789012:alias/aws/s3", "alias/aws/cloudtrail", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/aws/s3"} {
		p := awsManagedKeyProblem(v)
		if !strings.Contains(p, "AWS managed key") || !strings.Contains(p, cloudTrailKMSDocs) || !strings.Contains(p, "customer managed key") {
			t.Errorf("%s: %q", v, p)
		}
	}
	for _, v := range []string{"arn:aws:kms:us-east-1:123456789012:alias/awsome", "arn:aws:kms:us-east-1:123456789012:alias/soc2",
		"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"} {
		if p := awsManagedKeyProblem(v); p != "" {
			t.Errorf("%s refused: %s", v, p)
		}
	}
}
