package cloudtrailbaseline

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestBuildAdvancedSelectors(t *testing.T) {
	sels := buildAdvancedSelectors("aws", s3DataEventsSpec{Read: true, Write: true, Exclude: excludedBuckets([]string{"b", "a"}, "trail")})
	got := renderAdvanced(sels)
	want := `[{"eventCategory":{"Equals":["Data"]},"resources.ARN":{"NotStartsWith":["arn:aws:s3:::a/","arn:aws:s3:::b/","arn:aws:s3:::trail/"]},"resources.type":{"Equals":["AWS::S3::Object"]}},` +
		`{"eventCategory":{"Equals":["Management"]}}]`
	if got != want {
		t.Errorf("render:\n got %s\nwant %s", got, want)
	}
	for _, tc := range []struct {
		read, write bool
		readOnly    string
	}{{true, false, `"readOnly":{"Equals":["true"]}`}, {false, true, `"readOnly":{"Equals":["false"]}`}} {
		if r := renderAdvanced(buildAdvancedSelectors("aws", s3DataEventsSpec{Read: tc.read, Write: tc.write, Exclude: []string{"t"}})); !strings.Contains(r, tc.readOnly) {
			t.Errorf("read=%v write=%v: %s lacks %s", tc.read, tc.write, r, tc.readOnly)
		}
	}
}

// Names, selector order and value order are not drift; a changed condition is.
func TestRenderAdvancedCanonical(t *testing.T) {
	a := buildAdvancedSelectors("aws", s3DataEventsSpec{Read: true, Write: true, Exclude: []string{"x", "y"}})
	b := []cttypes.AdvancedEventSelector{a[1], a[0]}
	b[0].Name, b[1].Name = aws.String("other"), nil
	b[0].FieldSelectors = slices.Clone(b[0].FieldSelectors)
	slices.Reverse(b[0].FieldSelectors)
	arnSel := &b[0].FieldSelectors[0]
	arnSel.NotStartsWith = []string{"arn:aws:s3:::y/", "arn:aws:s3:::x/"}
	if renderAdvanced(a) != renderAdvanced(b) {
		t.Errorf("equivalent selectors render differently:\n%s\n%s", renderAdvanced(a), renderAdvanced(b))
	}
	c := buildAdvancedSelectors("aws", s3DataEventsSpec{Read: true, Write: true, Exclude: []string{"x"}})
	if renderAdvanced(a) == renderAdvanced(c) {
		t.Error("a dropped exclusion must render differently")
	}
	if renderAdvanced(nil) != "" {
		t.Error("no selectors must render as empty")
	}
}

func TestSummariseAdvanced(t *testing.T) {
	s := summariseSelectors(nil, buildAdvancedSelectors("aws", s3DataEventsSpec{Read: true, Write: true, Exclude: []string{"t"}}))
	if !s.IncludeManagementEvents || s.ManagementReadWriteType != "All" || s.Advanced == "" || len(s.DataEventResources) != 0 {
		t.Errorf("hardened advanced set: %+v", s)
	}
	narrowed := []cttypes.AdvancedEventSelector{{FieldSelectors: []cttypes.AdvancedFieldSelector{
		{Field: aws.String("eventCategory"), Equals: []string{"Management"}},
		{Field: aws.String("readOnly"), Equals: []string{"true"}},
	}}}
	if s := summariseSelectors(nil, narrowed); s.ManagementReadWriteType != "ReadOnly" {
		t.Errorf("read-only management selector: %+v", s)
	}
	// moto keeps advanced selectors beside classic ones: the classic summary holds, the advanced
	// ones still show.
	both := summariseSelectors(buildEventSelectors(nil), narrowed)
	if both.ManagementReadWriteType != "All" || both.Advanced == "" {
		t.Errorf("classic and advanced: %+v", both)
	}
}

func TestS3DataEventsOfRoundTrip(t *testing.T) {
	for _, in := range []s3DataEventsSpec{
		{Read: true, Write: true, Exclude: []string{"access", "trail"}},
		{Read: false, Write: true, Exclude: []string{"trail"}},
		{Read: true, Write: false, Exclude: []string{"trail"}},
	} {
		got, ok := s3DataEventsOf(buildAdvancedSelectors("aws", in), "trail")
		want := slices.DeleteFunc(slices.Clone(in.Exclude), func(b string) bool { return b == "trail" })
		if !ok || got.Read != in.Read || got.Write != in.Write || !slices.Equal(got.Exclude, want) {
			t.Errorf("%+v recovered as %+v (%v)", in, got, ok)
		}
	}
	if _, ok := s3DataEventsOf(nil, "trail"); ok {
		t.Error("no selectors must recover nothing")
	}
}

func TestValidateDataEvents(t *testing.T) {
	ok := &s3DataEventsModel{AllBuckets: types.BoolValue(true), Read: types.BoolNull(), Write: types.BoolNull(), ExcludeBuckets: types.SetNull(types.StringType)}
	if d := validateDataEvents(ok, types.SetNull(types.StringType)); d.HasError() {
		t.Errorf("valid block refused: %v", d)
	}
	if d := validateDataEvents(nil, setOf([]string{"a"})); d.HasError() {
		t.Errorf("named buckets alone refused: %v", d)
	}
	cases := map[string]struct {
		ev      s3DataEventsModel
		buckets types.Set
		want    string
	}{
		"both forms":   {*ok, setOf([]string{"a"}), "s3_data_events and s3_data_event_buckets are both set"},
		"all false":    {s3DataEventsModel{AllBuckets: types.BoolValue(false), ExcludeBuckets: types.SetNull(types.StringType)}, types.SetNull(types.StringType), "all_buckets = false"},
		"records none": {s3DataEventsModel{AllBuckets: types.BoolValue(true), Read: types.BoolValue(false), Write: types.BoolValue(false)}, types.SetNull(types.StringType), "read = false and write = false"},
	}
	for name, tc := range cases {
		d := validateDataEvents(&tc.ev, tc.buckets)
		if !d.HasError() || !strings.Contains(d.Errors()[0].Detail(), tc.want) {
			t.Errorf("%s: %v", name, d)
		}
	}
}

func TestInsightTypeProblem(t *testing.T) {
	for _, v := range insightTypes {
		if p := insightTypeProblem(v); p != "" {
			t.Errorf("%s refused: %s", v, p)
		}
	}
	if p := insightTypeProblem("apiCallRateInsight"); !strings.Contains(p, "ApiCallRateInsight and/or ApiErrorRateInsight") {
		t.Errorf("wrong case accepted or unexplained: %q", p)
	}
}
