package framework

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

func TestCommonTagsAndDiff(t *testing.T) {
	got := CommonTags(map[string]string{"a": "1", "b": "2", "c": "3"}, map[string]string{"a": "1", "b": "x"}, map[string]string{"a": "1", "b": "2"})
	if !maps.Equal(got, map[string]string{"a": "1"}) {
		t.Errorf("CommonTags = %v", got)
	}
	if got := CommonTags(); len(got) != 0 {
		t.Errorf("no objects: %v", got)
	}
	remove, set := TagDiff(map[string]string{"a": "1", "b": "2", "z": "0"}, map[string]string{"a": "1", "b": "3", "c": "4"})
	if !slices.Equal(remove, []string{"z"}) || !maps.Equal(set, map[string]string{"b": "3", "c": "4"}) {
		t.Errorf("TagDiff = %v %v", remove, set)
	}
}

func TestNotFound(t *testing.T) {
	cause := &iamtypes.NoSuchEntityException{Message: new(string)}
	err := fmt.Errorf("reading role: %w", AsNotFound(cause, "role r", IsA[*iamtypes.NoSuchEntityException]))
	if !NotFound(err) || !IsA[*iamtypes.NoSuchEntityException](err) {
		t.Errorf("NotFound(%v) = false", err)
	}
	other := errors.New("boom")
	if NotFound(AsNotFound(other, "role r", IsA[*iamtypes.NoSuchEntityException])) || AsNotFound(nil, "x", IsA[*iamtypes.NoSuchEntityException]) != nil {
		t.Error("other errors and nil must pass through")
	}
}

func TestRetryWhen(t *testing.T) {
	transient := errors.New("role not yet usable")
	calls := 0
	err := RetryWhen(context.Background(), time.Minute, func() error {
		calls++
		if calls < 2 {
			return transient
		}
		return nil
	}, func(err error) bool { return errors.Is(err, transient) })
	if err != nil || calls != 2 {
		t.Errorf("err=%v calls=%d", err, calls)
	}
	final := errors.New("denied")
	calls = 0
	if err := RetryWhen(context.Background(), time.Minute, func() error { calls++; return final }, func(err error) bool { return errors.Is(err, transient) }); !errors.Is(err, final) || calls != 1 {
		t.Errorf("a non-retryable error must return at once: err=%v calls=%d", err, calls)
	}
	if err := RetryWhen(context.Background(), 500*time.Millisecond, func() error { return transient }, func(error) bool { return true }); !errors.Is(err, transient) {
		t.Errorf("timeout must wrap the last error: %v", err)
	}
}

func TestForEachRunsAllConcurrentlyAndJoinsErrors(t *testing.T) {
	var running, peak atomic.Int32
	regions := make([]string, 20)
	for i := range regions {
		regions[i] = fmt.Sprintf("r%02d", i)
	}
	err := ForEachRegion(context.Background(), regions, func(_ context.Context, region string) error {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		running.Add(-1)
		if region == "r03" || region == "r07" {
			return errors.New(region + " failed")
		}
		return nil
	})
	if peak.Load() != 20 {
		t.Errorf("peak concurrency %d, want all 20 regions at once", peak.Load())
	}
	if err == nil || !errors.Is(err, err) || len(err.(interface{ Unwrap() []error }).Unwrap()) != 2 {
		t.Errorf("want both region errors joined, got %v", err)
	}
}
