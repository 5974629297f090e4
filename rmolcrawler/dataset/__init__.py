"""The dataset: every run's output in one DuckDB database, with edits and removals tracked.

    python -m rmolcrawler.dataset build  [--rebuild]
    python -m rmolcrawler.dataset export --format parquet|jsonl|csv -o PATH [filters]
    python -m rmolcrawler.dataset stats  [--days N]
    python -m rmolcrawler.dataset report -o report.html

Each takes ``--data-dir`` (default: the ``RMOL_DATA_DIR`` setting, ``data``) and ``--db``
(default ``<data dir>/rmol.duckdb``).

**Input.** Finished output files, ``<data dir>/<spider>/YYYY/MM/DD/*.jsonl`` (or ``.jl``) for any
spider (``rmol``, ``rmol_regional``, ``rmol_archive``, ...), and the run reports
``*.report.json`` beside them. A file being written ends in ``.partial`` and is never read, so
a build may run while crawls write; a file that appears later is loaded by the next build.
Records of schemas 1.x, 2.0, 2.1 and 3.0 are read: a line without ``record`` is an article
revision 1, a line without ``key`` has the key ``rmol.id/{id}``, missing fields are null.

**Tables.** ``revisions``: one row per article revision (``record = 'article'``) and per
removal record (``record = 'removal'``), with the file and line it came from; ``published_at``
is kept as written, beside ``published_at_utc`` (TIMESTAMPTZ) and ``published_date`` (the date
as printed, in its own offset); ``tags`` is ``VARCHAR[]``, ``related`` and ``archive`` are
structs. ``articles`` (a view): one row per key, its latest article revision by
``(revision, crawled_at)``, with ``revisions`` (how many it has) and ``removed_at``,
``removal_status``, ``removal_reason`` set when a removal was seen after that revision (a later
revision clears it); a key with only a removal record has no row. ``files``: each file loaded
(path relative to the data dir, size, mtime, lines, records, rows added, bad lines,
``loaded_at``). ``runs`` and ``run_layers``: the run reports and their extraction layer counts.

**Incremental and idempotent.** ``build`` reads only the files that ``files`` does not list, in
one transaction; with nothing new it changes nothing. A file whose size changed since it was
loaded is reported and not read again (``build --rebuild`` deletes the database and reads every
file). A file deleted after it was loaded keeps its rows.

**Duplicates.** Lines with the same ``key``, ``record``, ``revision`` and ``content_hash`` (for
records before 3.0, computed at load by :func:`rmolcrawler.revisions.content_hash`; a removal
has none) are one revision, as when a crawl emits an article again
after a crash: the first loaded is kept (files in path order, lines in file order) and a row
already in the table is never replaced. The others are counted as duplicates.

**Bad lines.** A line that is not JSON, not an object, cut short, or has a field of the wrong
type is reported on stderr as ``<file>:<line>: skipped: <why>`` and left out; the rest of its
file is loaded, and the file is recorded (with its bad lines counted) so the next build does not
report it again. ``build`` exits 1 when it skipped a line, could not read a file or found a
changed one (the dataset then lacks something a file holds: a scheduler should flag it), 2 when
it could not run at all (no data dir, the database locked by another build), else 0.
"""
