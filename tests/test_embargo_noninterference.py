"""R10 as a law of the view: the public output is a function of the published data only.

The same data built at the same ``NOW`` with and without an embargoed palmarès file (whose
laureates include a collectivity with actions and no earlier label) gives byte-identical sites.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DEMO_NOW, SHARED_CACHE, build_site

NEW_CODE = "48095"  # a village with actions, first labelled in the embargoed 2027 edition
ACTIONS = """\
- id: village-canari-ecole
  titre: École numérique du village
  description: "Tablettes et *ateliers* pour les enfants."
  categorie: partage-connaissances
  services: [ecole-numerique]
  debut: 2025-09-01
  mise_a_jour: 2026-01-10
"""


def _with_a_new_village(data: Path) -> None:
    (data / "territoires" / f"{NEW_CODE}.yaml").write_text(
        f'code: "{NEW_CODE}"\ntype: village\ncotisations: [2027]\n', encoding="utf-8"
    )
    (data / "actions" / f"{NEW_CODE}.yaml").write_text(ACTIONS, encoding="utf-8")


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_an_embargoed_palmares_changes_no_byte_of_the_public_site(tmp_path, data_copy):
    _with_a_new_village(data_copy)
    palmares = data_copy / "palmares" / "2027.yaml"
    with palmares.open("a", encoding="utf-8") as file:
        file.write(f'  - territoire: "{NEW_CODE}"\n    arobases: 3\n')
    without = tmp_path / "without"
    shutil.copytree(data_copy, without)
    (without / "palmares" / "2027.yaml").unlink()

    # One cache for both: Pagefind writes its filter files in a different order at each run,
    # and the search bundles are cached by a hash of the pages they index, so the second
    # build reuses the first one's bundles only if it indexes exactly the same pages.
    with_site, without_site, cache = tmp_path / "with", tmp_path / "without-site", SHARED_CACHE
    assert build_site(without_site, data=without, now=DEMO_NOW, cache=cache) == 0
    assert build_site(with_site, data=data_copy, now=DEMO_NOW, cache=cache) == 0

    with_files, without_files = _files(with_site), _files(without_site)
    assert sorted(with_files) == sorted(without_files)
    differing = [name for name in with_files if with_files[name] != without_files[name]]
    assert differing == []
    # The village keeps the page its actions gave it before the jury's file was pushed.
    assert any(name.startswith("actions/village-canari-ecole/") for name in with_files)
    assert any(name.startswith("territoires/") and NEW_CODE in name for name in with_files)
