"""The redaction rules before publishing a need: what never reaches the public list."""

from __future__ import annotations

import pytest

from bot.services.redaction import redact_for_publication


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Escríbame a maria.perez+ga@correo.gob.ec hoy", "Escríbame a (correo) hoy"),
        ("Llame al 0991234567 por favor", "Llame al (teléfono) por favor"),
        ("Llame al 099 123 4567", "Llame al (teléfono)"),
        ("o al +593 99 123 4567.", "o al (teléfono)."),
        ("fijo (02) 2345-678", "fijo (teléfono)"),
        ("+593-2-234-5678", "(teléfono)"),
        ("mi cédula 1712345675 es", "mi cédula (cédula) es"),
        ("cédula 171234567-5", "cédula (cédula)"),
        ("una cédula mal escrita 1712345678", "una cédula mal escrita (cédula)"),
        ("vea https://ejemplo.com/a?b=1 y www.municipio.gob.ec", "vea (enlace) y (enlace)"),
        ("ver quito.gob.ec/tramites", "ver (enlace)"),
    ],
)
def test_personal_data_is_replaced_by_marks(text, expected):
    assert redact_for_publication(text).text == expected


def test_ordinary_numbers_and_words_stay():
    text = "En 2025 hubo 120 obras en 3 parroquias; el presupuesto subió 15,5 %."
    result = redact_for_publication(text)
    assert result.text == text
    assert not result.changed


def test_counts_what_was_removed_and_the_contact_the_citizen_gave():
    result = redact_for_publication(
        "a@b.ec, c@d.ec, 0987654321 y Calle Sucre 12", ["Calle Sucre 12"]
    )
    assert result.removed["(correo)"] == 2
    assert result.removed["(teléfono)"] == 1
    assert result.removed["(contacto)"] == 1
    assert result.changed
