"""The method is in the repository: every "METHOD §n.m" cited in code or docs is a section of docs/METHOD.md,
every model and unit test docs/METHOD.md points to exists, and nothing points outside the repository."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
METHOD = REPO / "docs" / "METHOD.md"
SECTION = r"\d+(?:\.\d+)?"
# "METHOD §6.3–6.5", "METHOD.md §1", "§1.1-1.3": a bare § cites METHOD unless it is the report's "Bilag 3 §1"
# or a law's ("Sundhedsloven §140").
CITATION = re.compile(rf"(?<!Bilag \d )(?<!Bilag \d\d )(?<!loven )§\s*({SECTION})(?:\s*[–-]\s*({SECTION}))?")
SCANNED = (".sql", ".py", ".yml", ".yaml", ".md", ".j2", ".toml", "Makefile")


def method_sections(text: str) -> set[str]:
    """Section numbers of the headings of METHOD.md ("## 1. Population", "### 1.8 Repeat courses")."""
    found = set()
    for match in re.finditer(rf"(?m)^#{{2,3}} ({SECTION})\.?\s", text):
        number = match.group(1)
        found.add(number)
    return found


def citations(text: str) -> list[str]:
    """Every section number cited with §, both ends of a range."""
    out = []
    for match in CITATION.finditer(text):
        out += [g for g in match.groups() if g]
    return out


def repo_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [REPO / f for f in listed if f.endswith(SCANNED) and (REPO / f).is_file()]


def unit_test_names() -> set[str]:
    names = set()
    for path in (REPO / "models").rglob("*.yml"):
        for test in (yaml.safe_load(path.read_text()) or {}).get("unit_tests") or []:
            names.add(test["name"])
    return names


def test_sections_and_citations_are_parsed() -> None:
    assert method_sections("## 1. Population\n### 1.8 Repeat\n#### 9 not a section\n") == {"1", "1.8"}
    cited = citations("METHOD §6.3–6.5 and §1.1-1.3, Bilag 3 §3, Sundhedsloven §140, METHOD.md §2.")
    assert cited == ["6.3", "6.5", "1.1", "1.3", "2"]


def test_every_cited_section_exists() -> None:
    sections = method_sections(METHOD.read_text())
    assert {"1", "1.8", "2", "3", "4", "5", "6", "7", "8"} <= sections
    missing = [
        f"{path.relative_to(REPO)}: §{number}"
        for path in repo_files()
        if "rtw_synth" not in path.parts  # the generator cites the report's Bilag 3 §n as well
        for number in citations(path.read_text(errors="replace"))
        if number not in sections
    ]
    assert not missing, "cited sections missing from docs/METHOD.md:\n" + "\n".join(missing)


def test_method_points_to_existing_models_and_unit_tests() -> None:
    text = METHOD.read_text()
    links = re.findall(r"\]\(\.\./([^)]+)\)", text)
    assert len(links) > 20
    absent = [link for link in links if not (REPO / link).is_file()]
    assert not absent, f"docs/METHOD.md links to files that do not exist: {absent}"
    tests = set(re.findall(r"unit tests? `(test_\w+)`(?:, `(test_\w+)`)?", text))
    named = {name for pair in tests for name in pair if name}
    unknown = sorted(named - unit_test_names())
    assert not unknown, f"docs/METHOD.md names unit tests that do not exist: {unknown}"


@pytest.mark.parametrize("pattern", ["../" + "shared", "/work/" + "shared"])
def test_nothing_points_outside_the_repository(pattern: str) -> None:
    offenders = [str(p.relative_to(REPO)) for p in repo_files() if pattern in p.read_text(errors="replace")]
    assert not offenders, f"{pattern} referenced in {offenders}"
