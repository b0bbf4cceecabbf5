"""What the admin's edit form posts, built from a bound-to-nothing form: its fields' initial
values in the shape each widget reads them back, StreamFields and formsets included (in the
browser, the admin's JavaScript writes the same keys)."""

from django import forms
from django.forms.widgets import ChoiceWidget
from wagtail import blocks
from wagtail.blocks.base import BlockField


def block_data(block, value, prefix):
    """The form data of a block value, as Wagtail's block widgets post it."""
    if isinstance(block, blocks.StreamBlock):
        children = list(value or [])
        data = {f"{prefix}-count": len(children)}
        for index, child in enumerate(children):
            key = f"{prefix}-{index}"
            data |= {
                f"{key}-type": child.block_type,
                f"{key}-id": child.id or "",
                f"{key}-order": index,
                f"{key}-deleted": "",
            }
            data |= block_data(child.block, child.value, f"{key}-value")
        return data
    if isinstance(block, blocks.ListBlock):
        children = list(value.bound_blocks) if value is not None else []
        data = {f"{prefix}-count": len(children)}
        for index, child in enumerate(children):
            key = f"{prefix}-{index}"
            data |= {f"{key}-id": child.id or "", f"{key}-order": index, f"{key}-deleted": ""}
            data |= block_data(block.child_block, child.value, f"{key}-value")
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child_block in block.child_blocks.items():
            data |= block_data(child_block, (value or {}).get(name), f"{prefix}-{name}")
        return data
    field = block.field
    return widget_data(field.widget, field.prepare_value(block.value_for_form(value)), prefix)


def widget_data(widget, value, name):
    if isinstance(widget, forms.CheckboxInput):
        return {name: "on"} if value else {}
    formatted = widget.format_value(value)
    if isinstance(widget, ChoiceWidget):
        chosen = [item for item in formatted if item != ""]
        if widget.allow_multiple_selected:
            return {name: chosen} if chosen else {}
        return {name: chosen[0] if chosen else ""}
    return {name: "" if formatted is None else formatted}


def form_data(form):
    """The data ``form`` (unbound) would post, its formsets' data included."""
    data = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        if isinstance(field, BlockField):
            data |= block_data(field.block, value, key)
        else:
            data |= widget_data(field.widget, value, key)
    for formset in getattr(form, "formsets", {}).values():
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for child in formset.forms:
            data |= form_data(child)
    return data
