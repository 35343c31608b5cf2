"""Discover: the files a run takes — new or changed since the last successful run."""

from __future__ import annotations

from collections.abc import Iterable

from headwater.connectors import FileVersion


def select_files(
    listed: Iterable[FileVersion], *, already: frozenset[str], not_before: float | None
) -> tuple[FileVersion, ...]:
    """The listed file versions not in the ledger (``already`` holds their key hashes).

    ``not_before`` (epoch seconds) skips files last modified before the flow's start time, for
    flows created with ``backfill: false``.
    """
    chosen = (
        f
        for f in listed
        if f.key_hash not in already and (not_before is None or f.modified >= not_before)
    )
    return tuple(sorted(chosen))
