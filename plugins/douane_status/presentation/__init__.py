"""What every output shares: words in both languages (gettext catalogues, ``locale/``), Markdown,
page addresses and the subscription channels. Uses ``domain`` and ``state``.
"""
