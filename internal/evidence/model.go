package evidence

import "time"

// SchemaVersion names the shape of evidence.json; a change of shape changes the version.
const SchemaVersion = "soc2-evidence/v1"

// Verdicts of a control.
const (
	StatusPass    = "pass"
	StatusFail    = "fail"
	StatusSkipped = "skipped"
)

// Sections, in the order the binder shows them.
const (
	SectionTrail          = "trail"
	SectionLogBucket      = "log_bucket"
	SectionConfig         = "config"
	SectionAlarmPack      = "alarm_pack"
	SectionAccessLogging  = "access_logging"
	SectionAccessAnalyzer = "access_analyzer"
)

// SectionTitles are the headings of the sections.
var SectionTitles = map[string]string{
	SectionTrail:          "CloudTrail",
	SectionLogBucket:      "Log bucket",
	SectionConfig:         "AWS Config",
	SectionAlarmPack:      "Alarm pack",
	SectionAccessLogging:  "Server access logging",
	SectionAccessAnalyzer: "IAM Access Analyzer",
}

// SectionOrder lists the sections in binder order.
var SectionOrder = []string{SectionTrail, SectionLogBucket, SectionConfig, SectionAlarmPack, SectionAccessLogging, SectionAccessAnalyzer}

// Criteria are the SOC 2 (2017 TSC) common criteria the binder evidences.
var Criteria = []string{"CC6.1", "CC6.6", "CC7.1", "CC7.2", "CC7.3", "CC8.1"}

// Binder is the whole evidence model, as evidence.json holds it.
type Binder struct {
	Schema      string    `json:"schema"`
	GeneratedAt time.Time `json:"generated_at"`
	Generator   string    `json:"generator"`
	AccountID   string    `json:"account_id"`
	CallerARN   string    `json:"caller_arn"`
	Partition   string    `json:"partition"`
	HomeRegion  string    `json:"home_region"`
	Regions     []string  `json:"regions"`
	Days        int       `json:"days"`
	// Summary counts verdicts per criterion; derived from Controls, so not digested separately.
	Summary   []CriterionSummary `json:"summary"`
	Controls  []Control          `json:"controls"`
	ChangeLog ChangeLog          `json:"change_log"`
	Inventory Inventory          `json:"inventory"`
	// Digest is SHA-256 over the header and every item's digest, in order (see Seal).
	Digest string `json:"digest"`
}

// Control is one checked setting (or group of settings that stand or fall together).
type Control struct {
	ID          string    `json:"id"`
	Section     string    `json:"section"`
	Title       string    `json:"title"`
	Status      string    `json:"status"`
	Reason      string    `json:"reason"`
	Resource    string    `json:"resource"`
	Region      string    `json:"region"`
	ReadAt      time.Time `json:"read_at"`
	Settings    []Setting `json:"settings"`
	Policy      string    `json:"policy,omitempty"`
	SOC2        []string  `json:"soc2"`
	CIS         []string  `json:"cis"`
	SecurityHub []string  `json:"security_hub"`
	Digest      string    `json:"digest"`
}

// Setting is one value read from AWS.
type Setting struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// CriterionSummary is the verdict count of one SOC 2 criterion.
type CriterionSummary struct {
	Criterion string `json:"criterion"`
	Pass      int    `json:"pass"`
	Fail      int    `json:"fail"`
	Skipped   int    `json:"skipped"`
}

// ChangeLog is the events that changed a logging control in the window.
type ChangeLog struct {
	Since  time.Time     `json:"since"`
	Until  time.Time     `json:"until"`
	Source string        `json:"source"`
	Events []ChangeEvent `json:"events"`
	Digest string        `json:"digest"`
}

// ChangeEvent is one CloudTrail record: who, when, from where, what.
type ChangeEvent struct {
	Time        time.Time `json:"time"`
	EventName   string    `json:"event_name"`
	EventSource string    `json:"event_source"`
	Region      string    `json:"region"`
	Who         string    `json:"who"`
	SourceIP    string    `json:"source_ip"`
	UserAgent   string    `json:"user_agent"`
	Target      string    `json:"target"`
	EventID     string    `json:"event_id"`
	Digest      string    `json:"digest"`
}

// Inventory is the log-producing resources found by tag, and the baseline objects without tags.
type Inventory struct {
	Source   string          `json:"source"`
	Items    []InventoryItem `json:"items"`
	Untagged []string        `json:"untagged"`
	Notes    []string        `json:"notes"`
	Digest   string          `json:"digest"`
}

// InventoryItem is one tagged resource.
type InventoryItem struct {
	ARN    string            `json:"arn"`
	Type   string            `json:"type"`
	Region string            `json:"region"`
	Tags   map[string]string `json:"tags"`
}

// Failed lists the controls whose verdict is fail.
func (b *Binder) Failed() []Control {
	var out []Control
	for _, c := range b.Controls {
		if c.Status == StatusFail {
			out = append(out, c)
		}
	}
	return out
}

// Control returns the control with the given id.
func (b *Binder) Control(id string) (Control, bool) {
	for _, c := range b.Controls {
		if c.ID == id {
			return c, true
		}
	}
	return Control{}, false
}

func (b *Binder) summarize() {
	b.Summary = b.Summary[:0]
	for _, cr := range Criteria {
		s := CriterionSummary{Criterion: cr}
		for _, c := range b.Controls {
			if !contains(c.SOC2, cr) {
				continue
			}
			switch c.Status {
			case StatusPass:
				s.Pass++
			case StatusFail:
				s.Fail++
			default:
				s.Skipped++
			}
		}
		b.Summary = append(b.Summary, s)
	}
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
