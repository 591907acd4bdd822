"""One OAuth installation of the token endpoint's stand-in, shared through a store."""

import httpx

from generated.auth import OAuthRefresh, OnRefresh
from generated.client import DEFAULT_TIMEOUT
from generated.stores import Store
from scripts.stand_ins.token_endpoint import CLIENT_ID, CLIENT_SECRET, FIRST_REFRESH_TOKEN

COMPANY = "5D112kQsiKESj6rash"


def oauth_on(
    store: Store,
    url: str,
    on_refresh: OnRefresh | None = None,
    *,
    client_id: str = CLIENT_ID,
    installation: str = COMPANY,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
) -> OAuthRefresh:
    """An OAuthRefresh of the stand-in's app at `url` (by default), on the installation COMPANY (by
    default), sharing `store`."""
    return OAuthRefresh(
        client_id=client_id,
        client_secret=CLIENT_SECRET,
        refresh_token=FIRST_REFRESH_TOKEN,
        store=store,
        installation=installation,
        base_url=url,
        on_refresh=on_refresh,
        timeout=timeout,
    )
