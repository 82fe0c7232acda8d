package framework

import (
	"context"
	"fmt"
	"time"
)

// PropagationTimeout bounds retries through IAM and service-to-service propagation: AWS
// documents that a new role or policy may take a few seconds, occasionally longer, to be usable
// by another service.
const PropagationTimeout = 2 * time.Minute

// RetryWhen calls f until it succeeds, fails with an error retryable does not accept, ctx ends
// or timeout passes, backing off from 1 s to at most 10 s between tries. The SDK's retryer has
// already retried throttling and transient errors inside each call; this is for errors AWS
// returns while a just-made object propagates.
func RetryWhen(ctx context.Context, timeout time.Duration, f func() error, retryable func(error) bool) error {
	deadline := time.Now().Add(timeout)
	delay := time.Second
	for {
		err := f()
		if err == nil || !retryable(err) {
			return err
		}
		if time.Now().Add(delay).After(deadline) {
			return fmt.Errorf("still failing after %s: %w", timeout, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (last error: %w)", ctx.Err(), err)
		case <-time.After(delay):
		}
		delay = min(delay*2, 10*time.Second)
	}
}
