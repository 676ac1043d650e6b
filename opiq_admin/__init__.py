"""opiq-admin: run the Opiq ↔ eKool integration of your schools."""

from importlib import metadata

try:
    # The one place the version is written is pyproject.toml; an installed wheel, an
    # editable install and a frozen bundle (which carries the metadata) all read it here.
    __version__ = metadata.version("opiq-admin")
except metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
