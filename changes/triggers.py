"""Database triggers that note every write of a resource's table in `changes_pendingchange`, in the writer's
transaction.

Why triggers and not Django signals: workflow steps are conditional UPDATEs (`core.workflow.apply_transition`),
and imports and snapshots write in bulk; none of them sends `post_save`. A trigger sees every row whatever wrote
it, and commits or rolls back with it. The trigger notes only which record (resource name and id); the sequencer
reads the record itself after the commit.

SQLite: a row trigger per table and operation. PostgreSQL: a statement trigger with a transition table, so a bulk
write adds one INSERT … SELECT, not one per row. The triggers are (re)made after every `migrate` (the names carry a
hash of their SQL, so a changed definition replaces the old one and a table no longer followed loses its triggers).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import connections

from . import registry

PENDING = "changes_pendingchange"
PREFIX = "chg_"
OPERATIONS = ("INSERT", "UPDATE", "DELETE")


@dataclass(frozen=True)
class Source:
    table: str
    column: str  # the id of the resource's record in this table's row
    resource: str


def sources() -> list[Source]:
    found = [Source(r.table, str(r.model._meta.pk.column), r.name) for r in registry.resources().values()]
    found += [Source(d.table, d.column, d.resource.name) for d in registry.dependents()]
    return found


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _rows(op: str) -> tuple[str, ...]:
    """Which rows a change of the operation concerns: the new ones, the old ones, or both (a moved pointer)."""
    return {"INSERT": ("NEW",), "DELETE": ("OLD",), "UPDATE": ("OLD", "NEW")}[op]


def _name(source: Source, op: str, body: str) -> str:
    digest = hashlib.sha256(body.encode()).hexdigest()[:10]
    return f"{PREFIX}{source.table[:36]}_{op[0].lower()}_{digest}"


def sqlite_statements(source: Source, op: str) -> tuple[str, list[str]]:
    selects = " UNION ".join(
        f"SELECT {_lit(source.resource)}, {row}.{_q(source.column)} WHERE {row}.{_q(source.column)} IS NOT NULL"
        for row in _rows(op)
    )
    body = f"INSERT INTO {PENDING} (resource, object_id) {selects};"
    name = _name(source, op, body)
    return name, [f"CREATE TRIGGER {name} AFTER {op} ON {_q(source.table)} FOR EACH ROW BEGIN {body} END"]


def postgresql_statements(source: Source, op: str) -> tuple[str, list[str]]:
    tables = {"NEW": "chg_new", "OLD": "chg_old"}
    selects = " UNION ".join(
        f"SELECT {_lit(source.resource)}, {_q(source.column)} FROM {tables[row]} WHERE {_q(source.column)} IS NOT NULL"
        for row in _rows(op)
    )
    body = f"INSERT INTO {PENDING} (resource, object_id) {selects};"
    name = _name(source, op, body)
    referencing = " ".join(f"{row} TABLE AS {tables[row]}" for row in _rows(op))
    return name, [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN {body} RETURN NULL; END $f$",
        f"CREATE TRIGGER {name} AFTER {op} ON {_q(source.table)} REFERENCING {referencing} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
    ]


def _existing(cursor: Any, vendor: str) -> dict[str, str]:
    """The feed's triggers now in the database: name → table."""
    if vendor == "postgresql":
        cursor.execute(
            "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgname LIKE %s",
            [PREFIX + "%"],
        )
    else:
        cursor.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [PREFIX + "%"]
        )
    return dict(cursor.fetchall())


def install(using: str = "default") -> int:
    """Make the wanted triggers, drop the others of ours; returns how many were made.

    A resource whose table had none of our triggers yet (the first install, a resource new to the API) has its
    existing records queued, so the feed starts with every record, not only those written from now on."""
    connection = connections[using]
    vendor = connection.vendor
    make = postgresql_statements if vendor == "postgresql" else sqlite_statements
    wanted = {name: sql for s in sources() for op in OPERATIONS for name, sql in [make(s, op)]}
    with connection.cursor() as cursor:
        existing = _existing(cursor, vendor)
        followed = set(existing.values())
        for resource in registry.resources().values():
            if resource.table not in followed:
                pk = _q(str(resource.model._meta.pk.column))
                cursor.execute(
                    f"INSERT INTO {PENDING} (resource, object_id) "
                    f"SELECT {_lit(resource.name)}, {pk} FROM {_q(resource.table)} ORDER BY {pk}"
                )
        for name, table in existing.items():
            if name not in wanted:
                cursor.execute(
                    f"DROP TRIGGER IF EXISTS {name}" + (f" ON {_q(table)}" if vendor == "postgresql" else "")
                )
                if vendor == "postgresql":
                    cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")
        made = 0
        for name, statements in wanted.items():
            if name in existing:
                continue
            for sql in statements:
                cursor.execute(sql)
            made += 1
    return made


def install_after_migrate(*, using: str = "default", **kwargs: Any) -> None:
    install(using)
