"""Compile locale/*/LC_MESSAGES/django.po into django.mo with polib (pure Python: no GNU gettext needed).

The .mo files are committed, so `make venv`, CI and a deployment need nothing to build them; `make messages`
re-extracts the catalogue (that step needs GNU gettext's xgettext/msgmerge) and runs this script.
tests/core/test_locale.py checks that every committed .mo matches its .po.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def main() -> int:
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        po = polib.pofile(str(po_path))
        counts = Counter((entry.msgctxt or "", entry.msgid) for entry in po if not entry.obsolete)
        twice = sorted(msgid for (_, msgid), n in counts.items() if n > 1)
        if twice:  # a union merge of two branches that both added or changed one entry
            print(f"{po_path}: msgid twice, keep one: {twice[:5]}", file=sys.stderr)
            return 1
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"{po_path.relative_to(LOCALE.parent)}: {len(po.translated_entries())} translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
