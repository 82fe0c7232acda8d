package evidence

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/soc2kit/terraform-provider-soc2/internal/framework"
)

// accessLogConcurrency bounds the per-bucket reads: S3 control calls of one account share a rate.
const accessLogConcurrency = 8

type bucketLogging struct {
	bucket, region, target, prefix string
}

// accessLogging adds one control per bucket whose server access logging is on; when none is, the
// section is skipped with its reason (soc2_bucket_access_logging is not applied here).
func (c *collector) accessLogging(ctx context.Context, tr *trailFacts) error {
	out, err := c.client.S3("").ListBuckets(ctx, &s3.ListBucketsInput{})
	if err != nil {
		return fmt.Errorf("listing buckets with S3 ListBuckets: %w", err)
	}
	regionOf := map[string]string{}
	names := make([]string, 0, len(out.Buckets))
	for _, b := range out.Buckets {
		regionOf[aws.ToString(b.Name)] = aws.ToString(b.BucketRegion)
		names = append(names, aws.ToString(b.Name))
	}
	var (
		mu      sync.Mutex
		logging []bucketLogging
	)
	err = framework.ForEach(ctx, names, accessLogConcurrency, func(ctx context.Context, name string) error {
		bl, err := c.readBucketLogging(ctx, name, regionOf[name])
		if err != nil || bl == nil {
			return err
		}
		mu.Lock()
		logging = append(logging, *bl)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(logging, func(i, j int) bool { return logging[i].bucket < logging[j].bucket })
	if len(logging) == 0 {
		ctrl := c.add(Control{ID: "access_logging", Section: SectionAccessLogging, Title: "Server access logging of data buckets",
			Resource: "(none)", SOC2: []string{"CC7.2"}, CIS: []string{"3.6"}, SecurityHub: []string{"S3.9"}})
		ctrl.set("Buckets read", fmt.Sprint(len(names)))
		ctrl.skip(fmt.Sprintf("none of the account's %d buckets has server access logging on: soc2_bucket_access_logging is not applied yet", len(names)))
		return nil
	}
	for _, bl := range logging {
		c.accessLogControl(bl, tr, regionOf)
	}
	return nil
}

func (c *collector) readBucketLogging(ctx context.Context, name, region string) (*bucketLogging, error) {
	if region == "" {
		r, err := c.bucketRegion(ctx, name)
		if err != nil {
			if isNotFound(err) {
				return nil, nil // deleted since ListBuckets
			}
			return nil, err
		}
		region = r
	}
	out, err := c.client.S3(region).GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(name)})
	if err != nil {
		if isNotFound(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("reading server access logging of %s with S3 GetBucketLogging: %w", name, err)
	}
	if out.LoggingEnabled == nil {
		return nil, nil
	}
	return &bucketLogging{bucket: name, region: region, target: aws.ToString(out.LoggingEnabled.TargetBucket),
		prefix: aws.ToString(out.LoggingEnabled.TargetPrefix)}, nil
}

func (c *collector) accessLogControl(bl bucketLogging, tr *trailFacts, exists map[string]string) {
	ctrl := c.add(Control{ID: "access_logging." + bl.bucket, Section: SectionAccessLogging, Title: "Server access logging of " + bl.bucket,
		Resource: "arn:" + c.client.Partition + ":s3:::" + bl.bucket, Region: bl.region,
		SOC2: []string{"CC7.2"}, SecurityHub: []string{"S3.9"}})
	if bl.bucket == tr.bucket {
		ctrl.CIS, ctrl.SecurityHub = []string{"3.6"}, []string{"S3.9", "CloudTrail.7"}
	}
	ctrl.set("TargetBucket", bl.target)
	ctrl.set("TargetPrefix", bl.prefix)
	var fails []string
	if _, ok := exists[bl.target]; !ok {
		fails = append(fails, "the target bucket "+bl.target+" is not in this account: access logs are lost or leave the account")
	}
	ctrl.judge(fails, "access requests are logged to "+bl.target+"/"+bl.prefix)
}

// accessAnalyzer is skipped: no resource of the provider manages an analyzer yet, so there is
// nothing of the baseline's to evidence.
func (c *collector) accessAnalyzer() {
	ctrl := c.add(Control{ID: "access_analyzer", Section: SectionAccessAnalyzer, Title: "IAM Access Analyzer",
		Resource: "(none)", SOC2: []string{"CC6.1"}, SecurityHub: []string{"IAM.28"}})
	ctrl.skip("no soc2 resource manages IAM Access Analyzer yet, so the baseline has no analyzer to evidence")
}
