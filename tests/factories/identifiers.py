"""Valid identifiers for tests, computed independently of the production rule (regions.rules) and of python-stdnum.

The check characters are found from each standard's defining equation, not from its weight table:
- GB 11643-1999 (ISO 7064 MOD 11-2): the 18 characters a1..a18, with X = 10, satisfy
  sum(a_i * 2^(18-i)) ≡ 1 (mod 11); the check character is the one value of a18 that makes it true.
- GB 32100-2015: the 18 characters c1..c18 (values in the code alphabet) satisfy
  sum(c_i * 3^(i-1) for i ≤ 17) + c18 ≡ 0 (mod 31).
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def resident_id(first17: str) -> str:
    """first17 plus the check character that satisfies GB 11643-1999's equation."""
    partial = sum(int(d) * 2 ** (17 - i) for i, d in enumerate(first17))
    (value,) = [v for v in range(11) if (partial + v) % 11 == 1]
    return first17 + ("X" if value == 10 else str(value))


def credit_code(first17: str) -> str:
    """first17 plus the check character that satisfies GB 32100-2015's equation."""
    partial = sum(ALPHABET.index(c) * 3**i for i, c in enumerate(first17))
    (value,) = [v for v in range(31) if (partial + v) % 31 == 0]
    return first17 + ALPHABET[value]
