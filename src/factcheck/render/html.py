"""The HTML report: one self-contained file, rendered from autoescaping Jinja2 templates.

Nothing is fetched when the file is opened: styles and one script are inline,
charts are inline SVG, and a Content-Security-Policy forbids remote requests and
any script but the page's own (allowed by its hash). Source text reaches the
templates only as plain strings cut at claim offsets, so the templates escape
every piece and the markup around quotes is ours alone.

Large reports stay quick to open: each section (one per verdict, and the
sources) shows its first page of items as HTML, and holds the rest as
already-escaped HTML strings in an inert ``<script type="application/json">``
block, which the browser does not parse into elements until the reader pages,
filters, or follows a citation there. Without the script a page shows the first
page of each section.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from factcheck.models import Report
from factcheck.render.charts import interval_chart
from factcheck.render.display import counted
from factcheck.render.document import ClaimDoc, ReportDocument, document_and_findings
from factcheck.render.views import FindingView, Group, Statement, finding_views, groups
from factcheck.settings import FACTSHEET_ONLY, OPTIONS

if TYPE_CHECKING:
    import jinja2

__all__ = ["FINDINGS_PAGE", "SOURCES_PAGE", "render", "script_hash"]

FINDINGS_PAGE = 50
"""Findings per page of a section; the first page is in the HTML, the rest load on demand."""

SOURCES_PAGE = 20
"""Sources (each with its full text) per page."""


_LINKABLE_SCHEMES = ("http://", "https://")


@dataclass
class Part:
    """A piece of a sentence: plain text, or a claim's quantity to highlight."""

    text: str
    claim_id: str | None = None
    verdict: str | None = None


@dataclass
class Block:
    """A run of source text; a cited sentence carries anchors and highlighted parts."""

    start: int
    end: int
    anchors: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    claims: list[ClaimDoc] = field(default_factory=list)


@dataclass(frozen=True)
class SourceView:
    id: str
    anchor: str
    title: str | None
    published: str | None
    url: str | None
    linkable_url: bool
    claims: int
    blocks: list[Block]


def sentence_anchor(source_anchor: str, claim: ClaimDoc) -> str:
    return f"{source_anchor}-{claim.sentence_start}"


def _blocks(text: str, claims: Sequence[ClaimDoc], source_anchor: str) -> list[Block]:
    """Cut ``text`` into plain runs and cited sentences, sentences split at quantities."""
    sentences: list[Block] = []
    for claim in sorted(claims, key=lambda c: (c.sentence_start, c.start)):
        anchor = sentence_anchor(source_anchor, claim)
        last = sentences[-1] if sentences else None
        if last is not None and claim.sentence_start < last.end:
            # Same sentence (or an overlapping one): extend the block, keep every anchor.
            last.end = max(last.end, claim.sentence_end)
            if anchor not in last.anchors:
                last.anchors.append(anchor)
            last.claims.append(claim)
        else:
            sentences.append(Block(claim.sentence_start, claim.sentence_end, [anchor], [], [claim]))
    blocks: list[Block] = []
    cursor = 0
    for sentence in sentences:
        if sentence.start > cursor:
            plain = Part(text[cursor : sentence.start])
            blocks.append(Block(cursor, sentence.start, parts=[plain]))
        position = sentence.start
        for claim in sorted(sentence.claims, key=lambda c: (c.start, c.end)):
            if claim.start < position or claim.end > sentence.end:
                continue  # overlaps a quantity already highlighted: leave it plain
            sentence.parts.append(Part(text[position : claim.start]))
            verdict = claim.verdict.value if claim.verdict else None
            sentence.parts.append(Part(text[claim.start : claim.end], claim.id, verdict))
            position = claim.end
        sentence.parts.append(Part(text[position : sentence.end]))
        blocks.append(sentence)
        cursor = sentence.end
    if cursor < len(text):
        blocks.append(Block(cursor, len(text), parts=[Part(text[cursor:])]))
    return blocks


def _source_views(report: Report, doc: ReportDocument) -> list[SourceView]:
    texts = {source.id: source.text for source in report.sources}
    claims_of: dict[str, list[ClaimDoc]] = {}
    for claim in doc.claims:
        claims_of.setdefault(claim.source, []).append(claim)
    views = []
    for number, source in enumerate(doc.sources):
        anchor = f"src{number}"
        url = source.url
        views.append(
            SourceView(
                id=source.id,
                anchor=anchor,
                title=source.title,
                published=source.published.isoformat() if source.published else None,
                url=url,
                linkable_url=bool(url and url.lower().startswith(_LINKABLE_SCHEMES)),
                claims=source.claims,
                blocks=_blocks(texts[source.id], claims_of.get(source.id, []), anchor),
            )
        )
    return views


@dataclass(frozen=True)
class Section:
    """One section of the page: its first page of items as HTML, the rest as data."""

    id: str
    heading: str
    total: int
    page_size: int
    first: list[Markup]
    more: Markup | None  # a JSON list of HTML strings, safe inside <script>
    searchable: bool
    group: Group | None = None


def _json_block(items: Sequence[str]) -> Markup | None:
    """HTML strings as a JSON list that can sit inside ``<script>``: no '<' left in it."""
    if not items:
        return None
    text = json.dumps(list(items), ensure_ascii=False, separators=(",", ":"))
    # Escaped markup has no '<' of its own, but ours does: '<' written as \u003c means
    # no '</script>' or '<!--' can ever close or confuse the block.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _section(
    id_: str,
    heading: str,
    items: Sequence[Any],
    draw: Any,
    page_size: int,
    *,
    searchable: bool,
    group: Group | None = None,
) -> Section:
    first = [draw(item, number) for number, item in enumerate(items[:page_size], start=1)]
    rest = [
        str(draw(item, number))
        for number, item in enumerate(items[page_size:], start=page_size + 1)
    ]
    return Section(id_, heading, len(items), page_size, first, _json_block(rest), searchable, group)


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("factcheck.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.globals["counted"] = counted
    return environment


@functools.cache
def _script() -> str:
    """The page's one script, as it is inlined (its hash is in the page's CSP)."""
    return resources.files("factcheck.render").joinpath("templates/report.js").read_text("utf-8")


def script_hash() -> str:
    """The CSP source that allows the page's script: ``'sha256-...'``."""
    digest = hashlib.sha256(_script().encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _settings(doc: ReportDocument) -> list[tuple[str, str]]:
    """The settings that shaped the report, as the options that set them."""
    shown = []
    for key, value in doc.settings.items():
        if key in FACTSHEET_ONLY:
            continue
        shown.append((OPTIONS.get(key, key), "(default)" if value is None else str(value)))
    return shown


def render(
    report: Report, *, findings_page: int = FINDINGS_PAGE, sources_page: int = SOURCES_PAGE
) -> str:
    """The report as one self-contained HTML page."""
    doc, findings = document_and_findings(report)
    sources = _source_views(report, doc)
    anchors = {view.id: view.anchor for view in sources}
    texts = {source.id: source.text for source in report.sources}

    def excerpt(claim: ClaimDoc) -> tuple[str, str, str]:
        """The claim's sentence cut at its quantity, from the source text's offsets."""
        text = texts[claim.source]
        return (
            text[claim.sentence_start : claim.start],
            text[claim.start : claim.end],
            text[claim.end : claim.sentence_end],
        )

    # The most frequent pieces, drawn with escape() and f-strings: several times faster
    # than a template macro or Markup.format, and every value from a source is escaped.
    def cite(claim: ClaimDoc) -> str:
        anchor = sentence_anchor(anchors[claim.source], claim)
        return f'<a class="cite" href="#{anchor}">{escape(claim.source)}, line {claim.line}</a>'

    def statement(item: Statement, verdict: str) -> Markup:
        """A sentence with its quantity marked, where it is, and where else it is stated."""
        before, quote, after = excerpt(item.first)
        where = cite(item.first)
        others = [cite(claim) for claim in item.others]
        others += [f'<span class="copy">{escape(name)}</span>' for name in item.copies]
        if item.names_its_places:
            where += " · also " + ", ".join(others)
        elif others:
            stated = counted(len(item.sources), "source")
            where += (
                f' · <details class="places"><summary>stated in {stated}</summary>'
                f"{', '.join(others)}</details>"
            )
        return Markup(
            f'<li class="statement"><q>{escape(before)}<mark class="{escape(verdict)}">'
            f'{escape(quote)}</mark>{escape(after)}</q> <span class="where">{where}</span></li>\n'
        )

    environment = _environment()
    cards: Any = environment.get_template("cards.html.j2").make_module({"statement": statement})

    def finding(view: FindingView, number: int) -> Markup:
        chart = None if view.words.collapsed else interval_chart(view)
        html: Markup = cards.finding(view, number, chart)
        return html

    def source(view: SourceView, number: int) -> Markup:
        html: Markup = cards.source(view)
        return html

    sections = [
        _section(
            group.anchor,
            group.words.heading,
            group.views,
            finding,
            findings_page,
            searchable=True,
            group=group,
        )
        for group in groups(finding_views(report, findings))
    ]
    sections.append(_section("sources", "Sources", sources, source, sources_page, searchable=False))
    template = environment.get_template("report.html.j2")
    return template.render(
        doc=doc,
        sections=sections,
        settings=_settings(doc),
        script=Markup(_script()),
        script_hash=Markup(script_hash()),  # base64 and quotes of our own
    )
