"""One exception root for dipwatch; adapters translate library errors into this tree.

::

    DipwatchError
    ├── FeedRejected          core.feeds: a body refused before parsing (entity declarations, binary)
    ├── FeedConfigError       adapters.feedconfig: the feeds YAML is invalid (carries file and line)
    └── FetchError            adapters.http: fetching a URL failed
        ├── FetchRefused      SSRF guard: scheme or resolved address not allowed (no traffic sent)
        ├── FetchTooLarge     body above ``fetch_max_bytes``
        ├── FetchTimeout      connect/read timeout or the whole-body deadline (slow server)
        ├── FetchRedirectError  too many redirects or a redirect loop
        └── FetchHTTPError    a final status other than 2xx/304 (``status``, ``retry_after``)

Library exceptions (``httpx.HTTPError``, …) are wrapped with ``raise … from exc``.
Other modules may add their own branches here.
"""

from __future__ import annotations


class DipwatchError(Exception):
    """Root of every error dipwatch raises on purpose."""


class FeedRejected(DipwatchError):  # noqa: N818 - names from the issue
    """A feed body that must not reach the XML parser (hostile or not a feed)."""


class FeedConfigError(DipwatchError):
    """An invalid feeds file; the message names the file, the line and the reason."""


class FetchError(DipwatchError):
    """Fetching a URL failed; ``kind`` is a short label for metrics."""

    kind = "error"

    def __init__(self, message: str, *, url: str | None = None) -> None:
        super().__init__(message)
        self.url = url


class FetchRefused(FetchError):  # noqa: N818 - names from the issue
    kind = "refused"


class FetchTooLarge(FetchError):  # noqa: N818 - names from the issue
    kind = "too_large"


class FetchTimeout(FetchError):  # noqa: N818 - names from the issue
    kind = "timeout"


class FetchRedirectError(FetchError):
    kind = "redirect"


class FetchHTTPError(FetchError):
    kind = "http"

    def __init__(
        self, message: str, *, url: str | None = None, status: int, retry_after: float | None = None
    ) -> None:
        super().__init__(message, url=url)
        self.status = status
        self.retry_after = retry_after
