package framework

import (
	"errors"
	"fmt"
	"slices"

	"github.com/aws/smithy-go"
)

// NotFoundError is what every finder returns when the object it looks for does not exist, so
// callers test one predicate (NotFound) whatever the service calls its error.
type NotFoundError struct {
	// What names the object, e.g. "log group /soc2/cloudtrail".
	What string
	// Cause is the service's own error, when there was one.
	Cause error
}

func (e *NotFoundError) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s not found: %v", e.What, e.Cause)
	}
	return e.What + " not found"
}

func (e *NotFoundError) Unwrap() error { return e.Cause }

// NewNotFound reports that what does not exist; cause may be nil.
func NewNotFound(what string, cause error) error { return &NotFoundError{What: what, Cause: cause} }

// NotFound reports whether err is (or wraps) a NotFoundError.
func NotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

// IsA reports whether err is (or wraps) the service error type T, e.g.
// IsA[*iamtypes.NoSuchEntityException](err).
func IsA[T error](err error) bool {
	var target T
	return errors.As(err, &target)
}

// HasCode reports whether err carries one of the AWS error codes; for services (S3 above all)
// whose not-found errors have no modelled type.
func HasCode(err error, codes ...string) bool {
	var apiErr smithy.APIError
	return errors.As(err, &apiErr) && slices.Contains(codes, apiErr.ErrorCode())
}

// AsNotFound turns err into a NotFoundError when isGone says it means "no such object", and
// returns it unchanged otherwise (nil stays nil).
func AsNotFound(err error, what string, isGone func(error) bool) error {
	if err != nil && isGone(err) {
		return NewNotFound(what, err)
	}
	return err
}
