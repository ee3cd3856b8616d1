"""The error every proposal job raises when input does not fit: a catalogue key and values."""

from __future__ import annotations


class FlowError(Exception):
    """The citizen's input does not fit the current step; ``key`` names the message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
