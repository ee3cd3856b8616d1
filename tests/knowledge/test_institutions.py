"""The institutions directory: every entry sourced, checked by `kb check`, and findable."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.check import check_knowledge_base
from knowledge.institutions import InstitutionDirectory
from knowledge.loader import CONTENT_DIR, load_knowledge_base

KB = load_knowledge_base()
DIRECTORY = InstitutionDirectory(KB.institutions)


def test_the_shipped_directory_passes_the_check_and_names_the_bodies_the_base_names():
    assert not [p for p in check_knowledge_base(KB) if "institution" in p.message]
    ids = {item.id for item in KB.institutions}
    # Lead institutions of the action plans and the bodies the access-to-information answers name.
    assert {"presidencia", "defensoria-del-pueblo", "sercop", "mintel", "cpccs"} <= ids
    for item in KB.institutions:
        assert item.sources, item.id
        if item.requests.known:
            assert item.requests.source in item.sources


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("SERCOP", "sercop"),
        ("la defensoria del pueblo", "defensoria-del-pueblo"),
        ("Defensoría", "defensoria-del-pueblo"),
        ("cnj", "corte-nacional"),
        ("Contraloría General del Estado", "contraloria"),
    ],
)
def test_exact_names_acronyms_and_aliases_are_taken_directly(typed, expected):
    found = DIRECTORY.resolve(typed)
    assert found is not None and found.id == expected


def test_typos_and_partial_names_are_offered_not_assumed():
    matches = DIRECTORY.search("minsterio del ambiete")
    assert [m.institution.id for m in matches][:1] == ["ambiente"]
    assert DIRECTORY.resolve("minsterio del ambiete") is None
    several = {m.institution.id for m in DIRECTORY.search("ministerio")}
    assert {"ambiente", "trabajo", "mintel", "produccion"} <= several


@pytest.mark.parametrize("typed", ["ministerio de salud", "IESS", "xyz", "", "   "])
def test_bodies_the_directory_lacks_find_nothing(typed):
    assert DIRECTORY.search(typed) == []


def _write(tmp_path: Path, institutions: str) -> Path:
    content = tmp_path / "content"
    (content / "faq").mkdir(parents=True)
    (content / "topics.yaml").write_text((CONTENT_DIR / "topics.yaml").read_text())
    (content / "institutions.yaml").write_text(institutions)
    return content


def test_check_refuses_a_site_no_source_cites_and_a_channel_without_source(tmp_path):
    content = _write(
        tmp_path,
        """
- id: inventada
  name: Institución Inventada
  website: https://www.inventada.gob.ec/
  requests:
    known: true
    how: {es: Por correo., en: By e-mail.}
  sources: [https://www.otra.gob.ec/pagina]
  reviewed: 2026-12-01
- id: copia
  name: Otra Institución
  aliases: [institucion inventada]
  requests: {known: false, how: {es: Algo., en: Something.}}
  sources: []
  reviewed: 2026-12-01
""",
    )
    messages = [p.message for p in check_knowledge_base(load_knowledge_base(content))]
    assert any("is not the site of any of its sources" in m for m in messages)
    assert any("requests.known needs 'how' and 'source'" in m for m in messages)
    assert any("'copia': has no sources" in m for m in messages)
    assert any("known is false but 'how'" in m for m in messages)
    assert any("also used by 'inventada'" in m for m in messages)
