"""Reports kept on disk (`--reports-cache DIR`), so a re-run over an archive analyses only what
changed.

A report is keyed by a hash of everything that makes it: the input's content as read (the bytes
of a file or fetched page, a record's text or HTML, with the URL, title, date, author, declared
type, how to read it and the warnings that reach the report), rashomon's version and its report schema, and the versions of
the spaCy pipeline, spaCy and trafilatura. Not by the input's name: the same article under
another path or id is the same report, given its own `input` and `id`. Keyed on the content
read rather than the text extracted from it, so that a re-run needs no HTML extraction, no model
and no worker process for what it has seen. Failures are not kept: they are tried again.

Each entry is written to a temporary file and renamed into place, so runs on many machines
sharing the folder never see a half-written one; an entry carries the hash of its body, and one
that does not match it (or does not read as a report) is a miss: recomputed, never returned.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from ..fetching import is_url
from ..page_cache import write_atomic
from ..reading import read_file
from ..errors import InputError, RashomonError
from ..records import SCHEMA_VERSION, Report, Source

# What an entry's first line says it is; a change of layout changes it.
ENTRY_FORMAT = "rashomon-report-1"
# A file's suffix says how it is read (as load_article reads it): carried as a declared type.
_SUFFIX_TYPES = {".html": "text/html", ".htm": "text/html", ".xhtml": "text/html", ".txt": "text/plain"}


class ReportCache:
    def __init__(self, folder: str | Path, model: str | None = None) -> None:
        self.folder = Path(folder)
        self.model = model
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(f"cannot use {folder} as a reports cache: {error.strerror or error}") from None
        if not self.folder.is_dir() or not os.access(self.folder, os.W_OK | os.X_OK):
            raise InputError(f"cannot use {folder} as a reports cache: not a writable folder")

    @cached_property
    def versions(self) -> dict:
        """What, besides the input, makes a report: read from the installed packages' metadata,
        without importing spaCy (a re-run served from here never loads the model)."""
        from .. import __version__
        from ..pipeline import default_model

        name = self.model or default_model()
        return {"rashomon": __version__, "schema": SCHEMA_VERSION, "pipeline": name,
                "pipeline_version": _pipeline_version(name), "spacy": _package_version("spacy"),
                "trafilatura": _package_version("trafilatura")}

    def lookup(self, source: Source) -> tuple[Source, str | None, Report | None]:
        """(the source to analyse, its key, the report kept for it or None). A local file is
        read here, and its bytes travel with the source, so the report kept is the one of the
        bytes the key was made from."""
        source = read_ahead(source)
        material = _material(source)
        if material is None:
            return source, None, None
        content, described = material
        digest = hashlib.sha256()
        digest.update(json.dumps({**described, **self.versions}, sort_keys=True, ensure_ascii=True).encode())
        digest.update(b"\0")
        digest.update(content)
        key = digest.hexdigest()
        report = self._get(key)
        if report is not None:  # the run's own: the input's name and id, where and when its page was fetched
            report.input, report.id = source.label, source.id
            fetched = source.fetched_at is not None
            report.provenance = replace(report.provenance, final_url=source.url if fetched else None,
                                        fetched_at=source.fetched_at)
        return source, key, report

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _get(self, key: str) -> Report | None:
        from ..compare.reports import report_from_dict

        try:
            header, _, body = self._path(key).read_bytes().partition(b"\n")
            kind, checksum = header.decode("ascii").split(" ")
            if kind != ENTRY_FORMAT or hashlib.sha256(body).hexdigest() != checksum:
                return None  # damaged, or written by another layout
            return report_from_dict(json.loads(body))
        except (OSError, ValueError, UnicodeError, RashomonError, RecursionError):
            return None

    def put(self, key: str, report: Report) -> None:
        data = report.to_dict()
        data["input"] = ""  # the name is the run's, not the article's
        data.pop("id", None)
        body = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
        entry = f"{ENTRY_FORMAT} {hashlib.sha256(body).hexdigest()}\n".encode() + body
        path = self._path(key)
        try:
            path.parent.mkdir(exist_ok=True)
            write_atomic(path, entry)
        except OSError:
            pass  # a cache that cannot be written costs only an analysis next time


def read_ahead(source: Source) -> Source:
    """A local file's source with the file's bytes in it (or the error reading it gave), to be
    analysed where the file cannot be read (another machine) exactly as if it were read there."""
    if source.data is not None or source.error or source.location is None or is_url(source.location):
        return source
    if source.text is not None or source.html is not None:
        return source
    try:
        data, warnings = read_file(source.location)
    except InputError as error:
        return replace(source, error=str(error))
    return replace(source, data=data, warnings=source.warnings + tuple(warnings),
                   content_type=_SUFFIX_TYPES.get(Path(source.location).suffix.lower()))


def _material(source: Source) -> tuple[bytes, dict] | None:
    """The bytes and the description that make the source's report; None for a source that
    cannot be keyed (it failed already, or is a URL not fetched)."""
    if source.error:
        return None
    # everything of the source that load_source reads, but when a page was fetched (each run's own)
    described = {"url": source.url, "title": source.title, "published": source.published, "author": source.author,
                 "content_type": source.content_type, "charset": source.charset, "reading": source.reading,
                 "fetched": bool(source.fetched_at), "warnings": list(source.warnings)}
    if source.data is not None:
        return source.data, {"kind": "bytes", **described}
    if source.html is not None:
        return source.html.encode("utf-8", "surrogatepass"), {"kind": "html", **described}
    if source.text is not None:
        return source.text.encode("utf-8", "surrogatepass"), {"kind": "text", **described}
    return None


def _package_version(name: str) -> str | None:
    from importlib import metadata

    try:
        return metadata.version(name)
    except (metadata.PackageNotFoundError, ValueError):
        return None


def _pipeline_version(name: str) -> str | None:
    """A pipeline package's version, or a pipeline folder's meta.json (its name and version)."""
    folder = Path(name)
    if folder.is_dir():
        try:
            meta = json.loads((folder / "meta.json").read_text("utf-8"))
            return f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
        except (OSError, ValueError, AttributeError):
            return None
    return _package_version(name)
