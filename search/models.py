"""The search table: what a search in each language can find, one row per hit it can return.

For each searchable type (``search.services.SEARCH_TYPES``), each translation group and each
content language L, one ``SearchEntry``: the object a search in L serves for that group (its
version in L, else the fallback language's, as browsing serves it; ``is_fallback``), with its
text already analysed in its own language (``search.analysis``) in three weights, each term
marked with L so that every language has postings of its own, and the object whose subsectors
and countries are its facets (itself, or a lesson's course).

The full-text index over it is the database's own, created by the migration: an FTS5 table
(``harbour_search_entry_fts``, kept in step by triggers) on SQLite, a generated ``tsvector``
column with a GIN index on PostgreSQL. A search is then one indexed query with ranking and
LIMIT/OFFSET in the database, and its facet counts one query of GROUP BYs over the same match
(``search.table``). ``search.table`` keeps the rows current; the Elasticsearch backends do not
use them.
"""

from django.db import models


class SearchEntry(models.Model):
    language = models.CharField(max_length=12)
    type = models.CharField(max_length=20)
    object_id = models.IntegerField()
    translation_key = models.UUIDField()
    # The served object's own language: L, or the fallback's when is_fallback.
    locale_code = models.CharField(max_length=12)
    is_fallback = models.BooleanField(default=False)
    # The object whose subsectors and countries are this one's: itself, or a lesson's course
    # (search.services.facets.Owner). Facets and filters join it to those relations, so they
    # follow every change to them at once.
    owner_id = models.IntegerField(null=True)
    # A page's tree path ("" for snippets): a section unpublished or made private drops the
    # entries under it in one query.
    path = models.CharField(max_length=255, blank=True, default="")
    # search.analysis terms, each marked with the row's ``language`` (search.table.in_language:
    # "pl0festiwal"): the title (and any field boosted 3 or more), the fields boosted 2, and the
    # rest (body, related names).
    title_terms = models.TextField(blank=True, default="")
    boosted_terms = models.TextField(blank=True, default="")
    body_terms = models.TextField(blank=True, default="")
    # The object's searchable text other than its title (search.services.highlight.body_text),
    # as it was written: a hit's snippet is cut from it without loading the object. Null in
    # rows written before the column existed (the snippet then reads the object);
    # ``rebuild_search_table`` fills them. Nullable so that SQLite adds the column in place
    # and keeps the full-text index's triggers.
    snippet_text = models.TextField(null=True, blank=True)
    # What a hit shows, so that a page of hits loads no object: the title, the summary (cut to
    # search.services.types.SUMMARY_LENGTH) and, for objects that are not pages, the slug
    # their URL is made from. A page's URL is made from its url_path, read from the page
    # table with the hits, so a parent's new slug reaches it at once. Null in rows written
    # before these columns existed: such a hit reads its object.
    title = models.TextField(null=True, blank=True)
    summary = models.TextField(null=True, blank=True)
    slug = models.CharField(max_length=255, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["type", "translation_key", "language"], name="search_entry_unique"
            )
        ]
        indexes = [
            models.Index(fields=["path"], name="search_entry_path"),
            models.Index(fields=["owner_id"], name="search_entry_owner"),
            models.Index(fields=["language"], name="search_entry_language"),
        ]

    def __str__(self):
        return f"{self.type} {self.object_id} in {self.language}"
