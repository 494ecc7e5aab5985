"""Errors that end up in front of a user, always with a Japanese message."""


class SnslintError(Exception):
    """Base class: `str(error)` is the Japanese message shown to the user."""


class InputError(SnslintError):
    """A draft could not be read or decoded; the run goes on with other files."""


class ConfigError(SnslintError):
    """A rule pack or configuration file is broken; the run cannot go on."""

    def __init__(self, message: str, *, path=None, line=None, rule=None, key=None):
        self.path = path
        self.line = line
        self.rule = rule
        self.key = key
        super().__init__(self._compose(message))

    def _compose(self, message: str) -> str:
        where = []
        if self.path is not None:
            where.append(str(self.path) + (f":{self.line}" if self.line else ""))
        if self.rule:
            where.append(f"ルール「{self.rule}」")
        if self.key:
            where.append(f"キー「{self.key}」")
        return f"{' '.join(where)}: {message}" if where else message
