"""HTML pages: the article by trafilatura, the tag rules when it finds none, metadata.

The pages under ``tests/data/html/`` surround an article with menus, cookie
banners, captions, teasers, comments and footers that hold numbers of their own.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from factcheck.errors import SourceError
from factcheck.extract import extract_claims
from factcheck.models import Source
from factcheck.sources import article as article_module
from factcheck.sources import load_sources
from factcheck.sources.article import read_article
from factcheck.sources.html import read_html
from factcheck.sources.unseen import PageText

PAGES = Path(__file__).resolve().parent.parent / "data" / "html"
META = json.loads((PAGES / "pages.json").read_text("utf-8"))
NAMES = sorted(META)
FILLER = "<p>Officials said the plan would be reviewed again next spring by the board.</p>" * 4


def _gold(name: str) -> str:
    return (PAGES / f"{name}.txt").read_text("utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_claims_come_from_the_article_only(name: str) -> None:
    (source,) = load_sources(PAGES / f"{name}.html")
    gold = _gold(name)
    claims = extract_claims(source)
    assert claims
    for claim in claims:
        citation = claim.citation
        assert source.text[citation.start : citation.end] == citation.quote
        assert citation.sentence in gold, f"not in the article: {citation.sentence!r}"
    expected = extract_claims(Source(id=name, format="html", text=gold))
    assert [c.citation.quote for c in claims] == [c.citation.quote for c in expected]


@pytest.mark.parametrize("name", NAMES)
def test_title_date_and_url_come_from_the_page(name: str) -> None:
    (source,) = load_sources(PAGES / f"{name}.html")
    expected = META[name]
    published = date.fromisoformat(expected["published"]) if expected["published"] else None
    assert (source.title, source.published, source.url) == (
        expected["title"],
        published,
        expected["url"],
    )


def test_the_headline_leads_the_text_when_it_stands_above_the_body() -> None:
    (source,) = load_sources(PAGES / "flood-divs.html")
    assert source.text.startswith("Flooding forces 2,300 from homes in river valley\n\n")
    assert source.title == "Flooding forces 2,300 from homes in river valley"


def test_tag_rules_read_a_page_where_trafilatura_finds_nothing(tmp_path: Path) -> None:
    # Nested deeper than libxml2 builds trees (2,048): trafilatura finds no article.
    depth = 3000
    markup = (
        "<html><head><title>Deep</title></head><body>"
        + "<div>" * depth
        + "<p>Exports rose 7% in May.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    found = read_article(markup)
    assert found is None or not found.text
    page = tmp_path / "deep.html"
    page.write_text(markup, "utf-8")
    (source,) = load_sources(page)
    assert source.text == "Exports rose 7% in May."
    assert "7%" in [c.citation.quote for c in extract_claims(source)]


@pytest.mark.parametrize(
    "result",
    [None, PageText(text="", title=None, published=None, url=None)],
    ids=["fails", "empty"],
)
def test_tag_rules_stand_in_when_trafilatura_gives_nothing(
    monkeypatch: pytest.MonkeyPatch, result: PageText | None
) -> None:
    monkeypatch.setattr("factcheck.sources.html.read_article", lambda markup: result)
    markup = (PAGES / "port-strike.html").read_text("utf-8")
    document = read_html(markup)
    assert "a 12-day strike that halted about 40%" in document.text
    assert "Rail fares" not in document.text  # the tag rules drop <aside> too
    assert document.title == "Port strike ends after 12 days"


def test_trafilatura_errors_fall_back_to_the_tag_rules(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("broken page")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    with caplog.at_level(logging.DEBUG, logger="factcheck.sources.article"):
        assert article_module.read_article("<html><body><p>x</p></body></html>") is None
    assert "ValueError: broken page" in caplog.text  # said, for --debug, not swallowed
    document = read_html("<html><body><p>Imports fell 3% in June.</p></body></html>")
    assert document.text == "Imports fell 3% in June."


def test_a_page_without_text_under_either_reader_is_one_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav>Home</nav><script>x = 1</script></body></html>", "utf-8")
    with pytest.raises(SourceError, match="no readable text in the HTML"):
        load_sources(page)


def test_what_no_reader_sees_stays_out_of_the_article() -> None:
    markup = f"""<html><head>
    <script type="application/ld+json">{{"@type": "NewsArticle",
      "datePublished": "2025-02-03", "articleBody": "Ld body says 91% of it."}}</script>
    <script>var share = "92%";</script><style>.a {{ width: 93%; }}</style></head>
    <body><article><h1>Copper output rose sharply in January</h1>
    <p>Copper output rose 4% in January, the ministry said.</p>
    <p hidden>Hidden attribute 94%.</p><div aria-hidden="true">Aria hidden 95%.</div>
    <p style="display: none">Display none 96%.</p><p style="visibility:hidden">Invisible 97%.</p>
    <div data-preloaded='{{"post": "Attribute post 98%."}}'><p>Zinc output fell 2%.</p></div>
    <noscript>Enable scripts 99%.</noscript><template><p>Template 90%.</p></template>
    {FILLER}</article></body></html>"""
    found = read_article(markup)
    assert found is not None
    assert "Copper output rose 4% in January" in found.text
    assert "Zinc output fell 2%." in found.text
    for unseen in ("91%", "92%", "93%", "94%", "95%", "96%", "97%", "98%", "99%", "90%"):
        assert unseen not in found.text
    assert found.published == date(2025, 2, 3)


def test_trafilatura_logs_stay_off_the_terminal(tmp_path: Path) -> None:
    page = tmp_path / "short.html"
    page.write_text("<html><body><p>Up 5%.</p></body></html>", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "claims", str(page), "-q"],  # -q: no count
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "5%" in done.stdout


def test_import_factcheck_does_not_load_trafilatura() -> None:
    code = "import sys, factcheck, factcheck.sources; print('trafilatura' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("find_article", [True, False], ids=["article", "tag-rules"])
@pytest.mark.parametrize(
    "unseen",
    [
        "<div hidden>Secret 41%</div>",
        '<div aria-hidden="true">Secret 41%</div>',
        '<div style="display: none">Secret 41%</div>',
        "<textarea>Secret 41%</textarea>",
        "<math>Secret 41%</math>",
        "<footer>Secret 41%</footer>",
    ],
)
def test_both_readers_drop_what_no_reader_sees(unseen: str, find_article: bool) -> None:
    body = " ".join(["Exports rose 5% in May, the ministry said on Tuesday."] * 8)
    page = f"<html><body><main><article><p>{body}</p></article></main>{unseen}</body></html>"
    document = read_html(page, find_article=find_article)
    assert "Exports rose 5%" in document.text
    assert "41%" not in document.text
