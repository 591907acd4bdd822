"""The live-like stand-in lives in scripts/live_like.py, where `make bench` can use it too (scripts
never import from tests/); the tests keep importing it from here."""

from scripts.live_like import API_VERSION, COMPANY_ID, DAY_MS, LOCATION_ID, SNAPSHOT_ID, LiveLike, Reply, Seen

__all__ = ["API_VERSION", "COMPANY_ID", "DAY_MS", "LOCATION_ID", "SNAPSHOT_ID", "LiveLike", "Reply", "Seen"]
