"""`snslint count`: each draft's length as each platform counts it, its limit and what is left.

The platform is chosen as for linting (--platform, else the front matter's
`platform:`, else the configuration's); a draft with none is counted for every
platform, since counting, unlike linting, has nothing to complain about. The post
is counted as it will be published (snslint.platforms.length.Posted).

The JSON shape is a contract for scripts:
{"files": [{"path": …, "error": null, "platforms": [{"platform": "x", "length": N,
"limit": 280, "remaining": M, "valid": true}]}]}
"""

from __future__ import annotations

import json

from snslint.errors import ConfigError, InputError


def count_text(text: str, path: str, platform: str | None = None, config=None) -> list[dict]:
    """Counts for one decoded draft; raises InputError for broken front matter."""
    from snslint.frontmatter import split_front_matter
    from snslint.platforms.length import Posted, load_profiles, profiles_for

    meta, body_start = split_front_matter(text, path)
    chosen = platform or meta.get("platform") or getattr(config, "platform", None)
    if chosen:
        profiles = profiles_for(chosen)
        if not profiles:
            raise InputError(f"platform「{chosen}」のプロファイルがありません。使えるもの: "
                             + "、".join([*load_profiles(), "all"]))
    else:
        profiles = list(load_profiles().values())
    posted = Posted(text[body_start:]).text
    rows = []
    for profile in profiles:
        length = profile.measure(posted)
        rows.append({
            "platform": profile.key,
            "length": length,
            "limit": profile.limit,
            "remaining": profile.limit - length,
            "valid": profile.is_valid(posted),
        })
    return rows


def count_paths(paths: list[str], platform: str | None = None, config_path: str | None = None
                ) -> list[dict]:
    from snslint.config import config_for_draft
    from snslint.sources import expand_paths, read_source

    files = []
    for entry in expand_paths(paths):
        if entry.error:
            files.append({"path": entry.path, "error": entry.error, "platforms": []})
            continue
        try:
            config = config_for_draft(entry.path, config_path)
            # As when linting: drafts found by walking a folder honour `exclude`.
            if getattr(entry, "walked", False) and config.excludes(entry.path):
                continue
            source = read_source(entry.path)
            rows = count_text(source.text, entry.path, platform, config)
        except (InputError, ConfigError) as exc:
            files.append({"path": entry.path, "error": str(exc), "platforms": []})
            continue
        files.append({"path": entry.path, "error": None, "platforms": rows})
    return files


def render_json(files: list[dict], stream) -> None:
    json.dump({"files": files}, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def render_text(files: list[dict], stream, color: bool | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from snslint.platforms.length import load_profiles
    from snslint.report import make_console

    names = {key: profile.name for key, profile in load_profiles().items()}
    console = make_console(stream, color)
    table = Table(show_lines=False)
    table.add_column("ファイル", overflow="fold")
    table.add_column("SNS")
    table.add_column("文字数", justify="right")
    table.add_column("上限", justify="right")
    table.add_column("残り", justify="right")
    table.add_column("判定")
    for entry in files:
        if entry["error"]:
            table.add_row(entry["path"], Text(f"読み込めません: {entry['error']}", style="bold red"),
                          "", "", "", "")
            continue
        for index, row in enumerate(entry["platforms"]):
            over = row["remaining"] < 0
            verdict = Text("OK", style="green") if row["valid"] else \
                Text("超過" if over else ("空" if row["length"] == 0 else "不可"), style="bold red")
            table.add_row(
                entry["path"] if index == 0 else "",
                names.get(row["platform"], row["platform"]),
                f"{row['length']:,}", f"{row['limit']:,}",
                Text(f"{row['remaining']:,}", style="bold red" if over else ""),
                verdict,
            )
    console.print(table)
    shown = {row["platform"] for entry in files for row in entry.get("platforms") or []}
    notes = [note for name, note in _COUNTING_NOTES if name in shown]
    if notes:
        console.print("".join(notes), style="dim")


# How the less obvious counters count, printed under the table for the platforms shown.
_COUNTING_NOTES = (
    ("x", "X は漢字・かな・絵文字を2、URLを23として数えます。"),
    ("mastodon", "Mastodon は http(s):// で始まるURLを23として数えます。"),
)


def run_count(paths: list[str], *, platform: str | None, fmt: str, config_path: str | None,
              color: bool | None, stream) -> int:
    """Print the counts; the exit code is 2 when a draft could not be read, else 0."""
    files = count_paths(paths, platform, config_path)
    if fmt == "json":
        render_json(files, stream)
    else:
        render_text(files, stream, color)
    return 2 if any(entry["error"] for entry in files) else 0
