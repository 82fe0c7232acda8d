// Package alarmpack implements soc2_alarm_pack: CloudWatch Logs metric filters, metrics and alarms
// for the CIS / Security Hub catalog and custom patterns, notifying an SNS topic.
package alarmpack

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/arns"
	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

var _ framework.Resource = (*alarmPackResource)(nil)

type alarmPackResource struct {
	framework.ResourceBase
}

// NewResource is the constructor the provider registers.
func NewResource() resource.Resource {
	return &alarmPackResource{ResourceBase: framework.NewResourceBase("_alarm_pack")}
}

func (r *alarmPackResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, ok := framework.Get[packModel](ctx, req.Plan, &resp.Diagnostics)
	if !ok {
		return
	}
	if !r.logGroupReady(ctx, plan, &resp.Diagnostics) {
		return
	}
	r.apply(ctx, plan, nil, &resp.State, &resp.Diagnostics)
}

func (r *alarmPackResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	st, ok := framework.Get[packModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	if st.Alarms.IsNull() {
		r.readImported(ctx, st, resp)
		return
	}
	r.read(ctx, st, resp)
}

func (r *alarmPackResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, prior, ok := framework.Get2[packModel](ctx, req.Plan, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	r.apply(ctx, plan, &prior, &resp.State, &resp.Diagnostics)
}

func (r *alarmPackResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	st, ok := framework.Get[packModel](ctx, req.State, &resp.Diagnostics)
	if !ok {
		return
	}
	r.destroy(ctx, st, &resp.Diagnostics)
}

// topicARN is known at plan time for a created topic (its name, region and account are), so the
// planned alarm actions are known and a deleted topic plans back to the same ARN.
func (r *alarmPackResource) topicARN(s packSpec) (string, bool) {
	if !s.Notification.Known {
		return "", false
	}
	if !s.Notification.CreateTopic {
		return s.Notification.SNSTopicARN, true
	}
	if r.Client == nil {
		return "", false
	}
	return arns.Topic(r.Client.Partition, r.Client.HomeRegion, r.Client.AccountID, s.topicName()), true
}

func (r *alarmPackResource) alarmARN(name string) string {
	return arns.Alarm(r.Client.Partition, r.Client.HomeRegion, r.Client.AccountID, name)
}
