package alarmpack_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
	"github.com/soc2kit/terraform-provider-soc2/internal/acctest/faultproxy"
)

// A create that fails halfway (the sixth PutMetricAlarm and every later one fail) must leave
// nothing behind: the filters, alarms and topic made before the failure are recorded in state,
// so the destroy at the end of the test removes them, which CheckDestroy verifies in AWS.
func TestAccAlarmPack_failedCreateOrphansNothing(t *testing.T) {
	acctest.PreCheck(t)
	logGroup := createLogGroup(t)
	prefix := acctest.RandomName("f") + "-"
	proxy, err := faultproxy.Start(acctest.Endpoint(), 1, faultproxy.Rule{
		Service: "monitoring", Operation: "PutMetricAlarm", Fault: faultproxy.FailFromNth, Nth: 6,
	})
	if err != nil {
		t.Fatalf("starting the fault proxy: %v", err)
	}
	t.Cleanup(proxy.Close)
	config := fmt.Sprintf("provider \"soc2\" {\n  region = %q\n  endpoint_url = %q\n  max_retries = 0\n}\n", acctest.Region, proxy.URL()) + fmt.Sprintf(`
resource "soc2_alarm_pack" "test" {
  log_group_name = %q
  name_prefix    = %q
%s
}
`, logGroup, prefix, createTopic)

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkDestroyed(t, logGroup, prefix),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: acctest.ErrorRegexp(`Cannot apply the alarm pack .*PutMetricAlarm.* the state records what exists`),
			},
			{
				// The next apply replaces the tainted pack once AWS behaves again.
				PreConfig: func() {
					// The failure really was halfway: five alarms exist, and only the state knows them.
					if n := len(alarmNames(t, prefix)); n != 5 {
						t.Errorf("%d alarms exist after the failed create, want the 5 made before the fault", n)
					}
					proxy.SetRules()
				},
				Config: config,
				Check:  exactlyOneFilterPerAlarm(t, logGroup, prefix),
			},
		},
	})
}
