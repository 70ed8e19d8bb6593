"""The Pelican adapter and the build: render pages and files on two cores, then swap the new site
in.
"""
