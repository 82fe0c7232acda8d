package accessfindings

// ListFindings runs on the real aws-sdk-go-v2 client; a middleware at the end of the Finalize
// step (after serialization and signing) captures each request and answers with the operation's
// own output type, since no emulator here serves Access Analyzer.

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/accessanalyzer"
	aatypes "github.com/aws/aws-sdk-go-v2/service/accessanalyzer/types"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/soc2kit/terraform-provider-soc2/internal/conns"
)

type inputKey struct{}

func fakeClient(t *testing.T, answer func(region string, in *accessanalyzer.ListFindingsInput, body string) (*accessanalyzer.ListFindingsOutput, error)) *conns.AWSClient {
	t.Helper()
	capture := func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("captureInput",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				return next.HandleInitialize(middleware.WithStackValue(ctx, inputKey{}, in.Parameters), in)
			}), middleware.Before)
	}
	inject := func(s *middleware.Stack) error {
		return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("injectResponse",
			func(ctx context.Context, in middleware.FinalizeInput, _ middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				req := in.Request.(*smithyhttp.Request)
				var body strings.Builder
				if s := req.GetStream(); s != nil {
					buf := make([]byte, 4096)
					n, _ := s.Read(buf)
					body.Write(buf[:n])
				}
				li, _ := middleware.GetStackValue(ctx, inputKey{}).(*accessanalyzer.ListFindingsInput)
				out, err := answer(awsmiddleware.GetRegion(ctx), li, body.String())
				return middleware.FinalizeOutput{Result: out}, middleware.Metadata{}, err
			}), middleware.After)
	}
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKID", "secret", ""),
		Retryer: func() aws.Retryer { return aws.NopRetryer{} }, APIOptions: []func(*middleware.Stack) error{capture, inject}}
	return conns.NewStatic(cfg, "111122223333", "aws")
}

func TestActiveFindings(t *testing.T) {
	var mu sync.Mutex
	bodies := map[string]string{}
	client := fakeClient(t, func(region string, in *accessanalyzer.ListFindingsInput, body string) (*accessanalyzer.ListFindingsOutput, error) {
		mu.Lock()
		bodies[region] = body
		mu.Unlock()
		switch region {
		case "eu-west-1":
			return nil, &aatypes.ResourceNotFoundException{Message: aws.String("Analyzer not found")}
		case "us-west-2":
			if in.NextToken == nil {
				return &accessanalyzer.ListFindingsOutput{NextToken: aws.String("p2"), Findings: []aatypes.FindingSummary{{
					Id: aws.String("b"), Resource: aws.String("arn:aws:s3:::public-bucket"), ResourceType: aatypes.ResourceTypeAwsS3Bucket,
					Principal: map[string]string{"AWS": "*"}, IsPublic: aws.Bool(true), Action: []string{"s3:GetObject"}, Status: aatypes.FindingStatusActive}}}, nil
			}
			return &accessanalyzer.ListFindingsOutput{Findings: []aatypes.FindingSummary{{
				Id: aws.String("a"), Resource: aws.String("arn:aws:iam::111122223333:role/partner"), ResourceType: aatypes.ResourceTypeAwsIamRole,
				Principal: map[string]string{"AWS": "444455556666"}, Condition: map[string]string{"sts:ExternalId": "x"}, Status: aatypes.FindingStatusActive}}}, nil
		}
		return &accessanalyzer.ListFindingsOutput{}, nil
	})
	got, err := activeFindings(context.Background(), client, []string{"us-west-2", "eu-west-1", "us-east-1"}, "soc2-access-analyzer")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Resource.ValueString() != "arn:aws:iam::111122223333:role/partner" || got[1].ID.ValueString() != "b" ||
		!got[1].IsPublic.ValueBool() || got[0].Condition.Elements()["sts:ExternalId"].String() != `"x"` || got[0].Region.ValueString() != "us-west-2" {
		t.Fatalf("findings = %+v", got)
	}
	if b := bodies["us-east-1"]; !strings.Contains(b, `"analyzerArn":"arn:aws:access-analyzer:us-east-1:111122223333:analyzer/soc2-access-analyzer"`) ||
		!strings.Contains(b, `"status":{"eq":["ACTIVE"]}`) {
		t.Errorf("ListFindings request body %s", b)
	}
}

func TestActiveFindings_errorNamesTheRegion(t *testing.T) {
	client := fakeClient(t, func(region string, _ *accessanalyzer.ListFindingsInput, _ string) (*accessanalyzer.ListFindingsOutput, error) {
		if region == "ap-south-1" {
			return nil, &aatypes.AccessDeniedException{Message: aws.String("no")}
		}
		return &accessanalyzer.ListFindingsOutput{}, nil
	})
	_, err := activeFindings(context.Background(), client, []string{"ap-south-1", "us-east-1"}, "x")
	if err == nil || !strings.Contains(err.Error(), "ap-south-1") {
		t.Fatalf("err = %v", err)
	}
}
