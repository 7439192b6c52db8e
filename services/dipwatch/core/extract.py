"""Entry point of the extraction core: one article in, one typed result out. No I/O."""

from __future__ import annotations

import datetime as dt

from dipwatch_schemas import ArticleInput, ExtractionResult

EXTRACTOR_VERSION = "0.1.0"


def extract_article(article: ArticleInput, *, reference_date: dt.date | None = None) -> ExtractionResult:
    """Classify one article and code its diplomatic events (being written; signature is final)."""
    raise NotImplementedError
