package policies

import (
	"strings"
	"testing"
)

func TestAccessLogsTargetProblem(t *testing.T) {
	d := AccessLogsDelivery{Partition: "aws", AccountID: "111122223333", SourceBucket: "data-a", SourceRegion: "us-east-1",
		TargetBucket: "soc2-logs", TargetPrefix: "s3-access/data-a/"}
	generated, err := LogBucket(LogBucketInput{Partition: "aws", AccountID: "111122223333", Bucket: "soc2-logs",
		Writers: []string{WriterS3AccessLogs}, AccessLogsPrefix: "s3-access/"})
	if err != nil {
		t.Fatal(err)
	}
	documented := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},
		"Action":"s3:PutObject","Resource":"arn:aws:s3:::soc2-logs/s3-access/*",
		"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::data-a"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}`
	otherAccount := strings.ReplaceAll(documented, "111122223333", "444455556666")
	otherSource := strings.ReplaceAll(documented, "arn:aws:s3:::data-a", "arn:aws:s3:::data-b")
	deny := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::soc2-logs/*"},
		{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::soc2-logs/*"}]}`

	for name, tc := range map[string]struct {
		policy      string
		d           AccessLogsDelivery
		wantProblem string
	}{
		"generated log bucket policy":       {generated, d, ""},
		"generated policy, other prefix":    {generated, with(d, func(d *AccessLogsDelivery) { d.TargetPrefix = "other/" }), "no statement allowing"},
		"documented statement":              {documented, d, ""},
		"documented, partitioned keys":      {documented, with(d, func(d *AccessLogsDelivery) { d.Partitioned = true; d.TargetPrefix = "s3-access/" }), ""},
		"condition on another account":      {otherAccount, d, "no statement allowing"},
		"condition on another source":       {otherSource, d, "aws:SourceArn arn:aws:s3:::data-a"},
		"explicit deny wins":                {deny, d, "explicitly denies"},
		"no policy statements at all":       {`{"Version":"2012-10-17","Statement":[]}`, d, "no statement allowing"},
		"other service principal only":      {strings.ReplaceAll(documented, "logging.s3", "cloudtrail"), d, "no statement allowing"},
		"prefix outside the granted prefix": {documented, with(d, func(d *AccessLogsDelivery) { d.TargetPrefix = "" }), "no statement allowing"},
	} {
		t.Run(name, func(t *testing.T) {
			got := AccessLogsTargetProblem(tc.policy, tc.d)
			if tc.wantProblem == "" && got != "" || tc.wantProblem != "" && !strings.Contains(got, tc.wantProblem) {
				t.Errorf("AccessLogsTargetProblem = %q, want %q", got, tc.wantProblem)
			}
		})
	}
}

func TestAccessLogsObjectKey(t *testing.T) {
	d := AccessLogsDelivery{AccountID: "111122223333", SourceBucket: "data-a", SourceRegion: "eu-west-1", TargetPrefix: "logs/"}
	if k := d.ObjectKey(); !strings.HasPrefix(k, "logs/2026-") {
		t.Errorf("simple key %q", k)
	}
	d.Partitioned = true
	if k := d.ObjectKey(); !strings.HasPrefix(k, "logs/111122223333/eu-west-1/data-a/2026/01/02/") {
		t.Errorf("partitioned key %q", k)
	}
}

func with(d AccessLogsDelivery, f func(*AccessLogsDelivery)) AccessLogsDelivery {
	f(&d)
	return d
}
