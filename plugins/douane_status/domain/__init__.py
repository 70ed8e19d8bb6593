"""The domain: events and their timeline, time and working days, settings, errors and findings.
Imports nothing else of the package.
"""
