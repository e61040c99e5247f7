"""What the user asked to analyse, as a list of `InputItem`s: INPUT arguments, `-i` lists,
folders, `--jsonl` records and stdin. Nothing is read or fetched here but lists and stdin."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .env import Environment

ARTICLE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")


class InputListError(Exception):
    """The inputs as given cannot be listed (an unreadable -i file, stdin twice): exit code 2."""


@dataclass(frozen=True)
class InputItem:
    label: str  # the input as the user gave it; becomes the report's "input"
    location: str | None = None  # a path or URL to load
    data: bytes | None = None  # content given inline (stdin)
    text: str | None = None  # article text given in a --jsonl record
    html: str | None = None  # page given in a --jsonl record
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    error: str | None = None  # a record that was broken before anything was read


def collect(inputs: list[str], input_file: str | None, jsonl: str | None, env: Environment) -> list[InputItem]:
    items: list[InputItem] = []
    stdin_used = False

    def stdin_once(what: str) -> bytes:
        nonlocal stdin_used
        if stdin_used:
            raise InputListError(f"stdin ('-') can be read only once, but {what} asks for it again")
        stdin_used = True
        return env.read_stdin()

    for value in inputs:
        if value == "-":
            items.append(InputItem(label="-", data=stdin_once("INPUT")))
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
    """A folder stands for every article file inside it, in name order."""
    path = Path(value)
    if "://" not in value and path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        return [InputItem(label=str(p), location=str(p)) for p in files]
    return [InputItem(label=value, location=value)]


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
