"""Recover export marks lost to a crash between publishing a feed file and marking its articles.

The ledger marks articles exported once Scrapy reports their feed file (or batch) stored, that is after
the file is published. A kill in that window leaves a complete file whose articles the state still
calls discovered, and the next run would write them again under the same version: a duplicate
`(id, version)` for every reader. Every file a run publishes gets a manifest beside it when the run ends
(export/manifest.py), so a local feed file without one was published by a run that did not end.
At start, before anything is fetched, such a file's lines are read back and marked exported (unless the
state already holds that version or a later one), and a manifest saying `"recovered": true` is written
beside it, so it is read only once and readers see it accounted for.

Each line is marked in the store that keeps it, when the run opens that store (at start, or when the
site's profile is chosen by its first page, before any of its links is admitted).

Limits: local feed files only (an `s3://` feed's spool is not scanned); a file whose name matches the
feed's pattern but holds no JSON Lines of ours is left as it is.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from w3lib.url import file_uri_to_path

from newscrawl.durable import write_json_atomically
from newscrawl.export.manifest import file_facts
from newscrawl.export.storage import MANIFEST_SUFFIX, manifest_path
from newscrawl.sites.registry import site_named
from newscrawl.state import ExportRecord

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from newscrawl.state import StateStore
    from newscrawl.state.owner import SiteState

logger = logging.getLogger(__name__)

# `%(name)s`, `%(time)s`, `%(batch_id)03d`: the parts of a feed URI that differ between files.
TEMPLATE_FIELD = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]")


def local_feed_pattern(uri: str) -> str | None:
    """A glob for the files a local feed URI template publishes; None for remote storage (`s3://`)."""
    if uri.startswith("file:"):
        uri = file_uri_to_path(uri)
    elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]+://", uri):
        return None
    return TEMPLATE_FIELD.sub("*", uri)


def unaccounted_files(patterns: Iterable[str]) -> list[Path]:
    """Published feed files (no leading dot) that have no manifest beside them, oldest first."""
    found: set[Path] = set()
    for pattern in patterns:
        path = Path(pattern)
        anchor = Path(path.anchor) if path.is_absolute() else Path()
        found.update(anchor.glob(str(path.relative_to(anchor))))
    return sorted(
        (
            path
            for path in found
            if path.is_file()
            and not path.name.startswith(".")
            and not path.name.endswith(MANIFEST_SUFFIX)
            and not manifest_path(path).exists()
        ),
        key=lambda path: path.stat().st_mtime,
    )


def lines_by_store(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The article lines of a feed file by the state store that keeps them (their `site`'s, for their
    `url`); lines that are not our articles, or of a profile this run cannot load, are passed over."""
    found: dict[str, list[dict[str, Any]]] = {}
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                article = json.loads(line)
                store = site_named(str(article["site"])).state_name(str(article["url"]))
            except (ValueError, KeyError, TypeError):
                continue
            found.setdefault(store, []).append(article)
    return found


def line_record(line: dict[str, Any], state: SiteState) -> ExportRecord:
    published = line.get("published_at")
    return ExportRecord(
        url_key=state.key(line["canonical_url"]),
        canonical_url=line["canonical_url"],
        content_hash=line["content_hash"],
        version=int(line["version"]),
        published_at=published_instant(published),
    )


def published_instant(published_at: str | None) -> datetime | None:
    """An exported `published_at` as the instant the state store ages articles by: wall-clock time
    without an offset (a site with no known zone) is taken as UTC, within hours of the truth."""
    if not published_at:
        return None
    moment = datetime.fromisoformat(published_at)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_unmarked(record: ExportRecord, store: StateStore) -> bool:
    """Whether the state lacks this version: not exported, or exported at an older version."""
    known = store.get(record.url_key)
    return known is None or known.status != "exported" or known.version < record.version


def recover_marks(
    state: SiteState, open_stores: Collection[str], feed_uris: Iterable[str], now: datetime
) -> int:
    """Mark the articles of `state`'s site in unaccounted feed files exported; how many marks were
    missing. A file is accounted for (its manifest written) once every store its lines belong to is open
    in this run (`open_stores`), so a file of another site's run is left for a run of that site."""
    if state.store is None:
        return 0
    patterns = [pattern for uri in feed_uris if (pattern := local_feed_pattern(uri))]
    recovered = 0
    for path in unaccounted_files(patterns):
        by_store = lines_by_store(path)
        records = [line_record(line, state) for line in by_store.get(state.name, [])]
        if not records:
            continue
        missing = [record for record in records if is_unmarked(record, state.store)]
        state.store.mark_exported(missing, now)
        logger.warning(
            "Recovered %d export marks from %s, published by a run that did not end", len(missing), path
        )
        recovered += len(missing)
        if set(by_store) <= set(open_stores):
            account_for(path)
    return recovered


def account_for(path: Path) -> None:
    """Write the manifest of a recovered feed file, so it is read only once."""
    try:
        write_json_atomically(manifest_path(path), {"file": path.name, "recovered": True, **file_facts(path)})
    except OSError as error:  # the marks are made; the file is only read again next time
        logger.error("Cannot write the manifest of recovered feed file %s: %s", path, error)
