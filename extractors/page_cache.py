"""A cache of fetched pages on disk, keyed by URL."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .errors import InputError
from .fetching import Page, utc_now


class PageCache:
    """Fetched pages kept on disk by URL, so a re-run does not download them again. Only pages
    that arrived whole or cut at the size limit are kept; errors are tried again next time.
    Entries never expire: delete the folder to fetch afresh."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"cannot use {folder} as a cache: {error.strerror or error}") from None
        if not os.access(self.folder, os.W_OK | os.X_OK):
            raise InputError(f"cannot use {folder} as a cache: not writable")

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        base = self.folder / key[:2] / key
        return base.with_suffix(".json"), base.with_suffix(".body")

    def get(self, url: str) -> Page | None:
        """The page kept for `url`, or None: an entry that cannot be read, of the wrong shape, or
        whose body changed on disk since (its checksum) is a miss, fetched again and replaced."""
        meta_path, body_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            data = body_path.read_bytes()
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url or meta.get("size") != len(data):
            return None  # not ours, another URL's entry (a hash collision) or a torn write
        if meta.get("sha256") != hashlib.sha256(data).hexdigest():
            return None  # changed on disk, or written before entries carried a checksum
        fields = [meta.get(k) for k in ("final_url", "content_type", "charset", "fetched")]
        warnings = meta.get("warnings", [])
        if not isinstance(fields[0], str) or not all(f is None or isinstance(f, str) for f in fields) \
                or not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
            return None
        final_url, content_type, charset, fetched = fields
        return Page(data, final_url, content_type, charset, meta.get("truncated") is True, fetched, tuple(warnings))

    def put(self, url: str, page: Page) -> None:
        meta_path, body_path = self._paths(url)
        meta = {"url": url, "final_url": page.url, "content_type": page.content_type, "charset": page.charset,
                "truncated": page.truncated, "size": len(page.data), "sha256": hashlib.sha256(page.data).hexdigest(),
                "fetched": page.fetched_at or utc_now(), "warnings": list(page.warnings)}
        try:
            meta_path.parent.mkdir(exist_ok=True)
            # body first, then the metadata that vouches for it; each replaced atomically
            write_atomic(body_path, page.data)
            write_atomic(meta_path, json.dumps(meta).encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written only costs a download next time


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: a reader (another run, a Dask worker) sees the
    old file or the new one, never half of it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
