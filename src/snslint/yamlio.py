"""Safe YAML loading with Japanese errors that name the file and line."""

from __future__ import annotations

from snslint.errors import ConfigError, InputError


def _yaml():
    # Imported on first use: a draft without front matter and no configuration file
    # (or a run that finds the shipped packs in the rule cache) reads no YAML at all.
    import yaml

    return yaml


def _loader():
    # The C loader is several times faster; fall back where PyYAML was built without it.
    yaml = _yaml()
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line_of(exc, first_line: int) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + first_line if mark is not None else None


def _describe(exc) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if "could not determine a constructor" in str(exc):
        return "安全でない YAML タグは使えません（" + problem + "）"
    return f"YAML の書式が正しくありません（{problem}）"


def load_yaml_text(text: str, path: str = "", first_line: int = 1, error=InputError):
    """Parse YAML text; `first_line` is the file line the text starts at."""
    yaml = _yaml()
    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        line = _line_of(exc, first_line)
        if error is ConfigError:
            raise ConfigError(_describe(exc), path=path, line=line) from None
        where = f"{line} 行目: " if line else ""
        raise error(f"{where}{_describe(exc)}") from None


def load_yaml_file(path) -> object:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"ファイルを読めませんでした（{exc}）", path=path) from None
    return load_yaml_text(text, str(path), error=ConfigError)


class LocatedYaml:
    """Parsed YAML plus the line each mapping key and list item starts on.

    Errors in rule packs and configs must name the line, which plain loading loses.
    """

    def __init__(self, data, lines: dict[tuple, int], path: str):
        self.data = data
        self.lines = lines
        self.path = path
        # Set for the packs shipped with snslint (see snslint.patterns).
        self.trusted = False

    def line(self, *keys) -> int | None:
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return None


def _index_lines(node, prefix: tuple, lines: dict, seen: set) -> None:
    # Aliases make the node graph a DAG; refusing them also defeats "billion laughs" bombs.
    if id(node) in seen:
        raise ValueError("alias")
    seen.add(id(node))
    yaml = _yaml()
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*prefix, key_node.value)
            lines[key] = key_node.start_mark.line + 1
            _index_lines(value_node, key, lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key = (*prefix, index)
            lines[key] = item.start_mark.line + 1
            _index_lines(item, key, lines, seen)


def load_located(path) -> LocatedYaml:
    """Load a rule pack or configuration file, keeping line numbers for errors."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"ファイルを読めませんでした（{exc}）", path=path) from None
    return parse_located(text, str(path))


def parse_located(text: str, path: str) -> LocatedYaml:
    yaml = _yaml()
    loader = _loader()(text)
    try:
        node = loader.get_single_node()
        lines: dict[tuple, int] = {}
        if node is not None:
            try:
                _index_lines(node, (), lines, set())
            except ValueError:
                raise ConfigError(
                    "YAML のエイリアス（& と *）は使えません。値をそのまま書いてください。",
                    path=path,
                ) from None
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise ConfigError(_describe(exc), path=path, line=_line_of(exc, 1)) from None
    finally:
        loader.dispose()
    return LocatedYaml(data, lines, path)
