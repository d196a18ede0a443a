"""Explorer front-end assets: npm packages (pinned in package.json / package-lock.json beside this
file) installed once at set-up and copied into ``<data_dir>/explorer/vendor``. The server only
ever reads that folder, so the pages work with no network and no CDN.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import UserError
from ..settings import data_dir

HERE = Path(__file__).resolve().parent

# What the pages load: vendor file name -> path inside node_modules. Licences travel with them.
VENDOR_FILES: dict[str, str] = {
    "d3.min.js": "d3/dist/d3.min.js",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "LICENSE.d3.txt": "d3/LICENSE",
    "LICENSE.topojson-client.txt": "topojson-client/LICENSE",
    "LICENSE.world-atlas.txt": "world-atlas/LICENSE",
    "LICENSE.cytoscape.txt": "cytoscape/LICENSE",
}
STAMP = "versions.json"


def vendor_dir(base: Path | None = None) -> Path:
    """Where the bundled front-end files live (``$KHABAR_DATA/explorer/vendor`` by default)."""
    return (base or data_dir()) / "explorer" / "vendor"


def pinned_versions() -> dict[str, str]:
    return json.loads((HERE / "package.json").read_text(encoding="utf-8"))["dependencies"]


def assets_ready(folder: Path) -> bool:
    """True when every vendor file exists and was built from the versions pinned now."""
    stamp = folder / STAMP
    if not stamp.exists() or any(not (folder / name).exists() for name in VENDOR_FILES):
        return False
    try:
        return json.loads(stamp.read_text(encoding="utf-8")) == pinned_versions()
    except ValueError:
        return False


def build_assets(data_dir: Path, force: bool) -> str:
    """Install the pinned npm packages (``npm ci``, lock file checked) and copy what the pages
    need into ``data_dir/explorer/vendor``. Skips the work when the folder is already current."""
    target = vendor_dir(Path(data_dir))
    if not force and assets_ready(target):
        return f"{target} (up to date)"
    npm = shutil.which("npm")
    if npm is None:
        raise UserError("npm not found: install Node.js and npm (e.g. apt-get install npm), then run `khabar setup`")
    with tempfile.TemporaryDirectory(prefix="khabar-npm-") as tmp:
        work = Path(tmp)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(HERE / name, work / name)
        # --ignore-scripts: these packages need no install scripts, and running none is safer.
        proc = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=work, capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            last = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["(no output)"]
            raise UserError(f"npm ci failed while building explorer assets: {last[0]}")
        staging = target.with_name(target.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for name, rel in VENDOR_FILES.items():
            src = work / "node_modules" / rel
            if not src.exists():
                raise UserError(f"npm package file missing after install: {rel}")
            shutil.copy2(src, staging / name)
        (staging / STAMP).write_text(json.dumps(pinned_versions(), indent=2), encoding="utf-8")
        # Swap in the finished folder so a half-built vendor dir is never served.
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    size = sum(p.stat().st_size for p in target.iterdir()) / 1e6
    return f"{target} ({len(VENDOR_FILES)} files, {size:.1f} MB)"
