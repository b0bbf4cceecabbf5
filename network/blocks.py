"""The blocks of an event's programme: sessions in order, each with a time, a title and a
text. Times are the event's local time, as written in the programme."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SessionBlock(blocks.StructBlock):
    day = blocks.DateBlock(label=_("Day"), required=False)
    starts = blocks.TimeBlock(label=_("Starts"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(
        label=_("Text"), required=False, features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "time"
        template = "network/blocks/session.html"
        preview_value = {"starts": "10:00", "title": "Welcome and introductions"}
        description = _("One session of the programme: when, what, and a few words.")
        label = _("Session")


class ProgrammeBlock(blocks.StreamBlock):
    session = SessionBlock()

    class Meta:
        template = "network/blocks/programme.html"
