"""The request and follow-up letters, as plain text and PDF, made in memory and never stored.

Both documents are in Spanish whatever the citizen's language: they go to an Ecuadorian
institution. The citizen's name, identity number, contact and signature are blank lines to fill
in by hand; the assistant never asks for them.

Facts the letters rely on (../shared/research/ecuador-ogp.md §3):

* The right of access: Constitution Art. 18.2 [secondary] https://es.scribd.com/document/709925337/Acceso-a-la-Informacio-n-Pu-blica
  and the LOTAIP [official] https://registropropiedadpuertoquito.gob.ec/?p=7664 (Art. 7).
* What a request contains (identification, contact, precise description, format, signature; a
  representative attaches the authorisation) [official]
  https://www.gob.ec/pr/tramites/atencion-solicitudes-acceso-informacion-publica
* The deadline of 10 days, extendable by 5 [secondary] lotaip.com (see bot/services/requests.py).
* The acción de acceso a la información pública, Constitution Art. 91, for express or tacit
  denial or incomplete information [secondary] https://dlcarballo.com/2013/02/27/transparencia-y-acceso-a-la-informacion-en-ecuador/
  and the Defensoría del Pueblo's oversight [official] https://www.dpe.gob.ec/la-defensoria-del-pueblo-de-ecuador-es-la-institucion-rectora-del-control-y-cumplimiento-del-derecho-al-acceso-a-la-informacion-publica/

A renderer like the others in bot/render/: services hand over the letters' content as data
(bot.services.requests.RequestLetter, FollowUpLetter); this module turns it into text and PDF.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from fpdf import FPDF

from bot.render.dates import format_date
from bot.services.requests import FollowUpLetter, RequestLetter

LINE_CHARACTERS = 68  # label plus blank fit one A4 line at 10.5 pt


def blank_for(label: str) -> str:
    """A blank line to fill in by hand, as long as the label leaves room for."""
    return "_" * max(20, LINE_CHARACTERS - len(label))


DELIVERY_WORDS = {
    "digital": "digital (archivo electrónico)",
    "fisica": "copias físicas (en papel)",
}
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
BlockKind = Literal["title", "text", "quote", "blank", "note", "space"]


@dataclass(frozen=True)
class Block:
    """One piece of a letter: a paragraph, the citizen's own words, a blank line to fill in."""

    kind: BlockKind
    text: str = ""


@dataclass(frozen=True)
class Document:
    """A letter as blocks, so the text and the PDF say exactly the same."""

    title: str
    filename: str
    blocks: tuple[Block, ...]


def _addressee(name: str, acronym: str | None) -> list[Block]:
    shown = f"{name} ({acronym})" if acronym and acronym.casefold() not in name.casefold() else name
    return [
        Block("blank", "Lugar y fecha"),
        Block("space"),
        Block(
            "text",
            "Señor(a)\nResponsable de atender las solicitudes de acceso a la información "
            f"pública\n{shown}\nPresente.",
        ),
        Block("space"),
        Block("text", "De mi consideración:"),
    ]


def _signature() -> list[Block]:
    return [
        Block("space"),
        Block("text", "Datos de la persona solicitante, para notificaciones:"),
        Block("blank", "Nombres y apellidos"),
        Block("blank", "Cédula, pasaporte o documento de identidad n.º"),
        Block("blank", "Correo electrónico o teléfono"),
        Block("blank", "Dirección (si quiere recibir notificaciones en ella)"),
        Block("space"),
        Block("text", "Atentamente,"),
        Block("space"),
        Block("space"),
        Block("blank", "Firma"),
    ]


def request_document(letter: RequestLetter) -> Document:
    """The access-to-information request, addressed to the institution."""
    blocks = [
        Block("title", "Solicitud de acceso a la información pública"),
        *_addressee(letter.institution_name, letter.institution_acronym),
        Block(
            "text",
            "En ejercicio del derecho de acceso a la información pública, reconocido en el "
            "artículo 18, numeral 2, de la Constitución de la República del Ecuador y regulado "
            "por la Ley Orgánica de Transparencia y Acceso a la Información Pública (LOTAIP), "
            "solicito la siguiente información:",
        ),
        Block("quote", letter.description),
        Block(
            "text",
            "Formato en que solicito la información: "
            f"{DELIVERY_WORDS.get(letter.delivery, DELIVERY_WORDS['digital'])}.",
        ),
        *_signature(),
        Block("space"),
        Block(
            "note",
            "Si presenta esta solicitud en nombre de otra persona o de una organización, adjunte "
            "el documento que le autoriza.",
        ),
    ]
    return Document(
        "Solicitud de acceso a la información pública", "solicitud-informacion.pdf", tuple(blocks)
    )


def followup_document(letter: FollowUpLetter) -> Document:
    """The follow-up letter after no answer or an incomplete one."""
    submitted = format_date(letter.submitted_on, "es")
    if letter.reason == "none":
        situation = (
            "Hasta la fecha no he recibido respuesta, y ha transcurrido el plazo de respuesta que "
            "establece la LOTAIP (10 días, prorrogables por 5 con justificación)."
        )
    else:
        situation = "La respuesta que recibí no contiene toda la información que solicité."
    blocks = [
        Block("title", "Insistencia en una solicitud de acceso a la información pública"),
        *_addressee(letter.institution_name, letter.institution_acronym),
        Block(
            "text",
            f"El {submitted} presenté ante su institución una solicitud de acceso a la "
            "información pública sobre el siguiente asunto:",
        ),
        Block("quote", letter.subject),
        Block("text", situation),
        Block(
            "text",
            "Por ello reitero mi solicitud, cuya copia adjunto, y pido que se me entregue la "
            "información completa, en ejercicio del derecho reconocido en el artículo 18, "
            "numeral 2, de la Constitución de la República del Ecuador y en la LOTAIP.",
        ),
        Block(
            "text",
            "Ante una negativa expresa o tácita, o una entrega incompleta, el artículo 91 de la "
            "Constitución prevé la acción de acceso a la información pública; la Defensoría del "
            "Pueblo vigila el cumplimiento de este derecho.",
        ),
        *_signature(),
    ]
    return Document(
        "Insistencia en una solicitud de acceso a la información pública",
        "insistencia-solicitud.pdf",
        tuple(blocks),
    )


def as_text(document: Document) -> str:
    """The letter as plain text, to paste into an e-mail or a web form."""
    lines: list[str] = []
    for block in document.blocks:
        if block.kind == "title":
            lines += [block.text.upper(), ""]
        elif block.kind == "blank":
            lines.append(f"{block.text}: {blank_for(block.text)}")
        elif block.kind == "space":
            lines.append("")
        elif block.kind == "quote":
            lines += ["", block.text, ""]
        else:
            lines.append(block.text)
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


@lru_cache(maxsize=1)
def unicode_fonts() -> tuple[Path, Path]:
    """DejaVu Sans (regular, bold): Debian's fonts-dejavu-core, on this machine and in CI."""
    for folder in FONT_DIRS:
        regular = next(iter(sorted(folder.glob("**/DejaVuSans.ttf"))), None)
        bold = next(iter(sorted(folder.glob("**/DejaVuSans-Bold.ttf"))), None)
        if regular is not None and bold is not None:
            return regular, bold
    raise RuntimeError("DejaVu Sans not found; install it with: apt-get install fonts-dejavu-core")


def _printable(text: str) -> str:
    # DejaVu Sans covers Spanish and far more, but not emoji: drop those rather than print boxes.
    return "".join(
        ch for ch in text if ord(ch) <= 0xFFFF and unicodedata.category(ch) not in ("So", "Cs")
    )


def as_pdf(document: Document) -> bytes:
    """The letter as an A4 PDF, with a Unicode font so accents, ñ, ¿ and ¡ print as written."""
    regular, bold = unicode_fonts()
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.set_title(document.title)
    pdf.set_lang("es")
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    pdf.add_page()
    for block in document.blocks:
        if block.kind == "title":
            pdf.set_font("DejaVu", "B", 14)
            pdf.multi_cell(0, 8, _printable(block.text), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif block.kind == "space":
            pdf.ln(4)
        elif block.kind == "blank":
            pdf.set_font("DejaVu", "", 10.5)
            pdf.multi_cell(
                0,
                9,
                f"{block.text}: {blank_for(block.text)}",
                align="L",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        elif block.kind == "quote":
            pdf.set_font("DejaVu", "", 10.5)
            pdf.set_x(pdf.l_margin + 8)
            pdf.multi_cell(
                0, 6, _printable(block.text), border="L", align="L", new_x="LMARGIN", new_y="NEXT"
            )
            pdf.ln(3)
        elif block.kind == "note":
            pdf.set_font("DejaVu", "", 8.5)
            pdf.multi_cell(0, 5, _printable(block.text), align="L", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("DejaVu", "", 10.5)
            pdf.multi_cell(0, 6, _printable(block.text), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    return bytes(pdf.output())
