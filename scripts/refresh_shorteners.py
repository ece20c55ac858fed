"""Refresh the shipped public shortener list from a newer copy of it.

    git clone https://github.com/PeterDaveHello/url-shorteners /tmp/url-shorteners
    python scripts/refresh_shorteners.py /tmp/url-shorteners

SOURCE is a checkout of github.com/PeterDaveHello/url-shorteners (files ``list`` and
``inactive``, licence in ``LICENSE``) or a folder holding ``list.txt`` and ``inactive.txt``.
The files are copied as they are (upstream's header comments included) into
``lint/data/links/url-shorteners/`` with the licence, ``SOURCE.md`` is rewritten with the
commit and date (read from git when SOURCE is a checkout, else ``--commit``/``--date``), and
the report says what changed and which of the project's own entries now need a look:
additions in ``shorteners.txt`` the list now has, ``not-shorteners.yaml`` domains that are on
no list any more. Nothing is fetched: the script reads only the folder it is given.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "lint" / "data" / "links"
UPSTREAM = "https://github.com/PeterDaveHello/url-shorteners"
_DOMAIN = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+", re.IGNORECASE)
_NAMES = {"list.txt": ("list", "list.txt"), "inactive.txt": ("inactive", "inactive.txt")}

SOURCE_TEMPLATE = """\
# URL shortener domains (the maintained public list)

The two lists in this folder are the URL Shorteners list by Peter Dave Hello and its
contributors, {upstream}, copied unchanged:

- `list.txt`: active URL shortener domains ({active} entries).
- `inactive.txt`: shorteners that have shut down, stopped resolving or stopped redirecting
  ({inactive} entries); old published text still links to them, so their links are dead.
- Upstream commit: {commit} ({date}).
- Licence: Creative Commons Attribution-ShareAlike 4.0 International (`LICENSE.txt`). These
  two files are under CC BY-SA 4.0; the rest of contentlint keeps its own licence (MIT). If
  you change them, share your version under the same licence.

contentlint reads them as data (`lint/checks/links/lexicon.py`); the project's own additions
are in `../shorteners.txt` and the listed hosts it does not report in `../not-shorteners.yaml`.
To refresh: clone the upstream repository and run
`python scripts/refresh_shorteners.py PATH/TO/url-shorteners`.
"""


def domains(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            found.append(entry.lower())
    return found


def _source_file(folder: Path, names: tuple[str, ...]) -> Path:
    for name in names:
        if (folder / name).is_file():
            return folder / name
    raise SystemExit(f"{folder}: none of {', '.join(names)} found")


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()


def _team_entries() -> list[tuple[str, bool]]:
    entries = []
    for line in (DATA / "shorteners.txt").read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            entries.append((words[0].lower(), words[1:2] == ["defunct"]))
    return entries


def _listed(host: str, listed: set[str]) -> bool:
    parts = host.split(".")
    return any(".".join(parts[index:]) in listed for index in range(len(parts)))


def refresh(source: Path, data: Path, commit: str, date: str) -> list[str]:
    """Copy the lists into ``data``; the lines of the report."""
    import yaml

    target = data / "url-shorteners"
    target.mkdir(parents=True, exist_ok=True)
    report = []
    new_lists: dict[str, list[str]] = {}
    for name, candidates in _NAMES.items():
        path = _source_file(source, candidates)
        text = path.read_text(encoding="utf-8")
        entries = domains(text)
        bad = [entry for entry in entries if not _DOMAIN.fullmatch(entry)]
        if bad:
            report.append(f"{name}: {len(bad)} entries that are not domains: {', '.join(bad[:5])}")
        old_path = target / name
        old = set(domains(old_path.read_text(encoding="utf-8"))) if old_path.exists() else set()
        added, removed = sorted(set(entries) - old), sorted(old - set(entries))
        report.append(
            f"{name}: {len(old)} -> {len(entries)} entries; +{len(added)} "
            f"({', '.join(added[:8])}{' ...' if len(added) > 8 else ''}), -{len(removed)} "
            f"({', '.join(removed[:8])}{' ...' if len(removed) > 8 else ''})"
        )
        shutil.copyfile(path, target / name)
        new_lists[name] = entries
    licence = next(
        (source / n for n in ("LICENSE", "LICENSE.txt", "LICENSE.md") if (source / n).is_file()),
        None,
    )
    if licence is not None:
        shutil.copyfile(licence, target / "LICENSE.txt")
    elif not (target / "LICENSE.txt").exists():
        report.append("no LICENSE in the source: add the CC BY-SA 4.0 text as LICENSE.txt")
    (target / "SOURCE.md").write_text(
        SOURCE_TEMPLATE.format(
            upstream=UPSTREAM,
            active=len(new_lists["list.txt"]),
            inactive=len(new_lists["inactive.txt"]),
            commit=commit or "unknown",
            date=date or "unknown",
        ),
        encoding="utf-8",
    )
    active, inactive = set(new_lists["list.txt"]), set(new_lists["inactive.txt"])
    for domain, dead in _team_entries():
        if (domain in inactive) or (domain in active and not dead):
            report.append(f"shorteners.txt: {domain} is now on the public list; remove it")
    groups = yaml.safe_load((data / "not-shorteners.yaml").read_text(encoding="utf-8"))["groups"]
    listed = active | inactive | {domain for domain, _ in _team_entries()}
    for group in groups:
        for domain in group["domains"]:
            if not _listed(domain.lower(), listed):
                report.append(f"not-shorteners.yaml: {domain} is on no list now; remove it")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("source", type=Path, help="a checkout of the upstream list")
    parser.add_argument("--commit", default="", help="upstream commit (read from git if empty)")
    parser.add_argument("--date", default="", help="upstream commit date (read from git if empty)")
    parser.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    commit = args.commit or _git(args.source, "rev-parse", "HEAD")
    date = args.date or _git(args.source, "log", "-1", "--format=%cs")
    for line in refresh(args.source, args.data, commit, date):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
