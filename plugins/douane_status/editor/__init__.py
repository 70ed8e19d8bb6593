"""The web editor (Decap CMS at /admin/) and the editor schema, both generated from the format.
Uses the operators' format words and the layers below.
"""
