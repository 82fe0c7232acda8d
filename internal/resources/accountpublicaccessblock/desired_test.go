package accountpublicaccessblock

import "testing"

func TestNeedsPutOnlyWhenASettingIsOff(t *testing.T) {
	if needsPut(desiredSettings()) {
		t.Error("a block with all four on needs no put")
	}
	for i, s := range []blockSettings{
		{IgnorePublicACLs: true, BlockPublicPolicy: true, RestrictPublicBuckets: true},
		{BlockPublicACLs: true, BlockPublicPolicy: true, RestrictPublicBuckets: true},
		{BlockPublicACLs: true, IgnorePublicACLs: true, RestrictPublicBuckets: true},
		{BlockPublicACLs: true, IgnorePublicACLs: true, BlockPublicPolicy: true},
		{},
	} {
		if !needsPut(s) {
			t.Errorf("case %d: %+v needs a put", i, s)
		}
	}
}

func TestConfigurationRoundTrips(t *testing.T) {
	want := blockSettings{BlockPublicACLs: true, BlockPublicPolicy: true}
	if got := settingsOf(configuration(want)); got != want {
		t.Errorf("settingsOf(configuration(%+v)) = %+v", want, got)
	}
	if got := settingsOf(nil); got != (blockSettings{}) {
		t.Errorf("no configuration reads as %+v, want all off", got)
	}
	c := configuration(desiredSettings())
	if !*c.BlockPublicAcls || !*c.IgnorePublicAcls || !*c.BlockPublicPolicy || !*c.RestrictPublicBuckets {
		t.Errorf("the put body must turn all four on: %+v", c)
	}
}
