"""Copy the browser libraries the theme ships from node_modules/ into theme/static/vendor/.

    .venv/bin/python scripts/vendor_assets.py

Run after ``npm ci`` when package.json changes a version; the copies are committed, so a
build never needs npm or the network. The web editor (Sveltia CMS) is bundled by
``scripts/build_admin.mjs`` into theme/admin/cms/. Leaflet: the script, its CSS and its
licence (BSD-2); no tile layer is used (the map draws our own shapes); the images its CSS
names are copied so that no URL of the site is missing. Source-map comments are dropped: the
maps are not shipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

SOURCE_MAP = re.compile(r"^\s*(//|/\*)# sourceMappingURL=")
ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "theme" / "static" / "vendor"
# package -> (files to copy from the package, target folder under theme/static/vendor)
PACKAGES = {
    "leaflet": (
        (
            "dist/leaflet.js",
            "dist/leaflet.css",
            "LICENSE",
            "dist/images/layers.png",
            "dist/images/layers-2x.png",
            "dist/images/marker-icon.png",
            "dist/images/marker-icon-2x.png",
            "dist/images/marker-shadow.png",
        ),
        "leaflet",
    ),
}


def main() -> int:
    for package, (files, folder) in PACKAGES.items():
        source = ROOT / "node_modules" / package
        if not source.is_dir():
            print(f"{source} est absent : lancez « npm ci » d’abord.", file=sys.stderr)
            return 1
        version = json.loads((source / "package.json").read_text("utf-8"))["version"]
        target = VENDOR / folder
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            relative = Path(name).relative_to("dist") if name.startswith("dist/") else Path(name)
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            if relative.suffix in (".js", ".css"):
                text = (source / name).read_text("utf-8")
                kept = [
                    line for line in text.splitlines(keepends=True) if not SOURCE_MAP.match(line)
                ]
                (target / relative).write_text("".join(kept), encoding="utf-8")
            else:
                shutil.copyfile(source / name, target / relative)
        (target / "VERSION").write_text(f"{package} {version}\n", encoding="utf-8")
        print(f"{package} {version} → {target.relative_to(ROOT)}")
    # The web editor is a bundle, not a copy: esbuild makes it (see the script's comments).
    subprocess.run(["node", str(ROOT / "scripts" / "build_admin.mjs")], check=True)
    print("@sveltia/cms → theme/admin/cms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
