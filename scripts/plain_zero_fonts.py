"""Give the shipped Atkinson Hyperlegible files a plain (unslashed) zero.

In: the TrueType files in ``assets/fonts/`` and the WOFF2 files in ``theme/static/fonts/``.
Out: the same files, rewritten in place, whose ``zero`` glyph is an oval with one counter.

Why: Atkinson Hyperlegible slashes its zero to tell it from the letter O, and has no OpenType
alternate for a plain one; on a road-side panel the year then reads « 2Ø26 », which looks like
a mistake. The slash is drawn as two counters (the holes either side of the bar): we replace
them with the single oval counter they outline, rebuilt from their curved halves (the counter
is symmetric about its centre). Advance widths do not change, so no layout moves. The OFL
(``assets/fonts/OFL.txt``, no Reserved Font Name) allows modified versions under the same
licence; the version string says the file was modified.

Run it once after updating the font files; it leaves a file that already has a plain zero as
it is. ``python scripts/plain_zero_fonts.py [--check]``.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "assets" / "fonts").glob("*.ttf")) + sorted(
    path
    for path in (ROOT / "theme" / "static" / "fonts").glob("*.woff2")
    if "-latin-ext-" not in path.name  # the latin-ext subsets hold no digits
)
MARK = " (zéro sans barre)"
ON_CURVE = 1


def _contours(glyph, glyf) -> list[list[tuple[tuple[int, int], int]]]:
    coords, ends, flags = glyph.getCoordinates(glyf)
    out, start = [], 0
    for end in ends:
        out.append([(tuple(coords[i]), flags[i] & ON_CURVE) for i in range(start, end + 1)])
        start = end + 1
    return out


def _arc(contour, first, last) -> list[tuple[tuple[int, int], int]]:
    """The points from on-curve ``first`` to on-curve ``last``, following the contour."""
    points = [point for point, _ in contour]
    i = points.index(first)
    arc = []
    while True:
        arc.append(contour[i])
        if contour[i][0] == last:
            return arc
        i = (i + 1) % len(contour)


def plain_counter(upper, lower) -> list[tuple[tuple[int, int], int]]:
    """One oval counter from the slashed zero's upper-right and lower-left holes.

    Each hole holds a quarter of the oval as a curve (from its widest on-curve point to its
    highest or lowest one); the two missing quarters are those mirrored about the centre line.
    """
    on_upper = [p for p, on in upper if on]
    on_lower = [p for p, on in lower if on]
    right, top = max(on_upper), max(on_upper, key=lambda p: p[1])
    left, bottom = min(on_lower), min(on_lower, key=lambda p: p[1])
    centre = (left[0] + right[0]) / 2
    upper_right = _arc(upper, right, top)  # counter-clockwise, as a TrueType hole runs
    lower_left = _arc(lower, left, bottom)

    def mirror(arc):
        return [((round(2 * centre - x), y), on) for (x, y), on in reversed(arc)]

    # right → top → left → bottom → right, dropping each quarter's last point (the next
    # quarter starts there).
    quarters = [upper_right, mirror(upper_right), lower_left, mirror(lower_left)]
    return [point for quarter in quarters for point in quarter[:-1]]


def make_plain(font: TTFont) -> bool:
    """Replace the slashed zero by a plain one; False when it already is plain."""
    glyf = font["glyf"]
    glyph = glyf["zero"]
    contours = _contours(glyph, glyf)
    if len(contours) == 2:
        return False
    if len(contours) != 3:
        raise SystemExit(f"unexpected zero with {len(contours)} contours")
    outer, upper, lower = contours
    if max(p[1] for p, _ in upper) < max(p[1] for p, _ in lower):
        upper, lower = lower, upper
    new = [outer, plain_counter(upper, lower)]
    glyph.coordinates = GlyphCoordinates([p for contour in new for p, _ in contour])
    glyph.flags = bytearray(on for contour in new for _, on in contour)
    glyph.numberOfContours = len(new)
    glyph.endPtsOfContours = []
    total = 0
    for contour in new:
        total += len(contour)
        glyph.endPtsOfContours.append(total - 1)
    glyph.program.fromBytecode(b"")  # the hinting was for the old outline
    glyph.recalcBounds(glyf)
    for record in font["name"].names:
        if record.nameID == 5 and MARK not in record.toUnicode():
            record.string = record.toUnicode() + MARK
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if a zero is still slashed")
    args = parser.parse_args()
    slashed = []
    for path in FILES:
        font = TTFont(path, recalcTimestamp=False)
        if not make_plain(font):
            continue
        slashed.append(path)
        if not args.check:
            buffer = io.BytesIO()
            font.save(buffer, reorderTables=True)
            path.write_bytes(buffer.getvalue())
            print(f"plain zero: {path.relative_to(ROOT)}")
    if args.check and slashed:
        print("slashed zero in: " + ", ".join(str(p.relative_to(ROOT)) for p in slashed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
