"""The domain: events and their timeline, time and working days, settings, errors and findings.

The bottom layer: imports nothing else of the package.
"""
