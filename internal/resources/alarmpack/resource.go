// Package alarmpack implements soc2_alarm_pack: CloudWatch Logs metric filters, metrics and alarms
// for the CIS / Security Hub catalog and custom patterns, notifying an SNS topic.
package alarmpack

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	framework.Create(ctx, req, resp, func(ctx context.Context, plan packModel) (framework.Next[packModel], diag.Diagnostics) {
		var diags diag.Diagnostics
		if !r.logGroupReady(ctx, plan, &diags) {
			return framework.Next[packModel]{}, diags
		}
		next, d := r.apply(ctx, plan, nil)
		return next, append(diags, d...)
	})
}

func (r *alarmPackResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	framework.Read(ctx, req, resp, func(ctx context.Context, st packModel) (framework.Next[packModel], diag.Diagnostics) {
		if st.Alarms.IsNull() {
			return r.readImported(ctx, st)
		}
		return r.refresh(ctx, st)
	})
}

func (r *alarmPackResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	framework.Update(ctx, req, resp, func(ctx context.Context, plan, prior packModel) (framework.Next[packModel], diag.Diagnostics) {
		return r.apply(ctx, plan, &prior)
	})
}

func (r *alarmPackResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	framework.Delete(ctx, req, resp, r.destroy)
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
