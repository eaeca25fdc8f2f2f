"""Print-shop checks on a PDF, as a preflight would make them (helper for the tests).

In: PDF bytes (as ReportLab writes them: no object streams; Flate and ASCII85 filters).
Out: ``print_problems`` lists what a printer would refuse, in English: an RGB colour operator
or colour space, an image not in CMYK (or grey), a page without TrimBox and a BleedBox at
least ``min_bleed_mm`` outside it, a font that is not embedded.
"""

from __future__ import annotations

import base64
import re
import zlib

MM = 72 / 25.4
_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)endstream\s*$", re.S)
# rg/RG set an RGB colour; written after three numbers in a content stream.
_RGB_OPERATOR = re.compile(rb"(?:^|\s)[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+(rg|RG)(?=\s|$)")
_RGB_SPACES = (b"/DeviceRGB", b"/CalRGB", b"/DefaultRGB")


def _decode(head: bytes, data: bytes) -> bytes | None:
    """The stream's bytes after its filters; None for an image codec we do not decode."""
    filters = re.findall(rb"/(ASCII85Decode|FlateDecode|DCTDecode)", head)
    for name in filters:
        if name == b"ASCII85Decode":
            text = data.strip().removeprefix(b"<~").removesuffix(b"~>")
            data = base64.a85decode(text)
        elif name == b"FlateDecode":
            data = zlib.decompress(data)
        else:
            return None
    return data


def objects(pdf: bytes) -> list[tuple[bytes, bytes | None]]:
    """(dictionary, decoded stream or None) of every object."""
    out = []
    for _, body in _OBJECT.findall(pdf):
        match = _STREAM.match(body)
        if match:
            out.append((match.group(1), _decode(match.group(1), match.group(2))))
        else:
            out.append((body, None))
    return out


def _box(head: bytes, name: bytes) -> list[float] | None:
    match = re.search(rb"/" + name + rb"\s*\[([^\]]*)\]", head)
    return [float(v) for v in match.group(1).split()] if match else None


def _page_problems(head: bytes, min_bleed_mm: float) -> list[str]:
    trim, bleed, media = (_box(head, n) for n in (b"TrimBox", b"BleedBox", b"MediaBox"))
    if trim is None or bleed is None:
        return ["a page has no TrimBox or no BleedBox"]
    problems = []
    margins = [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
    if min(margins) < min_bleed_mm * MM - 0.01:
        problems.append(f"bleed of {min(margins) / MM:.2f} mm, under {min_bleed_mm} mm")
    if (
        media
        and not (media[0] <= bleed[0] and media[1] <= bleed[1])
        or (media and (bleed[2] > media[2] + 0.01 or bleed[3] > media[3] + 0.01))
    ):
        problems.append("the BleedBox is larger than the page")
    return problems


def print_problems(pdf: bytes, min_bleed_mm: float = 3.0) -> list[str]:
    problems = []
    pages = 0
    for head, stream in objects(pdf):
        if re.search(rb"/Type\s*/Page(?![s\w])", head):
            pages += 1
            problems += _page_problems(head, min_bleed_mm)
        if re.search(rb"/Subtype\s*/Image", head):
            space = re.search(rb"/ColorSpace\s*/(\w+)", head)
            if not space or space.group(1) not in (b"DeviceCMYK", b"DeviceGray"):
                problems.append(f"an image in {space.group(1) if space else 'no colour space'}")
        font = re.search(rb"/Type\s*/Font\b", head) and b"/Type0" not in head
        if font and b"/FontDescriptor" not in head:
            problems.append("a font without descriptor (not embedded)")
        if re.search(rb"/Type\s*/FontDescriptor", head) and not re.search(rb"/FontFile", head):
            problems.append("a font descriptor without its font file (not embedded)")
        is_font_file = b"/Length1" in head or b"/Subtype /Image" in head
        for text in (head, b"" if is_font_file or stream is None else stream):
            problems += [f"colour space {s.decode()}" for s in _RGB_SPACES if s in text]
            if _RGB_OPERATOR.search(text):
                problems.append("an RGB colour operator (rg/RG) in a content stream")
    if pages == 0:
        problems.append("no page found")
    return sorted(set(problems))
