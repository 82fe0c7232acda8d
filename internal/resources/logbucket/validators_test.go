package logbucket

import (
	"context"
	"strings"
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/validate"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// runString runs a string validator the way the framework does and returns the error text.
func runString(v validator.String, attr, value string) string {
	resp := &validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root(attr), ConfigValue: types.StringValue(value)}, resp)
	if !resp.Diagnostics.HasError() {
		return ""
	}
	return resp.Diagnostics.Errors()[0].Detail()
}

func runInt(v validator.Int64, attr string, value int64) string {
	resp := &validator.Int64Response{}
	v.ValidateInt64(context.Background(), validator.Int64Request{Path: path.Root(attr), ConfigValue: types.Int64Value(value)}, resp)
	if !resp.Diagnostics.HasError() {
		return ""
	}
	return resp.Diagnostics.Errors()[0].Detail()
}

// Every message must name the attribute, quote the value and say what to do.
func assertDiagnostic(t *testing.T, got, attr, value, fix string) {
	t.Helper()
	if got == "" {
		t.Fatalf("%s = %s: expected an error", attr, value)
	}
	for _, want := range []string{attr, value, fix} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostic %q does not contain %q", got, want)
		}
	}
}

func TestBucketNameRules(t *testing.T) {
	for _, tc := range []struct {
		name, fix string
	}{
		{"ab", "3 to 63 characters"},
		{strings.Repeat("a", 64), "3 to 63 characters"},
		{"Acme-logs", "only lowercase letters"},
		{"acme_logs", "only lowercase letters"},
		{"-acme-logs", "must begin with a lowercase letter or a digit"},
		{".acme-logs", "must begin with a lowercase letter or a digit"},
		{"acme-logs-", "must end with a lowercase letter or a digit"},
		{"acme..logs", "two adjacent dots"},
		{"acme.-logs", "dot next to a hyphen"},
		{"192.168.5.4", "IP address"},
		{"xn--acme-logs", `beginning with "xn--"`},
		{"sthree-logs", `beginning with "sthree-"`},
		{"amzn-s3-demo-logs", `beginning with "amzn-s3-demo-"`},
		{"acme-logs-s3alias", `suffix "-s3alias"`},
		{"acme-logs--ol-s3", `suffix "--ol-s3"`},
		{"acme.mrap", `suffix ".mrap"`},
		{"acme--x-s3", `suffix "--x-s3"`},
		{"acme--table-s3", `suffix "--table-s3"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assertDiagnostic(t, runString(bucketNameValidator(), "bucket", tc.name), "bucket", `"`+tc.name+`"`, tc.fix)
		})
	}
	for _, ok := range []string{"abc", "acme-soc2-logs", "acme.soc2.logs", "123logs", strings.Repeat("a", 63), "192.168.5.4x"} {
		if got := runString(bucketNameValidator(), "bucket", ok); got != "" {
			t.Errorf("bucket %q: unexpected error %s", ok, got)
		}
	}
}

func TestBucketPrefixRules(t *testing.T) {
	long := strings.Repeat("a", maxPrefixLength+1)
	assertDiagnostic(t, runString(bucketPrefixValidator(), "bucket_prefix", long), "bucket_prefix", long, "at most 37 characters")
	assertDiagnostic(t, runString(bucketPrefixValidator(), "bucket_prefix", "Logs-"), "bucket_prefix", `"Logs-"`, "only lowercase letters")
	assertDiagnostic(t, runString(bucketPrefixValidator(), "bucket_prefix", "xn--logs"), "bucket_prefix", `"xn--logs"`, "xn--")
	assertDiagnostic(t, runString(bucketPrefixValidator(), "bucket_prefix", "-logs"), "bucket_prefix", `"-logs"`, "must begin")
	if got := runString(bucketPrefixValidator(), "bucket_prefix", strings.Repeat("a", maxPrefixLength-1)+"-"); got != "" {
		t.Errorf("a 37-character prefix ending in a hyphen is fine: %s", got)
	}
	name := generateName("acme-logs-")
	if len(name) != len("acme-logs-")+generatedSuffix || validate.S3BucketNameProblem(name) != "" {
		t.Errorf("generated name %q is not a valid bucket name: %s", name, validate.S3BucketNameProblem(name))
	}
	if p := validate.S3BucketNameProblem(generateName(strings.Repeat("a", maxPrefixLength))); p != "" {
		t.Errorf("the longest prefix must still yield a valid name: %s", p)
	}
}

func TestArgumentValidators(t *testing.T) {
	assertDiagnostic(t, runInt(retentionValidator(), "retention_days", 89), "retention_days", "89", "set retention_days to 90 or more")
	if got := runInt(retentionValidator(), "retention_days", 90); got != "" {
		t.Errorf("90 days is enough: %s", got)
	}
	assertDiagnostic(t, runInt(positiveDaysValidator(), "glacier_transition_days", 0), "glacier_transition_days", "0", "1 or more")
	assertDiagnostic(t, runString(writerValidator(), "writers", "cloudwatch"), "writers", `"cloudwatch"`,
		`use one of "cloudtrail", "config", "s3_access_logs"`)
	for _, w := range []string{"cloudtrail", "config", "s3_access_logs"} {
		if got := runString(writerValidator(), "writers", w); got != "" {
			t.Errorf("writer %s: %s", w, got)
		}
	}
	for _, bad := range []struct{ value, fix string }{
		{"security-audit", "not an ARN"},
		{"arn:aws:s3:::bucket", `"iam" is required`},
		{"arn:aws:iam::123456789012:group/auditors", "not an IAM role, user or account root ARN"},
		{"arn:aws:iam::12345:role/x", "not 12 digits"},
		{"arn:aws:iam::123456789012:role/", "not an IAM role, user or account root ARN"},
	} {
		assertDiagnostic(t, runString(principalARNValidator(), "reader_arns", bad.value), "reader_arns", `"`+bad.value+`"`, bad.fix)
	}
	for _, ok := range []string{"arn:aws:iam::123456789012:role/security-audit", "arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:root",
		"arn:aws-us-gov:iam::123456789012:role/path/to/role"} {
		if got := runString(principalARNValidator(), "reader_arns", ok); got != "" {
			t.Errorf("%s: %s", ok, got)
		}
	}
	for _, bad := range []struct{ value, fix string }{
		{"1234abcd-12ab-34cd-56ef-1234567890ab", "not an ARN"},
		{"arn:aws:kms:us-east-1:123456789012:grant/x", `must start with "key/" or "alias/"`},
		{"arn:aws:iam::123456789012:role/x", `"kms" is required`},
	} {
		assertDiagnostic(t, runString(kmsKeyValidator(), "kms_key_arn", bad.value), "kms_key_arn", `"`+bad.value+`"`, bad.fix)
	}
}

func configModel(mutate func(*model)) model {
	m := model{arguments: arguments{
		Bucket:        types.StringValue("acme-soc2-logs"),
		BucketPrefix:  types.StringNull(),
		RetentionDays: types.Int64Null(),
		GlacierDays:   types.Int64Null(),
		ObjectLock:    types.ObjectNull(objectLockAttrTypes),
		Writers:       types.SetNull(types.StringType),
	}}
	mutate(&m)
	return m
}

func lockValue(days int64) types.Object {
	return types.ObjectValueMust(objectLockAttrTypes, map[string]attr.Value{"mode": types.StringValue("GOVERNANCE"), "days": types.Int64Value(days)})
}

func TestCrossFieldRules(t *testing.T) {
	for _, tc := range []struct {
		name       string
		mutate     func(*model)
		attr, want []string
	}{
		{"both names", func(m *model) { m.BucketPrefix = types.StringValue("acme-") },
			[]string{"bucket_prefix"}, []string{`bucket = "acme-soc2-logs"`, `bucket_prefix = "acme-"`, "keep bucket for a fixed name or bucket_prefix"}},
		{"no name", func(m *model) { m.Bucket = types.StringNull() },
			[]string{"bucket"}, []string{"bucket = null and bucket_prefix = null", "set bucket"}},
		{"transition at default retention", func(m *model) { m.GlacierDays = types.Int64Value(365) },
			[]string{"glacier_transition_days"}, []string{"glacier_transition_days = 365", "retention_days = 365", "below 365"}},
		{"transition above retention", func(m *model) { m.RetentionDays = types.Int64Value(120); m.GlacierDays = types.Int64Value(200) },
			[]string{"glacier_transition_days"}, []string{"glacier_transition_days = 200", "retention_days = 120", "below 120"}},
		{"lock longer than retention", func(m *model) { m.RetentionDays = types.Int64Value(100); m.ObjectLock = lockValue(101) },
			[]string{"object_lock.days"}, []string{"object_lock.days = 101", "retention_days = 100", "set object_lock.days to 100 or less"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diags := crossFieldProblems(context.Background(), configModel(tc.mutate))
			if diags.ErrorsCount() != 1 {
				t.Fatalf("expected one error, got %v", diags)
			}
			d := diags.Errors()[0]
			for _, w := range tc.want {
				if !strings.Contains(d.Detail(), w) {
					t.Errorf("%q does not contain %q", d.Detail(), w)
				}
			}
			if !strings.Contains(d.Summary(), tc.attr[0]) && !strings.Contains(d.Detail(), tc.attr[0]) {
				t.Errorf("diagnostic does not name %s", tc.attr[0])
			}
		})
	}
	for _, ok := range []func(*model){
		func(*model) {},
		func(m *model) { m.GlacierDays = types.Int64Value(364) },
		func(m *model) { m.RetentionDays = types.Int64Value(90); m.ObjectLock = lockValue(90) },
		func(m *model) { m.Bucket = types.StringNull(); m.BucketPrefix = types.StringValue("acme-") },
		func(m *model) { m.RetentionDays = types.Int64Unknown(); m.GlacierDays = types.Int64Value(1000) },
	} {
		if diags := crossFieldProblems(context.Background(), configModel(ok)); diags.HasError() {
			t.Errorf("unexpected error: %v", diags)
		}
	}
}

// Issue 12 defect 6: an alias for kms_key_arn is refused at plan time, naming the attribute, the
// value, the AWS rule and the fix.
func TestKMSAliasRefused(t *testing.T) {
	for _, alias := range []string{"arn:aws:kms:us-east-1:123456789012:alias/soc2-logs", "alias/soc2-logs", "alias/aws/s3"} {
		got := runString(kmsKeyValidator(), "kms_key_arn", alias)
		assertDiagnostic(t, got, "kms_key_arn", `"`+alias+`"`, "Set kms_key_arn to the key ARN")
		for _, want := range []string{"full key ARN", "AWS services deliver", "aws kms describe-key", "API_ServerSideEncryptionByDefault"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: %q lacks %q", alias, got, want)
			}
		}
	}
	if got := runString(kmsKeyValidator(), "kms_key_arn", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"); got != "" {
		t.Errorf("a key ARN is fine: %s", got)
	}
}

// Issue 12 defect 6: Object Lock default retention on a server access log target.
func TestObjectLockOnAccessLogTarget(t *testing.T) {
	withWriters := func(writers ...string) func(*model) {
		return func(m *model) {
			m.ObjectLock = lockValue(30)
			m.Writers = types.SetValueMust(types.StringType, stringValues(writers))
		}
	}
	diags := crossFieldProblems(context.Background(), configModel(withWriters("cloudtrail", "s3_access_logs")))
	if diags.ErrorsCount() != 1 {
		t.Fatalf("expected one error, got %v", diags)
	}
	d := diags.Errors()[0]
	for _, want := range []string{"object_lock = ", `"s3_access_logs"`, "no Object Lock default retention", "enable-server-access-logging", "Remove object_lock"} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("%q does not contain %q", d.Detail(), want)
		}
	}
	for _, ok := range []func(*model){
		withWriters("cloudtrail", "config"),
		func(m *model) {
			m.Writers = types.SetValueMust(types.StringType, stringValues([]string{"s3_access_logs"}))
		},
		func(m *model) { m.ObjectLock = lockValue(30); m.Writers = types.SetUnknown(types.StringType) },
	} {
		if diags := crossFieldProblems(context.Background(), configModel(ok)); diags.HasError() {
			t.Errorf("unexpected error: %v", diags)
		}
	}
}

func TestOrganizationID(t *testing.T) {
	assertDiagnostic(t, runString(organizationIDValidator(), "organization_id", "o-abc"), "organization_id", `"o-abc"`, "o- followed by 10 to 32")
	assertDiagnostic(t, runString(organizationIDValidator(), "organization_id", "123456789012"), "organization_id", `"123456789012"`, "describe-organization")
	if got := runString(organizationIDValidator(), "organization_id", "o-a1b2c3d4e5"); got != "" {
		t.Errorf("valid id refused: %s", got)
	}
}
