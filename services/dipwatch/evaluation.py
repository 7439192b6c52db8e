"""Scoring the extractor against an annotated set (``dipwatch eval``, the quality gate test).

Events are compared as (type, source side, target side) per article: the side is the state an
actor acts for, or the organisation code. For symmetric types (CONSULT, AGREE, COOPERATE) a
predicted pair matches the gold pair in either direction. Actor accuracy is the share of gold
actors recognised (states and organisations by code, persons by surname and country); place
accuracy the share of gold places found (by name in either language or by country and stem).
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dipwatch.core.coding.context import actor_key
from dipwatch.core.extract import extract_article
from dipwatch_schemas import ArticleInput, ExtractionResult

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
EventKey = tuple[str, str, str]


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }


@dataclass
class Report:
    articles: int = 0
    events: Scores = field(default_factory=Scores)
    per_type: dict[str, Scores] = field(default_factory=dict)
    per_language: dict[str, Scores] = field(default_factory=dict)
    classifier: Scores = field(default_factory=Scores)
    actors_found: int = 0
    actors_total: int = 0
    places_found: int = 0
    places_total: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def actor_accuracy(self) -> float:
        return self.actors_found / self.actors_total if self.actors_total else 0.0

    @property
    def place_accuracy(self) -> float:
        return self.places_found / self.places_total if self.places_total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "event_f1": round(self.events.f1, 3),
            "events": self.events.as_dict(),
            "per_type": {k: v.as_dict() for k, v in sorted(self.per_type.items())},
            "per_language": {k: v.as_dict() for k, v in sorted(self.per_language.items())},
            "classifier_f1": round(self.classifier.f1, 3),
            "classifier": self.classifier.as_dict(),
            "actor_accuracy": round(self.actor_accuracy, 3),
            "place_accuracy": round(self.place_accuracy, 3),
        }


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def load_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def to_input(record: dict[str, Any]) -> ArticleInput:
    published = record.get("published_at")
    return ArticleInput(
        id=record.get("id"),
        text=record.get("text"),
        html=record.get("html"),
        title=record.get("title"),
        url=record.get("url"),
        published_at=dt.date.fromisoformat(published[:10]) if published else None,
        language=None,
    )


def predicted_events(result: ExtractionResult) -> set[EventKey]:
    keys: set[EventKey] = set()
    for event in result.events:
        source = actor_key(event.source)
        target = actor_key(event.target) if event.target else None
        if source and target:
            keys.add((event.event_type, source, target))
    return keys


def _match(
    predicted: set[EventKey], gold: set[EventKey]
) -> tuple[set[EventKey], set[EventKey], set[EventKey]]:
    """True positives (as gold keys), false positives, false negatives."""
    tp: set[EventKey] = set()
    fp: set[EventKey] = set()
    remaining = set(gold)
    for key in sorted(predicted):
        if key in remaining:
            tp.add(key)
            remaining.discard(key)
            continue
        reverse = (key[0], key[2], key[1])
        if key[0] in SYMMETRIC and reverse in remaining:
            tp.add(reverse)
            remaining.discard(reverse)
            continue
        if key in tp or (key[0] in SYMMETRIC and reverse in tp):
            continue  # the same pair coded in both directions counts once
        fp.add(key)
    return tp, fp, remaining


def _actor_found(gold: dict[str, Any], result: ExtractionResult) -> bool:
    kind = gold.get("kind")
    if kind in ("state", "organisation", "group"):
        code = gold.get("code") or gold.get("country")
        return any(a.code == code or (a.kind == "state" and a.country == code) for a in result.actors)
    name = _fold(gold.get("name", ""))
    surname = name.split()[-1] if name else ""
    for actor in result.actors:
        if actor.kind != "person":
            continue
        names = [_fold(actor.name), *(_fold(m) for m in actor.mentions)]
        if any(surname and surname in n for n in names):
            return True
    return False


def _place_found(gold: dict[str, Any], result: ExtractionResult) -> bool:
    name = _fold(gold.get("name", ""))
    for place in result.places:
        candidate = _fold(place.name)
        if candidate == name or (place.country == gold.get("country") and candidate[:4] == name[:4]):
            return True
    return False


def evaluate_records(records: list[dict[str, Any]]) -> Report:
    report = Report()
    for record in records:
        gold = record["gold"]
        result = extract_article(to_input(record))
        report.articles += 1
        language = record.get("language", result.language)
        gold_diplomatic = bool(gold.get("is_diplomatic"))
        if result.is_diplomatic and gold_diplomatic:
            report.classifier.tp += 1
        elif result.is_diplomatic:
            report.classifier.fp += 1
        elif gold_diplomatic:
            report.classifier.fn += 1
        gold_events = {(e["event_type"], e["source"], e["target"]) for e in gold.get("events", [])}
        tp, fp, fn = _match(predicted_events(result), gold_events)
        lang_scores = report.per_language.setdefault(language, Scores())
        for bucket, keys in (("tp", tp), ("fp", fp), ("fn", fn)):
            for key in keys:
                setattr(report.events, bucket, getattr(report.events, bucket) + 1)
                setattr(lang_scores, bucket, getattr(lang_scores, bucket) + 1)
                scores = report.per_type.setdefault(key[0], Scores())
                setattr(scores, bucket, getattr(scores, bucket) + 1)
        if fp or fn:
            report.errors.append({"id": record.get("id"), "missed": sorted(fn), "spurious": sorted(fp)})
        for actor in gold.get("actors", []):
            report.actors_total += 1
            report.actors_found += _actor_found(actor, result)
        for place in gold.get("places", []):
            report.places_total += 1
            report.places_found += _place_found(place, result)
    return report


def evaluate_file(path: Path) -> Report:
    return evaluate_records(load_records(path))


def render_report(report: Report, *, show_errors: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"Events on {report.articles} articles (type + source side + target side)")
    for column in ("type", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="right" if column != "type" else "left")
    rows = sorted(report.per_type.items())
    for name, scores in [*rows, ("ALL", report.events)]:
        table.add_row(
            name,
            str(scores.tp),
            str(scores.fp),
            str(scores.fn),
            f"{scores.precision:.3f}",
            f"{scores.recall:.3f}",
            f"{scores.f1:.3f}",
        )
    console.print(table)
    for language, scores in sorted(report.per_language.items()):
        console.print(
            f"events ({language}): P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}"
        )  # not "[de]": rich reads square brackets as markup
    c = report.classifier
    console.print(
        f"classifier: P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  (tp {c.tp} fp {c.fp} fn {c.fn})"
    )
    console.print(
        f"actor accuracy: {report.actor_accuracy:.3f} ({report.actors_found}/{report.actors_total})"
    )
    console.print(
        f"place accuracy: {report.place_accuracy:.3f} ({report.places_found}/{report.places_total})"
    )
    if show_errors:
        for error in report.errors:
            console.print(f"[bold]{error['id']}[/] missed {error['missed']} spurious {error['spurious']}")
    counts = Counter(len(e["missed"]) + len(e["spurious"]) for e in report.errors)
    console.print(f"articles with event errors: {len(report.errors)} {dict(sorted(counts.items()))}")
