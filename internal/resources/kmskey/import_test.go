package kmskey

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
	"github.com/soc2kit/terraform-provider-soc2/internal/policies"
)

// Import recovers exactly the arguments the generated policy was built from.
func TestRecoverArgumentsRoundTrip(t *testing.T) {
	ctx := context.Background()
	cases := []policies.KeyPolicyInput{
		{Services: policies.KeyServiceNames()},
		{Services: []string{"logs"}, LogGroupNames: []string{"/soc2/a", "/soc2/b"}},
		{Services: []string{"sns", "config"}, AdminARNs: []string{"arn:aws:iam::111122223333:role/admin"}},
		{},
	}
	for _, in := range cases {
		in.Partition, in.Region, in.AccountID = "aws", "us-east-1", "111122223333"
		policy, err := policies.KeyPolicy(in)
		if err != nil {
			t.Fatal(err)
		}
		var m resourceModel
		if diags := recoverArguments(ctx, policy, &m); diags.HasError() {
			t.Fatal(diags)
		}
		got, _ := policyInput(ctx, m, env{Partition: "aws", Region: "us-east-1", AccountID: "111122223333"})
		again, err := policies.KeyPolicy(got)
		if err != nil || again != policy {
			t.Errorf("input %+v recovered as %+v: policy %s, want %s (%v)", in, got, again, policy, err)
		}
		if len(in.AdminARNs) == 0 && !m.AdminARNs.IsNull() || len(in.LogGroupNames) == 0 && !m.LogGroupNames.IsNull() {
			t.Errorf("input %+v: unset arguments recovered as %v / %v, want null", in, m.AdminARNs, m.LogGroupNames)
		}
	}
}

func TestReadAlias(t *testing.T) {
	aliases := []string{"alias/a", "alias/b"}
	for _, c := range []struct {
		prior types.String
		want  types.String
	}{
		{types.StringValue("alias/b"), types.StringValue("alias/b")},
		{types.StringValue("alias/gone"), types.StringNull()},
		{types.StringNull(), types.StringValue("alias/a")},
	} {
		if got := readAlias(aliases, c.prior); !got.Equal(c.want) {
			t.Errorf("readAlias(%v) = %v, want %v", c.prior, got, c.want)
		}
	}
	if got := readAlias(nil, types.StringNull()); !got.IsNull() {
		t.Errorf("no alias read as %v", got)
	}
}

func TestRotation(t *testing.T) {
	for _, c := range []struct {
		name        string
		found       keyFound
		want, prior int64
		differs     bool
	}{
		{"off", keyFound{RotationKnown: true}, 365, 365, true},
		{"unknown (pending deletion)", keyFound{}, 365, 365, true},
		{"same period", keyFound{RotationKnown: true, RotationEnabled: true, RotationPeriod: 365}, 365, 365, false},
		{"period changed out of band", keyFound{RotationKnown: true, RotationEnabled: true, RotationPeriod: 730}, 365, 365, true},
		{"period not reported, unchanged", keyFound{RotationKnown: true, RotationEnabled: true}, 365, 365, false},
		{"period not reported, planned change", keyFound{RotationKnown: true, RotationEnabled: true}, 180, 365, true},
	} {
		if got := rotationDiffers(&c.found, c.want, c.prior); got != c.differs {
			t.Errorf("%s: rotationDiffers = %v, want %v", c.name, got, c.differs)
		}
	}

	m := resourceModel{RotationPeriodDays: types.Int64Value(180)}
	readRotation(&keyFound{RotationKnown: true, RotationEnabled: true, RotationPeriod: 730}, &m)
	if m.RotationPeriodDays.ValueInt64() != 730 || !m.RotationEnabled.ValueBool() {
		t.Errorf("reported period not read: %v %v", m.RotationPeriodDays, m.RotationEnabled)
	}
	m = resourceModel{RotationPeriodDays: types.Int64Value(180)}
	readRotation(&keyFound{RotationKnown: true}, &m)
	if m.RotationPeriodDays.ValueInt64() != 180 || m.RotationEnabled.ValueBool() {
		t.Errorf("rotation off: %v %v, want period kept and rotation false", m.RotationPeriodDays, m.RotationEnabled)
	}
}

func TestFailedCreateStateIsKnown(t *testing.T) {
	plan := resourceModel{
		ID: types.StringUnknown(), KeyID: types.StringUnknown(), ARN: types.StringUnknown(),
		Policy: types.StringUnknown(), TagsAll: types.MapUnknown(types.StringType),
		Alias: types.StringValue("alias/x"), Enabled: types.BoolValue(true),
	}
	s := failedCreateState(plan, "k-1", env{Partition: "aws", Region: "us-east-1", AccountID: "111122223333"})
	if s.ID.ValueString() != "k-1" || s.ARN.ValueString() != "arn:aws:kms:us-east-1:111122223333:key/k-1" {
		t.Errorf("failed-create state ids %v %v", s.ID, s.ARN)
	}
	if s.Policy.IsUnknown() || s.TagsAll.IsUnknown() || !s.Enabled.IsNull() {
		t.Errorf("failed-create state must hold no unknowns and no claimed settings: %+v", s)
	}
}

func TestDesiredFrom(t *testing.T) {
	ctx := context.Background()
	services, _ := types.SetValueFrom(ctx, types.StringType, []string{"sns"})
	tags, _ := framework.MapValue(ctx, map[string]string{"owner": "security"})
	plan := resourceModel{
		Alias: types.StringValue("alias/soc2"), Description: types.StringValue("d"), Services: services,
		AdminARNs: types.SetNull(types.StringType), LogGroupNames: types.SetNull(types.StringType),
		RotationPeriodDays: types.Int64Value(400), TagsAll: tags,
	}
	e := env{Partition: "aws", Region: "eu-west-1", AccountID: "111122223333"}
	want, diags := desiredFrom(ctx, plan, e)
	if diags.HasError() {
		t.Fatal(diags)
	}
	expected, _ := policies.KeyPolicy(policies.KeyPolicyInput{Partition: "aws", Region: "eu-west-1", AccountID: "111122223333", Services: []string{"sns"}})
	if want.Alias != "alias/soc2" || want.RotationPeriod != 400 || want.Tags["owner"] != "security" || want.Policy != expected {
		t.Errorf("desiredFrom = %+v", want)
	}
}
