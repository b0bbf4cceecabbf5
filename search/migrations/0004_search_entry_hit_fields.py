from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("harbour_search", "0003_search_entry_snippet_text")]

    # Nullable, so that SQLite adds each column in place and keeps the full-text index's
    # triggers. Rows written before have nulls until rebuild_search_table, and their hits
    # read their objects meanwhile.
    operations = [
        migrations.AddField(
            model_name="searchentry", name="title", field=models.TextField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="searchentry",
            name="summary",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="slug",
            field=models.CharField(blank=True, max_length=255, null=True),
        ),
    ]
