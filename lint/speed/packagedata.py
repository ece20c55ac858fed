"""Data files shipped inside a package, read through the package's own loader.

``importlib.resources`` would do the same, but importing it brings in tempfile, zipfile, shutil
and the compression modules: about a tenth of the start-up of a run on a small file, for a few
reads that ``pkgutil.get_data`` does with what is already imported.
"""

from __future__ import annotations

import pkgutil
import sys
from pathlib import Path


def read_text(package: str, *parts: str) -> str:
    """The UTF-8 text of ``package``'s data file ``parts`` (a path inside the package);
    FileNotFoundError when it is not there. Line ends are read as ``\\n``, as a text-mode
    open would."""
    try:
        data = pkgutil.get_data(package, "/".join(parts))
    except OSError as error:
        raise FileNotFoundError(f"{package}: no data file {'/'.join(parts)}") from error
    if data is None:
        raise FileNotFoundError(f"{package}: no data file {'/'.join(parts)}")
    text = data.decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def folder(package: str, *parts: str) -> Path:
    """``package``'s data folder ``parts``, to list (the package is installed as files, as pip
    and editable installs leave it)."""
    __import__(package)
    return Path(sys.modules[package].__file__ or "").parent.joinpath(*parts)
