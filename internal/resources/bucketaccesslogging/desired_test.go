package bucketaccesslogging

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestSpecPrefixAndWant(t *testing.T) {
	s := spec{Target: "logs", PrefixTemplate: defaultPrefixTemplate}
	if got := s.prefix("data-a"); got != "s3-access/data-a/" {
		t.Errorf("default prefix = %q", got)
	}
	s.PrefixTemplate, s.Partitioned = "flat/", true
	if got := s.want("data-a"); got != (logging{Enabled: true, Bucket: "logs", Prefix: "flat/", Partitioned: true}) {
		t.Errorf("want = %+v", got)
	}
}

func TestSpecFromDefaultsAndUnknown(t *testing.T) {
	ctx := context.Background()
	buckets, _ := types.SetValueFrom(ctx, types.StringType, []string{"b", "a"})
	m := resourceModel{TargetBucket: types.StringValue("logs"), TargetPrefix: types.StringNull(), Buckets: buckets,
		BucketTags: types.MapNull(types.StringType), PartitionedPrefix: types.BoolNull()}
	s, ok, diags := specFrom(ctx, m)
	if !ok || diags.HasError() {
		t.Fatalf("specFrom: ok=%v %v", ok, diags)
	}
	if s.PrefixTemplate != defaultPrefixTemplate || !reflect.DeepEqual(s.Buckets, []string{"a", "b"}) {
		t.Errorf("spec = %+v", s)
	}
	m.BucketTags = types.MapUnknown(types.StringType)
	if _, ok, _ := specFrom(ctx, m); ok {
		t.Error("an unknown bucket_tags must leave the spec unknown")
	}
}

func TestSpecIDAndSearched(t *testing.T) {
	s := spec{Target: "logs", Buckets: []string{"a", "b"}, Tags: map[string]string{"z": "1", "data-classification": "sensitive"}}
	if got, want := s.id(), "logs;buckets=a,b;tags=data-classification=sensitive,z=1"; got != want {
		t.Errorf("id = %q, want %q", got, want)
	}
	if got := s.searched(); got != `buckets ["a" "b"] and buckets tagged data-classification=sensitive, z=1` {
		t.Errorf("searched = %q", got)
	}
}

func TestAdopt(t *testing.T) {
	if s := adopt("a", "us-east-1", logging{}); !s.Managed {
		t.Error("a bucket without logging is managed")
	}
	elsewhere := logging{Enabled: true, Bucket: "old", Prefix: "p/"}
	if s := adopt("a", "us-east-1", elsewhere); s.Managed || s.Previous != elsewhere {
		t.Errorf("a bucket already logging keeps its configuration for destroy: %+v", s)
	}
}

func TestSourcesRoundTrip(t *testing.T) {
	ctx := context.Background()
	in := map[string]source{
		"a": {Name: "a", Logging: logging{Enabled: true, Bucket: "logs", Prefix: "s3-access/a/"}, Managed: true},
		"b": {Name: "b", Logging: logging{}, Managed: false, Previous: logging{Enabled: true, Bucket: "old", Prefix: ""}},
	}
	v, diags := sourcesValue(ctx, in)
	if diags.HasError() {
		t.Fatal(diags)
	}
	out, diags := sourcesFrom(ctx, v)
	if diags.HasError() || !reflect.DeepEqual(out, in) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
}
