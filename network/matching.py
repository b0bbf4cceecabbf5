"""Match-making: cooperation partners ranked by how well they complement a learner.

``rank(me, candidates)`` is the rule, on plain values so that tests can pin its order on
small hand-made cases; ``suggestions(user, requested)`` feeds it the learner's
``MatchProfile`` and the partners' declared competencies (source-language records, one per
organisation) and names the reasons in the reader's language; ``partner_suggestions(record,
requested)`` ranks the other partners for one partner, for its editors in the admin.

A candidate scores, for each thing it offers that I seek, ``OFFER_MEETS_NEED``; for each
thing it seeks that I offer, ``NEED_MEETS_OFFER``; for each subsector we share,
``SHARED_SUBSECTOR``; and ``CROSS_BORDER`` once when it works in another country than mine
(cross-border cooperation is the point). A candidate that neither complements me nor shares
a subsector is not suggested: another country alone is no reason. Ties go by name.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from courses.models import Country, Subsector
from lms.i18n import fallback_locale_code, snippet_names

from .models import Competency, MatchProfile, PartnerCompetencies

OFFER_MEETS_NEED = 3
NEED_MEETS_OFFER = 2
SHARED_SUBSECTOR = 1
CROSS_BORDER = 1


@dataclass(frozen=True)
class Seeker:
    offers: frozenset = frozenset()
    seeks: frozenset = frozenset()
    country: str = ""
    subsectors: frozenset = frozenset()


@dataclass(frozen=True)
class Candidate:
    key: object
    name: str
    offers: frozenset = frozenset()
    seeks: frozenset = frozenset()
    country: str = ""
    subsectors: frozenset = frozenset()
    slug: str = ""


@dataclass
class Match:
    candidate: Candidate
    score: int
    offers_i_seek: list = field(default_factory=list)
    seeks_i_offer: list = field(default_factory=list)
    shared_subsectors: list = field(default_factory=list)
    cross_border: bool = False


def rank(me, candidates):
    """The candidates that complement ``me``, best first (score, then name)."""
    matches = []
    for candidate in candidates:
        match = Match(
            candidate=candidate,
            score=0,
            offers_i_seek=sorted(candidate.offers & me.seeks),
            seeks_i_offer=sorted(candidate.seeks & me.offers),
            shared_subsectors=sorted(candidate.subsectors & me.subsectors),
            cross_border=bool(me.country and candidate.country and candidate.country != me.country),
        )
        match.score = (
            OFFER_MEETS_NEED * len(match.offers_i_seek)
            + NEED_MEETS_OFFER * len(match.seeks_i_offer)
            + SHARED_SUBSECTOR * len(match.shared_subsectors)
        )
        if not match.score:
            continue
        if match.cross_border:
            match.score += CROSS_BORDER
        matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.candidate.name.casefold(), str(m.candidate.key)))
    return matches


def reasons(match, names):
    """The reasons of a match as sentences in the active language: "offers market entry in
    Germany", "seeks mentoring, which you offer", "active in Design". ``names`` maps
    ("competency" | "subsector" | "country", key) to a display name."""

    def join(kind, keys):
        return ", ".join(names.get((kind, key), key) for key in keys)

    country = names.get(("country", match.candidate.country), match.candidate.country)
    result = []
    if match.offers_i_seek:
        if match.cross_border:
            result.append(
                _("offers %(offers)s in %(country)s")
                % {"offers": join("competency", match.offers_i_seek), "country": country}
            )
        else:
            result.append(
                _("offers %(offers)s") % {"offers": join("competency", match.offers_i_seek)}
            )
    if match.seeks_i_offer:
        result.append(
            _("seeks %(seeks)s, which you offer")
            % {"seeks": join("competency", match.seeks_i_offer)}
        )
    if match.shared_subsectors:
        result.append(
            _("active in %(subsectors)s")
            % {"subsectors": join("subsector", match.shared_subsectors)}
        )
    if match.cross_border and not match.offers_i_seek:
        result.append(_("based in %(country)s") % {"country": country})
    return result


def seeker_of(profile):
    if profile is None:
        return Seeker()
    return Seeker(
        offers=frozenset(c.slug for c in profile.offers.all()),
        seeks=frozenset(c.slug for c in profile.seeks.all()),
        country=profile.country.code.upper() if profile.country_id else "",
        subsectors=frozenset(s.slug for s in profile.subsectors.all()),
    )


def profile_of(user):
    return (
        MatchProfile.objects.filter(user=user)
        .select_related("country")
        .prefetch_related("offers", "seeks", "subsectors")
        .first()
    )


def candidate_of(record):
    return Candidate(
        key=record.partner_id,
        name=record.partner.name,
        offers=frozenset(c.slug for c in record.offers.all()),
        seeks=frozenset(c.slug for c in record.seeks.all()),
        country=record.partner.country.code.upper(),
        subsectors=frozenset(s.slug for s in record.partner.subsectors.all()),
        slug=record.partner.slug,
    )


def candidates():
    records = (
        PartnerCompetencies.objects.filter(partner__locale__language_code=fallback_locale_code())
        .select_related("partner__country")
        .prefetch_related("offers", "seeks", "partner__subsectors")
    )
    return [candidate_of(record) for record in records]


def display_names(requested):
    names = {}
    for kind, model, key in (
        ("competency", Competency, "slug"),
        ("subsector", Subsector, "slug"),
        ("country", Country, "code"),
    ):
        for value, name in snippet_names(model, key, requested).items():
            names[(kind, value.upper() if kind == "country" else value)] = name
    return names


def suggestions(user, requested, limit=20, seeker=None):
    """``[(match, [reason, ...])]`` for ``user``, best first; ``requested`` is a
    RequestedLocale (lms.i18n)."""
    if seeker is None:
        seeker = seeker_of(profile_of(user))
    matches = rank(seeker, candidates())[:limit]
    if not matches:
        return []
    names = display_names(requested)
    return [(match, reasons(match, names)) for match in matches]


def partner_suggestions(record, requested, limit=20):
    """The other partners that complement a partner (its ``PartnerCompetencies``), by the
    same rule: what they offer that it seeks, what they seek that it offers. For its
    editors, in the admin."""
    me = candidate_of(record)
    seeker = Seeker(offers=me.offers, seeks=me.seeks, country=me.country, subsectors=me.subsectors)
    others = [candidate for candidate in candidates() if candidate.key != record.partner_id]
    matches = rank(seeker, others)[:limit]
    if not matches:
        return []
    names = display_names(requested)
    return [(match, reasons(match, names)) for match in matches]
