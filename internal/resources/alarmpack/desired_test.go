package alarmpack

import (
	"testing"

	"github.com/soc2kit/terraform-provider-soc2/internal/alarmcatalog"
)

func validSpec() packSpec {
	return packSpec{
		LogGroupName: "/soc2/cloudtrail", NamePrefix: "soc2-", Namespace: defaultNamespace,
		Profile: alarmcatalog.ProfileCIS, BusinessHours: alarmcatalog.DefaultBusinessHours(),
		Notification: notificationSpec{CreateTopic: true, Known: true},
		Overrides:    map[string]overrideSpec{},
	}
}

func TestAlarmsFromSpec(t *testing.T) {
	s := validSpec()
	s.Exclude = []string{"organizations_changes"}
	s.Overrides["unauthorized_api_calls"] = overrideSpec{Threshold: 5, Period: 600}
	s.Custom = []customSpec{{ID: "mine", Pattern: "ERROR", PatternKnown: true, Threshold: 2, Period: 60, EvaluationPeriods: 3}}
	got, err := s.alarms()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(alarmcatalog.IDs()) {
		t.Errorf("%d alarms, want %d (17 - 1 excluded + 1 custom)", len(got), len(alarmcatalog.IDs()))
	}
	if _, ok := got["organizations_changes"]; ok {
		t.Error("an excluded alarm is built")
	}
	if u := got["unauthorized_api_calls"]; u.Threshold != 5 || u.Period != 600 || u.EvaluationPeriods != 1 {
		t.Errorf("override not applied: %+v", u)
	}
	if m := got["mine"]; m.Threshold != 2 || m.Period != 60 || m.EvaluationPeriods != 3 || m.Pattern != "ERROR" {
		t.Errorf("custom alarm: %+v", m)
	}
}
