"""extract_page on small hand-made pages: article text only, and never an exception."""

from __future__ import annotations

import dataclasses

import pytest

from dipwatch.core.pagetext import PageText, extract_page

ARTICLE = [
    "Die Außenministerinnen und Außenminister der G7 haben sich am Dienstag in Tokio auf eine gemeinsame "
    "Linie gegenüber China verständigt.",
    "Nach Angaben von Diplomaten soll das Treffen den Weg für weitere Gespräche über Handelsfragen ebnen; "
    "eine Abschlusserklärung wird für Mittwoch erwartet.",
    "Baerbock sagte, man werde die Zusammenarbeit mit Japan und Südkorea in Sicherheitsfragen vertiefen "
    "und dabei eng mit den europäischen Partnern abstimmen.",
]

PAGE = f"""<!doctype html><html lang="de"><head><title>G7 in Tokio | Beispielzeitung</title>
<meta property="og:title" content="G7 einigen sich auf China-Linie">
<meta property="article:published_time" content="2023-04-18T10:15:00+02:00"></head>
<body>
<div id="cookie-banner" class="cookie-consent">Wir verwenden Cookies. <button>Akzeptieren</button></div>
<header class="site-header"><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav></header>
<main><article>
<h1>G7 einigen sich auf China-Linie</h1>
<div class="byline">Von Anna Beispiel, 18.04.2023</div>
<div class="article-body">
<p>{ARTICLE[0]}</p>
<figure><img src="x.jpg" alt="Treffen"><figcaption>Foto: dpa</figcaption></figure>
<p>{ARTICLE[1]} <a href="/g7">G7</a></p>
<div class="share-buttons"><a href="#">Teilen auf Facebook</a> <a href="#">Twitter</a></div>
<p>{ARTICLE[2]}</p>
<p>Mehr zum Thema</p>
<ul class="related-articles"><li><a href="/a">Scholz reist nach Peking</a></li></ul>
</div></article>
<aside class="sidebar"><h3>Meistgelesen</h3><a href="/b">Anderer Artikel</a></aside>
</main>
<footer>Impressum · Datenschutz · © 2023 Beispielzeitung</footer>
</body></html>"""


def test_article_only() -> None:
    page = extract_page(PAGE, url="https://example.org/g7")
    assert page.method == "fast"
    assert page.text.split("\n") == [ARTICLE[0], ARTICLE[1] + " G7", ARTICLE[2]]
    for junk in (
        "Cookies",
        "Politik",
        "Foto: dpa",
        "Teilen",
        "Mehr zum Thema",
        "Scholz",
        "Impressum",
        "Meistgelesen",
        "Anna Beispiel",
    ):
        assert junk not in page.text
    assert page.title == "G7 einigen sich auf China-Linie"
    assert page.published == "2023-04-18"
    assert page.language == "de"


def test_page_text_is_frozen() -> None:
    page = extract_page(PAGE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        page.text = "x"  # type: ignore[misc]


def test_page_without_container_still_yields_text() -> None:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    page = extract_page(f"<html><body><div><div>{body}</div></div></body></html>")
    for para in ARTICLE:
        assert para in page.text


def test_long_article_stays_on_fast_path_and_drops_link_lines() -> None:
    paragraphs = [f"{p} (Absatz {i})" for i in range(3) for p in ARTICLE]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    related = '<p><a href="/a">Scholz reist nach Peking</a></p>'
    page = extract_page(f"<html lang='de'><body><article>{body}{related}</article></body></html>")
    assert page.method == "fast"
    assert page.text.split("\n") == paragraphs
    assert "Scholz" not in page.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><body></body></html>",
        "<<<>>></p></div><div <p>",
        "<html><body><p>unclosed <b><i><div>" * 50,
        "\x00\x01<html>\ufffd</html>",
        "<script>document.write('<p>x</p>')</script>",
    ],
)
def test_broken_or_empty_html_never_raises(html: str) -> None:
    page = extract_page(html)
    assert isinstance(page, PageText)
    assert isinstance(page.text, str)


def test_empty_page_gives_empty_text() -> None:
    assert extract_page("").text == ""
    assert extract_page("<html><body></body></html>").text == ""


def test_huge_nesting_does_not_crash() -> None:
    html = "<div>" * 20000 + f"<p>{ARTICLE[0]}</p>" + "</div>" * 20000
    page = extract_page(f"<html><body>{html}</body></html>")
    assert isinstance(page.text, str)


def test_broken_html_keeps_text() -> None:
    html = f"<html><body><article><p>{ARTICLE[0]}<p>{ARTICLE[1]}<div>{ARTICLE[2]}</article>"
    page = extract_page(html)
    for para in ARTICLE:
        assert para in page.text


def test_blocks_named_like_boilerplate_are_skipped() -> None:
    paragraphs = [f"{p} (Absatz {i})" for i in range(3) for p in ARTICLE]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    junk = (
        '<div class="author-box">Anna Beispiel schreibt seit 2010 über Außenpolitik und Diplomatie.</div>'
        '<div id="article-footer">Dieser Text erschien zuerst in der Druckausgabe vom Dienstag.</div>'
    )
    page = extract_page(f"<html lang='de'><body><article>{body}{junk}</article></body></html>")
    assert page.text.split("\n") == paragraphs


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        (
            "<title>CAE bildet Piloten aus - Aerobuzz.de</title>",
            "https://www.aerobuzz.de/militaer/cae/",
            "CAE bildet Piloten aus",
        ),
        (
            '<meta property="og:title" content="Musik und Sport | Teufel Blog">'
            '<meta property="og:site_name" content="Teufel Blog">',
            None,
            "Musik und Sport",
        ),
        ("<title>Spiegel Online - Gipfel in Genf</title>", "https://www.spiegel.de/a", "Gipfel in Genf"),
        # a part that is not the site's name stays
        (
            "<title>Brexit - wie geht es weiter?</title>",
            "https://www.example.org/a",
            "Brexit - wie geht es weiter?",
        ),
    ],
)
def test_title_without_the_site_name(head: str, url: str | None, expected: str) -> None:
    page = extract_page(f"<html><head>{head}</head><body><p>{ARTICLE[0]}</p></body></html>", url)
    assert page.title == expected


def test_date_from_the_url_when_the_metadata_has_none() -> None:
    html = f"<html><head><title>Gipfel</title></head><body><p>{ARTICLE[0]}</p></body></html>"
    assert extract_page(html, "https://news.example.org/2021/11/04/gipfel-in-genf/").published == "2021-11-04"
    assert extract_page(html, "https://news.example.org/gipfel-in-genf/").published is None
