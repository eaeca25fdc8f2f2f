"""Write the web editor's configuration, theme/admin/config.yml, from the schema
(``make admin-config``). Run it after a change to plugins/label_data/schema.py or to the
editor's settings in pelicanconf.py; tests/test_admin.py fails until it is run.

    .venv/bin/python scripts/admin_config.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from label_admin.config import config_text  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

TARGET = ROOT / "theme" / "admin" / "config.yml"


def main(argv: list[str]) -> int:
    text = config_text(read_settings(str(ROOT / "pelicanconf.py")))
    if "--check" in argv:
        if TARGET.read_text(encoding="utf-8") == text:
            return 0
        advice = "lancez «\u00a0make admin-config\u00a0»"
        print(f"{TARGET.relative_to(ROOT)} ne suit plus le schéma\u00a0: {advice}.")
        return 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)} écrit.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
