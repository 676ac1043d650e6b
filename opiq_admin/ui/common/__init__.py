"""What every page uses: the operation helper, the table model, small widgets, exporting,
languages, the page base.
"""
