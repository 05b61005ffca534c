"""Write contract rows as JSONL, CSV or Parquet, streaming (no row cap, bounded memory)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

Row = dict[str, Any]

FORMATS = ("jsonl", "csv", "parquet")
PARQUET_BATCH = 2000


def _flat(value: Any) -> Any:
    """Lists and objects become JSON text in flat formats (CSV cells, Parquet strings)."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_jsonl(rows: Iterable[Row], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[Row], fields: tuple[str, ...], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({name: _flat(row.get(name)) for name in fields})
        count += 1
    return count


def write_parquet(rows: Iterable[Row], fields: tuple[str, ...], path: str) -> int:
    """Nested fields become JSON strings so every column has one type, whatever the rows hold."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    PARQUET_TYPES = {
        "value": pa.float64(), "low": pa.float64(), "high": pa.float64(),
        "confidence": pa.float64(), "negated": pa.bool_(),
    }
    writer = None
    count = 0
    batch: list[Row] = []

    def flush() -> None:
        nonlocal writer
        columns = {name: [_flat(r.get(name)) for r in batch] for name in fields}
        if writer is None:
            schema = pa.schema([(name, PARQUET_TYPES.get(name, pa.string())) for name in fields])
            writer = pq.ParquetWriter(path, schema)
        table = pa.table(
            {name: pa.array(columns[name], type=writer.schema.field(name).type) for name in fields},
            schema=writer.schema,
        )
        writer.write_table(table)
        batch.clear()

    for row in rows:
        batch.append(row)
        count += 1
        if len(batch) >= PARQUET_BATCH:
            flush()
    if batch or writer is None:
        flush()
    assert writer is not None
    writer.close()
    return count
