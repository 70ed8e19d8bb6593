"""What each page of the site shows, in each language: the views the theme's templates render.

``view_models`` holds the shapes, ``language_views`` one language's events and systems, ``views``
every page. Uses the layers up to ``reports``.
"""
