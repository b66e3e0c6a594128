"""entente: evidence-linked records of relations between countries, from news text."""

__version__ = "0.1.0"
# Bump when extraction output changes, so `entente ingest --reextract` redoes old documents.
PIPELINE_VERSION = "2026.12.08-1"
