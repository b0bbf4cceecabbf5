"""The terms of each row carry the row's search language ("pl0festiwal", search.table
``in_language``), so that a search walks its own language's postings only. The rows written
before are dropped here; the fill after ``migrate`` (search.apps) writes them anew in the new
form, as it writes a table that has no rows (and, migrated back, in the form before)."""

from django.db import migrations


def drop_rows(apps, schema_editor):
    apps.get_model("harbour_search", "SearchEntry").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("harbour_search", "0004_search_entry_hit_fields")]

    operations = [migrations.RunPython(drop_rows, drop_rows, elidable=True)]
