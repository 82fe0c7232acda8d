package kmskey_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/soc2kit/terraform-provider-soc2/internal/acctest"
)

const address = "soc2_kms_key.test"

func kmsClient(t *testing.T) *kms.Client {
	t.Helper()
	return acctest.Client(t).KMS(acctest.Region)
}

// keyConfig is one soc2_kms_key with the given extra arguments.
type keyConfig struct {
	Alias       string
	Description string
	Services    []string
	Admins      []string
	Rotation    int64
	Window      int64
	Tags        map[string]string
	LogGroups   []string
}

// testAccKMSKeyConfig_basic renders the configuration.
func testAccKMSKeyConfig_basic(c keyConfig) string {
	var b strings.Builder
	b.WriteString(acctest.ProviderConfig())
	fmt.Fprintf(&b, "resource \"soc2_kms_key\" \"test\" {\n  alias    = %q\n  services = %s\n", c.Alias, acctest.HCLList(c.Services))
	if c.Description != "" {
		fmt.Fprintf(&b, "  description = %q\n", c.Description)
	}
	if len(c.Admins) > 0 {
		fmt.Fprintf(&b, "  admin_arns = %s\n", acctest.HCLList(c.Admins))
	}
	if len(c.LogGroups) > 0 {
		fmt.Fprintf(&b, "  log_group_names = %s\n", acctest.HCLList(c.LogGroups))
	}
	if c.Rotation > 0 {
		fmt.Fprintf(&b, "  rotation_period_days = %d\n", c.Rotation)
	}
	if c.Window > 0 {
		fmt.Fprintf(&b, "  deletion_window_days = %d\n", c.Window)
	}
	b.WriteString(acctest.HCLTags(c.Tags))
	b.WriteString("}\n")
	return b.String()
}

// keyIDOf is the key id in state, for out-of-band changes.
func keyIDOf(t *testing.T, s *terraform.State) string {
	t.Helper()
	rs, ok := s.RootModule().Resources[address]
	if !ok {
		t.Fatalf("%s not in state", address)
	}
	return rs.Primary.ID
}

// checkDeletionScheduled verifies that destroy scheduled the key's deletion (never deleted it
// at once) and removed its alias.
func checkDeletionScheduled(t *testing.T, alias string, keyID *string) func(*terraform.State) error {
	return func(*terraform.State) error {
		ctx := context.Background()
		out, err := kmsClient(t).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(*keyID)})
		if err != nil {
			return fmt.Errorf("key %s: %w (destroy must schedule deletion, not delete)", *keyID, err)
		}
		if st := string(out.KeyMetadata.KeyState); st != "PendingDeletion" {
			return fmt.Errorf("key %s is %s after destroy, want PendingDeletion", *keyID, st)
		}
		return aliasGone(t, alias, "alias %s still exists after destroy")
	}
}

// aliasGone returns an error, worded by format (given the alias), when the alias still exists.
func aliasGone(t *testing.T, alias, format string) error {
	out, err := kmsClient(t).ListAliases(context.Background(), &kms.ListAliasesInput{})
	if err != nil {
		return err
	}
	for _, a := range out.Aliases {
		if aws.ToString(a.AliasName) == alias {
			return fmt.Errorf(format, alias)
		}
	}
	return nil
}

// captureKeyID keeps the key id for checks that run after the state is gone.
func captureKeyID(keyID *string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[address]
		if !ok {
			return fmt.Errorf("%s not in state", address)
		}
		*keyID = rs.Primary.ID
		return nil
	}
}

func randomAlias() string { return "alias/" + acctest.RandomName("kms") }
