"""The web editor (Decap CMS at /admin/) and the editor schema, both generated from the format."""
