"""The HTTP clients of Opiq, eKool, EHIS and the practice controls, and the typed answers they
parse.
"""
