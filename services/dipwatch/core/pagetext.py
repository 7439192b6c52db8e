"""HTML page to clean article text: one resiliparse parse, trafilatura only where that is unsure.

Why this shape (``benchmarks/page_text.py``, 421 pages of trafilatura's evaluation set):
resiliparse's main-content renderer on the whole page keeps 94% of the article snippets at a few
ms a page, more than the former article-container search (87%, and a second parse). Its weakness
is precision, so elements that are never text (data/boilerplate.yaml) are skipped, and lines that
are exactly one link's text (menus, "related" lists) and boilerplate paragraphs are dropped. Pages
where it yields little text are where it fails (teasers, odd layouts); only those (~4%) go to
trafilatura. F1 0.915 against trafilatura's 0.926, at a third of its CPU time or less.
Never raises: broken input gives empty text.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal
from urllib.parse import urlsplit

from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import ElementNode, HTMLTree

from dipwatch.core.boilerplate import drop_boilerplate, load_rules_file

Method = Literal["fast", "trafilatura", "fallback"]

# Fewer characters of fast-path text than this and the page goes to trafilatura: on the benchmark
# pages short output is the one cheap signal that separates resiliparse's failures (wrong block,
# teaser only) from its successes; ~10% of pages fall below it.
MIN_FAST_CHARS = 1000
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
# Link texts straight from the markup: a C regex is ~10x cheaper than walking the DOM's <a> nodes.
_LINK_TEXT = re.compile(rf"<a\b[^>]*>([^<]{{1,{MAX_LINK_LINE_CHARS}}})</a>", re.IGNORECASE)
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


@cache
def _skip_elements() -> list[str]:
    dom: dict[str, Any] = load_rules_file()["dom"]
    words = dom["drop_class_id_substrings"]
    by_name = ", ".join(f"[class*={w} i], [id*={w} i]" for w in words)
    return [" ".join(dom["drop_tags"].split()), *([by_name] if words else [])]


def _clean_line(line: str) -> str:
    return _WS.sub(" ", line).strip()


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    m = _ISO_DATE.search(value)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _attr(node: ElementNode | None, name: str) -> str | None:
    if node is None:
        return None
    value = node.getattr(name)
    return value if isinstance(value, str) else None


def _date_from_page(html: str, url: str | None) -> str | None:
    """Without a date in the metadata: htmldate's quick search (the URL's /2021/11/04/, visible dates).

    On the page bench it finds 70 of the 104 missing dates with 14 wrong, ≈ 5 ms per such page.
    """
    from htmldate import find_date  # imported on first use: most pages carry their date in metadata

    try:
        found = find_date(html, url=url, extensive_search=False, original_date=True)
    except Exception:  # a date is optional; the article is not
        return None
    return _iso_date(found) if isinstance(found, str) else None


def _published(tree: HTMLTree, html: str) -> str | None:
    head = tree.head
    if head is not None:
        for selector in _DATE_META:
            found = _iso_date(_attr(head.query_selector(selector), "content"))
            if found:
                return found
    m = _JSONLD_DATE.search(html)
    if m:
        found = _iso_date(m.group(1))
        if found:
            return found
    body = tree.body
    return _iso_date(_attr(body.query_selector("time[datetime]"), "datetime")) if body is not None else None


def _title(tree: HTMLTree, url: str | None = None) -> str | None:
    """The headline: og:title, else the first h1, else <title>; without a trailing site name."""
    head = tree.head
    value = ""
    if head is not None:
        value = _clean_line(_attr(head.query_selector('meta[property="og:title"]'), "content") or "")
    if not value:
        body = tree.body
        h1 = body.query_selector("h1") if body is not None else None
        value = _clean_line(h1.text or "") if h1 is not None else ""
    value = value or _clean_line(tree.title or "")
    if value and head is not None:
        site = _attr(head.query_selector('meta[property="og:site_name"]'), "content")
        value = _without_site_name(value, site, url)
    return value or None


_TITLE_PARTS = re.compile(r"\s+[|–—·›»:-]{1,3}\s+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_SITE_TAILS = ("online", "news", "de", "com", "net", "org", "at", "ch", "uk", "tv")  # "Spiegel Online"


def _without_site_name(title: str, site: str | None, url: str | None) -> str:
    """ "CAE bildet Piloten aus - Aerobuzz.de" → "CAE bildet Piloten aus": a last (or first) part
    after " | ", " - " or " – " goes when it is the page's og:site_name or its host name."""
    parts = _TITLE_PARTS.split(title)
    if len(parts) < 2:
        return title
    names = {_NOT_ALNUM.sub("", site or "").lower()}
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [label for label in host.lower().split(".") if label not in ("www", "m", "amp")]
    if labels:
        names.add("".join(labels))  # "aerobuzz.de" → "aerobuzzde"
        names.add(labels[0] if len(labels) <= 2 else labels[-2])  # "www.spiegel.de" → "spiegel"
    names.discard("")

    def is_site(part: str) -> bool:
        key = _NOT_ALNUM.sub("", part).lower()
        return bool(key) and (key in names or any(key == n + tail for n in names for tail in _SITE_TAILS))

    if is_site(parts[-1]):
        return title[: title.rfind(parts[-1])].rstrip(" |–—·›»:-")
    if is_site(parts[0]):
        return title[len(parts[0]) :].lstrip(" |–—·›»:-")
    return title


def _language(tree: HTMLTree) -> str | None:
    head = tree.head
    root = head.parent_element if head is not None else None
    lang = _attr(root, "lang")
    if not lang and head is not None:
        lang = _attr(head.query_selector('meta[http-equiv="content-language" i]'), "content")
    lang = (lang or "").strip().replace("_", "-")
    return lang or None


def _lines(raw: str) -> list[str]:
    """Non-empty lines with whitespace runs collapsed (one regex pass over the whole text)."""
    return [line for line in (x.strip() for x in _WS.sub(" ", raw).split("\n")) if line]


def _fast(tree: HTMLTree, html: str) -> list[str]:
    """Main-content lines of the already parsed page, without lines that are one link's text."""
    raw = extract_plain_text(
        tree,
        preserve_formatting=True,
        main_content=True,
        list_bullets=False,
        alt_texts=False,
        comments=False,
        post_meta=False,
        noscript=False,
        skip_elements=_skip_elements(),
    )
    links = {_clean_line(html_lib.unescape(t)) for t in _LINK_TEXT.findall(html)}
    return [line for line in _lines(raw) if not (len(line) <= MAX_LINK_LINE_CHARS and line in links)]


def _trafilatura(html: str, url: str | None) -> list[str]:
    import trafilatura  # lazy: importing it costs ~0.5 s and most pages never need it

    # Metadata off: htmldate doubles the cost, and title/date come from our own cheap lookups.
    # fast=True skips the readability/justext comparison: 5x cheaper on exactly these hard pages.
    doc = trafilatura.bare_extraction(html, url=url, fast=True, include_comments=False, with_metadata=False)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    return _lines(text)


def _dedupe(lines: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for line in lines:
        if line not in seen:
            seen.add(line)
            out.append(line)
    return out


_VOID_ANY_CASE = _VOID | {name.upper() for name in _VOID} | {name.capitalize() for name in _VOID}


def _may_be_deep(html: str, chunk: int = 4096) -> bool:
    """A cheap upper bound on the nesting depth, from substring counts per chunk (C speed).

    Every "<" that is not "</", a void tag or "/>" counts as an opening; the bound can only
    overestimate, so pages under it skip the exact tag walk (which costs ~20 ms on a 300 KB page).
    """
    low = html.lower()
    running = 0
    for start in range(0, len(low), chunk):
        part = low[start : start + chunk]
        closes = part.count("</")
        opens = part.count("<") - closes - part.count("/>") - part.count("<!")
        opens -= sum(part.count("<" + name) for name in _COMMON_VOID)
        if running + max(opens, 0) > MAX_DEPTH:
            return True
        running = max(0, running + opens - closes)
    return False


_COMMON_VOID = (
    "img",
    "br",
    "meta",
    "input",
    "link",
    "hr",
    "source",
    "wbr",
    "col",
    "area",
    "base",
    "embed",
    "param",
    "track",
)


def _too_deep(html: str) -> bool:
    if html.count("<") < DEPTH_SCAN_MIN_TAGS:
        return False
    if not _may_be_deep(html):
        return False
    depth = 0
    void = _VOID_ANY_CASE
    for closing, name, self_closing in _TAG.findall(html):  # findall: tuples, no match objects
        if self_closing or name in void:
            continue
        depth = depth - 1 if closing else depth + 1
        if depth > MAX_DEPTH:
            return True
    return False


def _extract(html: str, url: str | None) -> PageText:
    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
    if _too_deep(html):
        stripped = html_lib.unescape(_STRIP.sub("\n", html))
        return PageText(
            title=None,
            text="\n".join(drop_boilerplate(_lines(stripped), None)),
            published=None,
            language=None,
            method="fallback",
        )
    tree = HTMLTree.parse(html)
    language = _language(tree)
    published = _published(tree, html) or _date_from_page(html, url)
    title = _title(tree, url)
    lines = _fast(tree, html)
    method: Method = "fast"
    if sum(len(line) for line in lines) < MIN_FAST_CHARS:
        t_lines = _trafilatura(html, url)
        if sum(len(line) for line in t_lines) > sum(len(line) for line in lines):
            lines, method = t_lines, "trafilatura"
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
