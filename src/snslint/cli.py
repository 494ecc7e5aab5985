"""Command line: `snslint PATHS...` lints; `rules`, `explain` describe the rules.

Only click is imported at start-up: `snslint --version` and `--help` must stay instant,
so the engine, YAML, the tokenizer and rich are imported inside the commands.
"""

from __future__ import annotations

import gc
import sys

import click

from snslint import __version__

PLATFORMS = ("x", "facebook", "instagram", "threads", "bluesky", "mastodon", "line", "all")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _DefaultToLint(click.Group):
    """`snslint draft.txt` means `snslint lint draft.txt`, as in ruff and Vale."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["lint", *args]
        return super().parse_args(ctx, args)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.group(cls=_DefaultToLint, context_settings={"help_option_names": ["-h", "--help"]},
             invoke_without_command=True)
@click.version_option(__version__, "--version", prog_name="snslint", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx):
    """自治体の SNS 投稿の下書きを、ソーシャルメディア利用ガイドラインに照らして検査します。

    \b
    使い方:
      snslint draft.txt             下書きを検査する
      snslint drafts/               フォルダ内の .txt / .md をすべて検査する
      snslint rules                 ルールの一覧
      snslint explain RULE          ルールの説明と例
    """
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@cli.command("lint")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]),
              default=None, help="出力形式（既定: text。--ci で GitHub Actions 上なら github）。")
@click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True),
              default=None, help="結果を標準出力ではなくこのファイルに書く。")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error",
              show_default=True, help="この重大度以上の指摘があれば終了コード 1 にする。")
@click.option("--select", multiple=True, metavar="RULES",
              help="実行するルール ID（前方一致、カンマ区切り可）。")
@click.option("--ignore", multiple=True, metavar="RULES",
              help="実行しないルール ID（前方一致、カンマ区切り可）。")
@click.option("--platform", type=click.Choice(PLATFORMS), default=None,
              help="投稿先の SNS（フロントマターや設定ファイルの platform より優先）。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="設定ファイル（省略時は下書きのフォルダから上へ .snslint.yaml を探す）。")
@click.option("--ci", is_flag=True, help="CI 向け: 色なし、決裁情報を必須に、GitHub Actions 上では注釈形式。")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="並列に検査するプロセス数（既定: CPU コア数）。")
@click.option("--no-cache", is_flag=True, help="結果のキャッシュ（.snslint_cache/）を使わない。")
@click.option("--color/--no-color", default=None, help="色付き表示を強制する／しない。")
@click.option("--fix", is_flag=True,
              help="意味の変わらない修正（半角カタカナ・機種依存文字・行末の空白・NFC）を書き込んでから検査する。")
@click.option("--diff", "show_diff", is_flag=True,
              help="--fix で行う修正を差分で表示するだけで、ファイルは書き換えない（検査はしない）。")
def lint_command(paths, fmt, output, fail_on, select, ignore, platform, config_path, ci, jobs,
                 no_cache, color, fix=False, show_diff=False):
    """下書きファイル（.txt / .md）やフォルダを検査します。- で標準入力を読みます。"""
    import os

    from snslint.engine import fails
    from snslint.runner import Options, Runner

    if config_path:
        _check_config(config_path)
    if ci:
        color = False
        if fmt is None and os.environ.get("GITHUB_ACTIONS") == "true":
            fmt = "github"
    options = Options(select=_split(select), ignore=_split(ignore), platform=platform,
                      config=config_path, require_approval=ci or None,
                      jobs=jobs or os.cpu_count() or 1, cache=not no_cache)
    runner = Runner(options)
    runner.check_selectors()
    if fix or show_diff:
        from snslint.fix import run_fixes

        code = run_fixes(list(paths), runner, write=not show_diff, out=sys.stdout, err=sys.stderr)
        if show_diff:
            sys.exit(code)
    results = runner.run(list(paths))
    _write_report(fmt or "text", results, output, color, runner)
    if any(result.error for result in results):
        sys.exit(EXIT_USAGE)
    findings = [finding for result in results for finding in result.findings]
    sys.exit(EXIT_FINDINGS if fails(findings, fail_on) else EXIT_OK)


def _write_report(fmt, results, output, color, runner) -> None:
    from snslint.report import render

    rules = runner.reported_rules() if fmt == "sarif" else ()
    if output is None:
        render(fmt, results, sys.stdout, color=color, rules=rules)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="\n") as stream:
            render(fmt, results, stream, color=False, rules=rules)
    except OSError as exc:
        from snslint.errors import SnslintError

        raise SnslintError(f"{output}: 結果を書き込めませんでした（{exc.strerror}）。") from None


def _check_config(path: str) -> None:
    """An explicit --config that is broken stops the run before any draft is read."""
    import os
    from pathlib import Path

    from snslint.config import config_for_file
    from snslint.errors import ConfigError

    if not Path(path).is_file():
        raise ConfigError("設定ファイルが見つかりません。", path=path)
    config_for_file(Path(os.path.abspath(path)))


@cli.command("count")
@click.argument("paths", nargs=-1, required=True)
@click.option("--platform", type=click.Choice(PLATFORMS), default=None,
              help="数える SNS（省略時はフロントマターや設定ファイルの platform、なければすべて）。")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="出力形式。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="設定ファイル（省略時は下書きのフォルダから上へ .snslint.yaml を探す）。")
@click.option("--color/--no-color", default=None, help="色付き表示を強制する／しない。")
def count_command(paths, platform, fmt, config_path, color):
    """投稿先の SNS の数え方で、下書きの文字数・上限・残りを表示します。"""
    from snslint.count import run_count

    if config_path:
        _check_config(config_path)
    sys.exit(run_count(list(paths), platform=platform, fmt=fmt, config_path=config_path,
                       color=color, stream=sys.stdout))


@cli.command("rules")
def rules_command():
    """読み込まれているルールを一覧表示します。"""
    from snslint.explain import print_rules
    from snslint.rules import load_rules

    print_rules(load_rules(), sys.stdout)


@cli.command("explain")
@click.argument("rule_id")
def explain_command(rule_id):
    """ルールが何を検査するか、なぜか（ガイドラインの該当箇所）、例を表示します。"""
    from snslint.errors import ConfigError
    from snslint.explain import explain_rule
    from snslint.rules import load_rules

    rules = {rule.id: rule for rule in load_rules()}
    if rule_id not in rules:
        close = [rid for rid in rules if rid.startswith(rule_id) or rule_id in rid]
        hint = f" 候補: {'、'.join(close[:5])}" if close else " `snslint rules` で一覧を確認してください。"
        raise ConfigError(f"ルール「{rule_id}」はありません。{hint}")
    explain_rule(rules[rule_id], sys.stdout)


@cli.command("init")
@click.argument("folder", type=click.Path(file_okay=False), default=".")
def init_command(folder):
    """説明付きの設定ファイル .snslint.yaml をフォルダに作ります（既にあれば何もしません）。"""
    from pathlib import Path

    from snslint.errors import SnslintError

    target = Path(folder) / ".snslint.yaml"
    if target.exists():
        raise SnslintError(f"{target} は既にあります。上書きしないので、内容を確認して編集してください。")
    starter = Path(__file__).with_name("starter-config.yaml").read_text(encoding="utf-8")
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(starter)
    except OSError as exc:
        raise SnslintError(f"{target} を作れませんでした（{exc.strerror}）。") from None
    click.echo(f"{target} を作りました。official_accounts と official_contacts を市の値に書き換えてください。")


def main(argv=None) -> None:
    """Entry point: Japanese errors and exit code 2 instead of tracebacks."""
    # Start-up makes the modules, rule packs and patterns that live as long as the
    # process, and nothing cyclic to reclaim: the collector would only walk them again
    # and again (about 10 ms of a one-draft run). Each batch of drafts is collected
    # after it is linted (runner._collector_paused).
    enabled = gc.isenabled()
    gc.disable()
    try:
        _main(argv)
    finally:
        if enabled:
            gc.enable()  # for callers that run the command in their own process


def _main(argv) -> None:
    from snslint.errors import SnslintError

    try:
        cli.main(args=argv, prog_name="snslint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("中断しました。", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        click.echo(f"エラー: {exc.format_message()}", err=True)
        click.echo("使い方は `snslint --help` で確認できます。", err=True)
        sys.exit(EXIT_USAGE)
    except SnslintError as exc:
        click.echo(f"エラー: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except BrokenPipeError:
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # noqa: BLE001 - a user must never see a traceback
        import os

        if os.environ.get("SNSLINT_DEBUG"):
            raise
        click.echo(f"エラー: snslint の内部エラーです（{type(exc).__name__}: {exc}）。"
                   "SNSLINT_DEBUG=1 を付けて再実行した結果を開発者にお知らせください。", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_OK)
