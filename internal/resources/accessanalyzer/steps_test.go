package accessanalyzer

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

var testRegions = []string{"eu-west-1", "us-east-1", "us-west-2"}

const testTopic = "arn:aws:sns:us-east-1:111122223333:soc2-alarms"

func testDesired() desired {
	return desired{
		Name: "soc2-aa", Type: aatypes.TypeAccount, Regions: slices.Clone(testRegions), UnusedAge: 90,
		Archive: map[string]archiveRule{
			"trusted-org": {"condition.aws:PrincipalOrgID": normalCriterion([]string{"o-abc123"}, nil, nil, nil)},
			"not-public":  {"isPublic": normalCriterion([]string{"false"}, nil, nil, nil), "resourceType": normalCriterion([]string{"AWS::KMS::Key"}, nil, nil, nil)},
		},
		TopicARN: testTopic, Tags: map[string]string{"team": "security"},
	}
}

// testModel is the planned model of d, as Terraform would hand it to Create.
func testModel(t *testing.T, d desired) resourceModel {
	t.Helper()
	ctx := context.Background()
	regions, _ := types.SetValueFrom(ctx, types.StringType, d.Regions)
	archive, diags := archiveModel(ctx, d.Archive)
	tags, _ := types.MapValueFrom(ctx, types.StringType, d.Tags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	m := resourceModel{
		ID: types.StringValue(d.Name), Name: types.StringValue(d.Name), Type: types.StringValue(string(d.Type)),
		Regions: regions, UnusedAccessAgeDays: types.Int64Null(), ArchiveRules: archive,
		SNSTopicARN: types.StringValue(d.TopicARN), Tags: tags, TagsAll: tags, Analyzers: types.MapNull(regionObjectType),
	}
	if d.UnusedAge > 0 {
		m.UnusedAccessAgeDays = types.Int64Value(int64(d.UnusedAge))
	}
	return m
}

// created runs a create of d against a fresh fake and returns the fake, its client and the state.
func created(t *testing.T, d desired) (*fakeAWS, *conns.AWSClient, resourceModel) {
	t.Helper()
	f := newFakeAWS()
	client := f.client(t)
	found, err := applyRegions(context.Background(), client, d, nil)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	role, err := forwardRoleFor(context.Background(), client, d)
	if err != nil {
		t.Fatal(err)
	}
	state, diags := stateFrom(context.Background(), client, found, role, testModel(t, d), d)
	if diags.HasError() {
		t.Fatal(diags)
	}
	f.reset()
	return f, client, state
}

// regionEntries reads the analyzers map.
func regionEntries(t *testing.T, m types.Map) map[string]regionModel {
	t.Helper()
	out := map[string]regionModel{}
	if d := m.ElementsAs(context.Background(), &out, false); d.HasError() {
		t.Fatal(d)
	}
	return out
}

func TestApplyRegions_createsEveryRegion(t *testing.T) {
	d := testDesired()
	f, _, state := created(t, d)
	entries := regionEntries(t, state.Analyzers)
	if got := slices.Sorted(mapsKeys(entries)); !slices.Equal(got, testRegions) {
		t.Fatalf("analyzers regions = %v, want %v", got, testRegions)
	}
	for region, e := range entries {
		want := fmt.Sprintf("arn:aws:access-analyzer:%s:%s:analyzer/soc2-aa", region, testAccount)
		if e.AnalyzerARN.ValueString() != want || e.Status.ValueString() != "ACTIVE" || e.RuleState.ValueString() != "ENABLED" ||
			!e.TargetPresent.ValueBool() || !e.ArchiveRulesInSync.ValueBool() || e.UnusedAccessStatus.ValueString() != "ACTIVE" {
			t.Errorf("%s: %+v", region, e)
		}
	}
	if got := state.TagsAll.Elements()["team"]; got != types.StringValue("security") {
		t.Errorf("tags_all[team] = %v", got)
	}
	for _, region := range testRegions {
		if !slices.Contains(f.regionsWithAnything(), region) {
			t.Errorf("%s: nothing created", region)
		}
	}
	if !archiveEqual(f, "eu-west-1", d.Archive) {
		t.Errorf("eu-west-1 archive rules differ from the declared ones")
	}
}

func archiveEqual(f *fakeAWS, region string, want map[string]archiveRule) bool {
	have := map[string]archiveRule{}
	for name, r := range f.archive[region]["soc2-aa"] {
		have[name] = fromCriteria(r.Filter)
	}
	return sameArchive(have, want)
}

// The requests the SDK serialized are what AWS receives: check the wire form of the create calls.
func TestApplyRegions_requestsOnTheWire(t *testing.T) {
	f := newFakeAWS()
	if _, err := applyRegions(context.Background(), f.client(t), testDesired(), nil); err != nil {
		t.Fatal(err)
	}
	creates := f.callsTo("CreateAnalyzer")
	if len(creates) != 2*len(testRegions) {
		t.Fatalf("%d CreateAnalyzer calls, want %d (external and unused access per region)", len(creates), 2*len(testRegions))
	}
	types := map[string]int{}
	for _, c := range creates {
		var body struct {
			AnalyzerName  string            `json:"analyzerName"`
			Type          string            `json:"type"`
			Tags          map[string]string `json:"tags"`
			Configuration map[string]any    `json:"configuration"`
		}
		if c.Method != http.MethodPut || c.Path != "/analyzer" || json.Unmarshal([]byte(c.Body), &body) != nil {
			t.Fatalf("CreateAnalyzer request %s %s %s", c.Method, c.Path, c.Body)
		}
		types[body.Type]++
		if body.Tags["team"] != "security" {
			t.Errorf("%s: analyzer %s created without tags: %s", c.Region, body.AnalyzerName, c.Body)
		}
		if body.Type == "ACCOUNT_UNUSED_ACCESS" && !strings.Contains(c.Body, `"unusedAccessAge":90`) {
			t.Errorf("%s: unused-access analyzer without age: %s", c.Region, c.Body)
		}
	}
	if types["ACCOUNT"] != 3 || types["ACCOUNT_UNUSED_ACCESS"] != 3 {
		t.Errorf("analyzer types created: %v", types)
	}
	for _, c := range f.callsTo("PutRule") {
		var body struct{ Name, EventPattern, State string }
		_ = json.Unmarshal([]byte(c.Body), &body)
		if body.Name != "soc2-aa-findings" || body.State != "ENABLED" || !samePattern(body.EventPattern, eventPattern()) {
			t.Errorf("%s: PutRule %s", c.Region, c.Body)
		}
	}
	// The topic's region targets the topic; the others forward to its default bus as the role.
	for _, c := range f.callsTo("PutTargets") {
		want := `{"Arn":"arn:aws:events:us-east-1:111122223333:event-bus/default","Id":"soc2-alarm-topic","RoleArn":"arn:aws:iam::111122223333:role/soc2-aa-fwd"}`
		if c.Region == "us-east-1" {
			want = `{"Arn":"` + testTopic + `","Id":"soc2-alarm-topic"}`
		}
		if !strings.Contains(c.Body, want) {
			t.Errorf("%s: PutTargets %s, want target %s", c.Region, c.Body, want)
		}
	}
	if calls := f.callsTo("CreateRole"); len(calls) != 1 || !strings.Contains(calls[0].Body, "events.amazonaws.com") {
		t.Errorf("CreateRole calls: %+v", calls)
	}
}

func TestApplyRegions_secondApplyChangesNothing(t *testing.T) {
	d := testDesired()
	f, client, _ := created(t, d)
	if _, err := applyRegions(context.Background(), client, d, testRegions); err != nil {
		t.Fatal(err)
	}
	if m := f.mutations(); len(m) != 0 {
		t.Errorf("an apply without drift changed: %v", m)
	}
}

// A region that fails is rolled back (nothing of it is left in AWS nor in state); the regions
// that succeeded are recorded, and the error names the failed region.
func TestApplyRegions_partialFailureRollsBackTheRegion(t *testing.T) {
	f := newFakeAWS()
	client := f.client(t)
	f.fail["us-west-2/PutTargets"] = &ebtypes.AccessDeniedException{Message: aws.String("not authorized to perform events action")}
	found, err := applyRegions(context.Background(), client, testDesired(), nil)
	if err == nil || !strings.Contains(err.Error(), "us-west-2") {
		t.Fatalf("err = %v, want one naming us-west-2", err)
	}
	if got := slices.Sorted(mapsKeys(found)); !slices.Equal(got, []string{"eu-west-1", "us-east-1"}) {
		t.Errorf("recorded regions = %v, want the two that succeeded", got)
	}
	if got := f.regionsWithAnything(); !slices.Equal(got, []string{"eu-west-1", "us-east-1"}) {
		t.Errorf("regions with objects in AWS = %v: us-west-2 was not rolled back", got)
	}
	// The next apply (the failure gone) completes the missing region only.
	delete(f.fail, "us-west-2/PutTargets")
	f.reset()
	if _, err := applyRegions(context.Background(), client, testDesired(), []string{"eu-west-1", "us-east-1"}); err != nil {
		t.Fatal(err)
	}
	for _, m := range f.mutations() {
		if !strings.HasPrefix(m, "us-west-2 ") {
			t.Errorf("retry touched another region: %s", m)
		}
	}
}

// A failed region that already had the resource's objects (from an earlier apply) stays
// recorded, so destroy still removes them.
func TestApplyRegions_partialFailureKeepsARegionThatOwnsObjects(t *testing.T) {
	d := testDesired()
	f, client, _ := created(t, d)
	f.rules["eu-west-1"]["soc2-aa-findings"].state = "DISABLED"
	f.fail["eu-west-1/PutRule"] = &ebtypes.AccessDeniedException{Message: aws.String("not authorized to perform events action")}
	found, err := applyRegions(context.Background(), client, d, testRegions)
	if err == nil {
		t.Fatal("want an error")
	}
	if _, ok := found["eu-west-1"]; !ok {
		t.Errorf("eu-west-1 owns an analyzer and a rule but was dropped from state")
	}
	if f.analyzers["eu-west-1"]["soc2-aa"] == nil {
		t.Errorf("rollback removed an analyzer this apply did not create")
	}
}

func TestApplyRegions_removesDroppedRegion(t *testing.T) {
	d := testDesired()
	f, client, _ := created(t, d)
	d.Regions = []string{"eu-west-1", "us-east-1"}
	found, err := applyRegions(context.Background(), client, d, testRegions)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := found["us-west-2"]; ok || slices.Contains(f.regionsWithAnything(), "us-west-2") {
		t.Errorf("us-west-2 left behind")
	}
}

func TestDeleteRegions_removesEverythingAndToleratesAbsent(t *testing.T) {
	f, client, state := created(t, testDesired())
	delete(f.analyzers["us-east-1"], "soc2-aa") // half gone already
	for range 2 {
		if err := deleteRegions(context.Background(), client, stateRegions(state), "soc2-aa"); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.regionsWithAnything(); len(got) != 0 {
		t.Errorf("left behind in %v", got)
	}
}

// A rule someone else added a target to is not deleted with their target.
func TestDeleteRegions_keepsForeignTargets(t *testing.T) {
	f, client, _ := created(t, testDesired())
	r := f.rules["eu-west-1"]["soc2-aa-findings"]
	r.targets = append(r.targets, ebTarget("someone-else", "arn:aws:sqs:eu-west-1:111122223333:q"))
	err := deleteRegions(context.Background(), client, []string{"eu-west-1"}, "soc2-aa")
	if err == nil || !strings.Contains(err.Error(), "eu-west-1") {
		t.Fatalf("err = %v, want one naming eu-west-1", err)
	}
	if len(r.targets) != 1 || aws.ToString(r.targets[0].Id) != "someone-else" {
		t.Errorf("targets now %v", r.targets)
	}
}
