"""The competency map: where partners are active (subsector × country) and what they offer
against what they seek (offers × seeks), counted over the partners of the source language
(one record per organisation), named in the reader's language.

``competency_map(requested)`` costs a fixed number of queries whatever the number of
partners (the API answer: 8, tests/network/test_competencies.py): the subsector and country
counts, the declarations with their offers and seeks, and the names of subsectors, countries
and competencies. ``heat_map_svg`` draws a matrix as SVG on the
server (no script, no external request), beside the table that carries the same numbers.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.html import escape

from courses.models import Country, Partner, Subsector
from lms.i18n import fallback_locale_code, snippet_names

from .models import Competency, PartnerCompetencies


@dataclass
class Matrix:
    rows: list  # [(key, name)]
    columns: list  # [(key, name)]
    counts: dict = field(default_factory=dict)  # {(row key, column key): count}

    @property
    def maximum(self):
        return max(self.counts.values(), default=0)

    def count(self, row, column):
        return self.counts.get((row, column), 0)

    def table(self):
        """Rows as (key, name, [(column key, count)])."""
        return [
            (key, name, [(column, self.count(key, column)) for column, _n in self.columns])
            for key, name in self.rows
        ]


def source_partners():
    return Partner.objects.filter(locale__language_code=fallback_locale_code())


def subsector_country(requested):
    rows = (
        source_partners()
        .filter(subsectors__isnull=False)
        .values_list("subsectors__slug", "country__code")
        .annotate(partners=Count("pk", distinct=True))
        .order_by()
    )
    counts = {(slug, code.upper()): n for slug, code, n in rows}
    subsectors = snippet_names(Subsector, "slug", requested)
    countries = snippet_names(Country, "code", requested)
    used_rows = sorted({slug for slug, _c in counts}, key=lambda s: subsectors.get(s, s).casefold())
    used_columns = sorted({code for _s, code in counts})
    return Matrix(
        rows=[(slug, subsectors.get(slug, slug)) for slug in used_rows],
        columns=[(code, countries.get(code, code)) for code in used_columns],
        counts=counts,
    )


def offers_seeks(requested):
    records = PartnerCompetencies.objects.filter(
        partner__locale__language_code=fallback_locale_code()
    ).prefetch_related("offers", "seeks")
    counts = Counter()
    for record in records:
        for offer in record.offers.all():
            for seek in record.seeks.all():
                counts[(offer.slug, seek.slug)] += 1
    names = snippet_names(Competency, "slug", requested)
    keys = sorted(names, key=lambda slug: names[slug].casefold())
    return Matrix(
        rows=[(slug, names[slug]) for slug in keys],
        columns=[(slug, names[slug]) for slug in keys],
        counts=dict(counts),
    )


CELL = 34
LABEL = 150
HEAD = 110


def heat_map_svg(matrix, title):
    """The matrix as an SVG heat map: darker cells for more partners, the count written in
    each cell that has any. ``title`` names it for screen readers, which also get the table."""
    # The column labels lean right, past the last column.
    width = LABEL + CELL * max(len(matrix.columns), 1) + HEAD // 2
    height = HEAD + CELL * max(len(matrix.rows), 1)
    top = max(matrix.maximum, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" class="heat-map" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (_key, name) in enumerate(matrix.columns):
        x = LABEL + index * CELL + CELL / 2
        parts.append(
            f'<text x="{x}" y="{HEAD - 6}" transform="rotate(-60 {x} {HEAD - 6})" '
            f'font-size="11">{escape(name)}</text>'
        )
    for row_index, (row, name) in enumerate(matrix.rows):
        y = HEAD + row_index * CELL
        parts.append(
            f'<text x="{LABEL - 6}" y="{y + CELL / 2 + 4}" text-anchor="end" '
            f'font-size="11">{escape(name)}</text>'
        )
        for column_index, (column, _n) in enumerate(matrix.columns):
            count = matrix.count(row, column)
            x = LABEL + column_index * CELL
            opacity = 0.08 + 0.92 * count / top if count else 0.03
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL - 2}" height="{CELL - 2}" '
                f'fill="#0b6e4f" fill-opacity="{opacity:.2f}"/>'
            )
            if count:
                colour = "#fff" if count / top > 0.5 else "#10222c"
                parts.append(
                    f'<text x="{x + CELL / 2 - 1}" y="{y + CELL / 2 + 4}" text-anchor="middle" '
                    f'font-size="12" fill="{colour}">{count}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)


def competency_map(requested):
    return {
        "subsector_country": subsector_country(requested),
        "offers_seeks": offers_seeks(requested),
    }
