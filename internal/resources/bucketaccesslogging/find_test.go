package bucketaccesslogging

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// stubS3 is an S3 client whose every call gets body as a 200 response; sent collects request bodies.
func stubS3(body string, sent *[]string) *s3.Client {
	return s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String("http://s3.stub"),
		UsePathStyle: true,
		Credentials:  aws.AnonymousCredentials{},
		HTTPClient: httpFunc(func(r *http.Request) (*http.Response, error) {
			if r.Body != nil {
				b, _ := io.ReadAll(r.Body)
				*sent = append(*sent, string(b))
			}
			return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
		}),
	})
}

type httpFunc func(*http.Request) (*http.Response, error)

func (f httpFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// AWS reports the partitioned format in GetBucketLogging; it reads as partitioned_prefix only
// with the EventTime date source the resource sets.
func TestFindLoggingReadsKeyFormat(t *testing.T) {
	const tmpl = `<BucketLoggingStatus><LoggingEnabled><TargetBucket>logs</TargetBucket><TargetPrefix>p/</TargetPrefix>` +
		`%s</LoggingEnabled></BucketLoggingStatus>`
	for format, want := range map[string]logging{
		"": {Enabled: true, Bucket: "logs", Prefix: "p/"},
		"<TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>EventTime</PartitionDateSource></PartitionedPrefix></TargetObjectKeyFormat>":    {Enabled: true, Bucket: "logs", Prefix: "p/", Partitioned: true},
		"<TargetObjectKeyFormat><PartitionedPrefix><PartitionDateSource>DeliveryTime</PartitionDateSource></PartitionedPrefix></TargetObjectKeyFormat>": {Enabled: true, Bucket: "logs", Prefix: "p/"},
	} {
		var sent []string
		got, err := findLogging(context.Background(), stubS3(strings.Replace(tmpl, "%s", format, 1), &sent), "data")
		if err != nil || got != want {
			t.Errorf("format %q: got %+v, %v; want %+v", format, got, err, want)
		}
	}
	var sent []string
	got, err := findLogging(context.Background(), stubS3(`<BucketLoggingStatus/>`, &sent), "data")
	if err != nil || got.Enabled {
		t.Errorf("no logging: got %+v, %v", got, err)
	}
}

// What AWS receives: EventTime partitioning when asked, no key format (the simple one) otherwise,
// and an empty status to switch logging off.
func TestPutLoggingRequest(t *testing.T) {
	for name, tc := range map[string]struct {
		l          logging
		want, lack []string
	}{
		"partitioned": {logging{Enabled: true, Bucket: "logs", Prefix: "p/", Partitioned: true},
			[]string{"<TargetBucket>logs</TargetBucket>", "<TargetPrefix>p/</TargetPrefix>", "<PartitionDateSource>EventTime</PartitionDateSource>"}, nil},
		"simple": {logging{Enabled: true, Bucket: "logs", Prefix: ""},
			[]string{"<TargetBucket>logs</TargetBucket>"}, []string{"TargetObjectKeyFormat"}},
		"off": {logging{}, nil, []string{"LoggingEnabled"}},
	} {
		var sent []string
		if err := putLogging(context.Background(), stubS3("", &sent), "data", tc.l); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		body := strings.Join(sent, "")
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: request %s lacks %s", name, body, w)
			}
		}
		for _, l := range tc.lack {
			if strings.Contains(body, l) {
				t.Errorf("%s: request %s has %s", name, body, l)
			}
		}
	}
}
