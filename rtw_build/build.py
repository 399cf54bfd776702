"""The build orchestration (see the package docstring): inputs and build id, dbt, audit, export, publish."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import yaml

from report import build as report_build
from report.export import export, sha256
from report.marts import Marts
from report.provenance import FINISHED, ProvenanceError, read_marker, set_status, verify_db, write_metadata

PROJECT_DIR = Path(__file__).resolve().parents[1]
BUILD_FILE = "build.json"
# The thresholds the report prints, recorded with every build (dbt vars of the same name).
THRESHOLD_VARS = (
    "headline_month",
    "disclosure_max_persons",
    "dq_months_required",
    "dq_swing_upper",
    "dq_swing_lower",
    "dq_max_swings",
    "dq_min_persons_year",
    "dq_min_persons_total",
)


class BuildError(RuntimeError):
    """A step of the build failed; the publication is unchanged."""


# dbt warnings are errors, except a data test of severity warn: the unmapped-codes warning the data contract
# asks for (docs/DATA_CONTRACT.md) must be seen, not fail the build.
WARN_ERROR_FLAGS = ["--warn-error-options", '{"error": "all", "warn": ["LogTestResult"]}']


def say(message: str) -> None:
    print(f"rtw_build: {message}", flush=True)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# ------------------------------------------------------------------------------------------------ layout


@dataclass(frozen=True)
class Layout:
    db: Path  # the path readers open (a symlink into the publication)
    marts: Path | None = None
    report: Path | None = None

    @property
    def builds(self) -> Path:
        return self.db.parent / f"{self.db.stem}.builds"

    @property
    def published(self) -> Path:
        return self.db.parent / f"{self.db.stem}.published"

    def links(self) -> list[tuple[Path, str]]:
        """(stable path, its name inside a build folder)."""
        pairs = [(self.db, self.db.name)]
        pairs += [(p, name) for p, name in ((self.marts, "marts"), (self.report, "report")) if p is not None]
        return pairs


def _read_build(folder: Path) -> dict[str, object]:
    try:
        return json.loads((folder / BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_build(folder: Path, info: dict[str, object]) -> None:
    tmp = folder / f".{BUILD_FILE}.tmp"
    tmp.write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(folder / BUILD_FILE)


def publication(layout: Layout) -> dict[str, object] | None:
    """The published build's record (build.json), or None when nothing is published yet."""
    if not layout.published.is_symlink():
        return None
    return _read_build(layout.published.resolve()) or None


def describe_publication(layout: Layout) -> str:
    info = publication(layout)
    if info is None:
        return "nothing has been published yet"
    return f"build {info.get('build_id')} ({info.get('data_label')}), published {info.get('published_at')}"


def unfinished_builds(layout: Layout) -> list[tuple[Path, str]]:
    """Build folders that never became the publication, each with a sentence saying what happened."""
    current = layout.published.resolve() if layout.published.is_symlink() else None
    found = []
    for folder in sorted(layout.builds.glob("*")) if layout.builds.is_dir() else []:
        if not folder.is_dir() or folder == current or folder.name.startswith("."):
            continue
        info = _read_build(folder)
        status = info.get("status")
        if status in ("published", "superseded"):
            continue
        if status == "running":
            what = (
                f"did not finish (killed or crashed during step {info.get('step')!r}, started "
                f"{info.get('started_at')})"
            )
        elif status == "failed":
            what = f"failed at step {info.get('step')!r} ({info.get('error', '')})"
        else:
            what = "is not a build folder of rtw_build"
        found.append((folder, f"build folder {folder.name} {what}; it was never published"))
    return found


def _clean(layout: Layout, keep_previous: int = 1) -> None:
    """Remove unfinished builds (saying so) and all but the newest `keep_previous` earlier publications."""
    for folder, sentence in unfinished_builds(layout):
        say(f"{sentence} — removed")
        shutil.rmtree(folder, ignore_errors=True)
    current = layout.published.resolve() if layout.published.is_symlink() else None
    earlier = [
        f
        for f in sorted(layout.builds.glob("*"))
        if f.is_dir() and f != current and _read_build(f).get("status") in ("published", "superseded")
    ]
    for folder in earlier[: max(0, len(earlier) - keep_previous)]:
        shutil.rmtree(folder, ignore_errors=True)


def _swap_link(link: Path, target: str) -> None:
    """Point `link` at `target` in one rename (readers see the old or the new target, never none)."""
    tmp = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    if link.is_dir() and not link.is_symlink():  # an output of the time before publications: moved aside
        link.rename(link.with_name(f".{link.name}.before-publication-{os.getpid()}"))
    os.replace(tmp, link)


def _publish(layout: Layout, folder: Path, info: dict[str, object]) -> None:
    previous = layout.published.resolve() if layout.published.is_symlink() else None
    info.update(status="published", step="published", published_at=_now())
    _write_build(folder, info)
    _swap_link(layout.published, os.path.relpath(folder, layout.published.parent))
    for path, name in layout.links():
        target = os.path.relpath(layout.published / name, path.parent)
        if not (path.is_symlink() and os.readlink(path) == target):
            path.parent.mkdir(parents=True, exist_ok=True)
            _swap_link(path, target)
    for stale in layout.db.parent.glob(f".*.before-publication-{os.getpid()}"):
        shutil.rmtree(stale, ignore_errors=True)
    if previous is not None and previous != folder:
        old = _read_build(previous)
        if old:
            _write_build(previous, {**old, "status": "superseded"})


@contextlib.contextmanager
def _lock(layout: Layout) -> Iterator[None]:
    layout.builds.mkdir(parents=True, exist_ok=True)
    with (layout.builds / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                f"another build of {layout.db.name} is running (lock {layout.builds.name}/.lock)"
            ) from None
        yield


# ------------------------------------------------------------------------------------------------ inputs


def extract_checksums(raw_dir: Path) -> list[dict[str, object]]:
    """Every extract file under `raw_dir` (not ``_SUCCESS``, not folders or files starting with ``_`` or
    ``.``, such as the generator's ``_truth``): relative path, size, SHA-256; sorted by path."""
    out = []
    for path in sorted(raw_dir.rglob("*")):
        rel = path.relative_to(raw_dir)
        if path.is_file() and not any(part.startswith(("_", ".")) for part in rel.parts):
            out.append({"path": rel.as_posix(), "bytes": path.stat().st_size, "sha256": sha256(path)})
    return out


def code_version(project_dir: Path = PROJECT_DIR) -> str:
    """The git commit; with uncommitted changes to tracked files, ``+dirty.<hash of the diff>``."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=project_dir, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        commit = git("rev-parse", "--short=12", "HEAD")
        diff = git("diff", "HEAD", "--", ".", ":(exclude)data")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return f"{commit}+dirty.{hashlib.sha256(diff.encode()).hexdigest()[:8]}" if diff else commit


def project_vars(overrides: dict[str, object], project_dir: Path = PROJECT_DIR) -> dict[str, object]:
    """The dbt vars the build uses: dbt_project.yml's, overridden by ``--vars`` (dbt's own precedence)."""
    project = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
    return {**project.get("vars", {}), **overrides}


def metadata(raw_dir: Path, overrides: dict[str, object]) -> dict[str, object]:
    """The build-metadata row (status running) and, from its inputs, the build id."""
    marker = read_marker(raw_dir)
    extracts = extract_checksums(raw_dir)
    if not extracts:
        raise BuildError(f"no extract files in the raw folder {raw_dir.name}/ (only _SUCCESS?)")
    listing = "".join(f"{e['path']} {e['bytes']} {e['sha256']}\n" for e in extracts)
    extracts_sha = hashlib.sha256(listing.encode()).hexdigest()
    generator = marker.get("generator")
    synthetic = bool(generator and generator.split()[0] == "rtw_synth")
    version = code_version()
    dbt_vars = json.dumps(overrides, sort_keys=True)
    identity = json.dumps([extracts_sha, sorted(marker.items()), version, dbt_vars])
    values = project_vars(overrides)
    return {
        "build_id": hashlib.sha256(identity.encode()).hexdigest()[:12],
        "build_status": "running",
        "data_source": "synthetic" if synthetic else "register",
        "generator": generator if synthetic else None,
        "generator_seed": int(marker["seed"]) if synthetic and "seed" in marker else None,
        "generator_scale": float(marker["scale"]) if synthetic and "scale" in marker else None,
        "extracts_sha256": extracts_sha,
        "extracts": extracts,
        "code_version": version,
        "dbt_vars": dbt_vars,
        **{name: values[name] for name in THRESHOLD_VARS},
    }


# ------------------------------------------------------------------------------------------------ steps


def _dbt(command: list[str], db: Path, raw_dir: Path, env_extra: dict[str, str] | None = None) -> int:
    dbt = Path(sys.executable).with_name("dbt")
    env = {**os.environ, "RTW_DUCKDB_PATH": str(db), "RTW_RAW_DIR": str(raw_dir), **(env_extra or {})}
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))
    return subprocess.run([str(dbt), *command], cwd=PROJECT_DIR, env=env, check=False).returncode


def _failures(target_path: Path) -> list[str]:
    """The failing nodes of the last dbt command, one line each (its own message's first line)."""
    try:
        results = json.loads((PROJECT_DIR / target_path / "run_results.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    lines = []
    for r in results.get("results", []):
        if r.get("status") in ("error", "fail", "runtime error"):
            message = (r.get("message") or "").strip().splitlines()
            text = next((m.strip() for m in message if "Error:" in m or "Bad input" in m), None)
            lines.append(f"{r.get('unique_id')}: {text or (message[0] if message else r.get('status'))}")
    return lines


def run_build(
    raw_dir: Path,
    layout: Layout,
    overrides: dict[str, object],
    *,
    target_path: Path = Path("target"),
    warn_error: bool = False,
    docs: bool = False,
    jobs: int | None = None,
) -> dict[str, object]:
    """The whole write–audit–publish cycle; raises BuildError (publication unchanged) on any failure."""
    with _lock(layout):
        _clean(layout)
        say(f"publication now: {describe_publication(layout)}")
        started = time.perf_counter()
        say(f"reading the inputs in {raw_dir} (checksums of every extract)")
        try:
            meta = metadata(raw_dir, overrides)
        except ProvenanceError as err:
            raise BuildError(str(err)) from None
        build_id = str(meta["build_id"])
        folder = layout.builds / f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{build_id}"
        folder.mkdir(parents=True)
        db = folder / layout.db.name
        info: dict[str, object] = {
            "build_id": build_id,
            "status": "running",
            "step": "start",
            "started_at": _now(),
            "pid": os.getpid(),
        }
        _write_build(folder, info)

        def step(name: str) -> None:
            info["step"] = name
            _write_build(folder, info)
            say(f"[{name}] build {build_id} ({time.perf_counter() - started:.0f} s)")

        try:
            step("metadata")
            with duckdb.connect(str(db)) as con:
                write_metadata(con, meta)
            step("dbt build")
            dbt_vars = json.dumps({**overrides, "build_id": build_id})
            common = ["--vars", dbt_vars, "--target-path", str(target_path)]
            flags = WARN_ERROR_FLAGS if warn_error else []
            if _dbt([*flags, "build", *common], db, raw_dir) != 0:
                failures = _failures(target_path)
                detail = "".join(f"\n  - {f}" for f in failures[:20])
                raise BuildError(f"dbt build failed ({len(failures)} failing node(s)){detail}")
            if docs:
                step("dbt docs generate")
                if _dbt([*flags, "docs", "generate", *common], db, raw_dir) != 0:
                    raise BuildError("dbt docs generate failed")
            step("audit")
            with duckdb.connect(str(db)) as con:
                set_status(con, FINISHED)
            with duckdb.connect(str(db), read_only=True) as con:
                prov = verify_db(con, f"the new warehouse of build {build_id}")
            if layout.marts is not None:
                step("export")
                export(db, folder / "marts")
            if layout.report is not None:
                step("report")
                with Marts(db=db) as marts:
                    report_build.build(marts, prov, folder / "report", jobs=jobs)
            step("publish")
            info["data_label"] = prov.data_label
            _publish(layout, folder, info)
        except (
            BuildError,
            ProvenanceError,
            report_build.MissingMartError,
            report_build.DisclosureError,
        ) as err:
            info.update(status="failed", error=str(err).splitlines()[0])
            _write_build(folder, info)
            raise BuildError(f"build {build_id} failed at step {info['step']!r}: {err}") from None
        except KeyboardInterrupt:
            info.update(status="failed", error="interrupted")
            _write_build(folder, info)
            raise BuildError(f"build {build_id} was interrupted at step {info['step']!r}") from None
        say(
            f"published build {build_id} ({prov.data_label}, code {prov.code_version}) "
            f"in {time.perf_counter() - started:.0f} s: {layout.db}"
            + (f", {layout.marts}" if layout.marts else "")
            + (f", {layout.report}" if layout.report else "")
        )
        return info


# ---------------------------------------------------------------------------------------------- command line


def _layout(args: argparse.Namespace) -> Layout:
    # Absolute: dbt runs in the project directory, whatever the caller's working directory.
    return Layout(
        db=Path(args.db).absolute(),
        marts=Path(args.marts).absolute() if getattr(args, "marts", None) else None,
        report=Path(args.report).absolute() if getattr(args, "report", None) else None,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rtw_build", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build, test and (only if everything passed) publish")
    status = sub.add_parser("status", help="the publication and any build that did not finish")
    for p in (build, status):
        p.add_argument("--db", default=os.environ.get("RTW_DUCKDB_PATH", "data/rtw_benchmark.duckdb"))
    build.add_argument("--raw-dir", default=os.environ.get("RTW_RAW_DIR", "data/raw"), type=Path)
    build.add_argument("--marts", default="data/marts", help="Parquet export (empty: none)")
    build.add_argument("--report", default="data/report", help="report pages (empty: none)")
    build.add_argument("--vars", default="{}", help="dbt vars (YAML), recorded in the build metadata")
    build.add_argument("--target-path", default="target", type=Path)
    build.add_argument(
        "--warn-error", action="store_true", help="dbt warnings are errors, except warn-severity data tests"
    )
    build.add_argument("--docs", action="store_true", help="also dbt docs generate (before publishing)")
    build.add_argument("--jobs", type=int, default=None, help="processes for the report pages")
    args = parser.parse_args(argv)
    layout = _layout(args)
    if args.command == "status":
        say(f"publication of {layout.db}: {describe_publication(layout)}")
        for _, sentence in unfinished_builds(layout):
            say(sentence)
        return 0
    # SIGTERM (e.g. a CI timeout) ends the build like Ctrl-C: recorded as interrupted, nothing published.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        overrides = yaml.safe_load(args.vars) or {}
        run_build(
            args.raw_dir.absolute(),
            layout,
            overrides,
            target_path=args.target_path,
            warn_error=args.warn_error,
            docs=args.docs,
            jobs=args.jobs,
        )
    except BuildError as err:
        print(f"rtw_build: {err}", file=sys.stderr)
        print(f"rtw_build: the publication is unchanged: {describe_publication(layout)}", file=sys.stderr)
        return 1
    return 0
