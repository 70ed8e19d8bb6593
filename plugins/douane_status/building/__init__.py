"""The Pelican adapter and the build: render pages and files on every core, then swap the new site
in.
"""
