"""The pre-commit hook, exercised with the real pre-commit tool on a temporary repository.

The shipped hook installs snslint with `language: python`, which needs the package
registry. Tests must stay offline, so the manifest itself is validated by pre-commit,
and the commit flow runs a copy of it that calls the snslint installed here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, snslint_executable

BAD = "【部外秘】来年度の案です。\n"
CLEAN = "ごみの収集日は毎週月曜日です。詳しくは市ホームページをご覧ください。\n"


def pre_commit(*args, cwd, env):
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def env(tmp_path):
    home = tmp_path / "pre-commit-home"
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def test_manifest_is_valid(env):
    completed = pre_commit("validate-manifest", str(ROOT / ".pre-commit-hooks.yaml"), cwd=ROOT, env=env)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "snslint" and hook["language"] == "python"


@pytest.fixture
def hook_repo(tmp_path, env) -> tuple[Path, str]:
    repo = tmp_path / "hook-repo"
    repo.mkdir()
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # Offline copy: the same hook, running the snslint installed with the tests.
    hook.update(language="unsupported", entry=f"{snslint_executable()} --no-color --no-cache")
    (repo / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump([hook], allow_unicode=True), encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", ".", cwd=repo)
    subprocess.run(["git", "commit", "-qm", "hook"], cwd=repo, env=env, check=True, capture_output=True)
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    return repo, sha


@pytest.fixture
def drafts_repo(tmp_path, hook_repo, env) -> Path:
    repo = tmp_path / "drafts"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    path, sha = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {sha}\n    hooks:\n      - id: snslint\n", encoding="utf-8")
    completed = pre_commit("install", cwd=repo, env=env)
    assert completed.returncode == 0, completed.stderr
    return repo


def commit(repo: Path, name: str, text: str, env) -> subprocess.CompletedProcess:
    (repo / name).write_text(text, encoding="utf-8")
    git("add", name, ".pre-commit-config.yaml", cwd=repo)
    return subprocess.run(["git", "commit", "-m", f"add {name}"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)


def test_bad_draft_blocks_the_commit_and_clean_one_passes(drafts_repo, env):
    blocked = commit(drafts_repo, "bad.txt", BAD, env)
    assert blocked.returncode != 0
    assert "confidential.marking" in blocked.stdout + blocked.stderr
    git("rm", "-q", "--cached", "bad.txt", cwd=drafts_repo)
    (drafts_repo / "bad.txt").unlink()
    passed = commit(drafts_repo, "clean.txt", CLEAN, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_try_repo(hook_repo, tmp_path, env):
    work = tmp_path / "work"
    work.mkdir()
    git("init", "-q", cwd=work)
    (work / "bad.txt").write_text(BAD, encoding="utf-8")
    (work / "clean.txt").write_text(CLEAN, encoding="utf-8")
    git("add", ".", cwd=work)
    repo, _sha = hook_repo
    bad = pre_commit("try-repo", str(repo), "snslint", "--files", "bad.txt", cwd=work, env=env)
    clean = pre_commit("try-repo", str(repo), "snslint", "--files", "clean.txt", cwd=work, env=env)
    assert bad.returncode == 1 and "部外秘" in bad.stdout
    assert clean.returncode == 0, clean.stdout

