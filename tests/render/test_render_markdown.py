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


def test_dollars_are_escaped_only_where_they_could_close_math() -> None:
    assert escape("It sold for $449,000 in 2024.") == "It sold for $449,000 in 2024."
    assert escape("From US$5 to $7.") == "From US$5 to $7."
    assert escape("Between $x and y$ here") == "Between \\$x and y\\$ here"


@given(
    st.lists(
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30),
        min_size=1,
        max_size=12,
    )
)
def test_wrapped_prose_fits_and_reads_as_the_same_single_item(pieces: list[str]) -> None:
    from factcheck.render.markdown import wrap

    text = " ".join(escape(piece) for piece in pieces)
    line = f"  - source.txt, line 3: {text} end"
    folded = wrap(line)
    words = [w for part in folded for w in part.split(" ") if w]
    assert words == [w for w in line.split(" ") if w]  # nothing lost, nothing added
    for part in folded[1:]:
        assert part.startswith("    ")
        word = part.split()[0]
        assert not re.match(r"[-+*#>=|_~`]|\d+[.)]", word)
    rendered = _html(f"- item\n{chr(10).join(folded)}\n")
    assert rendered.count("<li>") == 2
    for tag in ("<h1", "<h2", "<blockquote", "<hr", "<ol", "<table", "<pre"):
        assert tag not in rendered


def test_the_report_wraps_prose_and_keeps_tables_whole() -> None:
    from factcheck.render.markdown import WIDTH

    text = render(sample_report(), "md")
    prose = [line for line in text.splitlines() if not line.startswith(("|", "#"))]
    assert max(len(line) for line in prose) <= WIDTH
    assert _html(text).count("<table>") == 2
