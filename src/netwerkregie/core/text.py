"""Text helpers shared by every app."""

from __future__ import annotations

import unicodedata


def collation_key(text: str) -> str:
    """A name as Dutch alphabetical order compares it: case and accents ignored.

    Stored next to the name (a `sort_name` column) so the database sorts and paginates the
    same on SQLite and PostgreSQL: "Gemeente Émmen" before "GGD", "Ééntwee" with the e's.
    """
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
