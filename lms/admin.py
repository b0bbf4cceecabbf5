"""Certificates in the Django admin (/django-admin/): find one by code or learner, and revoke
or reinstate it. A revoked certificate's bit is set in the Bitstring Status List at once, and
the verify page and the API say it is revoked."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Certificate
from .services import credentials


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "learner_name", "course_title", "locale", "issued_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "locale"]
    search_fields = ["code", "learner_name", "course_title", "user__email"]
    readonly_fields = [
        "code",
        "user",
        "course_key",
        "learner_name",
        "course_title",
        "locale",
        "issued_at",
        "revoked_at",
    ]
    actions = ["revoke", "reinstate"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected certificates"))
    def revoke(self, request, queryset):
        count = credentials.revoke(queryset)
        self.message_user(
            request,
            ngettext("%(count)d certificate revoked.", "%(count)d certificates revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reinstate the selected certificates"))
    def reinstate(self, request, queryset):
        count = credentials.reinstate(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d certificate reinstated.", "%(count)d certificates reinstated.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
