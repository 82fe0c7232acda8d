package bucketaccesslogging

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/soc2kit/terraform-provider-soc2/internal/validate"
)

// prefixTemplateProblem returns "" for a target_prefix S3 accepts, else the rule and the fix.
func prefixTemplateProblem(v string) string {
	rest := strings.ReplaceAll(v, bucketPlaceholder, "")
	switch {
	case strings.ContainsAny(rest, "{}"):
		return "the only placeholder is {bucket} (the source bucket's name); remove the other braces"
	case strings.HasPrefix(v, "/"):
		return "an S3 key prefix does not start with '/' (the key would begin with an empty folder); drop the leading '/'"
	case len(v) > 512:
		return fmt.Sprintf("a log key prefix of %d characters leaves too little of S3's 1024-byte key for the log object name; keep it under 512", len(v))
	}
	return ""
}

func prefixTemplateValidator() validator.String {
	return validate.StringFunc("a key prefix; {bucket} stands for the source bucket's name", prefixTemplateProblem)
}

type bucketNames struct{}

func bucketNamesValidator() validator.Set { return bucketNames{} }

func (bucketNames) Description(context.Context) string { return "every element a valid S3 bucket name" }
func (v bucketNames) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (bucketNames) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var names []types.String
	resp.Diagnostics.Append(req.ConfigValue.ElementsAs(ctx, &names, false)...)
	for _, n := range names {
		if n.IsNull() || n.IsUnknown() {
			continue
		}
		if problem := validate.S3BucketNameProblem(n.ValueString()); problem != "" {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
				fmt.Sprintf("%s contains %q: %s", req.Path.String(), n.ValueString(), problem))
		}
	}
}
