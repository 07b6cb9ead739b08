#!/usr/bin/env python3
"""Reference workflow for scripts/bench.sh: what an analyst would write with pandas.

It mirrors the aggregation part of `cdsreport validate` + `cdsreport build` on a workspace
(for example one written by examples/synth.rs), without any of the checks, provenance or
report rendering:

* every submission file under WORKSPACE/submissions/<period>/ is read:
  - `.xlsx` forms with `pandas.read_excel(path, sheet_name="Chỉ tiêu", engine="openpyxl",
    header=None)`; the header row is the first row with a cell "Mã", and the columns
    "Mã", "Giá trị hoặc Tử số" and "Mẫu số" are found by their header text;
  - `.yaml` submissions with PyYAML `yaml.safe_load` (the `values:` mapping: a number, a
    Vietnamese number text, `~`, or a mapping with `value` or `numerator`/`denominator`);
* Vietnamese number text is coerced ("1.126" = 1126, "2.826,5" = 2826.5, "99,47%" = 99.47);
  numeric cells are taken as they are; empty cells and `~` are "not reported" (skipped);
* values are summed per indicator code across all units, numerators and denominators
  separately (the denominator sum only exists for ratio rows).

The printed time covers reading, coercing and summing (the workflow itself), not the Python
interpreter start-up or `import pandas`; that favours pandas slightly in the comparison.

Usage: python3 scripts/reference_pandas.py WORKSPACE_DIR [--period 2024] [--csv OUT.csv]
Prints: files=<n> indicators=<k> seconds=<s>
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from pathlib import Path

import pandas as pd
import yaml

SHEET = "Chỉ tiêu"
COL_CODE = "mã"
COL_VALUE = "giá trị hoặc tử số"
COL_DENOMINATOR = "mẫu số"
HEADER_SEARCH_ROWS = 30

_SPACES = re.compile(r"\s+")


def norm(text: object) -> str:
    """Header text as compared: NFC, trimmed, lower case, single spaces."""
    if not isinstance(text, str):
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text).strip().lower())


def vn_number(value: object) -> float:
    """One value as a float: numbers as they are, Vietnamese text parsed, else NaN."""
    if value is None or isinstance(value, bool):
        return float("nan")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        # "1.126" -> 1126, "2.826,5" -> 2826.5, "99,47%" -> 99.47
        t = value.strip().rstrip("%").replace(" ", "").replace("\u00a0", "")
        t = t.replace(".", "").replace(",", ".")
        try:
            return float(t)
        except ValueError:
            return float("nan")
    return float("nan")


def vn_series(s: pd.Series) -> pd.Series:
    """Vectorised `vn_number` for a column: numeric cells as is, text parsed the Vietnamese way."""
    numeric = pd.to_numeric(s, errors="coerce")
    is_text = s.map(lambda v: isinstance(v, str))
    if is_text.any():
        text = (
            s[is_text]
            .astype(str)
            .str.strip()
            .str.rstrip("%")
            .str.replace(r"[\s\u00a0.]", "", regex=True)
            .str.replace(",", ".", regex=False)
        )
        numeric[is_text] = pd.to_numeric(text, errors="coerce")
    return numeric.astype("float64")


def read_xlsx(path: Path) -> pd.DataFrame:
    """The indicator rows of one Excel form as columns code, num, den."""
    raw = pd.read_excel(path, sheet_name=SHEET, engine="openpyxl", header=None, dtype=object)
    head = raw.head(HEADER_SEARCH_ROWS).map(norm)
    hits = head.index[(head == COL_CODE).any(axis=1)]
    if len(hits) == 0:
        raise ValueError(f"{path}: no header row with «Mã» in sheet «{SHEET}»")
    h = hits[0]
    names = list(head.loc[h])
    body = raw.loc[h + 1 :]
    code = body[names.index(COL_CODE)]
    num = body[names.index(COL_VALUE)]
    den = body[names.index(COL_DENOMINATOR)] if COL_DENOMINATOR in names else None
    out = pd.DataFrame(
        {
            "code": code.map(lambda c: c.strip() if isinstance(c, str) else None),
            "num": vn_series(num),
            "den": vn_series(den) if den is not None else float("nan"),
        }
    )
    return out[out["code"].notna() & (out["code"] != "")]


def read_yaml(path: Path) -> list[tuple[str, float, float]]:
    """The indicator values of one YAML submission as (code, num, den) tuples."""
    with path.open(encoding="utf-8") as f:
        doc = yaml.safe_load(f) or {}
    rows = []
    nan = float("nan")
    for code, v in (doc.get("values") or {}).items():
        if isinstance(v, dict):
            if "numerator" in v or "denominator" in v:
                rows.append((code, vn_number(v.get("numerator")), vn_number(v.get("denominator"))))
            elif "value" in v:
                rows.append((code, vn_number(v["value"]), nan))
            # {not_assessed: ...} and similar carry no figure
        else:
            rows.append((code, vn_number(v), nan))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workspace", type=Path)
    ap.add_argument("--period", default="2024")
    ap.add_argument("--csv", type=Path, help="also write the sums per indicator to this CSV")
    args = ap.parse_args()

    folder = args.workspace / "submissions" / args.period
    if not folder.is_dir():
        print(f"no such folder: {folder}", file=sys.stderr)
        return 2

    start = time.perf_counter()
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith((".", "~$"))
    )
    frames: list[pd.DataFrame] = []
    yaml_rows: list[tuple[str, float, float]] = []
    n_files = 0
    for p in files:
        ext = p.suffix.lower()
        if ext in (".xlsx", ".xlsm"):
            frames.append(read_xlsx(p))
        elif ext in (".yaml", ".yml"):
            yaml_rows.extend(read_yaml(p))
        else:
            continue
        n_files += 1
    if yaml_rows:
        frames.append(pd.DataFrame(yaml_rows, columns=["code", "num", "den"]))
    if frames:
        allrows = pd.concat(frames, ignore_index=True)
    else:
        allrows = pd.DataFrame(columns=["code", "num", "den"])
    # min_count=1: an indicator nobody reported (or a non-ratio denominator) stays NaN, not 0.
    sums = allrows.groupby("code", sort=True)[["num", "den"]].sum(min_count=1)
    sums = sums[sums["num"].notna() | sums["den"].notna()]
    seconds = time.perf_counter() - start

    if args.csv:
        sums.to_csv(args.csv)
    print(f"files={n_files} indicators={len(sums)} seconds={seconds:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
