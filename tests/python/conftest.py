"""Shared pytest setup: run dbt in-process against this project with isolated paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]

# Nothing may call the internet.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")


@pytest.fixture(scope="session")
def project_dir() -> Path:
    return PROJECT_DIR
