from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Country, Partner, Subsector


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "kind", "city", "country"]
    list_filter = ["kind", "country", "locale"]
    search_fields = ["name", "city"]


class SubsectorViewSet(SnippetViewSet):
    model = Subsector
    icon = "tag"
    menu_label = _("Subsectors")
    list_display = ["name", "slug"]
    list_filter = ["locale"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    menu_label = _("Countries")
    list_display = ["name", "code"]
    list_filter = ["locale"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (PartnerViewSet, SubsectorViewSet, CountryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)
