"""One OAuth installation of the token endpoint's stand-in, shared through a store."""

from generated.auth import OAuthRefresh, OnRefresh
from generated.stores import Store
from scripts.stand_ins.token_endpoint import CLIENT_ID, CLIENT_SECRET, FIRST_REFRESH_TOKEN

COMPANY = "5D112kQsiKESj6rash"


def oauth_on(store: Store, url: str, on_refresh: OnRefresh | None = None) -> OAuthRefresh:
    """An OAuthRefresh of the stand-in's app at `url`, on the installation COMPANY, sharing `store`."""
    return OAuthRefresh(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        refresh_token=FIRST_REFRESH_TOKEN,
        store=store,
        installation=COMPANY,
        base_url=url,
        on_refresh=on_refresh,
    )
