"""PDF/X-4 for the print PDFs: the output intent a print shop's preflight looks for.

In: PDF bytes as ReportLab writes them for print (CMYK or spot inks only, embedded fonts, a
TrimBox and a BleedBox on every page, fixed dates in invariant mode). Out: the same pages as a
PDF/X-4 file (ISO 15930-7): PDF 1.6; an output intent ``GTS_PDFX`` for offset printing on coated
paper (FOGRA39) carrying the shipped ICC profile (``icc/``, made once by
``scripts/build_icc_profile.py``); ``GTS_PDFXVersion`` and ``/Trapped /False`` in the document
information; an XMP metadata stream saying the same, with the document's own dates (never the
clock); no ArtBox beside the TrimBox (PDF/X allows one of the two). The bytes depend on the input
bytes only: qpdf's deterministic file identifier, no object streams, no linearisation.
``pdfx_digest`` names the profile, for the callers' cache keys.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

PROFILE = Path(__file__).with_name("icc") / "FOGRA39L-villes-internet.icc"
PDFX_VERSION = "PDF/X-4"
CONDITION = "FOGRA39"  # the ICC's registry of characterised printing conditions
CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004)"
REGISTRY = "http://www.color.org"
PDF_VERSION = "1.6"  # what PDF/X-4 is built on
_DATE = re.compile(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'\d\d'?)?")
_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description>
    <rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt>
   </dc:description>
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{modified}</xmp:ModifyDate>
   <xmp:MetadataDate>{modified}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <pdf:Producer>{producer}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>{pdfx}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


@cache
def profile_bytes() -> bytes:
    return PROFILE.read_bytes()


def pdfx_digest() -> str:
    """The profile ``to_pdfx`` attaches, wherever ``PROFILE`` points (pikepdf's version and
    this code are in the renderers' code digest)."""
    return hashlib.sha256(profile_bytes()).hexdigest()


def xmp_date(pdf_date: str) -> str:
    """``D:20000101000000+00'00'`` → ``2000-01-01T00:00:00+00:00`` (the same instant)."""
    match = _DATE.fullmatch(pdf_date)
    if match is None:
        raise ValueError(f"label_panels: not a PDF date: {pdf_date!r}")
    year, month, day, hour, minute, second, zone = match.groups()
    offset = "Z" if zone in (None, "Z") else zone.replace("'", "")
    if offset != "Z":
        offset = f"{offset[:3]}:{offset[3:]}"
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}{offset}"


def _xmp(info, source: bytes) -> bytes:
    def text(key: str) -> str:
        return escape(str(info.get(key, "")))

    return _XMP.format(
        title=text("/Title"),
        author=text("/Author"),
        subject=text("/Subject"),
        creator=text("/Creator"),
        producer=text("/Producer"),
        created=xmp_date(str(info.CreationDate)),
        modified=xmp_date(str(info.ModDate)),
        document_id=uuid.UUID(hashlib.sha256(source).hexdigest()[:32]),
        pdfx=PDFX_VERSION,
    ).encode()


def _output_intent(pdf):
    import pikepdf

    profile = pdf.make_stream(profile_bytes(), N=4)
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=CONDITION,
            OutputCondition=CONDITION_INFO,
            RegistryName=REGISTRY,
            Info=CONDITION_INFO,
            DestOutputProfile=profile,
        )
    )


def to_pdfx(data: bytes) -> bytes:
    """The print PDF ``data`` as PDF/X-4 with the FOGRA39 output intent (see the docstring)."""
    import pikepdf  # here, not at import: the charter's digest must not load it

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
                raise ValueError("label_panels: a print page needs a TrimBox and a BleedBox")
            if "/ArtBox" in page.obj:
                del page.obj.ArtBox
        info = pdf.docinfo
        info.GTS_PDFXVersion = PDFX_VERSION
        info.Trapped = pikepdf.Name("/False")
        pdf.Root.Metadata = pdf.make_stream(
            _xmp(info, data), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML
        )
        pdf.Root.OutputIntents = pikepdf.Array([_output_intent(pdf)])
        out = io.BytesIO()
        pdf.save(
            out,
            force_version=PDF_VERSION,
            fix_metadata_version=False,  # our XMP as written: no pikepdf stamp, no clock
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            deterministic_id=True,
        )
    return out.getvalue()
