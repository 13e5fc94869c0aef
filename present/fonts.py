"""Korean fonts for what the app renders itself (chart PNGs, the briefing PDF), found without the network.

Browsers use the viewer's fonts; PNGs and PDFs are drawn here, so they need a font file with Hangul:

1. Noto Sans KR shipped by the pip package `pylopdf-fonts-ko` (SIL OFL; data only, no code we run) — works
   wherever only pip packages are installed;
2. Debian's fonts-noto-cjk collection (/usr/share/fonts/opentype/noto/NotoSansCJK-*.ttc, face "Noto Sans CJK KR"),
   which also has a bold face.

When neither is there, `KoreanFontMissing` says what to install rather than drawing empty boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

SYSTEM_CJK_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"))
SYSTEM_CJK_FAMILY = "Noto Sans CJK KR"
PIP_FAMILY = "Noto Sans KR"
INSTALL_HINT = (
    "No Korean font found for charts and PDFs. Install one of: `pip install pylopdf-fonts-ko` "
    "(Noto Sans KR, shipped as a Python package) or Debian's `apt-get install fonts-noto-cjk`."
)


class KoreanFontMissing(RuntimeError):
    """No font file with Hangul is installed (see INSTALL_HINT)."""


@dataclass(frozen=True)
class FontFace:
    path: Path
    family: str  # the family name inside the file, e.g. "Noto Sans KR"
    index: int = 0  # face number inside a TTC/OTC collection
    bold: bool = False


def _pip_faces() -> list[FontFace]:
    try:
        import pylopdf_fonts_ko
    except ImportError:
        return []
    path = Path(pylopdf_fonts_ko.sans_path())
    return [FontFace(path, PIP_FAMILY)] if path.is_file() else []


def _collection_index(path: Path, family: str) -> int | None:
    """The face number of `family` inside a TTC collection (read with fontTools, a dependency of fpdf2)."""
    from fontTools.ttLib import TTCollection

    try:
        collection = TTCollection(str(path), lazy=True)
    except Exception:
        return None
    for index, font in enumerate(collection.fonts):
        if font["name"].getBestFamilyName() == family:
            return index
    return None


def _system_faces() -> list[FontFace]:
    faces = []
    for folder in SYSTEM_CJK_DIRS:
        for name, bold in (("NotoSansCJK-Regular.ttc", False), ("NotoSansCJK-Bold.ttc", True)):
            path = folder / name
            if path.is_file():
                index = _collection_index(path, SYSTEM_CJK_FAMILY)
                if index is not None:
                    faces.append(FontFace(path, SYSTEM_CJK_FAMILY, index, bold))
        if faces:
            break
    return faces


@cache
def korean_faces() -> tuple[FontFace, ...]:
    """Every Korean face found: the pip package's first, then the system collection's."""
    return tuple(_pip_faces() + _system_faces())


def regular_face() -> FontFace:
    """The regular face to embed in PDFs; raises KoreanFontMissing when there is none."""
    regular = [f for f in korean_faces() if not f.bold]
    if not regular:
        raise KoreanFontMissing(INSTALL_HINT)
    return regular[0]


def bold_face() -> FontFace | None:
    """A bold face of the same design when one is installed (system collection), else None."""
    return next((f for f in korean_faces() if f.bold), None)


def chart_font_family() -> str:
    """The CSS-style family list for Vega charts drawn by vl-convert: the faces found, then sans-serif."""
    families = list(
        dict.fromkeys(f.family for f in sorted(korean_faces(), key=lambda f: f.family != SYSTEM_CJK_FAMILY))
    )
    if not families:
        raise KoreanFontMissing(INSTALL_HINT)
    return ", ".join([*families, "sans-serif"])


def font_directories() -> tuple[Path, ...]:
    """Folders holding the Korean faces, for `vl_convert.register_font_directory`."""
    return tuple(dict.fromkeys(f.path.parent for f in korean_faces()))
