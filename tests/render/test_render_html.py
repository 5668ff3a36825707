"""The HTML report: self-contained, escaped, ranked, paged, with inline charts and sources."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html import unescape
from html.parser import HTMLParser

import pytest

from factcheck.models import Kind, Report, Source, Verdict
from factcheck.render import render
from factcheck.render.charts import interval_chart
from factcheck.render.display import verdict_words
from factcheck.render.document import document_and_findings
from factcheck.render.html import render as render_html
from factcheck.render.views import FindingView, finding_views, groups
from tests.report_samples import (
    Spec,
    hostile_report,
    make_report,
    sample_report,
    synthetic_report,
)


class _Collector(HTMLParser):
    """Every start tag with its attributes, and the text inside each script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _parse(html: str) -> _Collector:
    parser = _Collector()
    parser.feed(html)
    return parser


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    return _parse(html).tags


def _views(report: Report) -> list[FindingView]:
    _, findings = document_and_findings(report)
    return finding_views(report, findings)


def test_page_is_self_contained_and_runs_only_its_own_script() -> None:
    html = render(sample_report(), "html")
    parsed = _parse(html)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img")
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith("#"), (tag, name, value)
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert [s.get("id") for s in scripts if s.get("type") != "application/json"] == ["fc-js"]
    assert all("src" not in s for s in scripts)
    # The one script runs because the CSP names its hash; nothing else may run or load.
    own = parsed.scripts[[s.get("id") for s in scripts].index("fc-js")]
    digest = base64.b64encode(hashlib.sha256(own.encode("utf-8")).digest()).decode("ascii")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    assert policy.group(1) == (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'"
    )
    assert "@import" not in html
    assert "url(" not in html


def test_conflict_quotes_are_marked_and_linked_to_their_sentence() -> None:
    html = render(sample_report(), "html")
    ids = {attrs["id"] for _, attrs in _tags(html) if attrs.get("id")}
    links = [attrs["href"] for tag, attrs in _tags(html) if tag == "a" and attrs.get("href")]
    internal = [link for link in links if link and link.startswith("#")]
    assert internal
    for link in internal:
        assert link[1:] in ids, f"dangling link {link}"
    assert '<mark class="conflict">about 70%</mark>' in html
    assert '<mark class="conflict">more than 90%</mark>' in html


def test_each_finding_shows_its_sentences_and_agreements_are_collapsed() -> None:
    html = render(sample_report(), "html")
    conflicts = html.split('<section id="conflicts"')[1].split("</section>")[0]
    assert "Officials said the country accounts for <mark" in conflicts
    assert "Analysts note it produces <mark" in conflicts
    agreements = html.split('<section id="agreements"')[1].split("</section>")[0]
    assert agreements.count('<details class="finding agree"') == 2
    assert "New tariffs of <mark" in agreements
    assert "stated in 2 sources" in agreements


def test_headline_is_not_repeated_in_its_explanation() -> None:
    html = render(sample_report(), "html")
    why = re.search(r'<p class="why">([^<]*)</p>', html)
    assert why is not None
    assert why.group(1).startswith("the ranges do not overlap")
    assert "about 70% vs more than 90%: " not in html


def test_per_source_view_reproduces_each_source_text() -> None:
    report = sample_report()
    html = render(report, "html")
    for source in report.sources:
        pattern = r'<article class="source" id="src\d+">.*?<div class="text">(.*?)</div>'
        views = re.findall(pattern, html, flags=re.S)
        plain = [re.sub(r"<[^>]+>", "", view) for view in views]
        assert source.text in [unescape(p) for p in plain]


def test_hostile_text_is_escaped_everywhere() -> None:
    html = render(hostile_report(), "html")
    tags = _tags(html)
    assert {attrs.get("id") for tag, attrs in tags if tag == "script"} == {"fc-js"}
    assert "img" not in {tag for tag, _ in tags}
    assert all(not name.startswith("on") for _, attrs in tags for name in attrs)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;" in html
    assert not any((a.get("href") or "").lower().startswith("javascript:") for _, a in tags)
    assert "<b>evil" not in html


def test_items_past_the_first_page_wait_in_inert_json_blocks() -> None:
    report = hostile_report()
    html = render_html(report, findings_page=0, sources_page=1)
    parsed = _parse(html)
    blocks = [
        text
        for (tag, attrs), text in zip(
            [t for t in parsed.tags if t[0] == "script"], parsed.scripts, strict=True
        )
        if attrs.get("type") == "application/json"
    ]
    assert len(blocks) == 2  # the conflict, and the second source
    for block in blocks:
        assert not {"<", ">", "&"} & set(block)
        for item in json.loads(block):
            assert "<script" not in item
            assert "onerror=" not in item or "onerror=&#34;" in item
    later = json.loads(blocks[0])[0]
    assert later.startswith('<article class="finding conflict"')
    assert "&lt;i&gt;costs&lt;/i&gt;" in later


def test_many_findings_are_paged_and_ranked() -> None:
    report = synthetic_report(1200)
    html = render_html(report, findings_page=10, sources_page=5)
    doc, _ = document_and_findings(report)
    section = html.split('<section id="agreements"')[1].split("</section>")[0]
    assert section.count('<details class="finding agree"') == 10
    block = re.search(r'<script type="application/json" class="more">(.*?)</script>', section)
    assert block is not None
    rest = json.loads(block.group(1))
    assert len(rest) == len(doc.agreements) - 10
    assert f"Showing 1–10 of {len(doc.agreements)}." in section
    scores = [v.score for v in _views(report) if v.verdict == "conflict"]
    assert scores
    conflicts = html.split('<section id="conflicts"')[1].split("</section>")[0]
    ranks = [int(n) for n in re.findall(r'<span class="rank">(\d+)\.</span>', conflicts)]
    assert ranks == list(range(1, min(10, len(scores)) + 1))


def test_conflicts_rank_by_distance_and_sources_on_each_side() -> None:
    texts = {
        "a.txt": "Exports rose 10% in May.\nImports fell 50% in May.\n",
        "b.txt": "Exports rose 11% in May.\nImports fell 90% in May.\n",
        "c.txt": "Exports rose 10% in May.\nImports fell 90% in May.\n",
    }
    sources = [Source(id=name, text=text) for name, text in texts.items()]
    specs = [
        Spec("a.txt", "10%", Kind.PERCENT, 10.0, "%", subject="exports"),
        Spec("b.txt", "11%", Kind.PERCENT, 11.0, "%"),
        Spec("a.txt", "50%", Kind.PERCENT, 50.0, "%", subject="imports"),
        Spec("b.txt", "90%", Kind.PERCENT, 90.0, "%"),
        Spec("c.txt", "90%", Kind.PERCENT, 90.0, "%"),
    ]
    report = make_report(
        sources,
        specs,
        [(Verdict.CONFLICT, [0, 1], "small"), (Verdict.CONFLICT, [2, 3, 4], "large")],
    )
    findings = list(report.findings)
    findings[0] = findings[0].model_copy(update={"relative_gap": 0.05})
    findings[1] = findings[1].model_copy(
        update={
            "relative_gap": 0.4,
            "conflicting_pairs": (
                (report.claims[2].id, report.claims[3].id),
                (report.claims[2].id, report.claims[4].id),
            ),
        }
    )
    report = report.model_copy(update={"findings": tuple(findings)})
    html = render(report, "html")
    assert html.index(">imports<") < html.index(">exports<")
    markdown = render(report, "md")
    assert markdown.index("### 1. imports") < markdown.index("### 2. exports")
    assert "- **90%** (2 sources)" in markdown


def test_copies_are_counted_not_listed() -> None:
    text = "Officials said the tariff is 25% now.\n"
    names = [f"copy{n:02d}.txt" for n in range(12)]
    sources = [Source(id=name, text=text) for name in names]
    specs = [Spec(name, "25%", Kind.PERCENT, 25.0, "%", subject="tariff") for name in names]
    report = make_report(sources, specs, [(Verdict.AGREE, list(range(12)), "25%: overlap")])
    html = render(report, "html")
    agreement = html.split('<section id="agreements"')[1].split("</section>")[0]
    assert agreement.count('<li class="statement">') == 1  # one sentence, stated 12 times
    assert "stated in 12 sources" in agreement
    markdown = render(report, "md")
    assert "- **tariff**: 25%, stated in 12 sources" in markdown
    assert "copy00.txt, line 1 and 11 other sources: Officials said" in markdown


def test_unknown_verdicts_get_a_section_of_their_own() -> None:
    """A verdict the renderers have no special case for (one the model may gain) is shown."""
    first, second, third = _views(sample_report())
    views = [
        first,
        replace(second, verdict="changed", words=verdict_words("changed")),
        replace(third, verdict="disputed", words=verdict_words("disputed")),
    ]
    sections = groups(views)
    assert [g.words.heading for g in sections] == [
        "Conflicts",
        "Changed over time",
        "Disputed",
        "Agreements",
    ]
    assert sections[-1].views == []
    assert sections[1].words.count(2) == "2 changes over time"
    assert sections[2].words.count(1) == "1 disputed finding"


def test_chart_is_inline_svg_shapes_only_and_deterministic() -> None:
    view = _views(sample_report())[0]
    chart = interval_chart(view)
    assert chart is not None
    assert chart == interval_chart(view)
    root = ET.fromstring(str(chart))
    tags = {element.tag for element in root.iter()}
    assert tags <= {"svg", "title", "text", "rect", "circle", "path", "line"}
    assert root.get("class") == "chart"
    labels = [element.text for element in root.iter("text")]
    assert "about 70%" in labels
    assert "more than 90%" in labels
    assert len(str(chart)) < 3000


def test_chart_skips_dates_without_a_year() -> None:
    view = _views(sample_report())[2]
    assert view.finding.kind.value == "date"
    assert interval_chart(view) is not None  # full ISO dates can be placed
    for side in view.sides:
        for statement in side.statements:
            statement.claims = [
                c.model_copy(update={"value": "--11-01", "low": None, "high": None})
                for c in statement.claims
            ]
    assert interval_chart(view) is None


def test_five_thousand_claims_make_a_page_under_ten_megabytes() -> None:
    html = render(synthetic_report(5000), "html")
    assert len(html.encode("utf-8")) < 10_000_000


@pytest.mark.parametrize("order", [1, -1])
def test_html_is_identical_whatever_the_input_order(order: int) -> None:
    assert render(sample_report(order), "html") == render(sample_report(), "html")


def test_footer_names_each_setting_by_its_option() -> None:
    html = render(sample_report(), "html")
    footer = html.split("<footer>")[1]
    assert "--model test · --threshold 0.6 · --tolerance 0.0" in footer
    assert "cache" not in footer


def test_chart_places_values_in_different_units_on_one_converted_axis() -> None:
    # 4 km is shorter than 3 miles (4.8 km): on one number line its dot lies left of it,
    # as the cross-check compares them, not by the bare numbers 4 and 3.
    view = _views(sample_report())[0]
    stated = {1: (4.0, "km", "4 km"), 2: (3.0, "mi", "3 mi")}
    for number, side in enumerate(view.sides, start=1):
        value, unit, display = stated.get(number, stated[2])
        for statement in side.statements:
            statement.claims = [
                c.model_copy(
                    update={
                        "value": value,
                        "low": value,
                        "high": value,
                        "unit": unit,
                        "display": display,
                        "kind": Kind.COUNT,
                    }
                )
                for c in statement.claims
            ]
    chart = interval_chart(view)
    assert chart is not None
    root = ET.fromstring(str(chart))
    labels = [t.text for t in root.iter("text") if t.get("class") == "label"]
    dots = [float(c.get("cx", "0")) for c in root.iter("circle")]
    at = dict(zip(labels, dots, strict=True))
    assert at["4 km"] < at["3 mi"]
    ticks = [t.text for t in root.iter("text") if t.get("class") == "tick"]
    assert all(tick and tick.endswith((" km", " mi")) for tick in ticks)
