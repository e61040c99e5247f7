"""What the user asked to analyse, as a list of `Source`s: INPUT arguments, `-i` lists,
folders, `--jsonl` records and stdin. Nothing is read or fetched here but lists and stdin."""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..extractors.records import Source

from .env import Environment

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")
InputItem = Source  # the name this module used before the library had one


class InputListError(Exception):
    """The inputs as given cannot be listed (an unreadable -i file, stdin twice): exit code 2."""


def collect(inputs: list[str], input_file: str | None, jsonl: str | None, env: Environment) -> list[InputItem]:
    items: list[InputItem] = []
    stdin_used = False

    def stdin_once(what: str, limit: int | None = None) -> bytes:
        nonlocal stdin_used
        if stdin_used:
            raise InputListError(f"stdin ('-') can be read only once, but {what} asks for it again")
        stdin_used = True
        return env.read_stdin(limit)

    for value in inputs:
        if value == "-":
            from ..extractors.reading import MAX_PAGE_BYTES

            # an article is read up to the size limit (and cut there, with a warning)
            items.append(InputItem(label="-", data=stdin_once("INPUT", MAX_PAGE_BYTES + 1)))
        else:
            items.extend(_expand(value))
    if input_file is not None:
        raw = stdin_once("-i") if input_file == "-" else _read_list(input_file)
        for line in raw.decode("utf-8", errors="replace").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                items.extend(_expand(line))
    if jsonl is not None:
        raw = stdin_once("--jsonl") if jsonl == "-" else _read_list(jsonl)
        items.extend(_records(raw.decode("utf-8", errors="replace"), jsonl))
    return items


def _read_list(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise InputListError(f"cannot read {path}: {error.strerror or error}") from None


def _expand(value: str) -> list[InputItem]:
    """A folder stands for every article file inside it and its subfolders, in name order;
    hidden files and folders are left out, and links to folders are not followed."""
    path = Path(value)
    if "://" in value or not path.is_dir():
        return [InputItem(label=value, location=value)]
    errors: list[OSError] = []
    files = []
    for folder, subfolders, names in os.walk(path, onerror=errors.append):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        files += [Path(folder) / n for n in names if not n.startswith(".") and Path(n).suffix.lower() in ARTICLE_SUFFIXES]
    if not files:
        reason = f"cannot read the folder: {errors[0].strerror}" if errors else "a folder with no .html, .htm or .txt files"
        return [InputItem(label=value, error=reason)]
    return [InputItem(label=str(p), location=str(p)) for p in sorted(files)]


def _records(text: str, source: str) -> list[InputItem]:
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            items.append(InputItem(label=label, error=f"not a JSON object: {error.msg}"))
            continue
        if not isinstance(record, dict):
            items.append(InputItem(label=label, error="not a JSON object"))
            continue
        record_id = record.get("id")
        record_id = None if record_id is None else str(record_id)
        url, html, body = record.get("url"), record.get("html"), record.get("text")
        common = dict(id=record_id, title=_str(record.get("title")), published=_str(record.get("published")))
        if isinstance(html, str):
            items.append(InputItem(label=url if isinstance(url, str) else label, html=html, url=_str(url), **common))
        elif isinstance(body, str):
            items.append(InputItem(label=url if isinstance(url, str) else label, text=body, url=_str(url), **common))
        elif isinstance(url, str):
            items.append(InputItem(label=url, location=url, **common))
        else:
            items.append(InputItem(label=label, error='a record needs "url", "html" or "text"', id=record_id))
    return items


def _str(value) -> str | None:
    return value if isinstance(value, str) and value else None
