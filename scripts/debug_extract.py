"""Print what the extraction core sees in a sentence: actors, triggers, events, score (developer aid)."""

from __future__ import annotations

import datetime as dt
import sys

from dipwatch.core.coding.context import actor_key
from dipwatch.core.coding.triggers import find_triggers
from dipwatch.core.eventlex import event_lexicon
from dipwatch.core.extract import extract_article
from dipwatch.core.text import tokenize
from dipwatch_schemas import ArticleInput


def main(texts: list[str]) -> None:
    for text in texts:
        result = extract_article(ArticleInput(text=text, published_at=dt.date(2021, 3, 19)))
        lexicon = event_lexicon(result.language) if result.language in ("de", "en") else None
        print("==", text)
        print("  lang", result.language, "score", result.diplomatic_score, "diplomatic", result.is_diplomatic)
        print("  actors", [(a.name, a.country or a.code, a.mentions) for a in result.actors])
        if lexicon:
            print(
                "  triggers",
                [(m.trigger.event_type, m.pattern.source) for m in find_triggers(tokenize(text), lexicon)],
            )
        for e in result.events:
            print(
                "  EVENT",
                e.event_type,
                actor_key(e.source),
                "->",
                actor_key(e.target) if e.target else None,
                e.modality,
                e.trigger,
            )


if __name__ == "__main__":
    main(sys.argv[1:])
