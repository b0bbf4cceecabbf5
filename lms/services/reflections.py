"""Reflections: a learner's private notes on the reflection blocks of a lesson. Only the
learner who wrote a note reads or changes it; it is theirs in every language of the lesson."""

from django.utils.translation import gettext as _

from lms.models import Reflection

from .pages import LearnerError, NotFound

MAX_REFLECTION_LENGTH = 10000


def reflection_blocks(lesson):
    return [block for block in lesson.body if block.block_type == "reflection"]


def reflections(user, lesson):
    """``{block id: Reflection}`` of the learner's notes on the lesson's reflection blocks."""
    if not user.is_authenticated:
        return {}
    ids = [block.id for block in reflection_blocks(lesson)]
    notes = Reflection.objects.filter(
        user=user, lesson_key=lesson.translation_key, block_id__in=ids
    )
    return {note.block_id: note for note in notes}


def lesson_reflections(user, lesson):
    """Each reflection block of the lesson with its prompt and the learner's note (or none)."""
    notes = reflections(user, lesson)
    return [
        {
            "reflection": block.id,
            "prompt": block.value["prompt"],
            "guidance": block.value.get("guidance") or "",
            "text": notes[block.id].text if block.id in notes else "",
            "updated_at": notes[block.id].updated_at if block.id in notes else None,
        }
        for block in reflection_blocks(lesson)
    ]


def save_reflection(user, lesson, block_id, text):
    """Save the learner's note on one reflection block; an empty note deletes it."""
    if block_id not in {block.id for block in reflection_blocks(lesson)}:
        raise NotFound(_("This lesson has no reflection with id %(id)s.") % {"id": block_id})
    if not isinstance(text, str):
        raise LearnerError(_("Send the note as text."), "text")
    text = text.strip()
    if len(text) > MAX_REFLECTION_LENGTH:
        raise LearnerError(
            _("A note can be at most %(max)s characters long.") % {"max": MAX_REFLECTION_LENGTH},
            "text",
        )
    key = {"user": user, "lesson_key": lesson.translation_key, "block_id": block_id}
    if not text:
        Reflection.objects.filter(**key).delete()
        return None
    reflection, _created = Reflection.objects.update_or_create(**key, defaults={"text": text})
    return reflection
