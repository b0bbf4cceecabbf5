"""Content events for the outbox: publishing, unpublishing and deleting a course, lesson or
case study, and saving or deleting a partner. Wagtail sends these signals inside the
transaction that changes the page, so the event commits (or not) with the change.

A lesson's event names its course (``data.course``): the change feed and ``updated_since``
count it as a change to that course.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from outbox import events

from .models import CaseStudyPage, CoursePage, LessonPage, Partner

PAGE_TYPES = {CoursePage: "course", LessonPage: "lesson", CaseStudyPage: "case_study"}


def _course_of(lesson):
    parent = (
        Page.objects.filter(path=lesson.path[: -Page.steplen])
        .values("id", "translation_key")
        .first()
    )
    if parent is None:
        return None
    return {"id": parent["id"], "translation_key": str(parent["translation_key"])}


def _record(action, instance, key, change):
    kind = PAGE_TYPES.get(type(instance)) or "partner"
    data = {"change": change}
    course_id = None
    if kind == "lesson":
        course = _course_of(instance)
        if course:
            data["course"] = course
            course_id = course["id"]
    events.record(
        f"{kind}.{action}",
        key=f"{instance.pk}:{key}",
        object_type=kind,
        object_id=instance.pk,
        translation_key=instance.translation_key,
        locale=instance.locale.language_code,
        course_id=course_id,
        data=data,
    )


def _published(sender, instance, revision=None, **kwargs):
    # Wagtail stamps both times alike on the first publication.
    first = instance.first_published_at == instance.last_published_at
    key = revision.pk if revision else instance.last_published_at
    _record("published", instance, key, "created" if first else "updated")


def _unpublished(sender, instance, **kwargs):
    key = f"{instance.latest_revision_id}:{instance.last_published_at}"
    _record("unpublished", instance, key, "deleted")


def _page_deleted(sender, instance, **kwargs):
    if instance.first_published_at is not None:
        _record("deleted", instance, "deleted", "deleted")


def _partner_saved(sender, instance, created=False, raw=False, **kwargs):
    if not raw:
        change = "created" if created else "updated"
        _record("published", instance, instance.updated_at.isoformat(), change)


def _partner_deleted(sender, instance, **kwargs):
    _record("deleted", instance, "deleted", "deleted")


def connect_signals():
    for model in PAGE_TYPES:
        page_published.connect(_published, sender=model, dispatch_uid=f"outbox-pub-{model}")
        page_unpublished.connect(_unpublished, sender=model, dispatch_uid=f"outbox-unpub-{model}")
        post_delete.connect(_page_deleted, sender=model, dispatch_uid=f"outbox-del-{model}")
    post_save.connect(_partner_saved, sender=Partner, dispatch_uid="outbox-partner-save")
    post_delete.connect(_partner_deleted, sender=Partner, dispatch_uid="outbox-partner-delete")
