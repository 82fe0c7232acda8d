package acctest

import "testing"

// `EMULATOR_PORT=4567 make testacc` starts moto on 4567; a test run that inherits only the port must
// still reach it.
func TestEndpoint_followsEmulatorPort(t *testing.T) {
	cases := []struct {
		name, endpointURL, host, port, want string
	}{
		{name: "default", want: DefaultEndpoint},
		{name: "port only", port: "4567", want: "http://127.0.0.1:4567"},
		{name: "host and port", host: "localhost", port: "5000", want: "http://localhost:5000"},
		{name: "host only", host: "::1", want: "http://[::1]:4566"},
		{name: "AWS_ENDPOINT_URL wins", endpointURL: "http://emulator:4599", port: "4567", want: "http://emulator:4599"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("AWS_ENDPOINT_URL", c.endpointURL)
			t.Setenv("EMULATOR_HOST", c.host)
			t.Setenv("EMULATOR_PORT", c.port)
			if got := Endpoint(); got != c.want {
				t.Errorf("Endpoint() = %q, want %q", got, c.want)
			}
		})
	}
}
