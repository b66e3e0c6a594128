"""Field types several contracts share: ISO codes, checked by shape."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

Iso3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]  # ISO 3166-1 alpha-3 country code
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]  # ISO 4217 currency code
