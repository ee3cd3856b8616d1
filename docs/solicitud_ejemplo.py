"""Write the example request letter shown in docs/solicitud-ejemplo.png.

.venv/bin/python docs/solicitud_ejemplo.py /tmp/solicitud.pdf
pdftoppm -png -r 60 -f 1 -l 1 -singlefile /tmp/solicitud.pdf docs/solicitud-ejemplo
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.render.letters import as_pdf, request_document
from bot.services.requests import RequestLetter

EXAMPLE = RequestLetter(
    institution_name="Servicio Nacional de Contratación Pública",
    institution_acronym="SERCOP",
    description=(
        "Copia de los contratos de compra de medicinas firmados por el Hospital del Sur entre "
        "enero y junio de 2025, con el monto, el proveedor y la fecha de cada uno."
    ),
    delivery="digital",
)

if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "solicitud-ejemplo.pdf")
    target.write_bytes(as_pdf(request_document(EXAMPLE)))
    print(target)
