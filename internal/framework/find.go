package framework

import "context"

// IgnoreNotFound is err unless it is a NotFoundError: for reads where an absent object is a
// state like any other (its attributes read as zero values) rather than a failure.
func IgnoreNotFound(err error) error {
	if NotFound(err) {
		return nil
	}
	return err
}

// EachPage hands every page of an SDK paginator to visit, until the pages end or visit returns
// false (the finder has what it looked for, so no further page is read). Pass the paginator's
// HasMorePages and NextPage methods; the error is NextPage's, for the caller to name the
// operation.
func EachPage[Out, Opt any](ctx context.Context, hasMore func() bool, next func(context.Context, ...func(*Opt)) (Out, error), visit func(Out) bool) error {
	for hasMore() {
		page, err := next(ctx)
		if err != nil {
			return err
		}
		if !visit(page) {
			return nil
		}
	}
	return nil
}
