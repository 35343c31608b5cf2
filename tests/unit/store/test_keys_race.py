"""Key files created by several processes at once: every process ends up with the same key."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from headwater.services.keys import load_keys
from headwater.settings import Settings


def _fernet_key(data_dir: str, queue: multiprocessing.Queue[bytes]) -> None:
    keys = load_keys(Settings(data_dir=Path(data_dir)))
    queue.put(keys.fernet.encrypt(b"secret"))


def test_processes_racing_to_create_the_keys_share_them(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[bytes] = context.Queue()
    workers = [context.Process(target=_fernet_key, args=(str(tmp_path), queue)) for _ in range(4)]
    for worker in workers:
        worker.start()
    tokens = [queue.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    keys = load_keys(Settings(data_dir=tmp_path))
    assert all(keys.fernet.decrypt(token) == b"secret" for token in tokens)
    # No draft is left behind.
    assert sorted(p.name for p in (tmp_path / "keys").iterdir()) == [
        "credentials.key",
        "signing.key",
    ]
