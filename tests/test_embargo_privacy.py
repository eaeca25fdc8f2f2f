"""R10 and R13 on the whole output: canary strings planted in embargoed and private fields must
appear in no file (nor zip member, nor PDF text, nor image metadata) one second before the
embargo, and the embargoed ones must appear at the embargo instant (so the scan can fail)."""

from __future__ import annotations

import contextlib
import gzip
import io
import re
import shutil
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from label_data.validate import validate

EMBARGO = "2027-02-02T11:00:00+01:00"
BEFORE = "2027-02-02T10:59:59+01:00"
EMBARGOED = ["LIEU-CANARI-2027", "MENTION-CANARI-2027", "VILLE-CANARI-NOUVELLE"]
PRIVATE = [
    "AGENT-CANARI",
    "courriel-canari@example.org",
    "06 99 99 99 99",
    "NOTE-JURY-CANARI",
    "porteur-canari@example.org",
    "cotisations",
    "note_jury",
]
# "alerte" is also a plain French word (SMS alerts): booleans are checked as JSON keys instead.
PRIVATE_KEYS = {"alerte", "cotisations", "contact", "note_jury", "courriel", "telephone"}
NEW_CODE = "48095"  # a village labelled for the first time in 2027, with no actions


def _planted(path: Path, old: str, new: str, *, regex: bool = False) -> None:
    """Replace ``old`` by ``new`` once in ``path``, and fail if it is not there: a canary
    that was never planted would let the search for it pass."""
    text = path.read_text(encoding="utf-8")
    if regex:
        text, count = re.subn(old, lambda _: new, text, count=1)
    else:
        count = text.count(old)
        text = text.replace(old, new, 1)
    assert count >= 1, f"{path.name}: no {old!r} to plant a canary at"
    path.write_text(text, encoding="utf-8")


def plant_canaries(data: Path) -> None:
    _planted(
        data / "territoires" / "33063.yaml",
        r"contact: .*",
        'contact: {nom: "AGENT-CANARI", courriel: '
        '"courriel-canari@example.org", telephone: "06 99 99 99 99"}',
        regex=True,
    )
    (data / "territoires" / f"{NEW_CODE}.yaml").write_text(
        f'code: "{NEW_CODE}"\nnom: "VILLE-CANARI-NOUVELLE"\ntype: village\n', encoding="utf-8"
    )
    palmares = data / "palmares" / "2027.yaml"
    _planted(palmares, r'lieu: "[^"]*"', 'lieu: "LIEU-CANARI-2027"', regex=True)
    _planted(palmares, "mentions:\n", 'mentions:\n  - {id: canari, nom: "MENTION-CANARI-2027"}\n')
    with palmares.open("a", encoding="utf-8") as handle:
        handle.write(
            f'  - territoire: "{NEW_CODE}"\n    arobases: 2\n    mentions: [canari]\n'
            '    alerte: true\n    note_jury: "NOTE-JURY-CANARI"\n'
        )
    for past in ("2025.yaml", "2026.yaml"):
        _planted(
            data / "palmares" / past,
            "    arobases:",
            '    note_jury: "NOTE-JURY-CANARI"\n    arobases:',
        )
    _planted(
        data / "actions" / "33063.yaml",
        "  mise_a_jour:",
        '  contact: {courriel: "porteur-canari@example.org"}\n  mise_a_jour:',
    )


def test_every_canary_is_in_the_loaded_data(tmp_path):
    """The canaries are planted where the loader reads them (not in a comment, not dropped):
    counted in the whole dataset, private fields included, before the public output is
    searched for them."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    plant_canaries(data)
    dataset, problems = validate(data)
    assert not problems.errors, problems.lines()
    bordeaux = dataset.territories["33063"]
    assert bordeaux.contact and bordeaux.contact.nom == "AGENT-CANARI"
    assert bordeaux.contact.courriel == "courriel-canari@example.org"
    edition = dataset.editions[2027]
    assert edition.ceremonie_lieu == "LIEU-CANARI-2027"
    assert edition.mentions["canari"].nom == "MENTION-CANARI-2027"
    new = [lab for lab in edition.laureates if lab.territoire == NEW_CODE]
    assert new and new[0].note_jury == "NOTE-JURY-CANARI" and new[0].alerte
    for year in (2025, 2026):
        notes = [lab.note_jury for lab in dataset.editions[year].laureates]
        assert notes.count("NOTE-JURY-CANARI") == 1, year
    actions = dataset.actions_by_territory["33063"]
    contacts = [a.contact for a in actions if a.contact]
    assert [c.courriel for c in contacts].count("porteur-canari@example.org") == 1


def texts_of(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The bytes of a file and of everything inside it that a reader could see (zip members,
    gzipped search files, PDF text, image metadata)."""
    out = [(name, data)]
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                out += texts_of(f"{name}!{info.filename}", archive.read(info))
    elif data[:2] == b"\x1f\x8b":  # Pagefind's index and fragments are gzipped
        with contextlib.suppress(OSError, EOFError, zlib.error):
            out += texts_of(f"{name}#gzip", gzip.decompress(data))
    elif data[:5] == b"%PDF-":
        for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
            with contextlib.suppress(zlib.error):
                out.append((f"{name}#stream", zlib.decompress(stream)))
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        for index in range(len(pdf)):
            out.append((f"{name}#page{index}", pdf[index].get_textpage().get_text_range().encode()))
        out.append((f"{name}#meta", repr(pdf.get_metadata_dict()).encode()))
    elif data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff":
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            out.append((f"{name}#meta", repr(image.info).encode()))
    return out


def leaks(site: Path, needles: list[str]) -> list[str]:
    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        relative = str(path.relative_to(site))
        for where, data in texts_of(relative, path.read_bytes()):
            lowered = data.lower()
            for needle in needles:
                if needle.lower().encode() in lowered:
                    found.append(f"{where}: {needle}")
        for needle in needles:
            if needle.lower() in relative.lower():
                found.append(f"{relative} (path): {needle}")
    return found


@pytest.fixture(scope="module")
def ceremony(
    tmp_path_factory,
) -> dict[str, Path]:
    import shutil

    from conftest import ROOT

    base = tmp_path_factory.mktemp("ceremony")
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    plant_canaries(data)
    sites = {}
    for label, now in (("before", BEFORE), ("at", EMBARGO)):
        sites[label] = base / label
        # The run's shared cache: its files are keyed by their inputs (test_verify.py), so a
        # canary reaches a kit or panel only through this data.
        assert build_site(sites[label], data=data, now=now) == 0
    return sites


def test_nothing_of_the_embargoed_edition_before_the_instant(ceremony):
    site = ceremony["before"]
    assert leaks(site, EMBARGOED) == []
    assert not (site / "palmares" / "2027").exists()
    for pattern in ("palmares/2027*", "kits/2027*", "panneaux/*-2027*", "donnees/*2027*"):
        assert not list(site.glob(pattern)), pattern
    assert "palmares/2027" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_edition_is_published_at_the_instant_exactly(ceremony):
    site = ceremony["at"]
    found = leaks(site, EMBARGOED)
    for needle in EMBARGOED:
        assert any(needle in line for line in found), f"{needle} not published at the embargo"
    assert (site / "palmares" / "2027" / "index.html").exists()


# The web editor's configuration names every field staff edit, the private ones too (marked
# « (privé) » in their label): names of fields, never a value of the data.
EDITOR_CONFIG = "admin/config.yml"
FIELD_NAMES = ("cotisations", "note_jury")


@pytest.mark.parametrize("moment", ["before", "at"])
def test_private_fields_never_reach_the_output(ceremony, moment):
    found = leaks(ceremony[moment], PRIVATE)
    named = [f"{EDITOR_CONFIG}: {name}" for name in FIELD_NAMES]
    assert [line for line in found if line not in named] == []
    config = (ceremony[moment] / EDITOR_CONFIG).read_text(encoding="utf-8")
    assert "label: Cotisations (privé)" in config and "label: Note du jury (privé)" in config


def json_keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in json_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in json_keys(v)}
    return set()


def test_no_private_key_in_any_json_file(ceremony):
    import json

    for path in ceremony["at"].rglob("*.json"):
        assert not json_keys(json.loads(path.read_text(encoding="utf-8"))) & PRIVATE_KEYS, path
    for path in ceremony["at"].rglob("*.geojson"):
        assert not json_keys(json.loads(path.read_text(encoding="utf-8"))) & PRIVATE_KEYS, path
