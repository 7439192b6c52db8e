"""HTML page to clean article text: a fast lexbor path, trafilatura only where the fast path is unsure.

Why two paths: trafilatura is accurate but ~10x slower than a lexbor parse. The fast path finds
the article container with trafilatura-like selectors (data/boilerplate.yaml), deletes
boilerplate blocks inside it and lets resiliparse render the text. When the measurable signals
say it is unsure (no container, too little text, link-heavy text), trafilatura decides.
Figures: ``benchmarks/page_text.py``. Never raises: broken input gives empty text.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from resiliparse.extract.html2text import extract_plain_text
from selectolax.lexbor import LexborHTMLParser, LexborNode

from dipwatch.core.boilerplate import drop_boilerplate, load_rules_file

Method = Literal["fast", "trafilatura", "fallback"]

# Below this many characters of container text the container is probably a teaser or a wrapper
# of the wrong block, so trafilatura decides (tuned on the benchmark pages, not per page).
MIN_FAST_CHARS = 400
# Share of container characters inside links above which the block is a link list, not an article.
MAX_FAST_LINK_DENSITY = 0.35
# A line that is exactly the text of one link and at most this long is navigation ("Read more" lists).
MAX_LINK_LINE_CHARS = 120
# HTML larger than this is cut before parsing: news articles are far smaller, and huge pages cost time.
MAX_HTML_CHARS = 3_000_000

# Parsers and renderers are quadratic in nesting depth (20k nested divs took over 20 s). Pages
# with many tags get a depth scan; too deep ones are read by stripping tags instead.
DEPTH_SCAN_MIN_TAGS = 8000
MAX_DEPTH = 1000
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "option",
        "td",
        "tr",
        "th",
        "dt",
        "dd",
    }
)
_STRIP = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]*>", re.DOTALL | re.IGNORECASE)
_DROP_ATTR = "data-dipwatch-drop"
_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ISO_DATE = re.compile(r"((?:19|20)\d\d)-([01]\d)-([0-3]\d)")
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_DATE_META = (
    'meta[property="article:published_time"]',
    'meta[property="og:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dc.date"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
)


@dataclass(frozen=True, slots=True)
class PageText:
    """Clean text of one page; ``text`` holds paragraphs separated by newlines."""

    title: str | None
    text: str
    published: str | None
    language: str | None
    method: Method


@dataclass(frozen=True, slots=True)
class _DomRules:
    containers: tuple[str, ...]
    skip: list[str]
    drop_candidates: str
    drop_class_id: re.Pattern[str]
    max_drop_chars: int


@cache
def _dom_rules() -> _DomRules:
    dom: dict[str, Any] = load_rules_file()["dom"]
    return _DomRules(
        containers=tuple(" ".join(c.split()) for c in dom["containers"]),
        skip=[" ".join(dom["drop_tags"].split()), f"[{_DROP_ATTR}]"],
        drop_candidates=" ".join(dom["drop_candidates"].split()),
        drop_class_id=re.compile("".join(dom["drop_class_id"].split()), re.IGNORECASE),
        max_drop_chars=int(dom["max_drop_chars"]),
    )


def _clean_line(line: str) -> str:
    return _WS.sub(" ", line).strip()


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    m = _ISO_DATE.search(value)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _attr(node: LexborNode | None, name: str) -> str | None:
    if node is None:
        return None
    value = node.attributes.get(name)
    return value if isinstance(value, str) else None


def _published(tree: LexborHTMLParser, html: str) -> str | None:
    head = tree.head
    if head is not None:
        for selector in _DATE_META:
            found = _iso_date(_attr(head.css_first(selector), "content"))
            if found:
                return found
    m = _JSONLD_DATE.search(html)
    if m:
        found = _iso_date(m.group(1))
        if found:
            return found
    body = tree.body
    return _iso_date(_attr(body.css_first("time[datetime]"), "datetime")) if body is not None else None


def _title(tree: LexborHTMLParser, container: LexborNode | None) -> str | None:
    """The headline: og:title, else the first h1 near the article, else <title>."""
    head = tree.head
    if head is not None:
        value = _clean_line(_attr(head.css_first('meta[property="og:title"]'), "content") or "")
        if value:
            return value
    for scope in (container, tree.body):
        if scope is not None:
            h1 = scope.css_first("h1")
            if h1 is not None:
                value = _clean_line(h1.text())
                if value:
                    return value
    node = head.css_first("title") if head is not None else None
    value = _clean_line(node.text()) if node is not None else ""
    return value or None


def _language(tree: LexborHTMLParser) -> str | None:
    lang = _attr(tree.root, "lang")
    if not lang and tree.head is not None:
        lang = _attr(tree.head.css_first('meta[http-equiv="content-language" i]'), "content")
    lang = (lang or "").strip().replace("_", "-")
    return lang or None


def _find_container(body: LexborNode, rules: _DomRules) -> LexborNode | None:
    """The candidate with the most text in the first selector group that holds a real text block."""
    for group in rules.containers:
        best = None
        best_len = 0
        for node in body.css(group):
            length = len(node.text())
            if length > best_len:
                best, best_len = node, length
        if best is not None and best_len >= MIN_FAST_CHARS:
            return best
    return None


def _mark_boilerplate_nodes(container: LexborNode, rules: _DomRules) -> None:
    """Tag boilerplate blocks for skipping; tagging (not decomposing) keeps node handles valid."""
    own_id = container.mem_id
    for node in container.css(rules.drop_candidates):
        if node.mem_id == own_id:
            continue
        attrs = node.attributes
        marks = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if rules.drop_class_id.search(marks) and len(node.text()) <= rules.max_drop_chars:
            node.attrs[_DROP_ATTR] = "1"


def _link_texts(container: LexborNode) -> tuple[set[str], int]:
    texts: set[str] = set()
    total = 0
    for a in container.css("a"):
        t = _clean_line(a.text())
        if t:
            texts.add(t)
            total += len(t)
    return texts, total


def _render(html: str, main_content: bool, skip: list[str] | None = None) -> list[str]:
    raw = extract_plain_text(
        html,
        preserve_formatting=True,
        main_content=main_content,
        list_bullets=False,
        alt_texts=False,
        comments=False,
        post_meta=False,
        noscript=False,
        skip_elements=skip,
    )
    return [line for line in (_clean_line(x) for x in raw.split("\n")) if line]


def _fast(tree: LexborHTMLParser) -> tuple[list[str], LexborNode | None, bool]:
    """Paragraphs from the fast path, the container, and whether the result is trustworthy."""
    rules = _dom_rules()
    body = tree.body
    if body is None:
        return [], None, False
    container = _find_container(body, rules)
    if container is None:
        return [], None, False
    _mark_boilerplate_nodes(container, rules)
    links, link_chars = _link_texts(container)
    text_chars = len(container.text())
    lines = [
        line
        for line in _render(container.html or "", main_content=False, skip=rules.skip)
        if not (len(line) <= MAX_LINK_LINE_CHARS and line in links)
    ]
    sure = text_chars >= MIN_FAST_CHARS and link_chars <= MAX_FAST_LINK_DENSITY * max(text_chars, 1)
    return lines, container, sure


def _trafilatura(html: str, url: str | None) -> tuple[list[str], str | None, str | None]:
    import trafilatura  # lazy: importing it costs ~0.5 s and most pages never need it

    # Metadata off: htmldate doubles the cost, and title/date come from our own cheap lookups.
    # fast=True skips the readability/justext comparison: 5x cheaper on exactly these hard pages.
    doc = trafilatura.bare_extraction(html, url=url, fast=True, include_comments=False, with_metadata=False)
    if doc is None:
        return [], None, None
    text = getattr(doc, "text", None) or ""
    lines = [line for line in (_clean_line(x) for x in text.split("\n")) if line]
    return lines, getattr(doc, "title", None), _iso_date(getattr(doc, "date", None))


def _dedupe(lines: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for line in lines:
        if line not in seen:
            seen.add(line)
            out.append(line)
    return out


def _too_deep(html: str) -> bool:
    if html.count("<") < DEPTH_SCAN_MIN_TAGS:
        return False
    depth = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _VOID:
            continue
        depth = depth - 1 if m.group(1) else depth + 1
        if depth > MAX_DEPTH:
            return True
    return False


def _extract(html: str, url: str | None) -> PageText:
    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
    if _too_deep(html):
        stripped = html_lib.unescape(_STRIP.sub("\n", html))
        lines = [line for line in (_clean_line(x) for x in stripped.split("\n")) if line]
        return PageText(
            title=None,
            text="\n".join(drop_boilerplate(lines, None)),
            published=None,
            language=None,
            method="fallback",
        )
    tree = LexborHTMLParser(html)
    language = _language(tree)
    published = _published(tree, html)
    lines, container, sure = _fast(tree)
    title = _title(tree, container)
    method: Method = "fast"
    if not sure:
        t_lines, t_title, t_date = _trafilatura(html, url)
        if t_lines:
            lines, method = t_lines, "trafilatura"
            title = title or t_title
            published = published or t_date
        elif not lines:
            lines, method = _render(html, main_content=True), "fallback"
    paragraphs = drop_boilerplate(_dedupe(lines), language)
    return PageText(
        title=title, text="\n".join(paragraphs), published=published, language=language, method=method
    )


def extract_page(html: str, url: str | None = None) -> PageText:
    """Title, main text, date and language of one HTML page; empty text if nothing can be found."""
    try:
        return _extract(html, url)
    except Exception:  # fail soft: one broken page must not stop a stream of articles
        return PageText(title=None, text="", published=None, language=None, method="fallback")
