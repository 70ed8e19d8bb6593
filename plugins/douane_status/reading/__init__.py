"""Reading files: front matter and language blocks, outage files into events, the systems and
windows catalogue, the phrasebook. Uses only ``domain``.
"""
