from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Learning")

    def ready(self):
        # The admin report's hooks live in their own module; lms/wagtail_hooks.py is free for
        # other admin screens of this app.
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save
        from wagtail.signals import page_published

        from courses.models import LessonPage

        from . import wagtail_hooks_reports  # noqa: F401
        from .services.accounts import revoke_tokens_on_password_change
        from .services.emails import lesson_published

        page_published.connect(
            lesson_published, sender=LessonPage, dispatch_uid="harbour-lesson-emails"
        )
        pre_save.connect(
            revoke_tokens_on_password_change,
            sender=get_user_model(),
            dispatch_uid="harbour-revoke-tokens-on-password-change",
        )
