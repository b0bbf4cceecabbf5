"""Bulk insertion of Wagtail pages: the one place Harbour calls private framework APIs.

Wagtail's ``add_child`` saves one page at a time (a query for the parent's last child, one
INSERT per table, the parent's ``numchild``), which is far too slow for the tens of thousands
of pages ``manage.py generate_content`` makes. The public bulk API does not reach that far:

- Django's ``QuerySet.bulk_create`` refuses multi-table inheritance ("Can't bulk create a
  multi-table inherited model"), and every Wagtail page type is a child table of ``Page``.
  So the ``Page`` rows are bulk-created publicly, and each page type's own table is written
  with ``QuerySet._insert(objs, fields=...)``: the call ``Model.save`` itself makes for a
  child table, here with many rows per INSERT.
- treebeard's ``MP_Node`` computes a materialised path only while adding one node. The path
  of the n-th child of a parent comes from ``MP_Node._get_path(path, depth, newstep)``, and
  the step of the parent's last child is decoded with ``MP_Node._str2int(num)``, the two
  helpers ``add_child`` uses, so the paths are the ones treebeard itself would give.

``PRIVATE_APIS`` names the parameters relied on; tests/courses/test_bulk.py compares them with
the installed Django and treebeard, and inserts pages with these functions to check that the
tree stays valid. The pages are inserted as given: no signals, no revisions, no search index,
no reference index; the caller sets ``live``, titles and the like, and updates the parent's
``numchild`` (``add_children`` does).
"""

from django.db import connection
from django.db.models import F
from wagtail.models import Page

# The private callables used, and the leading parameters this module passes to them.
PRIVATE_APIS = {
    "django.db.models.query.QuerySet._insert": ("self", "objs", "fields"),
    "treebeard.mp_tree.MP_Node._get_path": ("path", "depth", "newstep"),
    "treebeard.mp_tree.MP_Node._str2int": ("num",),
}


def next_child_step(parent):
    """The step (1, 2, …) the next child appended under ``parent`` gets."""
    last = parent.get_last_child()
    if last is None:
        return 1
    return Page._str2int(last.path[-Page.steplen :]) + 1


def place_children(parent, pages, first_step):
    """Give ``pages`` the tree position of ``parent``'s children ``first_step``, ``first_step``
    + 1, …: depth, path and url_path."""
    depth = parent.depth + 1
    for offset, page in enumerate(pages):
        page.depth = depth
        page.path = Page._get_path(parent.path, depth, first_step + offset)
        page.url_path = f"{parent.url_path}{page.slug}/"


def insert_pages(model, pages):
    """INSERT ``pages`` (unsaved instances of the page type ``model``, placed in the tree) in
    batches: the ``Page`` rows, then ``model``'s own rows. Sets each page's primary key."""
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    bases = Page.objects.bulk_create(
        [
            Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
            for page in pages
        ],
        batch_size=500,
    )
    for page, base in zip(pages, bases, strict=True):
        page.pk = base.pk
        page.id = base.pk
        page._state.adding = False
        page._state.db = base._state.db
    fields = model._meta.local_concrete_fields
    # SQLite allows 999 parameters per statement in older builds.
    per_batch = max(1, 900 // len(fields)) if connection.vendor == "sqlite" else 500
    for start in range(0, len(pages), per_batch):
        model._base_manager._insert(pages[start : start + per_batch], fields=fields)


def count_children(parent, added):
    """Add ``added`` to ``parent``'s numchild, in the database and on the instance."""
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + added)
    parent.numchild += added


def add_children(parent, model, pages):
    """Append ``pages`` (instances of ``model``) as ``parent``'s last children."""
    place_children(parent, pages, next_child_step(parent))
    insert_pages(model, pages)
    count_children(parent, len(pages))
