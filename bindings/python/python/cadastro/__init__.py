"""cadastro: import and export a customer base from and to CSV and Excel files.

Read a file (format, encoding and delimiter detected from the bytes), map its columns to the
canonical fields, validate and normalize every cell, and get a :class:`Report` of the valid
customers and every problem as an :class:`Issue`. The work is done by the Rust core; this
package is a thin face over it (``cadastro._cadastro``).

>>> import cadastro
>>> report = cadastro.validate("clientes.csv", profile="asaas")   # doctest: +SKIP
>>> report.stats.customers_valid                                  # doctest: +SKIP
"""

from ._cadastro import (
    CadastroError,
    CorruptFile,
    DuplicateHeader,
    EmptyFile,
    EncodingError,
    EncryptedFile,
    Inspection,
    InternalError,
    InvalidOptions,
    InvalidProfile,
    Issue,
    LimitExceeded,
    MissingRequiredColumn,
    Normalized,
    NoHeader,
    Profile,
    Report,
    SheetNotFound,
    Stats,
    UnsupportedFormat,
    WriteError,
    __version__,
    default_limits,
    field_names,
    inspect,
    normalize,
    validate,
)

__all__ = [
    "CadastroError",
    "CorruptFile",
    "DuplicateHeader",
    "EmptyFile",
    "EncodingError",
    "EncryptedFile",
    "Inspection",
    "InternalError",
    "InvalidOptions",
    "InvalidProfile",
    "Issue",
    "LimitExceeded",
    "MissingRequiredColumn",
    "Normalized",
    "NoHeader",
    "Profile",
    "Report",
    "SheetNotFound",
    "Stats",
    "UnsupportedFormat",
    "WriteError",
    "__version__",
    "default_limits",
    "field_names",
    "inspect",
    "normalize",
    "validate",
]
