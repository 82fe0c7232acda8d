package framework

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Attribute builders: the shapes of attribute that resources declare again and again, each with
// its documentation and, for arguments, its validators. An attribute of another shape (a plan
// modifier, say) is a schema literal of its own.

// IDAttribute is a computed identifier fixed at create (the id, an ARN): it keeps its state value
// in later plans instead of showing as "known after apply".
func IDAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: description,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// ComputedString is a read-only attribute: a hardened setting as AWS reports it (ModifyPlan
// plans the hardened value) or a value only AWS knows.
func ComputedString(description string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: description}
}

// ComputedBool is ComputedString for a boolean.
func ComputedBool(description string) schema.BoolAttribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: description}
}

// ComputedInt64 is ComputedString for a number.
func ComputedInt64(description string) schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: description}
}

// ComputedStringList is ComputedString for a list of strings.
func ComputedStringList(description string) schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: description}
}

// ComputedMapOf is a read-only map of objects with the given attributes, e.g. a record per
// region of what AWS has.
func ComputedMapOf(description string, attributes map[string]schema.Attribute) schema.MapNestedAttribute {
	return schema.MapNestedAttribute{
		Computed:            true,
		MarkdownDescription: description,
		NestedObject:        schema.NestedAttributeObject{Attributes: attributes},
	}
}

// RequiredString is a string argument the configuration must set.
func RequiredString(description string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Required: true, MarkdownDescription: description, Validators: validators}
}

// OptionalString is a string argument that is null when the configuration leaves it out.
func OptionalString(description string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: validators}
}

// OptionalInt64 is OptionalString for a number.
func OptionalInt64(description string, validators ...validator.Int64) schema.Int64Attribute {
	return schema.Int64Attribute{Optional: true, MarkdownDescription: description, Validators: validators}
}

// OptionalStringSet is OptionalString for a set of strings.
func OptionalStringSet(description string, validators ...validator.Set) schema.SetAttribute {
	return schema.SetAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: description, Validators: validators}
}

// OptionalStringMap is OptionalString for a map of strings.
func OptionalStringMap(description string) schema.MapAttribute {
	return schema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: description}
}

// OptionalObject is an optional block of nested arguments, null when the configuration leaves it
// out.
func OptionalObject(description string, attributes map[string]schema.Attribute) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{Optional: true, MarkdownDescription: description, Attributes: attributes}
}

// DefaultString is a string argument that is byDefault when the configuration leaves it out.
func DefaultString(description, byDefault string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true, Computed: true, Default: stringdefault.StaticString(byDefault),
		MarkdownDescription: description, Validators: validators,
	}
}

// DefaultBool is DefaultString for a boolean.
func DefaultBool(description string, byDefault bool) schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional: true, Computed: true, Default: booldefault.StaticBool(byDefault),
		MarkdownDescription: description,
	}
}

// DefaultInt64 is DefaultString for a number.
func DefaultInt64(description string, byDefault int64, validators ...validator.Int64) schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional: true, Computed: true, Default: int64default.StaticInt64(byDefault),
		MarkdownDescription: description, Validators: validators,
	}
}
