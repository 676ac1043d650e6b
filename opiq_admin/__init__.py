"""opiq-admin: run the Opiq ↔ eKool integration of your schools."""

__version__ = "0.1.0"
