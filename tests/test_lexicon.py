"""The word lists are data the rules read: every key of every lexicon file is loaded, and every
list the loaders build is read by some rule (a key loaded and never read is a rule that silently
does nothing)."""
from __future__ import annotations

import re
import tomllib
import types
from dataclasses import fields
from pathlib import Path

import rashomon.extractors.compare.words as compare_words
import rashomon.extractors.lexicon as lexicon_module
import rashomon.extractors.lexicon.frames as frames_module
from rashomon.extractors.lexicon import Lexicon
from rashomon.extractors.lexicon.frames import Frame, Reading

LEXICON_DIR = Path(lexicon_module.__file__).resolve().parent
PACKAGE = LEXICON_DIR.parent


class _Tracked(dict):
    """A TOML table that notes which of its keys are read (iterating it reads them all)."""

    def __init__(self, data: dict, path: str, seen: set[str]):
        super().__init__({k: _Tracked(v, f"{path}.{k}", seen) if isinstance(v, dict) else v for k, v in data.items()})
        self.path, self.seen = path, seen

    def _note(self, key) -> None:
        self.seen.add(f"{self.path}.{key}")

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def _note_all(self) -> None:
        for key in dict.keys(self):
            self._note(key)

    def items(self):
        self._note_all()
        return super().items()

    def values(self):
        self._note_all()
        return super().values()

    def keys(self):
        self._note_all()
        return super().keys()

    def __iter__(self):
        self._note_all()
        return super().__iter__()


def _keys(data: dict, path: str):
    """A file's keys down to its word lists; a table whose values are all lists or strings is
    a mapping read whole (states and their aliases), so its own keys are not listed."""
    for key, value in data.items():
        yield f"{path}.{key}"
        if isinstance(value, dict) and any(isinstance(v, dict) for v in value.values()):
            yield from _keys(value, f"{path}.{key}")


def test_every_key_of_every_lexicon_file_is_loaded(monkeypatch):
    seen: set[str] = set()
    read = lambda name: tomllib.loads((LEXICON_DIR / name).read_text("utf-8"))  # noqa: E731
    monkeypatch.setattr(lexicon_module, "_load", lambda name: _Tracked(read(name), name, seen))
    monkeypatch.setattr(frames_module, "_load", lambda name: _Tracked(read(name), name, seen))
    compare_tables = types.SimpleNamespace(loads=lambda text: _Tracked(tomllib.loads(text), "compare.toml", seen))
    monkeypatch.setattr(compare_words, "tomllib", compare_tables)
    for loader in (lexicon_module.load_lexicon, frames_module.load_frames, frames_module.load_reading, compare_words.compare_words):
        loader.__wrapped__()
    files = sorted(p.name for p in LEXICON_DIR.glob("*.toml"))
    wanted = {key for name in files for key in _keys(read(name), name)}
    assert sorted(wanted - seen) == []


def _source_without(defining: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(PACKAGE.rglob("*.py")) if p != defining)


def test_every_loaded_list_is_read_by_a_rule():
    lexicon_file = LEXICON_DIR / "__init__.py"
    unread = []
    for record, defining in ((Lexicon, lexicon_file), (Reading, LEXICON_DIR / "frames.py"), (Frame, LEXICON_DIR / "frames.py")):
        # the unions a Lexicon builds of its own lists count as reads of them
        source = _source_without(defining) + ("\n" + lexicon_file.read_text("utf-8").split("# Unions", 1)[-1] if record is Lexicon else "")
        unread += [f"{record.__name__}.{f.name}" for f in fields(record) if not re.search(rf"\.{f.name}\b", source)]
    assert unread == []
