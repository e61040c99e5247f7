"""Errors the library raises for bad input. The CLI turns each into one line on stderr."""
from __future__ import annotations


class RashomonError(Exception):
    """Base class: the message is meant for the user as it is."""


class InputError(RashomonError):
    """The input cannot be read: missing, empty, binary, a directory, unreadable."""


class FetchError(RashomonError):
    """A URL could not be fetched: unreachable, HTTP error, not HTML, refused address."""


class ExtractionError(RashomonError):
    """The page held no article text."""


class ModelError(RashomonError):
    """The spaCy pipeline cannot be loaded."""


class SetupError(RashomonError):
    """The installation lacks something every input of a kind needs (a package HTML needs)."""
