"""Deterministic identities: what makes exactly-once results possible on an at-least-once bus.

Re-processing the same item yields the same ids, so Kafka keys and Elasticsearch ``_id``s
overwrite instead of duplicating (see README, "Identities").
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the reader; dropping them makes one article one id.
_TRACKING_PREFIXES = ("utm_", "at_", "wt_", "mc_", "pk_")
_TRACKING_KEYS = frozenset(
    {"fbclid", "gclid", "ref", "ref_src", "xtor", "ns_campaign", "ns_mchannel", "cmpid"}
)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port, no tracking parameters, sorted query."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower() or "http"
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_KEYS
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def item_id(url: str | None, guid: str | None = None, feed_id: str | None = None) -> str:
    """Hash of the canonical article URL, or of (feed, GUID) when the item has no link."""
    if url:
        return _digest("url", canonical_url(url))
    if guid:
        return _digest("guid", feed_id or "", guid.strip())
    raise ValueError("an item needs a link or a GUID to have an identity")


def event_id(item: str, event_type: str, source: str, target: str, sentence_index: int) -> str:
    """Hash of (item id, event type, source, target, sentence index)."""
    return _digest("event", item, event_type, source, target, str(sentence_index))


def alert_id(rule_id: str, event: str) -> str:
    return _digest("alert", rule_id, event)
