package cloudtrailbaseline

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// insightsDocs is the API that enables and disables CloudTrail Insights on a trail.
const insightsDocs = "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutInsightSelectors.html"

// findInsights returns the Insights types enabled on the trail, sorted. AWS answers
// InsightNotEnabledException for a trail without Insights
// (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetInsightSelectors.html):
// that is no types, not an error.
func (r *baselineResource) findInsights(ctx context.Context, name string) ([]string, error) {
	out, err := r.Client.CloudTrail("").GetInsightSelectors(ctx, &cloudtrail.GetInsightSelectorsInput{TrailName: aws.String(name)})
	if framework.IsA[*cttypes.InsightNotEnabledException](err) {
		return []string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the Insights selectors of trail %s (CloudTrail GetInsightSelectors): %w", name, err)
	}
	types := []string{}
	for _, sel := range out.InsightSelectors {
		types = append(types, string(sel.InsightType))
	}
	slices.Sort(types)
	return slices.Compact(types), nil
}

// ensureInsights enables exactly the wanted types when they differ from the trail's. managed is
// false when neither the plan nor the prior state lists Insights: then they are left alone. An
// empty want turns Insights off (an empty selector list, as the API documents).
func (r *baselineResource) ensureInsights(ctx context.Context, name string, want []string, managed bool) error {
	if !managed {
		return nil
	}
	have, err := r.findInsights(ctx, name)
	if err != nil {
		return err
	}
	want = slices.Clone(want)
	slices.Sort(want)
	if slices.Equal(have, want) {
		return nil
	}
	sels := make([]cttypes.InsightSelector, 0, len(want))
	for _, t := range want {
		sels = append(sels, cttypes.InsightSelector{InsightType: cttypes.InsightType(t)})
	}
	_, err = r.Client.CloudTrail("").PutInsightSelectors(ctx, &cloudtrail.PutInsightSelectorsInput{TrailName: aws.String(name), InsightSelectors: sels})
	if err != nil {
		return fmt.Errorf("setting the Insights selectors of trail %s (CloudTrail PutInsightSelectors): %w", name, err)
	}
	return nil
}
