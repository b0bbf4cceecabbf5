from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
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


class SearchConfig(AppConfig):
    name = "search"
    label = "harbour_search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.models import PageViewRestriction

        post_save.connect(_restriction_changed, sender=PageViewRestriction)
        post_delete.connect(_restriction_changed, sender=PageViewRestriction)
