package framework

import (
	"context"
	"errors"
	"testing"
)

func TestIgnoreNotFound(t *testing.T) {
	boom := errors.New("boom")
	if IgnoreNotFound(NewNotFound("x", nil)) != nil || IgnoreNotFound(nil) != nil || !errors.Is(IgnoreNotFound(boom), boom) {
		t.Error("IgnoreNotFound must drop only not-found errors")
	}
}

type fakeOptions struct{}

type fakePager struct {
	pages []int
	fail  error
	read  int
}

func (p *fakePager) HasMorePages() bool { return p.read < len(p.pages) }

func (p *fakePager) NextPage(context.Context, ...func(*fakeOptions)) (int, error) {
	if p.fail != nil {
		return 0, p.fail
	}
	p.read++
	return p.pages[p.read-1], nil
}

func TestEachPage(t *testing.T) {
	ctx := context.Background()
	p := &fakePager{pages: []int{1, 2, 3}}
	var got []int
	if err := EachPage(ctx, p.HasMorePages, p.NextPage, func(n int) bool { got = append(got, n); return true }); err != nil || len(got) != 3 {
		t.Errorf("all pages: %v, %v", got, err)
	}
	p = &fakePager{pages: []int{1, 2, 3}}
	if err := EachPage(ctx, p.HasMorePages, p.NextPage, func(n int) bool { return n < 2 }); err != nil || p.read != 2 {
		t.Errorf("visit false must stop reading pages: read %d, %v", p.read, err)
	}
	boom := errors.New("boom")
	p = &fakePager{pages: []int{1}, fail: boom}
	if err := EachPage(ctx, p.HasMorePages, p.NextPage, func(int) bool { return true }); !errors.Is(err, boom) {
		t.Errorf("NextPage's error must come back: %v", err)
	}
}
