"""CAMEO / PLOVER knowledge: the codebook (codes.yaml, plover.yaml), event patterns
(patterns/*.yaml) and the control-verb embedding table (embedding.yaml), each validated."""

from .codebook import CameoCode, Codebook, PloverRef, default_codebook, load_codebook

__all__ = ["CameoCode", "Codebook", "PloverRef", "default_codebook", "load_codebook"]
