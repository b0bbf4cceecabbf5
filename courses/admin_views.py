"""The translation status report in the Wagtail admin (Reports → Translation status), and the
sync of a course with its lessons in one action.

The figures come from ``courses.translation_status``; this module only adds what an editor
clicks. Each cell links to the action that moves it on, in wagtail-localize's own screens:

- missing: "Translate" (wagtail-localize's submit view, that locale ticked);
- outdated: "Sync" (wagtail-localize's "Sync translated pages" of that page's source);
- in progress: the translation editor (the translated page's edit view);
- not synced: the translated page's edit view (where "Start synced translation" is offered);
- up to date: the translated page on the site.

wagtail-localize's "Sync translated pages" updates one page; its "Translate" view has an
"Include subtree" option only for locales a page has no translation in yet. So "Sync the
course and its lessons" (``TranslationSyncView``) runs wagtail-localize's update for each of
them at once (``translation_status.sync_with_descendants``).

Cost: the report is a fixed number of queries per page of rows, whatever the page size
(``translation_status``), plus the admin's own (session, user, menu).
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from lms.i18n import language_name

from . import translation_status
from .filters import LenientTranslationStatusFilterSet
from .translation_status import State

PAGE_SIZE = 20
page_permission_policy = PagePermissionPolicy()


def can_see_report(user):
    """Editors who can add, edit or publish some page (superusers, Editors, Moderators)."""
    return page_permission_policy.user_has_any_permission(user, ["add", "change", "publish"])


def can_sync(user):
    """Who may use wagtail-localize's "Translate" and "Sync translated pages"."""
    return can_see_report(user) and user.has_perm("wagtail_localize.submit_translation")


class ReportPaginator(translation_status.RowPaginator, WagtailPaginator):
    @cached_property
    def items_count_label(self):
        return ngettext(
            "%(count)d course or case study",
            "%(count)d courses and case studies",
            self.count,
        ) % {"count": self.count}


# --- Links ---------------------------------------------------------------------------------

ACTION_LABELS = {
    State.MISSING: _("Translate"),
    State.OUTDATED: _("Sync"),
    State.IN_PROGRESS: _("Continue translating"),
    State.NOT_SYNCED: _("Edit"),
    State.UP_TO_DATE: _("View"),
}


def with_query(url, **params):
    params = {name: value for name, value in params.items() if value}
    return f"{url}?{urlencode(params)}" if params else url


def action_url(cell, request, next_url):
    """Where the action that moves ``cell`` on is, or None."""
    action = cell.action
    if cell.state == State.MISSING:
        url = reverse("wagtail_localize:submit_page_translation", args=[action.page.pk])
        return with_query(url, select_locale=cell.locale, next=next_url)
    if cell.state == State.OUTDATED:
        url = reverse("wagtail_localize:update_translations", args=[action.source_id])
        return with_query(url, next=next_url)
    if action.target is None:
        return None
    if cell.state == State.UP_TO_DATE and action.target.live:
        live = action.target.get_url(request)
        if live:
            return live
    return reverse("wagtailadmin_pages:edit", args=[action.target.pk])


def decorate(row, request, next_url, may_sync):
    """What the template needs besides the figures: the links, and whether the course may be
    synced with its lessons."""
    for cell in row:
        cell.url = action_url(cell, request, next_url)
        cell.label = ACTION_LABELS[cell.state]
        cell.language = language_name(cell.locale)
        # The page acted on, when it is a lesson rather than the course itself.
        cell.lesson = cell.action.page if cell.action is not cell.own else None
        # Every page in the cell's state: the counts of lessons would say nothing more.
        cell.uniform = all(status.state == cell.state for status in cell.pages)
    row.edit_url = reverse("wagtailadmin_pages:edit", args=[row.page.pk])
    row.sync_url = None
    synced = any(status.translation_id for cell in row for status in cell.pages)
    if may_sync and row.lessons and synced:
        row.sync_url = with_query(
            reverse("courses_translation_sync", args=[row.page.pk]), next=next_url
        )
    return row


# --- The report ----------------------------------------------------------------------------


class ReportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TranslationStatusReportView(ReportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """``/admin/reports/translation-status/?locale=pl&state=outdated&type=course&p=2``."""

    template_name = "courses/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "site"
    page_size = PAGE_SIZE

    def get_breadcrumbs_items(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        ids = translation_status.locale_ids()
        filterset = LenientTranslationStatusFilterSet(
            request.GET, queryset=translation_status.status_queryset(ids=ids)
        )
        active = filterset.active
        codes = [active["locale"]] if active.get("locale") else None
        codes = codes or translation_status.target_locale_codes()
        paginator = ReportPaginator(filterset.qs, self.page_size)
        page = paginator.get_page(request.GET.get("p"))
        next_url = request.get_full_path()
        may_sync = can_sync(request.user)
        rows = [
            decorate(row, request, next_url, may_sync)
            for row in translation_status.status_rows(page.object_list, codes, ids=ids)
        ]
        context.update(
            {
                "rows": rows,
                "page_obj": page,
                "paginator": paginator,
                "elided_page_range": paginator.get_elided_page_range(page.number),
                "filter_form": filterset.form,
                "filtered": bool(active),
                "source_language": language_name(translation_status.source_locale_code()),
                "source_code": translation_status.source_locale_code(),
                "columns": [(code, language_name(code)) for code in codes],
                "states": [
                    (state, state.label, STATE_HELP[state]) for state in translation_status.STATES
                ],
            }
        )
        return context


STATE_HELP = {
    State.MISSING: _("No translation in this language. The link submits it for translation."),
    State.OUTDATED: _(
        "The English page was published after the translation was last synced. The link syncs it."
    ),
    State.IN_PROGRESS: _(
        "Some text is not translated yet, or the translation is not published. "
        "The link opens the translation editor."
    ),
    State.NOT_SYNCED: _(
        "A translation exists, but wagtail-localize does not keep it in step with the English "
        "page, so it may be out of date. The link opens it."
    ),
    State.UP_TO_DATE: _("Translated and synced with the English page. The link shows it."),
}


# --- Sync a course with its lessons --------------------------------------------------------


class SyncForm(forms.Form):
    publish = forms.BooleanField(
        label=_("Publish immediately"),
        required=False,
        help_text=_(
            "Apply the changes to the translated pages and publish them. Text not translated "
            "yet appears in English until it is. Without this, the translated pages take the "
            "changes when they are next published from the translation editor."
        ),
    )
    translate_new = forms.BooleanField(
        label=_("Also translate new lessons"),
        required=False,
        help_text=_(
            "Lessons that have no translation yet in a language the course is translated into "
            "are submitted for translation there, as drafts."
        ),
    )


class TranslationSyncView(ReportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """``/admin/reports/translation-status/sync/<page id>/``: GET asks, POST syncs the page
    and every page under it."""

    template_name = "courses/admin/translation_sync.html"
    page_title = _("Sync translations")
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        if not can_sync(request.user):
            raise PermissionDenied
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return []

    def next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(
            "courses_translation_status"
        )

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "page": self.page,
                "form": form or SyncForm(),
                "next_url": self.next_url(),
                "sources": [
                    {
                        "page": item,
                        "synced_at": source.last_updated_at,
                        "languages": [language_name(t.target_locale.language_code) for t in found],
                    }
                    for item, source, found in translation_status.sync_sources(self.page)
                ],
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = SyncForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        result = translation_status.sync_with_descendants(
            self.page,
            user=request.user,
            publish=form.cleaned_data["publish"],
            translate_new=form.cleaned_data["translate_new"],
        )
        messages.success(
            request,
            ngettext(
                "Synced the translations of %(count)d page of “%(title)s”.",
                "Synced the translations of %(count)d pages of “%(title)s”.",
                len(result.synced),
            )
            % {"count": len(result.synced), "title": self.page.get_admin_display_title()},
        )
        if result.started:
            messages.success(
                request,
                ngettext(
                    "Submitted %(count)d new lesson for translation.",
                    "Submitted %(count)d new lessons for translation.",
                    len(result.started),
                )
                % {"count": len(result.started)},
            )
        return redirect(self.next_url())
