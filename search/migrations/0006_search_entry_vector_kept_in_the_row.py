"""PostgreSQL: each row's tsvector stays in the row, uncompressed while the row can hold it
(``STORAGE MAIN``; the long text columns are compressed or moved out of the row first). A
search ranks every match with ``ts_rank``, which had to decompress each compressed vector: on
the ``make bench`` dataset that was most of a search's time. SQLite keeps its FTS5 table as it
is. The rows written before are dropped here (a new storage applies to rows written after it);
the fill after ``migrate`` (search.apps) writes them anew."""

from django.db import migrations

TABLE = "harbour_search_searchentry"


def drop_rows(apps, schema_editor):
    apps.get_model("harbour_search", "SearchEntry").objects.all().delete()


def storage(kind):
    def change(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN vector SET STORAGE {kind}")
        drop_rows(apps, schema_editor)

    return change


class Migration(migrations.Migration):
    dependencies = [("harbour_search", "0005_search_entry_terms_in_language")]

    operations = [migrations.RunPython(storage("MAIN"), storage("EXTENDED"), elidable=True)]
