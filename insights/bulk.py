"""Write many plain rows fast: COPY on PostgreSQL, multi-row executemany elsewhere.

Used by `academy seed` and by the rollup rebuild, where Django's bulk_create would build
millions of model instances. JSON values must be passed as text (json.dumps).
"""

import datetime
from collections.abc import Iterable

from django.core.management.color import no_style
from django.db import connection, models


def _adapt_for_sqlite(value):
    # Django stores datetimes on SQLite as naive UTC text; COPY takes Python values as they are.
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


class BulkWriter:
    """Insert rows (tuples in `columns` order) into a model's table.

    On PostgreSQL the connection is busy with COPY while `rows` is consumed: a generator that
    queries the database would wait for itself. Read first, then write.
    """

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.models: set[type[models.Model]] = set()

    def write(self, model: type[models.Model], columns: list[str], rows: Iterable[tuple]) -> int:
        self.models.add(model)
        table = connection.ops.quote_name(model._meta.db_table)
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        count = 0
        with connection.cursor() as cursor:
            if self.postgres:
                raw = cursor.cursor  # the psycopg cursor underneath Django's wrapper
                with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
                return count
            marks = ", ".join(["%s"] * len(columns))
            # Table and column names come from the model, never from input.
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608
            batch: list[tuple] = []
            for row in rows:
                batch.append(tuple(_adapt_for_sqlite(value) for value in row))
                if len(batch) >= 5000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
        return count

    def reset_sequences(self) -> None:
        """Explicit ids were written: move the id sequences past them (PostgreSQL)."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.models))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
