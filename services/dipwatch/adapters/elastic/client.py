"""The one place an Elasticsearch client is built from :class:`~dipwatch.settings.Settings`.

Client and server must pair (pitfalls 12): the pinned client is 9.2 and the servers are 9.2.
Callers own the client and ``await client.close()`` on shutdown.
"""

from __future__ import annotations

from typing import Any

from elasticsearch import AsyncElasticsearch

from dipwatch.settings import Settings


class ElasticConfigError(ValueError):
    """The settings cannot make a client (no URL, half a basic-auth pair)."""


def client_kwargs(settings: Settings, *, request_timeout: float = 30.0) -> dict[str, Any]:
    """Keyword arguments of :class:`AsyncElasticsearch` (exposed for tests and the sync admin tools)."""
    if not settings.elasticsearch_url:
        raise ElasticConfigError("DIPWATCH_ELASTICSEARCH_URL is not set")
    kwargs: dict[str, Any] = {
        "hosts": [settings.elasticsearch_url],
        "request_timeout": request_timeout,
        "retry_on_timeout": True,
        "max_retries": 3,
        "verify_certs": settings.elasticsearch_verify_certs,
    }
    if settings.elasticsearch_api_key is not None:
        kwargs["api_key"] = settings.elasticsearch_api_key.get_secret_value()
    elif settings.elasticsearch_username or settings.elasticsearch_password:
        if not (settings.elasticsearch_username and settings.elasticsearch_password):
            raise ElasticConfigError("basic auth needs DIPWATCH_ELASTICSEARCH_USERNAME and _PASSWORD")
        kwargs["basic_auth"] = (
            settings.elasticsearch_username,
            settings.elasticsearch_password.get_secret_value(),
        )
    if settings.elasticsearch_ca_certs is not None:
        kwargs["ca_certs"] = str(settings.elasticsearch_ca_certs)
    if not settings.elasticsearch_verify_certs:
        kwargs["ssl_show_warn"] = False
    return kwargs


def make_client(settings: Settings, *, request_timeout: float = 30.0) -> AsyncElasticsearch:
    return AsyncElasticsearch(**client_kwargs(settings, request_timeout=request_timeout))
