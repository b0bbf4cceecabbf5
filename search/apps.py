from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _restriction_changed(instance, **kwargs):
    # A private section serves nothing to search, and its pages' fallbacks take their place:
    # the groups below it are rewritten (search.table). Wagtail does not reindex on this.
    from . import table

    if kwargs.get("raw"):
        return
    page = instance.page
    if not table.supported():
        return
    table.refresh_subtree(page, withdrawn=True)
    search_type = table.type_of(page.specific_class)
    if search_type is not None:
        table.refresh(search_type, [page.translation_key])


def _page_moved(instance, parent_page_after=None, **kwargs):
    # Wagtail saves the moved page alone, as a plain Page, and nothing below it: its rows and
    # those of its descendants get their new tree paths, course and visibility here.
    from . import table

    table.refresh_moved(instance, parent_page_after)


def _fill_after_migrate(app_config, verbosity=1, using="default", **kwargs):
    # A database that had content before the table existed gets its rows once, and one whose
    # rows were written before a column existed gets them rewritten, so that an upgrade needs
    # no extra step; afterwards the index hooks keep them current.
    from django.utils.translation import gettext as _

    from . import table
    from .models import SearchEntry
    from .services.types import SEARCH_TYPES

    # The table is written on the default database only (table.rebuild uses it).
    if using != DEFAULT_DB_ALIAS or not table.supported():
        return
    entries = SearchEntry.objects.using(using)
    outdated = entries.filter(Q(title__isnull=True) | Q(snippet_text__isnull=True))
    if entries.exists() and not outdated.exists():
        return
    if not any(t.model._default_manager.using(using).exists() for t in SEARCH_TYPES.values()):
        return
    written = table.rebuild()
    if verbosity:
        message = _("Search table: %(rows)s rows written") % {"rows": sum(written.values())}
        print(message)  # noqa: T201


class SearchConfig(AppConfig):
    name = "search"
    label = "harbour_search"
    verbose_name = _("Search")

    def ready(self):
        from django.apps import apps
        from wagtail.models import PageViewRestriction
        from wagtail.signals import post_page_move

        from lms.api.cache import tag_tables

        from . import table

        # A response that reads the search index (this app's table, or Wagtail's index for the
        # lists' ?search= and autocomplete) is dropped when the index changes (table.TAG).
        index_tables = [m._meta.db_table for m in apps.get_app_config("wagtailsearch").get_models()]
        tag_tables(table.TAG, [table.ENTRY_TABLE, table.FTS_TABLE, *index_tables])

        post_save.connect(_restriction_changed, sender=PageViewRestriction)
        post_delete.connect(_restriction_changed, sender=PageViewRestriction)
        post_migrate.connect(_fill_after_migrate, sender=self)
        post_page_move.connect(_page_moved)
