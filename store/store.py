"""The versioned data store: one object owns the database.

Every accepted file becomes a new, numbered version of its dataset, with the original bytes, every row (canonical
values and cells as written, by Excel row) and an audit entry, written in one transaction. Nothing is ever updated or
deleted; a rollback is a new version equal to an old one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection, Engine, Row, bindparam, exists, func, insert, inspect, literal, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError

from loaders.columns import with_all_columns
from loaders.contract import DATASETS, sample_files
from loaders.load import measure_totals
from loaders.periods import PERIODS, ImportPlan, describe_plan, plan_import

from . import codec, row_refs
from .engine import configure_engine, inserted_id, make_engine, retry_locked, write_transaction
from .file_names import safe_file_name, safe_sheet_name
from .schema import audit_log, dataset_rows, dataset_versions, metadata, source_files

if TYPE_CHECKING:
    from loaders.load import LoadResult

SAMPLE_USER = "샘플 데이터"
# The bundled sample files, in the order they are seeded (dataset name → file name in data/): each dataset's
# `sample_file` in the registry.
SAMPLE_FILES: dict[str, str] = sample_files()
# The uploads the monthly routine would have made before the files above, so a fresh install has a history (what
# changed, movements between quarters): data/history/<dataset>_<period>.<ext>, seeded first in name order (oldest
# period first), a month apart, ending a month before the files above.
SAMPLE_HISTORY = "history"
SAMPLE_HISTORY_SPACING = dt.timedelta(days=31)
ROW_CHUNK = 5_000  # rows per executemany (or per COPY on PostgreSQL)
_ID_CHUNK = 900  # bound parameters per IN (…) list
_NUMBER_RETRIES = 8
_COPY_ROWS = "COPY dataset_rows (version_id, position, source_row, payload, written) FROM STDIN"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


@dataclass(frozen=True)
class Version:
    """One stored version of a dataset. `id` is unique across datasets: use it as a cache key."""

    id: int
    dataset: str
    number: int
    created_at: dt.datetime  # UTC, timezone-aware
    created_by: str
    filename: str
    sha256: str
    row_count: int
    totals: dict[str, int | float]
    sheet: str | None
    rolled_back_from: int | None
    note: str
    # The same file (SHA-256) as a sample version of this dataset: e.g. a rollback to the sample data.
    from_sample: bool = False

    @property
    def is_sample(self) -> bool:
        """Synthetic sample data (the UI marks it 샘플 데이터): seeded as sample, or a rollback/re-upload of it."""
        return self.created_by == SAMPLE_USER or self.from_sample

    def __hash__(self) -> int:  # totals is a dict; the id alone identifies a version
        return hash(self.id)


_sample_versions = dataset_versions.alias("sample_versions")
_FROM_SAMPLE = (
    exists()
    .where(
        _sample_versions.c.dataset == dataset_versions.c.dataset,
        _sample_versions.c.sha256 == dataset_versions.c.sha256,
        _sample_versions.c.created_by == SAMPLE_USER,
    )
    .label("from_sample")
)
_VERSION_COLUMNS = (
    dataset_versions.c.id,
    dataset_versions.c.dataset,
    dataset_versions.c.number,
    dataset_versions.c.created_at,
    dataset_versions.c.created_by,
    dataset_versions.c.filename,
    dataset_versions.c.sha256,
    dataset_versions.c.row_count,
    dataset_versions.c.totals,
    dataset_versions.c.sheet,
    dataset_versions.c.rolled_back_from,
    dataset_versions.c.note,
    _FROM_SAMPLE,
)


def _version(row: Row) -> Version:
    return Version(
        id=row.id,
        dataset=row.dataset,
        number=row.number,
        created_at=_as_utc(row.created_at),
        created_by=row.created_by,
        filename=row.filename,
        sha256=row.sha256,
        row_count=row.row_count,
        totals=json.loads(row.totals),
        sheet=row.sheet,
        rolled_back_from=row.rolled_back_from,
        note=row.note or "",
        from_sample=bool(row.from_sample),
    )


class Store:
    """The dashboard's data: versions of each dataset, their rows and files, and the audit log."""

    def __init__(self, engine: Engine, create: bool = True) -> None:
        configure_engine(engine)
        self.engine = engine
        if create:
            self.create_tables()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    def create_tables(self) -> None:
        """Create missing tables. Idempotent; two processes doing it at once serialise on the write lock."""

        with self.engine.connect() as conn:
            if set(metadata.tables) <= set(inspect(conn).get_table_names()):
                return  # the usual case: no need to wait behind a running import for the write lock

        def create() -> None:
            with write_transaction(self.engine) as conn:
                metadata.create_all(conn, checkfirst=True)

        retry_locked(create)

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ writing

    def save_version(
        self, result: LoadResult, original: bytes, user: str, note: str = "", replace: str = PERIODS
    ) -> Version:
        """Store an accepted file as the next version of its dataset, all in one transaction.

        The new version is the whole dataset: with `replace=PERIODS` (the default) the previous version's rows of
        the periods the file covers give way to the file's rows and every other row is kept (loaders/periods.py);
        with `replace=EVERYTHING`, or for a register, the file's rows are the whole version.
        Raises ValueError for a refused result (`result.ok` false): nothing is stored.
        """
        _check_savable(result, user)
        rows = codec.encode_rows(result.frame, result.written)  # outside the lock: it is the slow part
        return self._numbered(lambda conn: self._insert_version(conn, result, original, user, note, rows, replace))

    def plan_import(self, result: LoadResult, replace: str = PERIODS) -> ImportPlan:
        """What `save_version(result, …, replace=replace)` would do, against the newest version (nothing is stored)."""
        dataset = _dataset_of(result)
        latest = self.latest(dataset)
        return plan_import(dataset, self.frame(latest) if latest else None, result.frame, replace)

    def rollback(self, dataset: str, to_number: int, user: str, note: str = "") -> Version:
        """A new version equal to version `to_number` (same rows, same file). Nothing is deleted or overwritten."""
        if not user or not user.strip():
            raise ValueError("누가 되돌렸는지(사용자 이름)가 필요합니다")

        def restore(conn: Connection) -> Version:
            target = conn.execute(
                select(dataset_versions).where(
                    dataset_versions.c.dataset == dataset, dataset_versions.c.number == to_number
                )
            ).first()
            if target is None:
                raise LookupError(f"{dataset} 버전 {to_number}이(가) 없습니다")
            number = self._next_number(conn, dataset)
            if number - 1 == to_number:
                raise ValueError(f"버전 {to_number}은(는) 이미 최신 버전입니다")
            created_at = _utcnow()
            new_id = inserted_id(
                conn.execute(
                    insert(dataset_versions).values(
                        dataset=dataset,
                        number=number,
                        created_at=created_at,
                        created_by=user,
                        filename=target.filename,
                        sha256=target.sha256,
                        row_count=target.row_count,
                        totals=target.totals,
                        sheet=target.sheet,
                        rolled_back_from=to_number,
                        note=note,
                        dtypes=target.dtypes,
                    )
                )
            )
            conn.execute(
                insert(source_files).from_select(
                    ["version_id", "filename", "sha256", "data"],
                    select(literal(new_id), source_files.c.filename, source_files.c.sha256, source_files.c.data).where(
                        source_files.c.version_id == target.id
                    ),
                )
            )
            conn.execute(
                insert(dataset_rows).from_select(
                    ["version_id", "position", "source_row", "payload", "written"],
                    select(
                        literal(new_id),
                        dataset_rows.c.position,
                        dataset_rows.c.source_row,
                        dataset_rows.c.payload,
                        dataset_rows.c.written,
                    ).where(dataset_rows.c.version_id == target.id),
                )
            )
            detail = {
                "restored": to_number,
                "replaced": number - 1,
                "filename": target.filename,
                "sha256": target.sha256,
            }
            if note:
                detail["note"] = note
            self._audit(conn, "rollback", user, dataset, number, detail)
            return self._version_by_id(conn, new_id)

        return self._numbered(restore)

    def record(
        self, action: str, user: str, dataset: str | None = None, number: int | None = None, detail: dict | None = None
    ) -> None:
        """Add an audit entry (e.g. action='login_failed', detail={'reason': …})."""
        with write_transaction(self.engine, lock=False) as conn:
            self._audit(conn, action, user, dataset, number, detail or {})

    def seed_versions(
        self, loaded: Sequence[tuple[LoadResult, bytes, list, dt.datetime]], user: str = SAMPLE_USER
    ) -> list[Version]:
        """Store `loaded` (checked files: result, original bytes, encoded rows, creation time), each a period import,
        only if the store has no versions yet: the check and the inserts share one locked transaction, so when
        several processes seed at once exactly one of them does. The rest get []. (`store.seeding` prepares them.)"""

        def seed() -> list[Version]:
            with write_transaction(self.engine) as conn:
                if conn.execute(select(dataset_versions.c.id).limit(1)).first() is not None:
                    return []  # another process seeded first
                return [
                    self._insert_version(conn, result, data, user, "샘플 데이터(합성)", rows, PERIODS, created_at)
                    for result, data, rows, created_at in loaded
                ]

        return retry_locked(seed)

    # ------------------------------------------------------------------ reading

    def is_empty(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(dataset_versions.c.id).limit(1)).first() is None

    def latest(self, dataset: str) -> Version | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(*_VERSION_COLUMNS)
                .where(dataset_versions.c.dataset == dataset)
                .order_by(dataset_versions.c.number.desc())
                .limit(1)
            ).first()
        return _version(row) if row else None

    def latest_versions(self) -> dict[str, Version]:
        """The newest version of every dataset that has one, in one query."""
        newest = (
            select(dataset_versions.c.dataset, func.max(dataset_versions.c.number).label("number"))
            .group_by(dataset_versions.c.dataset)
            .subquery()
        )
        query = select(*_VERSION_COLUMNS).join(
            newest,
            (dataset_versions.c.dataset == newest.c.dataset) & (dataset_versions.c.number == newest.c.number),
        )
        with self.engine.connect() as conn:
            return {v.dataset: v for v in map(_version, conn.execute(query))}

    def versions(self, dataset: str) -> list[Version]:
        """Every version of `dataset`, newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(*_VERSION_COLUMNS)
                .where(dataset_versions.c.dataset == dataset)
                .order_by(dataset_versions.c.number.desc())
            )
            return [_version(r) for r in rows]

    def version(self, dataset: str, number: int) -> Version | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(*_VERSION_COLUMNS).where(
                    dataset_versions.c.dataset == dataset, dataset_versions.c.number == number
                )
            ).first()
        return _version(row) if row else None

    def frame(self, version: Version) -> pd.DataFrame:
        """The version's rows, typed exactly like the LoadResult.frame it was saved from (plus `source_row`), with
        every column of the dataset's contract: an optional column the file did not have is there, all missing."""
        with self.engine.connect() as conn:
            dtypes = conn.execute(
                select(dataset_versions.c.dtypes).where(dataset_versions.c.id == version.id)
            ).scalar_one()
            rows = conn.execute(
                select(dataset_rows.c.payload, dataset_rows.c.source_row)
                .where(dataset_rows.c.version_id == version.id)
                .order_by(dataset_rows.c.position)
            ).all()
        stored = codec.decode_frame(json.loads(dtypes), [r[0] for r in rows], [r[1] for r in rows])
        return with_all_columns(version.dataset, stored)

    def written_rows(self, version: Version, source_rows: Sequence[int] | None = None) -> pd.DataFrame:
        """Cells as written in the file: column `source_row` (the Excel row) then the file's headers.

        Pass the `source_row` values behind a figure to show where it comes from; None gives every row.
        """
        query = (
            select(dataset_rows.c.source_row, dataset_rows.c.written)
            .where(dataset_rows.c.version_id == version.id)
            .order_by(dataset_rows.c.position)
        )
        with self.engine.connect() as conn:
            if source_rows is None:
                fetched = conn.execute(query).all()
            else:
                wanted = sorted({int(r) for r in source_rows})
                chunked = query.where(dataset_rows.c.source_row.in_(bindparam("rows", expanding=True)))
                fetched = [
                    row
                    for start in range(0, len(wanted), _ID_CHUNK)
                    for row in conn.execute(chunked, {"rows": wanted[start : start + _ID_CHUNK]})
                ]
                if len(wanted) > _ID_CHUNK:
                    fetched.sort(key=lambda r: r[0])
        cells = [json.loads(w) for _, w in fetched]
        headers = list(dict.fromkeys(h for row in cells for h in row))
        data: dict[str, object] = {"source_row": pd.array([r[0] for r in fetched], dtype="int64")}
        for header in headers:
            data[header] = pd.array([row.get(header) for row in cells], dtype="str")
        return pd.DataFrame(data, columns=["source_row", *headers])

    def original_file(self, version: Version) -> tuple[str, bytes]:
        """(file name as stored, bytes exactly as uploaded)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(source_files.c.filename, source_files.c.data).where(source_files.c.version_id == version.id)
            ).one()
        return row.filename, bytes(row.data)

    def audit_log(self, limit: int = 500) -> pd.DataFrame:
        """Newest first: id, at (UTC), user, action, dataset, number, detail (dict)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)).all()
        return pd.DataFrame(
            {
                "id": pd.array([r.id for r in rows], dtype="int64"),
                "at": pd.to_datetime([r.at for r in rows], utc=True),
                "user": pd.array([r.username for r in rows], dtype="str"),
                "action": pd.array([r.action for r in rows], dtype="str"),
                "dataset": pd.array([r.dataset for r in rows], dtype="str"),
                "number": pd.array([r.number for r in rows], dtype="Int64"),
                "detail": pd.Series([json.loads(r.detail) for r in rows], dtype=object),
            }
        )

    # ------------------------------------------------------------------ internals

    def _numbered(self, write):
        """Run `write(conn)` in a locked transaction; retry if another writer took the same version number."""
        for attempt in range(_NUMBER_RETRIES):
            try:
                with write_transaction(self.engine) as conn:
                    return write(conn)
            except IntegrityError:
                if attempt == _NUMBER_RETRIES - 1:
                    raise

    @staticmethod
    def _next_number(conn: Connection, dataset: str) -> int:
        current = conn.execute(
            select(func.max(dataset_versions.c.number)).where(dataset_versions.c.dataset == dataset)
        ).scalar()
        return (current or 0) + 1

    def _insert_version(
        self,
        conn: Connection,
        result: LoadResult,
        original: bytes,
        user: str,
        note: str,
        file_rows: list[dict],
        replace: str,
        created_at: dt.datetime | None = None,
    ) -> Version:
        dataset = _dataset_of(result)
        sha256 = hashlib.sha256(original).hexdigest()
        filename = safe_file_name(result.filename)  # never a path, never longer than file_names.MAX_LENGTH
        # A CSV's or an HTML table's "sheet" is its file name: kept as safely; any other name a file gives is bounded.
        sheet = filename if result.sheet == result.filename else safe_sheet_name(result.sheet)
        number = self._next_number(conn, dataset)
        plan, rows, frame, dtypes = self._grown(conn, result, file_rows, replace)
        totals = measure_totals(dataset, frame)
        version_id = inserted_id(
            conn.execute(
                insert(dataset_versions).values(
                    dataset=dataset,
                    number=number,
                    created_at=created_at or _utcnow(),
                    created_by=user,
                    filename=filename,
                    sha256=sha256,
                    row_count=len(rows),
                    totals=codec.dumps(totals),
                    sheet=sheet,
                    rolled_back_from=None,
                    note=note,
                    dtypes=codec.dumps(dtypes),
                )
            )
        )
        conn.execute(
            insert(source_files).values(version_id=version_id, filename=filename, sha256=sha256, data=original)
        )
        self._insert_rows(conn, version_id, rows)
        detail: dict[str, object] = {
            "filename": filename,
            "sha256": sha256,
            "rows": len(rows),
            "sheet": sheet,
            "totals": totals,
            "replace": plan.replace,
            "file_rows": plan.file_rows,
            "kept_rows": plan.kept_rows,
            "replaced_rows": plan.replaced_rows,
            "periods": describe_plan(plan),
        }
        if result.warnings:
            detail["warnings"] = [str(w) for w in result.warnings]
        if note:
            detail["note"] = note
        self._audit(conn, "import", user, dataset, number, detail)
        return self._version_by_id(conn, version_id)

    def _grown(
        self, conn: Connection, result: LoadResult, file_rows: list[dict], replace: str
    ) -> tuple[ImportPlan, list[dict], pd.DataFrame, list[list[str]]]:
        """The new version's rows: the previous version's rows the import keeps (with references to their files),
        then the file's rows. Returns the plan, the rows, their frame (for totals) and the columns' dtypes."""
        dataset = _dataset_of(result)
        previous = conn.execute(
            select(dataset_versions.c.id, dataset_versions.c.number, dataset_versions.c.dtypes)
            .where(dataset_versions.c.dataset == dataset)
            .order_by(dataset_versions.c.number.desc())
            .limit(1)
        ).first()
        file_dtypes = codec.frame_dtypes(result.frame)
        if previous is None:
            return plan_import(dataset, None, result.frame, replace), file_rows, result.frame, file_dtypes
        stored = conn.execute(
            select(dataset_rows.c.source_row, dataset_rows.c.payload, dataset_rows.c.written)
            .where(dataset_rows.c.version_id == previous.id)
            .order_by(dataset_rows.c.position)
        ).all()
        stored_dtypes = json.loads(previous.dtypes)
        stored_frame = codec.decode_frame(stored_dtypes, [r.payload for r in stored], [r.source_row for r in stored])
        plan = plan_import(dataset, stored_frame, result.frame, replace)
        kept = [row for row, keep in zip(stored, plan.keep, strict=True) if keep]
        if not kept:
            return plan, file_rows, result.frame, file_dtypes
        rows = [
            {
                "position": position,
                "source_row": row_refs.carried(row.source_row, previous.number),
                "payload": row.payload,
                "written": row.written,
            }
            for position, row in enumerate(kept)
        ]
        rows += [{**row, "position": len(kept) + row["position"]} for row in file_rows]
        # A column keeps the file's dtype; one only the earlier rows have keeps theirs (same loader, same kinds).
        dtypes = dict(stored_dtypes) | dict(file_dtypes)
        columns = [c.name for c in DATASETS[dataset].columns if c.name in dtypes] + [codec.PROVENANCE]
        frame = pd.concat([stored_frame[list(plan.keep)], result.frame], ignore_index=True)
        return plan, rows, frame, [[name, dtypes[name]] for name in columns]

    @staticmethod
    def _insert_rows(conn: Connection, version_id: int, rows: list[dict]) -> None:
        """Bulk insert in chunks, inside the caller's transaction (COPY on psycopg 3: about twice as fast)."""
        if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
            cursor = conn.connection.cursor()
            try:
                for start in range(0, len(rows), ROW_CHUNK):
                    with cursor.copy(_COPY_ROWS) as copy:
                        for row in rows[start : start + ROW_CHUNK]:
                            copy.write_row(
                                (version_id, row["position"], row["source_row"], row["payload"], row["written"])
                            )
            finally:
                cursor.close()
            return
        statement = insert(dataset_rows)
        for start in range(0, len(rows), ROW_CHUNK):
            chunk = rows[start : start + ROW_CHUNK]
            conn.execute(statement, [{"version_id": version_id, **row} for row in chunk])

    @staticmethod
    def _audit(conn: Connection, action: str, user: str, dataset, number, detail: dict) -> None:
        conn.execute(
            insert(audit_log).values(
                at=_utcnow(),
                username=user,
                action=action,
                dataset=dataset,
                number=number,
                detail=codec.dumps(detail),
            )
        )

    @staticmethod
    def _version_by_id(conn: Connection, version_id: int) -> Version:
        return _version(conn.execute(select(*_VERSION_COLUMNS).where(dataset_versions.c.id == version_id)).one())


def _dataset_of(result: LoadResult) -> str:
    """The dataset of a result that names one (refused results may not)."""
    if result.dataset is None:
        raise ValueError(f"알 수 없는 데이터 종류입니다: {result.dataset!r}")
    return result.dataset


def _check_savable(result: LoadResult, user: str) -> None:
    if not result.ok:
        count = len(result.errors)
        raise ValueError(f"검사를 통과하지 못한 파일은 저장할 수 없습니다 ({result.filename}: 문제 {count}건)")
    if result.dataset not in DATASETS:
        raise ValueError(f"알 수 없는 데이터 종류입니다: {result.dataset!r}")
    if codec.PROVENANCE not in result.frame.columns:
        raise ValueError("frame에 source_row(엑셀 행 번호) 열이 없습니다")
    if not user or not user.strip():
        raise ValueError("누가 가져왔는지(사용자 이름)가 필요합니다")


def open_store(url: str | URL | None = None) -> Store:
    """The store at `url`, else env AICD_STORE_URL, else sqlite:///<AICD_DATA_DIR or var/>/store.sqlite.

    Tables are created if missing. Open it once per process and share it (the engine pools connections).
    """
    return Store(make_engine(url))
