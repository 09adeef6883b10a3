"""One-time downloads: a file the server made for a clerk, served once under a random name, then deleted.

Every file gets its own directory named by a random token (192 bits) in one store directory on disk, so
all workers of the app (and all requests) see the same files. Taking a file renames its directory
first, so of two concurrent requests exactly one gets it. Whatever is not fetched within the expiry
is deleted by the next publish or take; nothing is kept longer than that.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_TTL = 600  # seconds
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")  # secrets.token_urlsafe(24)
_CLAIMED = ".taken-"


@dataclass(frozen=True)
class Taken:
    """A claimed file: serve it, then call done() to delete it."""

    path: Path

    def done(self) -> None:
        shutil.rmtree(self.path.parent, ignore_errors=True)


def store_dir() -> Path:
    """The store: ZHIBIAO_DOWNLOAD_DIR, or zhibiao-downloads in the system's temporary folder."""
    configured = os.environ.get("ZHIBIAO_DOWNLOAD_DIR", "").strip()
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "zhibiao-downloads"


def ttl() -> int:
    """Seconds a download link stays valid: ZHIBIAO_DOWNLOAD_TTL, 600 by default."""
    text = os.environ.get("ZHIBIAO_DOWNLOAD_TTL", "").strip()
    return int(text) if text else DEFAULT_TTL


def _root() -> Path:
    root = store_dir()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return root


def publish(path: Path) -> str:
    """Move path into the store under a new random token and return the token."""
    root = _root()
    sweep(root)
    token = secrets.token_urlsafe(24)
    slot = root / token
    slot.mkdir(mode=0o700)
    target = slot / path.name
    shutil.move(path, target)
    now = time.time()
    os.utime(target, (now, now))  # the expiry runs from now, not from when the file was rendered
    return token


def take(token: str) -> Taken | None:
    """The file published under token, once; None when the token is unknown, already taken or expired."""
    if not _TOKEN.fullmatch(token):
        return None
    root = _root()
    sweep(root)
    claimed = root / f"{_CLAIMED}{token}-{secrets.token_hex(4)}"
    try:
        os.rename(root / token, claimed)  # atomic: a second request finds nothing to rename
    except OSError:
        return None
    files = [p for p in claimed.iterdir() if p.is_file()]
    if len(files) != 1 or _expired(files[0].stat().st_mtime):
        shutil.rmtree(claimed, ignore_errors=True)
        return None
    return Taken(files[0])


def _expired(mtime: float, grace: int = 0) -> bool:
    return time.time() - mtime > ttl() + grace


def sweep(root: Path | None = None) -> None:
    """Delete every file whose link has expired (and claims left by a request that died)."""
    root = root or store_dir()
    if not root.is_dir():
        return
    for entry in root.iterdir():
        try:
            stamp = max([p.stat().st_mtime for p in entry.iterdir()], default=entry.stat().st_mtime)
        except (FileNotFoundError, NotADirectoryError):
            continue  # taken meanwhile by another request, or not ours
        grace = 60 if entry.name.startswith(_CLAIMED) else 0  # a claim is being served right now
        if _expired(stamp, grace):
            shutil.rmtree(entry, ignore_errors=True)
