"""The database's own full-text index over the search table (see search/models.py).

SQLite: an external-content FTS5 table whose rows are the entries' (rowid = entry id), kept in
step by triggers; ``unicode61 remove_diacritics 0`` keeps the terms search.analysis made as
they are. PostgreSQL: a generated tsvector column (title A, boosted B, body C, the ``simple``
configuration: the terms are already stems) with a GIN index. Other databases: nothing, and
search falls back to Wagtail's backend (search.table.supported).
"""

from django.db import migrations

TABLE = "harbour_search_searchentry"
FTS = "harbour_search_entry_fts"
COLUMNS = "language, title_terms, boosted_terms, body_terms"
NEW = "new.language, new.title_terms, new.boosted_terms, new.body_terms"
OLD = "old.language, old.title_terms, old.boosted_terms, old.body_terms"

SQLITE = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5({COLUMNS}, content='{TABLE}', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); END",
    f"CREATE TRIGGER {FTS}_au AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); "
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TABLE IF EXISTS {FTS}",
]
POSTGRES = [
    f"ALTER TABLE {TABLE} ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, boosted_terms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, body_terms), 'C')) STORED",
    f"CREATE INDEX harbour_search_entry_vector ON {TABLE} USING gin (vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS harbour_search_entry_vector",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS vector",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("harbour_search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
