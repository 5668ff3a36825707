"""Hostile sources through the real input paths, into the HTML report, in headless Chromium.

Every path by which text from a source or from the user reaches the page gets a
script, event-handler or ``javascript:`` URL payload: source ids (file names,
folder names, JSON Lines ids), titles (HTML ``<title>`` and ``og:title``,
Markdown front matter and headings, a text file's first line, JSON Lines
``title``), URLs (canonical links, ``og:url``, JSON Lines ``url``), the text
itself (quotes, sentences, the per-source view, the chart's labels and alt
text) and the settings in the footer (the model name). The sources are loaded,
checked and rendered as a user would (``load_sources``, ``report``, ``render``,
and ``factcheck report``), then the page must show every payload as text and
run none of them, with and without its Content-Security-Policy.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from factcheck.cli import main
from factcheck.crosscheck.pipeline import report as cross_check
from factcheck.errors import SourceError
from factcheck.models import Report
from factcheck.render import render
from factcheck.render.html import _script
from factcheck.render.html import render as render_html
from factcheck.settings import Settings
from factcheck.sources import load_sources
from tests.browser import open_page
from tests.doubles import HashingEmbedder

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

RUN = "window.__pwned=1"
SCRIPT = f"<script>{RUN}</script>"
IMG = f"<img src=x onerror={RUN}>"
SVG = f"<svg onload={RUN}>"
BOLD = f"<b onmouseover={RUN}>Tariffs</b>"
QUOTED_HANDLER = f'" onclick="{RUN}'
SINGLE_QUOTED = f"' onfocus='{RUN}' autofocus='"
JS_URL = f"javascript:{RUN}"
HTTPS_BREAKOUT = f'https://example.com/"><img src=x onerror={RUN}>'

JSONL_RECORDS = [
    {
        "id": SCRIPT,
        "title": IMG,
        "url": JS_URL,
        "date": "2025-10-01",
        "text": f"{BOLD} on steel imports are about 70% of the market, officials said.",
    },
    {
        "id": QUOTED_HANDLER,
        "title": SINGLE_QUOTED,
        "url": f" JaVaScRiPt:{RUN}",
        "text": f"{BOLD} on steel imports are more than 90% of the market, analysts said.",
    },
    {"id": JS_URL, "url": f"&#106;avascript:{RUN}", "text": f"{SVG} Some 12 ships docked."},
    {"id": "data-url", "url": f"data:text/html,{SCRIPT}", "text": "Some 40 ports closed."},
    {"id": "vb-url", "url": f"vbscript:{RUN}", "text": f"{IMG} Exports rose 3% in May."},
    {"id": "breakout", "url": HTTPS_BREAKOUT, "text": f"{SCRIPT} Imports fell 5% in June."},
]

HTML_SCRIPTED = f"""<!doctype html>
<html><head><title>{SCRIPT} Steel desk</title>
<link rel="canonical" href="  JaVaScRiPt:{RUN}">
<script>{RUN}</script></head>
<body><article>
<p>&lt;img src=x onerror={RUN}&gt; Steel output grew 4% last year.</p>
<script>{RUN}</script><img src=x onerror="{RUN}"><svg onload="{RUN}"></svg>
<iframe srcdoc="<script>{RUN}</script>"></iframe>
<!-- <script>{RUN}</script> --><![CDATA[<script>{RUN}</script>]]>
<p>&lt;a href="javascript:{RUN}"&gt;click&lt;/a&gt; Some 300 mills closed.</p>
</article></body></html>
"""

HTML_META = f"""<!doctype html>
<html><head><meta property="og:title" content="&lt;svg onload={RUN}&gt; Meta title">
<meta property="og:url" content="java&#x09;script:{RUN}"></head>
<body><main><p>Coal output fell 6% in {SVG} March.</p></main></body></html>
"""

HTML_HTTPS = f"""<!doctype html>
<html><head><title>Https desk</title>
<link rel="canonical" href="https://example.com/&quot;&gt;&lt;script&gt;{RUN}&lt;/script&gt;">
</head><body><p>Rail freight rose 8% in April.</p></body></html>
"""

MARKDOWN_FRONT = f"""---
title: "{SCRIPT} front matter"
date: "{IMG}"
---
Copper prices rose 9% this year, {IMG} traders said.
"""

MARKDOWN_HEADING = f"""# {IMG} heading

Nickel prices fell 2% <a href="javascript:{RUN}">click</a> on Friday.
"""

MODEL = f"{SCRIPT}{IMG}"

# Strings that the page must show as text: each came in through one path above.
VISIBLE = [
    SCRIPT,  # JSON Lines id, HTML text, front matter title, model name
    IMG,  # file name, JSON Lines title, Markdown heading
    SVG,  # folder name, text file's first line
    BOLD,  # sentence around a quantity
    QUOTED_HANDLER,  # JSON Lines id in a link's text
    SINGLE_QUOTED,  # JSON Lines title
    JS_URL,  # JSON Lines url (as text, never a link)
    f"JaVaScRiPt:{RUN}",  # mixed case url, whitespace trimmed or not
    f"&#106;avascript:{RUN}",  # entity-obfuscated url
    f"data:text/html,{SCRIPT}",
    f"vbscript:{RUN}",
    HTTPS_BREAKOUT,  # an https url: a link, its markup escaped inside the attribute
    f"{SCRIPT} Steel desk",  # HTML <title>
    f"<img src=x onerror={RUN}> Steel output grew",  # HTML text from entities
    f'<a href="javascript:{RUN}">click</a>',  # HTML and Markdown text
    f"{SVG} Meta title",  # og:title
    f"java\tscript:{RUN}".replace("\t", " "),  # og:url with a tab (inner text shows a space)
    f"{SCRIPT} front matter",  # Markdown front matter title
    f"{IMG} heading",  # Markdown heading title
    f"--model {MODEL}",  # the settings in the footer
]


def write_hostile_corpus(folder: Path) -> None:
    """One folder holding a hostile payload in every field a loader reads."""
    folder.mkdir()
    lines = [json.dumps(record) for record in JSONL_RECORDS]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "scripted.html").write_text(HTML_SCRIPTED, "utf-8")
    (folder / "meta.html").write_text(HTML_META, "utf-8")
    (folder / "https.html").write_text(HTML_HTTPS, "utf-8")
    (folder / "front.md").write_text(MARKDOWN_FRONT, "utf-8")
    (folder / "heading.md").write_text(MARKDOWN_HEADING, "utf-8")
    (folder / f"{IMG}.txt").write_text(f"Zinc stocks grew 7% in {IMG} July.\n", "utf-8")
    nested = folder / SVG
    nested.mkdir()
    (nested / "note.txt").write_text(f"{SVG} first line\nTin output rose 11% in 2024.\n", "utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "sources"
    write_hostile_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def report(corpus: Path) -> Report:
    sources = load_sources([corpus])
    assert {s.id for s in sources} >= {SCRIPT, QUOTED_HANDLER, f"{IMG}.txt", f"{SVG}/note.txt"}
    result = cross_check(sources, Settings(model=MODEL), embedder=HashingEmbedder())
    # The payload-carrying sentences form a conflict, so the chart and its labels are drawn.
    conflicting = {
        claim.source for f in result.conflicts for claim in map(result.claim, f.claim_ids)
    }
    assert {SCRIPT, QUOTED_HANDLER} <= conflicting
    return result


def tainted(report: Report) -> Report:
    """The report with its derived text (subjects, explanations) carrying payloads too.

    Extraction keeps only words in a subject today; the page must not rely on it.
    """
    clusters = tuple(
        c.model_copy(update={"subject": f"{SCRIPT} {c.subject}"}) for c in report.clusters
    )
    findings = tuple(
        f.model_copy(update={"explanation": f"{IMG} {f.explanation}"}) for f in report.findings
    )
    return report.model_copy(update={"clusters": clusters, "findings": findings})


def without_csp(html: str) -> str:
    """The page without its Content-Security-Policy: escaping alone must keep it inert."""
    stripped, count = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', "", html)
    assert count == 1
    return stripped


# The page's own active parts, each allowed in one place only: its script (by id; its
# text is checked apart), the inert JSON blocks of later pages, the filter's input, the
# pagers' buttons, and the charts' inline SVG. Anything else of these kinds is a problem.
_INSPECT = """() => {
  const problems = [];
  const urlAttributes = ["href", "src", "action", "formaction", "srcdoc", "data", "poster",
                         "xlink:href", "background", "srcset"];
  const ours = (el, tag) =>
    (tag === "script" && el.id === "fc-js" && !el.hasAttribute("src")) ||
    (tag === "script" && el.getAttribute("type") === "application/json" &&
     el.classList.contains("more") && el.attributes.length === 2) ||
    (tag === "input" && el.id === "q" && el.getAttribute("type") === "search") ||
    (tag === "button" && el.parentElement.classList.contains("pager") &&
     [...el.attributes].every(a => a.name === "type" || a.name === "disabled")) ||
    (tag === "svg" && el.getAttribute("class") === "chart");
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (["script", "iframe", "frame", "object", "embed", "base", "form", "svg", "math",
         "link", "template", "audio", "video", "input", "button"].includes(tag) &&
        !ours(el, tag)) {
      problems.push("element <" + tag + ">");
    }
    if (el.closest("svg") && !["svg", "title", "text", "rect", "circle", "path", "line"]
        .includes(tag)) {
      problems.push("element <" + tag + "> in a chart");
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) problems.push("handler " + name + " on <" + tag + ">");
      if (urlAttributes.includes(name) && name !== "href" && !(tag === "img" && name === "src")) {
        problems.push("attribute " + name + " on <" + tag + ">");
      }
    }
  }
  for (const meta of document.querySelectorAll("meta[http-equiv]")) {
    if (meta.httpEquiv.toLowerCase() !== "content-security-policy") {
      problems.push("meta http-equiv=" + meta.httpEquiv);
    }
  }
  for (const img of document.querySelectorAll("img")) {
    problems.push("image " + img.outerHTML.slice(0, 80));
  }
  for (const a of document.querySelectorAll("a[href]")) {
    const href = a.getAttribute("href");
    const protocol = new URL(a.href).protocol;
    if (!href.startsWith("#") && protocol !== "http:" && protocol !== "https:") {
      problems.push("link to " + protocol + " " + href.slice(0, 60));
    }
  }
  if (typeof window.__pwned !== "undefined") problems.push("payload ran");
  return problems;
}"""


def inspect(page: Page) -> list[str]:
    """What is wrong with the page: active elements, handlers, odd links, a payload that ran."""
    problems: list[str] = page.evaluate(_INSPECT)
    own = page.evaluate("() => document.getElementById('fc-js')?.textContent")
    if own is not None and own != _script():
        problems.append("the page's script is not factcheck's")
    return problems


_POKE = """() => {
  const events = ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove",
                  "mousedown", "mouseup", "focus", "focusin", "blur", "keydown", "copy",
                  "animationstart", "transitionend", "toggle", "load", "error"];
  for (const el of document.querySelectorAll("*")) {
    for (const type of events) el.dispatchEvent(new Event(type, {bubbles: true}));
    const href = el.getAttribute("href");
    if (el.tagName !== "A" || (href && href.startsWith("#"))) {
      // SVG elements have no click(): a dispatched click reaches their handlers alike.
      if (typeof el.click === "function") el.click();
      else el.dispatchEvent(new MouseEvent("click", {bubbles: true}));
    }
  }
}"""


def interact(page: Page) -> None:
    """Hover links and highlights, follow in-page links, tab through, poke every element.

    Real input for a sample of what a reader touches (each action costs a round trip);
    dispatched events and clicks for every element, so that a handler that slipped
    through anywhere would fire. External links are not clicked: leaving the page is
    not running a payload, and the guard would count the request.
    """
    for selector in ["#conflicts a", "#conflicts mark", "#sources a", "#sources mark"]:
        items = page.locator(selector)
        for index in range(min(items.count(), 3)):
            items.nth(index).hover()
    links = page.locator('#conflicts a[href^="#"]')
    for index in range(links.count()):
        links.nth(index).click()
    for _ in range(page.locator("a").count() + 2):
        page.keyboard.press("Tab")
    page.evaluate(_POKE)


def check_page(browser: Browser, html_file: Path) -> None:
    stray: list[str] = []
    page = open_page(browser, html_file, stray)
    try:
        assert inspect(page) == []
        text = page.locator("body").inner_text()
        missing = [payload for payload in VISIBLE if payload not in text]
        assert missing == []
        assert page.locator("#conflicts svg.chart").count() >= 1
        interact(page)
        assert inspect(page) == []
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert stray == []
    finally:
        page.close()


@pytest.mark.parametrize(
    ("tainted_text", "keep_csp"),
    [(False, True), (False, False), (True, False)],
    ids=["with-csp", "without-csp", "tainted-derived-text"],
)
def test_hostile_sources_show_as_text_and_never_run(
    browser: Browser, tmp_path: Path, report: Report, tainted_text: bool, keep_csp: bool
) -> None:
    html = render(tainted(report) if tainted_text else report, "html")
    html_file = tmp_path / "report.html"
    html_file.write_text(html if keep_csp else without_csp(html), "utf-8")
    check_page(browser, html_file)


def test_chart_svg_has_no_active_content(report: Report) -> None:
    """The charts are shapes and text: values in words and axis ticks, nothing from a source."""
    charts = re.findall(r'<svg class="chart".*?</svg>', render(tainted(report), "html"))
    assert len(charts) == len(report.conflicts) >= 1
    for chart in charts:
        root = ET.fromstring(chart)
        for element in root.iter():
            assert element.tag in {"svg", "title", "text", "rect", "circle", "path", "line"}
            assert not [name for name in element.attrib if name.lower().startswith("on")]
            assert "pwned" not in (element.text or "")


def test_hostile_items_loaded_page_by_page_stay_text(
    browser: Browser, tmp_path: Path, report: Report
) -> None:
    """Items after the first page come from JSON blocks: paged in, filtered and followed,
    they must stay as inert as the first page."""
    html_file = tmp_path / "paged.html"
    html_file.write_text(render_html(tainted(report), findings_page=1, sources_page=1), "utf-8")
    stray: list[str] = []
    page = open_page(browser, html_file, stray)
    try:
        seen = page.locator("body").inner_text()
        for section in page.locator("main > section").all():
            following = section.locator(".pager button", has_text="Next")
            while following.count() and following.is_enabled():
                following.click()
                seen += page.locator("body").inner_text()
                assert inspect(page) == []
        page.fill("#q", "pwned")
        page.wait_for_timeout(300)
        seen += page.locator("body").inner_text()
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        links = page.locator("a.cite")
        for index in range(links.count()):
            if links.nth(index).is_visible():
                links.nth(index).click()
                seen += page.locator("body").inner_text()
        interact(page)
        assert inspect(page) == []
        missing = [payload for payload in VISIBLE if payload not in seen]
        assert missing == []
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert stray == []
    finally:
        page.close()


@pytest.mark.usefixtures("hashing_model")
def test_cli_report_of_the_hostile_folder(browser: Browser, corpus: Path, tmp_path: Path) -> None:
    """`factcheck report DIR --format html -o FILE --model PAYLOAD`, the test embedder standing in."""
    target = tmp_path / "cli.html"
    args = ["report", str(corpus), "--format", "html", "-o", str(target), "-q", "--no-cache"]
    with pytest.raises(SystemExit) as exited:
        main([*args, "--model", MODEL])
    assert exited.value.code in (0, None)
    check_page(browser, target)


def test_inspection_catches_an_unescaped_page(browser: Browser, tmp_path: Path) -> None:
    """The checks above can fail: a page that pastes the payloads in raw is caught."""
    html_file = tmp_path / "raw.html"
    html_file.write_text(
        f"<!doctype html><html><body><p>{IMG}</p><a href='{JS_URL}'>x</a>{SCRIPT}</body></html>",
        "utf-8",
    )
    stray: list[str] = []
    page = open_page(browser, html_file, stray)
    problems = inspect(page)
    assert "element <script>" in problems
    assert "handler onerror on <img>" in problems
    assert "payload ran" in problems
    assert any(problem.startswith("link to javascript:") for problem in problems)


def test_a_hostile_date_is_refused_not_shown(tmp_path: Path) -> None:
    """JSON Lines dates must be ISO 8601: free text never reaches the page as a date."""
    path = tmp_path / "dated.jsonl"
    path.write_text(json.dumps({"text": "Some 5 ships.", "date": SCRIPT}) + "\n", "utf-8")
    with pytest.raises(SourceError) as refused:
        load_sources([path])
    assert refused.value.field == "date"
