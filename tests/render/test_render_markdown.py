"""The Markdown report: summary, conflicts with citations, agreements, escaping."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from factcheck.render import render
from factcheck.render.markdown import escape
from tests.report_samples import hostile_report, sample_report


def _html(markdown: str) -> str:
    # CommonMark with raw HTML allowed: unescaped markup in the text would survive.
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    rendered: str = parser.render(markdown)
    return rendered


def test_summary_table_counts() -> None:
    text = render(sample_report(), "md")
    assert "| Sources | Claims | Clusters | Conflicts | Agreements |" in text
    assert "| 3 | 7 | 3 | 1 | 2 |" in text


def test_conflict_shows_values_side_by_side_and_a_citation_per_side() -> None:
    text = render(sample_report(), "md")
    conflicts = text.split("## Conflicts")[1].split("## Agreements")[0]
    assert "**about 70% vs more than 90%**: the ranges do not overlap; gap 22%" in conflicts
    assert "about 70% vs more than 90%: the ranges" not in conflicts  # no headline twice
    assert "- **about 70%** (1 source)" in conflicts
    assert (
        "alpha.txt, line 2: Officials said the country accounts for **about 70%** of" in conflicts
    )
    assert "beta.txt, line 2: Analysts note it produces **more than 90%** of" in conflicts
    html = _html(text)
    assert "<strong>about 70%</strong>" in html
    assert "<strong>more than 90%</strong>" in html


def test_agreements_are_listed_with_citations() -> None:
    text = render(sample_report(), "md")
    agreements = text.split("## Agreements")[1].split("## Sources")[0]
    assert "- **new tariffs**: 100%, stated in 2 sources\n" in agreements
    assert "  - alpha.txt, line 3: New tariffs of **100%** take effect on November 1." in agreements
    assert "  - beta.txt, line 3: The tariffs of 100% start on **November 1**, officials said." in (
        agreements
    )


def test_hostile_source_text_renders_as_text() -> None:
    html = _html(render(hostile_report(), "md"))
    assert "<img" not in html
    assert "<script" not in html
    assert "<a " not in html  # no link from [rose](javascript:...) or anywhere else
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "*costs*" in html  # literal asterisks, not emphasis
    # a '|' in a source id stays inside its table cell
    assert "<td>&lt;b&gt;evil&lt;/b&gt;|x.txt</td>" in html


def test_no_conflict_says_so() -> None:
    report = sample_report()
    calm = report.model_copy(
        update={"findings": report.findings[1:], "clusters": report.clusters[1:]}
    )
    assert "No conflicts found." in render(calm, "md")


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60))
def test_escaped_text_never_produces_markup(text: str) -> None:
    rendered = _html(f"before {escape(text)} after")
    inner = re.sub(r"^<p>|</p>\n$", "", rendered)
    for tag in ("<a ", "<img", "<em>", "<strong>", "<code>", "<script", "<del>"):
        assert tag not in inner
