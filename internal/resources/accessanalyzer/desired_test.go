package accessanalyzer

import (
	"context"
	"testing"

	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
)

func TestDesiredFrom_roundTripsTheModel(t *testing.T) {
	want := testDesired()
	got, diags := desiredFrom(context.Background(), testModel(t, want), nil)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if got.Name != want.Name || got.Type != aatypes.TypeAccount || got.UnusedAge != 90 || got.TopicARN != testTopic ||
		!sameArchive(got.Archive, want.Archive) || len(got.Regions) != 3 || got.Tags["team"] != "security" {
		t.Errorf("desiredFrom = %+v", got)
	}
}

func TestSameRule_ignoresValueOrder(t *testing.T) {
	a := archiveRule{"resourceType": normalCriterion([]string{"AWS::S3::Bucket", "AWS::KMS::Key"}, nil, nil, nil)}
	b := archiveRule{"resourceType": normalCriterion([]string{"AWS::KMS::Key", "AWS::S3::Bucket"}, nil, nil, nil)}
	if !sameRule(a, b) {
		t.Error("value order is not a difference")
	}
	yes, no := true, false
	if sameRule(archiveRule{"isPublic": {Exists: &yes}}, archiveRule{"isPublic": {Exists: &no}}) {
		t.Error("exists true and false are different")
	}
}

func TestEventPatternMatchesFindingEvents(t *testing.T) {
	if !samePattern(eventPattern(), `{"detail":{"status":["ACTIVE"]},"detail-type":["Access Analyzer Finding"],"source":["aws.access-analyzer"]}`) {
		t.Error(eventPattern())
	}
	if unusedType(aatypes.TypeOrganization) != aatypes.TypeOrganizationUnusedAccess || unusedType(aatypes.TypeAccount) != aatypes.TypeAccountUnusedAccess {
		t.Error("unusedType")
	}
}
