"""rtw_build without dbt: the build id and metadata come from the data, and the publication switch.

The full cycle (dbt, a failed and a killed build, byte-identical reruns) is tests/python/test_publication.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import raw_fixture

from rtw_build import build as rtw_build


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    out = raw_fixture.write(tmp_path / "raw")
    (out / "_SUCCESS").write_text("generator=rtw_synth 0.1.0\nseed=7\nscale=0.01\n", encoding="utf-8")
    (out / "_truth").mkdir()
    (out / "_truth" / "courses.parquet").write_bytes(b"not an extract")
    return out


def test_metadata_comes_from_the_data_with_relative_paths_only(raw: Path) -> None:
    meta = rtw_build.metadata(raw, {"dq_min_persons_year": 2})
    assert meta["data_source"] == "synthetic" and meta["generator"] == "rtw_synth 0.1.0"
    assert (meta["generator_seed"], meta["generator_scale"]) == (7, 0.01)
    assert meta["dq_min_persons_year"] == 2 and meta["dq_min_persons_total"] == 75  # var, else the project's
    assert meta["disclosure_max_persons"] == 5 and meta["headline_month"] == 3
    paths = [e["path"] for e in meta["extracts"]]
    assert "bef/part-0.parquet" in paths and not any(p.startswith("_") for p in paths)
    assert str(raw) not in json.dumps(meta)  # no absolute path anywhere
    (raw / "_SUCCESS").write_text("", encoding="utf-8")
    real = rtw_build.metadata(raw, {"dq_min_persons_year": 2})
    assert real["data_source"] == "register" and real["generator"] is None and real["generator_seed"] is None


def test_the_build_id_follows_the_inputs(raw: Path) -> None:
    first = rtw_build.metadata(raw, {})["build_id"]
    assert rtw_build.metadata(raw, {})["build_id"] == first  # same inputs, same id
    assert rtw_build.metadata(raw, {"dq_min_persons_year": 2})["build_id"] != first  # other vars
    (raw / "dod" / "part-0.parquet").write_bytes((raw / "dod" / "part-0.parquet").read_bytes() + b"\0")
    assert rtw_build.metadata(raw, {})["build_id"] != first  # another extract


def test_publish_switches_every_path_at_once_and_names_unfinished_builds(tmp_path: Path) -> None:
    layout = rtw_build.Layout(db=tmp_path / "w.duckdb", marts=tmp_path / "marts", report=tmp_path / "report")
    (tmp_path / "marts").mkdir()  # an export of the time before publications
    folders = []
    for name in ("20260101T000000Z-aaa", "20260102T000000Z-bbb"):
        folder = layout.builds / name
        (folder / "marts").mkdir(parents=True)
        (folder / "report").mkdir()
        (folder / "w.duckdb").write_text(name, encoding="utf-8")
        (folder / "marts" / "m.parquet").write_text(name, encoding="utf-8")
        folders.append(folder)
        rtw_build._publish(layout, folder, {"build_id": name[-3:], "data_label": "syntetisk"})
        assert layout.db.read_text(encoding="utf-8") == name
        assert (layout.marts / "m.parquet").read_text(encoding="utf-8") == name
        assert os.readlink(layout.published) == f"w.builds/{name}"
    assert rtw_build._read_build(folders[0])["status"] == "superseded"
    assert "build bbb (syntetisk), published" in rtw_build.describe_publication(layout)
    killed = layout.builds / "20260103T000000Z-ccc"
    killed.mkdir()
    rtw_build._write_build(killed, {"build_id": "ccc", "status": "running", "step": "dbt build"})
    [(folder, sentence)] = rtw_build.unfinished_builds(layout)
    assert folder == killed and "did not finish (killed or crashed during step 'dbt build'" in sentence
    rtw_build._clean(layout)
    assert not killed.exists() and folders[0].exists() and folders[1].exists()  # previous kept for readers
