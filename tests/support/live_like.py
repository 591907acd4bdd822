"""The live-like stand-in moved to `scripts/live_like.py`, so that `make bench` (which must not
import tests) can run a live conformance against it; this name stays for the tests that import it."""

from scripts.live_like import API_VERSION, COMPANY_ID, LOCATION_ID, SNAPSHOT_ID, LiveLike, Seen

__all__ = ["API_VERSION", "COMPANY_ID", "LOCATION_ID", "SNAPSHOT_ID", "LiveLike", "Seen"]
