package logbucket

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestParsePolicyRoundTrip(t *testing.T) {
	p := parsePolicy(testPolicy(t, "config", "s3_access_logs", "cloudtrail"), testBucket)
	if !slices.Equal(p.Writers, []string{"cloudtrail", "config", "s3_access_logs"}) {
		t.Errorf("writers = %v", p.Writers)
	}
	if !slices.Equal(p.Readers, []string{testReader}) {
		t.Errorf("readers = %v", p.Readers)
	}
	if !slices.Contains(p.Admins, testAdmin) || !slices.Contains(p.Admins, "arn:aws:iam::123456789012:role/terraform-ci") {
		t.Errorf("admins = %v", p.Admins)
	}
	if p.OrganizationID != "" || p.AccessLogsPrefix != "" {
		t.Errorf("organization %q, access-log prefix %q from a policy without them", p.OrganizationID, p.AccessLogsPrefix)
	}
}

// Import recovers every input of the policy, so an import followed by a plan of the same
// configuration is empty: the organization id, the access-log prefix, and a root reader.
func TestParsePolicyRecoversEveryInput(t *testing.T) {
	m := testModel("cloudtrail", "s3_access_logs")
	root := "arn:aws:iam::444455556666:root"
	m.ReaderARNs = types.SetValueMust(types.StringType, stringValues([]string{testReader, root}))
	m.OrganizationID = types.StringValue("o-a1b2c3d4e5")
	m.S3AccessLogsPrefix = types.StringValue("s3-access/")
	policy, _ := bucketPolicy(testClient, m)
	p := parsePolicy(policy.ValueString(), testBucket)
	if p.OrganizationID != "o-a1b2c3d4e5" || p.AccessLogsPrefix != "s3-access/" {
		t.Errorf("organization %q, prefix %q", p.OrganizationID, p.AccessLogsPrefix)
	}
	if !slices.Equal(p.Readers, []string{testReader, root}) {
		t.Errorf("readers = %v", p.Readers)
	}

	var imported model
	imported.ARN = types.StringValue(testBucket)
	if d := setImportedPolicyArguments(context.Background(), &imported, p); d.HasError() {
		t.Fatal(d)
	}
	for name, pair := range map[string][2]attr.Value{
		"reader_arns":           {imported.ReaderARNs, m.ReaderARNs},
		"writers":               {imported.Writers, m.Writers},
		"admin_principal_arns":  {imported.AdminPrincipalARNs, m.AdminPrincipalARNs},
		"organization_id":       {imported.OrganizationID, m.OrganizationID},
		"s3_access_logs_prefix": {imported.S3AccessLogsPrefix, m.S3AccessLogsPrefix},
	} {
		if !pair[0].Equal(pair[1]) {
			t.Errorf("%s imported as %s, configured %s", name, pair[0], pair[1])
		}
	}
}
