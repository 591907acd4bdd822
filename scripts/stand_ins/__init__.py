"""Stand-ins for HighLevel, as stripe-mock is for Stripe: WSGI apps (and one scripted server) that
the tests, `make serve`, `make conformance` and `make bench` run on loopback ports. One module each:

- `replay`: the replay, built from the spec and answering from the recorded fixtures; `serve`
  runs it for `make serve`;
- `live_like`: the live API as `highlevel-api-facts.md` describes it (budgets, Express routing),
  written from the facts, not from the spec;
- `token_endpoint`: the OAuth token endpoint, with a resource its access tokens open;
- `broken_replays`, `drifted_replay`, `counting_replay`: the replay broken one way each, changed as
  the API might change unannounced, and counting (or rate limiting) what it is sent;
- `scripted`: a raw HTTP server that answers as a function says, down to resets, stalls and cut
  bodies.

All answer with `scripts.wsgi.Answer`. May import: `scripts.spec`, `scripts.fixtures`, `scripts.wsgi`.
"""
