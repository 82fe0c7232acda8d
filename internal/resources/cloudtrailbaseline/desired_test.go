package cloudtrailbaseline

import (
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
	"github.com/soc2kit/terraform-provider-soc2/internal/policydoc"
)

func TestBuildEventSelectors(t *testing.T) {
	res := dataEventResources("aws", []string{"b-bucket", "a-bucket"})
	if !slices.Equal(res, []string{"arn:aws:s3:::a-bucket/", "arn:aws:s3:::b-bucket/"}) {
		t.Fatalf("dataEventResources = %v", res)
	}
	sel := buildEventSelectors(res)
	if len(sel) != 1 || sel[0].ReadWriteType != cttypes.ReadWriteTypeAll || !aws.ToBool(sel[0].IncludeManagementEvents) {
		t.Fatalf("selector is not management read+write: %+v", sel)
	}
	if len(sel[0].DataResources) != 1 || aws.ToString(sel[0].DataResources[0].Type) != "AWS::S3::Object" {
		t.Fatalf("data resources = %+v", sel[0].DataResources)
	}
	if got := buildEventSelectors(nil); len(got[0].DataResources) != 0 {
		t.Fatalf("no buckets must mean no data resources: %+v", got)
	}
	// What is built reads back as the hardened summary.
	s := summariseSelectors(sel, nil)
	if !s.IncludeManagementEvents || s.ManagementReadWriteType != "All" || !slices.Equal(s.DataEventResources, res) {
		t.Fatalf("summary of the built selectors = %+v", s)
	}
}

func TestSummariseSelectors(t *testing.T) {
	if s := summariseSelectors(nil, nil); !s.IncludeManagementEvents || s.ManagementReadWriteType != "All" {
		t.Errorf("no selectors (a new trail on moto) must read as AWS's default, got %+v", s)
	}
	s := summariseSelectors([]cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeWriteOnly, IncludeManagementEvents: aws.Bool(true),
		DataResources: []cttypes.DataResource{{Type: aws.String("AWS::S3::Object"), Values: []string{"arn:aws:s3:::x/"}}}}}, nil)
	if s.ManagementReadWriteType != "WriteOnly" || len(s.DataEventResources) != 0 {
		t.Errorf("write-only selector = %+v; its data events are not read+write either", s)
	}
	s = summariseSelectors([]cttypes.EventSelector{{ReadWriteType: cttypes.ReadWriteTypeAll, IncludeManagementEvents: aws.Bool(false)}}, nil)
	if s.IncludeManagementEvents {
		t.Errorf("management events excluded must show: %+v", s)
	}
	if s := summariseSelectors(nil, []cttypes.AdvancedEventSelector{{}}); s.ManagementReadWriteType != advancedSelectors {
		t.Errorf("advanced selectors must show as drift: %+v", s)
	}
}

func TestPolicies(t *testing.T) {
	client := &conns.AWSClient{Partition: "aws", HomeRegion: "us-east-1", AccountID: "123456789012"}
	spec, err := desiredCloudWatch(client, resourceModel{
		Name:           types.StringValue("soc2"),
		CloudWatchLogs: &cloudWatchLogsModel{LogGroupName: types.StringValue("/soc2/ct"), RetentionInDays: types.Int64Value(365)},
	})
	if err != nil {
		t.Fatal(err)
	}
	trust := spec.TrustPolicy
	var doc map[string]any
	if err := json.Unmarshal([]byte(trust), &doc); err != nil {
		t.Fatal(err)
	}
	st := doc["Statement"].([]any)[0].(map[string]any)
	if st["Principal"].(map[string]any)["Service"] != "cloudtrail.amazonaws.com" {
		t.Errorf("trust principal: %v", st["Principal"])
	}
	// Issue 12, defect 1: CloudTrail sends no aws:SourceArn/aws:SourceAccount when it assumes the
	// CloudWatch Logs role, so any condition on them leaves the role unusable.
	if cond, ok := st["Condition"]; ok {
		t.Errorf("trust policy must carry no condition (CloudTrail sends no source keys for this role): %v", cond)
	}
	assume := policydoc.Request{Service: "cloudtrail.amazonaws.com", Action: "sts:AssumeRole", Resource: arns.Role("aws", "123456789012", spec.RoleName)}
	if d := policydoc.Evaluate(trust, assume); d != policydoc.Allowed {
		t.Errorf("CloudTrail assuming the role without source keys: %s, want Allowed", d)
	}
	if d := policydoc.Evaluate(trust, policydoc.Request{Principal: "arn:aws:iam::444455556666:root", Action: "sts:AssumeRole"}); d == policydoc.Allowed {
		t.Errorf("another account may assume the delivery role")
	}

	pol := spec.RolePolicy
	streams := "arn:aws:logs:us-east-1:123456789012:log-group:/soc2/ct:log-stream:123456789012_CloudTrail_us-east-1*"
	if !strings.Contains(pol, `"`+streams+`"`) || !strings.Contains(pol, "logs:PutLogEvents") || strings.Contains(pol, "logs:*") ||
		strings.Contains(pol, "log-stream:*") {
		t.Errorf("delivery policy must cover only the streams CloudTrail names: %s", pol)
	}

	// Reordered keys, white space, a one-element list and IAM's URL encoding are all equivalent.
	reordered := `{ "Statement": [ { "Resource": ["` + streams + `"],
	  "Action": ["logs:PutLogEvents", "logs:CreateLogStream"], "Effect": "Allow", "Sid": "WriteTrailEvents" } ], "Version": "2012-10-17" }`
	if !policydoc.Equivalent(pol, reordered) || !policydoc.Equivalent(url.QueryEscape(reordered), pol) {
		t.Error("equivalent policies compared unequal")
	}
	if policydoc.Equivalent(pol, strings.ReplaceAll(reordered, "logs:PutLogEvents", "logs:*")) {
		t.Error("a widened policy compared equal")
	}
	if got := policydoc.Preferred(url.QueryEscape(reordered), pol); got != pol {
		t.Errorf("normalisedPolicy kept the AWS form of an equivalent policy: %s", got)
	}
	if got := policydoc.Preferred(url.QueryEscape(`{"a":1}`), pol); got != `{"a":1}` {
		t.Errorf("normalisedPolicy must decode a drifted policy: %s", got)
	}
}

func TestNamesAndKeys(t *testing.T) {
	if roleNameFor("soc2") != "soc2-cloudtrail-soc2" {
		t.Error(roleNameFor("soc2"))
	}
	long := roleNameFor(strings.Repeat("x", 128))
	if len(long) > 64 || long == roleNameFor(strings.Repeat("x", 127)+"y") {
		t.Errorf("long role names must fit IAM and stay distinct: %s", long)
	}
	if keyID("arn:aws:kms:us-east-1:123456789012:key/abc-123") != "abc-123" || keyID("abc-123") != "abc-123" || keyID("arn:aws:kms:us-east-1:1:alias/x") != "" {
		t.Error("keyID")
	}
	if groupNameOf("arn:aws:logs:us-east-1:123456789012:log-group:/soc2/ct:*") != "/soc2/ct" {
		t.Error("groupNameOf")
	}
	if !slices.Equal(bucketsOf([]string{"arn:aws:s3:::a/"}), []string{"a"}) {
		t.Error("bucketsOf")
	}
}
