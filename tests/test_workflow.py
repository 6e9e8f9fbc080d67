"""The contributor workflow files agree with each other and with tox."""

from __future__ import annotations

import configparser
from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent
GITHUB = ROOT / ".github"


def tox_config() -> configparser.ConfigParser:
    config = configparser.ConfigParser(interpolation=None)
    config.read(ROOT / "tox.ini")
    return config


def test_lint_runs_exactly_the_pre_commit_hooks():
    commands = tox_config()["testenv:lint"]["commands"].split()
    assert commands == ["pre-commit", "run", "--all-files", "--show-diff-on-failure"]
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    ids = {hook["id"] for repo in hooks["repos"] for hook in repo["hooks"]}
    assert {
        "ruff-check",
        "ruff-format",
        "codespell",
        "end-of-file-fixer",
        "trailing-whitespace",
        "check-yaml",
        "check-toml",
        "mypy",
    } <= ids
    # Hooks come from the package index, so they run wherever pip does.
    assert {repo["repo"] for repo in hooks["repos"]} == {"local"}


def test_ci_runs_the_default_tox_envs():
    env_list = tox_config()["tox"]["env_list"].replace(",", " ").split()
    workflow = yaml.safe_load((GITHUB / "workflows/ci.yml").read_text())
    (job,) = workflow["jobs"].values()
    assert job["strategy"]["matrix"]["env"] == env_list
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True


def test_issue_forms_are_complete():
    forms = sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
    names = set()
    for form in forms:
        data = yaml.safe_load(form.read_text())
        if form.name == "config.yml":
            continue
        names.add(data["name"])
        ids = [item["id"] for item in data["body"] if "id" in item]
        assert len(ids) == len(set(ids)), form.name
        assert data["description"], form.name
    assert names == {
        "Report a factual error",
        "Propose a page",
        "Report a site problem",
    }


def test_the_pull_request_template_has_the_medical_checklist():
    template = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text()
    for item in ("cites a source", "public record", "Plain language", "`reviewed`"):
        assert item in template


def test_maintainers_own_the_files_every_page_depends_on():
    owned = {
        line.split()[0]
        for line in (GITHUB / "CODEOWNERS").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert owned == {"/ext/", "/docs/conf.py", "/docs/refs.bib"}


def test_the_docs_page_shows_contributing_md():
    page = (ROOT / "docs/reference/contributing.md").read_text()
    assert "```{include} ../../CONTRIBUTING.md" in page
    assert "<!-- start -->" in (ROOT / "CONTRIBUTING.md").read_text()
