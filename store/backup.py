"""Backup and restore of the whole store as one file, the same on SQLite and PostgreSQL.

    python -m store backup FILE [--url URL]
    python -m store restore FILE --url URL        # only into an empty store

The file is gzip-compressed JSON lines: a header, then every row of every stored table (dataset versions, their
original files, their rows, the audit log and — once stored there — the accounts), then an end line with the row
count of each table. Values keep their exact type: integers as JSON integers (never floats), times as ISO text,
bytes (original files) as base64. Ids are kept, so a restored store is the same store: version ids, audit ids and
the numbers pages show are unchanged, and the original files' SHA-256 are checked again on restore.

A restore writes in one transaction and checks the end line before committing: a truncated or altered file
leaves the target as empty as it was. It never writes into a store that holds anything (nothing stored is ever
overwritten or mixed). Sign-in sessions are not backed up: after a restore everyone signs in again.

No Streamlit in here.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sqlalchemy import DateTime, Engine, LargeBinary, Table, func, insert, inspect, literal, select, text

from .engine import write_transaction
from .schema import metadata

FORMAT = "aicd-store-backup"
FORMAT_VERSION = 1
BATCH = 2_000  # rows per read and per insert
# Tables a backup leaves out: what must not outlive the store it was made in.
NOT_BACKED_UP = frozenset(
    {"sign_in_grants", "sign_in_cookies", "sign_in_revocations", "sign_in_activity", "sign_in_failures"}
)


class BackupError(Exception):
    """A backup or restore refused; the message (Korean) says why and what to do."""


@dataclass
class Summary:
    """What a backup holds or a restore wrote: rows per table, versions per dataset."""

    tables: dict[str, int] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """Korean lines for the command line."""
        out = [f"  {name}: {count:,}행" for name, count in self.tables.items()]
        if self.versions:
            out.append(
                "  데이터 버전: " + ", ".join(f"{name} {count}개" for name, count in sorted(self.versions.items()))
            )
        return out


def backed_up_tables() -> list[Table]:
    """The tables a backup holds, parents before children (the order a restore inserts them)."""
    return [table for table in metadata.sorted_tables if table.name not in NOT_BACKED_UP]


# ---------------------------------------------------------------------------------------------- values


def _encode(table: Table, row) -> dict:
    values: dict[str, object] = {}
    for column in table.columns:
        value = row._mapping[column.name]
        if value is None:
            values[column.name] = None
        elif isinstance(column.type, LargeBinary):
            values[column.name] = base64.b64encode(bytes(value)).decode("ascii")
        elif isinstance(column.type, DateTime):
            values[column.name] = value.isoformat()
        else:
            values[column.name] = value
    return values


def _decode(table: Table, values: dict) -> dict:
    row = {}
    for column in table.columns:
        if column.name not in values:
            continue  # a column added after the backup was made: its default applies
        value = values[column.name]
        if value is not None and isinstance(column.type, LargeBinary):
            value = base64.b64decode(value)
        elif value is not None and isinstance(column.type, DateTime):
            value = dt.datetime.fromisoformat(value)
        row[column.name] = value
    return row


def _dumps(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------- backup


def _snapshot(engine: Engine):
    """A connection whose reads all see one moment of the store (PostgreSQL: REPEATABLE READ; SQLite's read
    transaction in WAL mode is a snapshot already)."""
    conn = engine.connect()
    if engine.dialect.name == "postgresql":
        conn = conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


def write_backup(engine: Engine, out: IO[bytes]) -> Summary:
    """Write every backed-up table of the store at `engine` to `out` (gzip JSON lines). Returns what it wrote."""
    summary = Summary()
    present = set(inspect(engine).get_table_names())
    with _snapshot(engine) as conn, conn.begin():
        gz = gzip.GzipFile(fileobj=out, mode="wb", mtime=0)
        digest = hashlib.sha256()

        def emit(record: dict) -> None:
            line = _dumps(record)
            digest.update(line)
            gz.write(line)

        tables = [table for table in backed_up_tables() if table.name in present]
        emit(
            {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "made_at": dt.datetime.now(dt.UTC).isoformat(),
                "backend": engine.dialect.name,
                "tables": [table.name for table in tables],
            }
        )
        for table in tables:
            order = list(table.primary_key.columns) or list(table.columns)
            result = conn.execution_options(yield_per=BATCH).execute(select(table).order_by(*order))
            count = 0
            for row in result:
                emit({"t": table.name, "r": _encode(table, row)})
                count += 1
            summary.tables[table.name] = count
        if "dataset_versions" in present:
            versions = metadata.tables["dataset_versions"]
            for dataset, count in conn.execute(select(versions.c.dataset, func.count()).group_by(versions.c.dataset)):
                summary.versions[dataset] = count
        gz.write(_dumps({"end": summary.tables, "sha256": digest.hexdigest()}))
        gz.close()
    return summary


def backup_to_file(engine: Engine, path: Path) -> Summary:
    """Write the backup to `path` through a temporary file beside it, so `path` is never half written."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.partial")
    try:
        with open(temporary, "wb") as out:
            summary = write_backup(engine, out)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return summary


# ---------------------------------------------------------------------------------------------- restore


def _records(source: IO[bytes]) -> Iterator[tuple[bytes, dict]]:
    try:
        with gzip.GzipFile(fileobj=source, mode="rb") as gz:
            for line in gz:
                yield line, json.loads(line)
    except (OSError, EOFError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupError(
            f"백업 파일을 끝까지 읽을 수 없습니다(잘렸거나 손상됨): {error}. 아무것도 복원하지 않았습니다."
        ) from None


def _has_rows(conn, table: Table) -> bool:
    return conn.execute(select(literal(1)).select_from(table).limit(1)).first() is not None


def _refuse_unless_empty(conn) -> None:
    for table in metadata.sorted_tables:
        if _has_rows(conn, table):
            raise BackupError(
                f"복원할 저장소가 비어 있지 않습니다({table.name} 표에 자료가 있음). 저장된 것은 지우거나 덮어쓰지 않으므로, "
                "새로 만든 빈 데이터베이스(또는 새 SQLite 파일)를 --url로 지정하세요."
            )


def _fix_sequences(conn) -> None:
    """After inserting explicit ids on PostgreSQL, move each serial/identity sequence past the largest id."""
    if conn.dialect.name != "postgresql":
        return
    for table in backed_up_tables():
        for column in table.primary_key.columns:
            sequence = conn.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"), {"table": table.name, "column": column.name}
            ).scalar()
            if sequence:
                conn.execute(
                    text(
                        f"SELECT setval(:sequence, COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                    ),
                    {"sequence": sequence},
                )


def restore(engine: Engine, source: IO[bytes]) -> Summary:
    """Restore a backup into the empty store at `engine`, in one transaction. Raises BackupError (Korean) when
    the store is not empty or the file is not a whole backup of this format; then nothing is written."""
    from .store import Store

    Store(engine)  # create the tables if missing
    with engine.connect() as conn:
        _refuse_unless_empty(conn)  # before reading the file: say so at once
    tables = {table.name: table for table in backed_up_tables()}
    summary = Summary()
    records = _records(source)
    first = next(records, None)
    if first is None or first[1].get("format") != FORMAT:
        raise BackupError("대시보드 저장소 백업 파일이 아닙니다(python -m store backup으로 만든 파일이어야 합니다).")
    header = first[1]
    if int(header.get("format_version", 0)) > FORMAT_VERSION:
        raise BackupError(
            f"이 백업 파일은 더 새로운 형식({header['format_version']})입니다. 앱을 먼저 새 버전으로 올리세요."
        )
    unknown = [name for name in header.get("tables", []) if name not in tables]
    if unknown:
        raise BackupError(f"이 앱이 모르는 표가 백업에 있습니다: {', '.join(unknown)}. 앱을 먼저 새 버전으로 올리세요.")
    digest = hashlib.sha256(first[0])
    ended = None
    with write_transaction(engine) as conn:
        _refuse_unless_empty(conn)  # again, under the write lock
        batch: list[dict] = []
        batch_table: Table | None = None

        def flush() -> None:
            if batch:
                assert batch_table is not None  # set whenever the batch holds rows
                conn.execute(insert(batch_table), batch)
                batch.clear()

        for line, record in records:
            if "end" in record:
                ended = record
                break
            digest.update(line)
            name = record.get("t")
            table = tables.get(name) if isinstance(name, str) else None
            if table is None:
                raise BackupError(f"백업 파일에 알 수 없는 줄이 있습니다: {line[:80]!r}. 아무것도 복원하지 않았습니다.")
            if table is not batch_table:
                flush()
                batch_table = table
            batch.append(_decode(table, record["r"]))
            summary.tables[table.name] = summary.tables.get(table.name, 0) + 1
            if len(batch) >= BATCH:
                flush()
        flush()
        if ended is None:
            raise BackupError("백업 파일이 중간에 끝났습니다(마지막 줄 없음). 아무것도 복원하지 않았습니다.")
        if ended.get("sha256") != digest.hexdigest() or {k: v for k, v in ended["end"].items() if v} != {
            k: v for k, v in summary.tables.items() if v
        }:
            raise BackupError(
                "백업 파일의 내용이 마지막 줄의 행 수·검사값과 맞지 않습니다. 아무것도 복원하지 않았습니다."
            )
        _check_files(conn)
        _fix_sequences(conn)
        versions = metadata.tables["dataset_versions"]
        for dataset, count in conn.execute(select(versions.c.dataset, func.count()).group_by(versions.c.dataset)):
            summary.versions[dataset] = count
    for name in tables:
        summary.tables.setdefault(name, 0)
    summary.tables = {name: summary.tables[name] for name in tables if name in summary.tables}
    return summary


def _check_files(conn) -> None:
    """Every restored original file still has the SHA-256 its version was stored with."""
    files = metadata.tables["source_files"]
    versions = metadata.tables["dataset_versions"]
    query = select(versions.c.dataset, versions.c.number, versions.c.sha256, files.c.data).join(
        files, files.c.version_id == versions.c.id
    )
    for dataset, number, sha256, data in conn.execution_options(yield_per=50).execute(query):
        if hashlib.sha256(bytes(data)).hexdigest() != sha256:
            raise BackupError(
                f"{dataset} 버전 {number}의 원본 파일이 SHA-256과 맞지 않습니다. 아무것도 복원하지 않았습니다."
            )


def restore_from_file(engine: Engine, path: Path) -> Summary:
    with open(path, "rb") as source:
        return restore(engine, source)
