"""Which data a build rests on: synthetic (rtw_synth) or real register extracts, and when it was built.

The generator writes ``<raw>/_SUCCESS`` with a ``generator=rtw_synth …`` line and ``key=value`` lines such as
``seed=42`` and ``scale=1.0``; real extracts have an empty ``_SUCCESS`` (README, "Real register extracts").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


class ProvenanceError(RuntimeError):
    """The raw directory does not say what it holds."""


@dataclass(frozen=True)
class Provenance:
    is_synthetic: bool
    generator: str | None
    seed: str | None
    scale: str | None
    raw_dir: str
    built_at: dt.datetime

    @property
    def data_label(self) -> str:
        """The sentence every page shows (Danish)."""
        if self.is_synthetic:
            details = [
                f"seed {self.seed}" if self.seed else None,
                f"skala {self.scale}" if self.scale else None,
            ]
            inner = ", ".join(d for d in [self.generator or "rtw_synth", *details] if d)
            return f"Bygget på syntetiske data ({inner})"
        return "Bygget på registerudtræk"

    @property
    def built_label(self) -> str:
        local = self.built_at.strftime("%d.%m.%Y kl. %H:%M")
        return f"bygget {local} ({self.built_at.isoformat(timespec='seconds')})"


def read_provenance(raw_dir: str | Path, built_at: dt.datetime | None = None) -> Provenance:
    """Read ``<raw_dir>/_SUCCESS``; fail loudly when it is missing (the data's origin would be unknown)."""
    success = Path(raw_dir) / "_SUCCESS"
    if not success.is_file():
        raise ProvenanceError(
            f"{success} not found: cannot tell whether the warehouse was built on synthetic data or on "
            "register extracts (rtw_synth writes it; real extracts need an empty _SUCCESS). "
            "Pass --raw-dir (env RTW_RAW_DIR) of the data the warehouse was built from."
        )
    fields: dict[str, str] = {}
    for line in success.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep:
            fields[key.strip()] = value.strip()
    generator = fields.get("generator")
    is_synthetic = bool(generator and generator.split()[0] == "rtw_synth")
    when = built_at or dt.datetime.now().astimezone().replace(microsecond=0)
    return Provenance(
        is_synthetic=is_synthetic,
        generator=generator,
        seed=fields.get("seed") if is_synthetic else None,
        scale=fields.get("scale") if is_synthetic else None,
        raw_dir=str(raw_dir),
        built_at=when,
    )
