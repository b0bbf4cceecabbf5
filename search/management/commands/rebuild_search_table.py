"""Rewrite the search table (search/models.py) from the content, with a progress line per type.

    .venv/bin/python manage.py rebuild_search_table

``update_index`` does the same at its end on the database backends; this command is for when
only the table needs it (after an upgrade of search.analysis, say).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from search import table


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def handle(self, **options):
        if not table.supported():
            raise CommandError(_("The search table needs SQLite or PostgreSQL."))
        started = time.perf_counter()

        def progress(search_type, done, total):
            line = _("%(type)s: %(done)s of %(total)s translation groups") % {
                "type": search_type.label,
                "done": done,
                "total": total,
            }
            self.stdout.write(f"\r{line}", ending="")
            if done >= total:
                self.stdout.write("")

        written = table.rebuild(progress)
        self.stdout.write(
            _("%(rows)s rows for %(types)s in %(seconds).1f s")
            % {
                "rows": sum(written.values()),
                "types": ", ".join(f"{name} {count}" for name, count in written.items()),
                "seconds": time.perf_counter() - started,
            }
        )
